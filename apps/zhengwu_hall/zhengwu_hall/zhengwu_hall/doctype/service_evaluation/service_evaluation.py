# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""好差评 rating (seed 001 “好差评”制度): one rating of a visit (一次一评, 第十条、第十四条) or of a completed case
(一事一评, 第九条), possibly covering a batch of cases of one item (第十五条) or a 主题式/一件事 service (第十六条).

The level's score and 差评 flag come from the pack (第八条); a bad review needs a reason (第十八条) and opens a Bad
Review Work Order to the window department's liaison (第十九条). What the rating adds to the maintained
aggregates is applied on every save and delete (zhengwu_hall.setup.evaluations). The counting fields
(excluded, held, replied, revisited, satisfied) are set only by the rating code — the public endpoint's
刷好评 guard, the work order, a supervisor's release — never by editing the rating."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from zhengwu_hall.rules import evaluations as rules
from zhengwu_hall.rules.packs import RuleNotConfigured, bad_review_reasons
from zhengwu_hall.setup import evaluations as ev
from zhengwu_hall.setup.calendar import get_working_calendar, translated_calendar_errors
from zhengwu_hall.utils import validate_window_in_hall

COUNTING_FIELDS = (
	"excluded",
	"held_for_review",
	"replied",
	"revisited",
	"revisit_satisfied",
	"exclusion_reason",
)


class StaffOfAnotherWindowError(frappe.ValidationError):
	pass


class BadReviewReasonMissingError(frappe.ValidationError):
	pass


class BadReviewReasonNotListedError(frappe.ValidationError):
	pass


class CaseNotRateableError(frappe.ValidationError):
	pass


class BatchMixesItemsError(frappe.ValidationError):
	pass


class CountingFieldEditedError(frappe.ValidationError):
	pass


class ServiceEvaluation(Document):
	def validate(self):
		self.set_hall_from_window()
		self.validate_window_in_hall()
		self.validate_staff_on_window()
		self.set_score()
		self.validate_bad_reason()
		self.validate_cases()
		self.guard_counting_fields()

	def set_hall_from_window(self):
		if self.service_window and not self.service_hall:
			self.service_hall = frappe.db.get_value("Service Window", self.service_window, "service_hall")

	def validate_window_in_hall(self):
		validate_window_in_hall(self)

	def validate_staff_on_window(self):
		if not (self.staff and self.service_window):
			return
		window = frappe.db.get_value("Window Staff", self.staff, "service_window")
		if window != self.service_window:
			frappe.throw(
				_("Staff member {0} does not work at window {1}").format(self.staff, self.service_window),
				StaffOfAnotherWindowError,
			)

	def set_score(self):
		try:
			score, bad = rules.level_score(ev.get_pack_for_hall(self.service_hall), self.level)
		except RuleNotConfigured as e:
			ev.throw_rule(e)
		self.score = score
		self.is_bad_review = int(bad)

	def validate_bad_reason(self):
		ticked = rules.split_reasons(self.bad_reason_options)
		self.bad_reason_options = "\n".join(ticked) or None
		options = None
		if ticked and self.has_value_changed("bad_reason_options"):
			options = bad_review_reasons(ev.get_pack_for_hall(self.service_hall))
		try:
			rules.check_bad_reason(bool(self.is_bad_review), ticked, self.bad_reason, options)
		except rules.BadReviewReasonNotListed:
			frappe.throw(
				_("Reason {0} is not one of this jurisdiction's reason options").format(
					next(r for r in ticked if r not in options)
				),
				BadReviewReasonNotListedError,
			)
		except rules.BadReviewReasonMissing:
			frappe.throw(
				_("Choosing Dissatisfied or Very Dissatisfied needs a reason: tick one or write it"),
				BadReviewReasonMissingError,
			)

	def case_rows(self) -> list[dict]:
		names = [self.service_case] if self.service_case else []
		names += [r.service_case for r in self.batch_cases or [] if r.service_case not in names]
		if not names:
			return []
		return frappe.get_all(
			"Service Case",
			filters={"name": ["in", names]},
			fields=["name", "service_hall", "service_item", "completed_on", "promised_date", "is_overdue"],
		)

	def validate_cases(self):
		if not self.is_new():
			return
		cases = self.case_rows()
		if not cases:
			return
		try:
			rules.check_batch(cases, theme=bool(self.is_theme_rating))
		except rules.BatchMixesItems:
			frappe.throw(
				_(
					"A batch rating covers cases of one service item; rate other items separately or as one theme service"
				),
				BatchMixesItemsError,
			)
		if not self.service_item:
			self.service_item = cases[0].service_item
		pack = ev.get_pack_for_hall(self.service_hall)
		with translated_calendar_errors(self.service_hall):
			cal = get_working_calendar(self.service_hall)
			for case in cases:
				try:
					rules.check_case_rateable(pack, case, getdate(self.rated_on), cal)
				except rules.RatingWindowClosed:
					frappe.throw(
						_(
							"Case {0} was completed more than the rating period ago and is recorded as not rated; it can no longer be rated"
						).format(case.name),
						CaseNotRateableError,
					)
				except rules.CaseNotRateable:
					frappe.throw(
						_("Case {0} is not completed yet; it can be rated once completed or overdue").format(
							case.name
						),
						CaseNotRateableError,
					)
				except RuleNotConfigured as e:
					ev.throw_rule(e)

	def guard_counting_fields(self):
		if self.flags.counting_set_by_rule:
			return
		before = self.get_doc_before_save()
		for field in COUNTING_FIELDS:
			old = before.get(field) if before else None
			if (self.get(field) or 0) != (old or 0) and (self.get(field) or old):
				frappe.throw(
					_(
						"Whether a rating counts is decided by the bad-review work order or a supervisor's review, not by editing the rating"
					),
					CountingFieldEditedError,
				)

	def on_update(self):
		# on insert Frappe runs after_insert (whose db_set loads a "before" copy) before on_update: a new rating
		# has no before
		before = None if self.flags.in_insert else self.get_doc_before_save()
		ev.record_evaluation_change(ev.evaluation_state(before), ev.evaluation_state(self))

	def after_insert(self):
		if self.is_bad_review and not self.excluded:
			self.db_set("bad_review_work_order", ev.create_work_order(self))

	def on_trash(self):
		ev.record_evaluation_change(ev.evaluation_state(self), None)


@frappe.whitelist()
def release_held_rating(name: str) -> None:
	"""A supervisor found a held repeat rating genuine: it counts from now on (a bad one opens its work order)."""
	frappe.only_for(("Supervisor", "Hall Administrator", "System Manager"))
	doc = frappe.get_doc("Service Evaluation", name)
	doc.check_permission("read")
	if not doc.held_for_review:
		return
	ev.set_loop_flags(name, excluded=0, held_for_review=0, exclusion_reason=None)
	doc.reload()
	if doc.is_bad_review and not doc.bad_review_work_order:
		doc.db_set("bad_review_work_order", ev.create_work_order(doc))


def on_doctype_update():
	"""The public endpoint's 刷好评 check looks up a window's recent ratings; the 未评 scheduler a case's ratings."""
	frappe.db.add_index("Service Evaluation", ["service_window", "rated_on"])
	frappe.db.add_index("Service Evaluation", ["service_case"])
