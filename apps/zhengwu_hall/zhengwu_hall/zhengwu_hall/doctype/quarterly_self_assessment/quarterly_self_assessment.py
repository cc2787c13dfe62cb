# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""季度考核自查表 (seed 001 绩效考核制度 第四条 and 考核的基本程序 (一) 季度考核).

The workflow "Quarterly Self-Assessment" (fixtures/workflows/quarterly_self_assessment.json): the Window Staff
member fills the self-report per dimension of the pack's scoring scheme and submits it (Draft → Self-Assessment
Submitted); the management body (Hall Administrator, 政务服务管理机构) scores each dimension with the quarter's
facts pre-filled from the records and proposes a grade (→ Scored); the Center Director (政务服务管理机构负责人)
confirms the grade (→ Grade Confirmed, submitted) or returns it for rescoring. Who may change which part of the
form in each state is enforced here as well (Frappe's workflow checks only the transitions)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime, today

from zhengwu_hall.rules import assessment as rules
from zhengwu_hall.rules.packs import RuleNotConfigured
from zhengwu_hall.setup.assessment import hall_pack, quarter_facts, throw_not_configured
from zhengwu_hall.utils import set_staff_fields

DRAFT, SUBMITTED, SCORED, CONFIRMED = (
	"Self-Assessment Draft",
	"Self-Assessment Submitted",
	"Scored",
	"Grade Confirmed",
)
PRIVILEGED = ("System Manager",)
SCORER_FIELDS = ("scorer_opinion",)
DIRECTOR_FIELDS = ("confirmed_grade", "director_opinion")
# the part of the form each state lets one role change
EDITABLE = {
	DRAFT: ("self_report", "Window Staff"),
	SUBMITTED: ("score", "Hall Administrator"),
	SCORED: ("confirm", "Center Director"),
}


class NotYourAssessmentError(frappe.ValidationError):
	pass


class DuplicateAssessmentError(frappe.ValidationError):
	pass


class EditNotAllowedInStateError(frappe.ValidationError):
	pass


class ScoreError(frappe.ValidationError):
	pass


class SelfReportMissingError(frappe.ValidationError):
	pass


class QuarterlySelfAssessment(Document):
	def validate(self):
		self.set_from_staff()
		self.validate_own_assessment()
		self.set_period()
		self.validate_unique_quarter()
		self.set_items_from_pack()
		self.validate_editor_for_state()
		self.refresh_facts()
		self.validate_self_report()
		self.score()
		self.confirm()

	# ---------------------------------------------------------------------------------------- filing
	def set_from_staff(self):
		set_staff_fields(self)
		self.stationed_department = frappe.db.get_value("Window Staff", self.staff, "stationed_department")

	def validate_own_assessment(self):
		"""A Window Staff member files their own self-assessment only."""
		user = frappe.session.user
		if user == "Administrator" or set(frappe.get_roles(user)) & {
			"Hall Administrator",
			"Center Director",
			*PRIVILEGED,
		}:
			return
		if frappe.db.get_value("Window Staff", self.staff, "user") != user:
			frappe.throw(_("You can only fill in your own quarterly self-assessment"), NotYourAssessmentError)

	def set_period(self):
		self.from_date, self.to_date = rules.quarter_range(int(self.year), int(self.quarter))

	def validate_unique_quarter(self):
		other = frappe.db.get_value(
			self.doctype,
			{
				"staff": self.staff,
				"year": self.year,
				"quarter": self.quarter,
				"docstatus": ("<", 2),
				"name": ("!=", self.name or ""),
			},
			"name",
		)
		if other:
			frappe.throw(
				_("{0} already has the self-assessment {1} for quarter {2} of {3}").format(
					self.staff_name or self.staff, other, self.quarter, self.year
				),
				DuplicateAssessmentError,
			)

	def set_items_from_pack(self):
		"""One row per dimension of the pack's scheme, in its order, with the pack's weight and full score."""
		pack = hall_pack(self.service_hall)
		rows = list(pack.get("assessment_dimensions") or [])
		if not rows:
			throw_not_configured(RuleNotConfigured("assessment_dimensions", pack.get("jurisdiction")))
		existing = {r.dimension: r for r in self.items}
		self.items = []
		for row in rows:
			item = existing.get(row.get("dimension")) or frappe._dict()
			self.append(
				"items",
				{
					"dimension": row.get("dimension"),
					"weight": row.get("weight"),
					"full_score": row.get("full_score"),
					"self_report": item.get("self_report"),
					"evidence": item.get("evidence"),
					"score": item.get("score"),
				},
			)

	# ---------------------------------------------------------------------------------------- who edits
	def state_before(self) -> str:
		before = self.get_doc_before_save()
		return (before.workflow_state if before else None) or DRAFT

	def validate_editor_for_state(self):
		"""The self-report only by the staff in Draft; the scores and the scorer's opinion only by the Hall
		Administrator while submitted; the confirmation only by the Center Director while scored."""
		if frappe.session.user == "Administrator" or set(frappe.get_roles()) & set(PRIVILEGED):
			return
		state = self.state_before()
		part, role = EDITABLE.get(state, (None, None))
		roles = set(frappe.get_roles())
		for group in self.changed_parts(self.get_doc_before_save()):
			if group != part or role not in roles:
				frappe.throw(
					_("You cannot change this part of the self-assessment in state {0}").format(_(state)),
					EditNotAllowedInStateError,
				)

	def changed_parts(self, before) -> set[str]:
		def rows(doc):
			return [(r.dimension, r.self_report or "", r.evidence or "", r.score or 0) for r in doc.items]

		def fields_changed(fields):
			return any((before.get(f) or "") != (self.get(f) or "") for f in fields)

		parts = set()
		if before is None:
			if any(r.score for r in self.items) or any(self.get(f) for f in SCORER_FIELDS):
				parts.add("score")
			if any(self.get(f) for f in DIRECTOR_FIELDS):
				parts.add("confirm")
			return parts
		old, new = rows(before), rows(self)
		if [r[:3] for r in old] != [r[:3] for r in new] or (before.summary or "") != (self.summary or ""):
			parts.add("self_report")
		if [r[3] for r in old] != [r[3] for r in new] or fields_changed(SCORER_FIELDS):
			parts.add("score")
		if fields_changed(DIRECTOR_FIELDS):
			parts.add("confirm")
		return parts

	# ---------------------------------------------------------------------------------------- facts
	def refresh_facts(self):
		"""The quarter's facts from the records, until the form is scored (then they stay as the scorer saw them)."""
		if self.state_before() not in (DRAFT, SUBMITTED):
			return
		self.update(quarter_facts(self.staff, self.service_hall, self.from_date, self.to_date))
		self.facts_updated_on = now_datetime()

	def validate_self_report(self):
		if (self.workflow_state or DRAFT) == DRAFT:
			return
		missing = [r.dimension for r in self.items if not (r.self_report or "").strip()]
		if missing:
			frappe.throw(
				_("Write the self-report for: {0}").format("、".join(missing)), SelfReportMissingError
			)

	# ---------------------------------------------------------------------------------------- scoring
	def score(self):
		if self.workflow_state != SCORED or self.state_before() != SUBMITTED:
			return
		pack = hall_pack(self.service_hall)
		try:
			total = rules.weighted_total(pack, {r.dimension: r.score for r in self.items})
			grade = rules.grade_for(pack, total)
		except RuleNotConfigured as e:
			throw_not_configured(e)
		except (rules.ScoreOutOfRange, rules.UnknownDimension) as e:
			frappe.throw(str(e), ScoreError)
		self.total_score = float(total)
		self.proposed_grade = grade.name
		self.scored_by = frappe.session.user
		self.scored_on = today()

	def confirm(self):
		if self.workflow_state != CONFIRMED or self.state_before() != SCORED:
			return
		self.confirmed_grade = self.confirmed_grade or self.proposed_grade
		if self.confirmed_grade != self.proposed_grade and not (self.director_opinion or "").strip():
			frappe.throw(
				_("Give your opinion when the confirmed grade differs from the proposed one"), ScoreError
			)
		self.confirmed_by = frappe.session.user
		self.confirmed_on = today()

	def before_submit(self):
		if self.workflow_state != CONFIRMED:
			frappe.throw(_("Only the Center Director confirms the grade"), EditNotAllowedInStateError)
