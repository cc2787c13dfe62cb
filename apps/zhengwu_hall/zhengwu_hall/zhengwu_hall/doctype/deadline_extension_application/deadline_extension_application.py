# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""办理事项延期申请表 (seed 001 限时办结制 第八条, 第十条 (三)).

The window files it for one case, with the reason and the new date, only while the promised date has not passed
(an application after expiry is refused and saves nothing; the case is overdue by 第十条). The workflow "Deadline
Extension Application" (fixtures/workflows/) moves it: the window applies (Application Draft → Awaiting Opinion), the center
head signs an opinion (→ Awaiting Approval), the government of that level approves (→ Extension Approved) or either
refuses (→ Extension Rejected). Who signs and who approves is the hall's rule pack (``extension_opinion_role``,
``extension_approver_role``); the shipped workflow names the qinzhou-qinnan roles, and every transition is also
checked against the pack, so an administrator who edits one edits the other. The approved date becomes the case's
promised date; the window then records how and when the applicant was told, which must be before the original
deadline (第八条 "经批准延期的,窗口应当在时限届满前告知申请人").
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate, now_datetime, today

from zhengwu_hall.rules import cases as rules
from zhengwu_hall.rules.packs import RuleNotConfigured
from zhengwu_hall.setup.packs import get_pack_for_hall
from zhengwu_hall.zhengwu_hall.doctype.service_case.service_case import refresh_case

DRAFT, AWAITING_OPINION, AWAITING_APPROVAL, APPROVED, REJECTED = (
	"Application Draft",
	"Awaiting Opinion",
	"Awaiting Approval",
	"Extension Approved",
	"Extension Rejected",
)
REQUEST_FIELDS = ("service_case", "requested_date", "reason")
PROBLEM_MESSAGES = {
	rules.EXT_CASE_CLOSED: "Case {0} is already completed or refused: it needs no extension",
	rules.EXT_NO_DEADLINE: "Case {0} has no promised date yet (the materials are not complete): it needs no extension",
	rules.EXT_AFTER_EXPIRY: "The promised date of case {0} ({1}) has passed: an extension can only be applied for before it expires, and the case counts as overdue (Time Limit System, Article 10 (3))",
	rules.EXT_NOT_LATER: "The requested date must be later than the promised date {1} of case {0}",
}


class ExtensionNotAllowedError(frappe.ValidationError):
	pass


class ExtensionRuleNotConfiguredError(frappe.ValidationError):
	pass


class ExtensionRequestLockedError(frappe.ValidationError):
	pass


class ExtensionOpinionMissingError(frappe.ValidationError):
	pass


class ExtensionWrongRoleError(frappe.PermissionError):
	pass


class ApplicantNotifiedTooEarlyError(frappe.ValidationError):
	pass


class DeadlineExtensionApplication(Document):
	def validate(self):
		self.set_from_case()
		self.validate_request_locked()
		self.validate_eligible()
		self.check_route()
		self.validate_decision_fields()
		self.record_transition()
		self.validate_notification()

	def on_update(self):
		# the case re-reads its approved extension (promised date) and its extension dates (第十条 (三))
		refresh_case(self.service_case)

	def on_trash(self):
		if self.workflow_state == APPROVED:
			frappe.throw(
				_("An approved extension cannot be deleted"),
				ExtensionRequestLockedError,
				title=_("Deadline Extension Application"),
			)

	# ------------------------------------------------------------------------------------------ steps
	def case(self):
		if not hasattr(self, "_case"):
			self._case = frappe.get_doc("Service Case", self.service_case)
		return self._case

	def state_before(self):
		before = self.get_doc_before_save()
		return before.workflow_state if before else None

	def set_from_case(self):
		case = self.case()
		self.service_hall, self.service_window, self.staff = (
			case.service_hall,
			case.service_window,
			case.staff,
		)
		if self.is_new():
			self.original_promised_date = case.promised_date
			self.applied_on = today()
			self.applied_by = frappe.session.user

	def validate_request_locked(self):
		"""Once filed, the request (case, date, reason) is what the head and the government decide on."""
		before = self.get_doc_before_save()
		if not before or before.workflow_state in (None, DRAFT):
			return
		for field in REQUEST_FIELDS:
			if str(before.get(field) or "") != str(self.get(field) or ""):
				frappe.throw(
					_("The application has been filed: {0} can no longer change").format(
						_(self.meta.get_label(field))
					),
					ExtensionRequestLockedError,
					title=_("Deadline Extension Application"),
				)

	def validate_eligible(self):
		"""第八条 / 第十条 (三): only before the promised date expires, for an open case, to a later date."""
		if not self.is_new():
			return
		case = self.case()
		problem = rules.extension_problem(
			getdate(self.original_promised_date) if self.original_promised_date else None,
			getdate(today()),
			getdate(self.requested_date) if self.requested_date else None,
			closed=bool(case.completed_on or case.refused),
		)
		if problem:
			frappe.throw(
				_(PROBLEM_MESSAGES[problem]).format(
					case.name, frappe.format(self.original_promised_date, {"fieldtype": "Date"})
				),
				ExtensionNotAllowedError,
				title=_("Deadline Extension Application"),
			)

	def route(self) -> tuple[str, str]:
		try:
			return rules.extension_route(get_pack_for_hall(self.service_hall))
		except RuleNotConfigured as e:
			frappe.throw(str(e), ExtensionRuleNotConfiguredError, title=_("Deadline Extension Application"))

	def check_route(self):
		self.route()

	def require_role(self, role: str):
		user = frappe.session.user
		if user != "Administrator" and role not in frappe.get_roles(user):
			frappe.throw(
				_("This step of the extension is for the role {0}, which you do not hold").format(_(role)),
				ExtensionWrongRoleError,
				title=_("Deadline Extension Application"),
			)

	def validate_decision_fields(self):
		"""The opinion is written by the center head's role, the approval note by the approver's (not over REST by
		the window)."""
		if self.is_new():
			self.opinion = self.approval_note = None
			return
		opinion_role, approver_role = self.route()
		for field, role in (("opinion", opinion_role), ("approval_note", approver_role)):
			if self.has_value_changed(field):
				self.require_role(role)

	def record_transition(self):
		before, now = self.state_before(), self.workflow_state
		if before == now or self.is_new():
			return
		opinion_role, approver_role = self.route()
		user, moment = frappe.session.user, now_datetime()
		if before == DRAFT and now == AWAITING_OPINION:
			self.applied_on, self.applied_by = today(), user
			self.validate_eligible_again()
		elif before == AWAITING_OPINION:
			self.require_role(opinion_role)
			if not (self.opinion or "").strip():
				frappe.throw(
					_("Write the opinion of the center head before signing it"),
					ExtensionOpinionMissingError,
					title=_("Deadline Extension Application"),
				)
			self.opinion_by, self.opinion_on = user, moment
		elif before == AWAITING_APPROVAL:
			self.require_role(approver_role)
			self.approved_by, self.approved_on = user, moment

	def validate_eligible_again(self):
		"""Filing from a draft kept over the deadline is refused as well (第十条 (三))."""
		problem = rules.extension_problem(
			getdate(self.original_promised_date) if self.original_promised_date else None,
			getdate(today()),
			getdate(self.requested_date),
			closed=bool(self.case().completed_on or self.case().refused),
		)
		if problem:
			frappe.throw(
				_(PROBLEM_MESSAGES[problem]).format(
					self.service_case, frappe.format(self.original_promised_date, {"fieldtype": "Date"})
				),
				ExtensionNotAllowedError,
				title=_("Deadline Extension Application"),
			)

	def validate_notification(self):
		"""The applicant is told of the approved extension before the original deadline (第八条)."""
		if not self.applicant_notified_on:
			self.notified_in_time = 0
			return
		if self.workflow_state != APPROVED:
			frappe.throw(
				_("Record the notice to the applicant once the extension is approved"),
				ApplicantNotifiedTooEarlyError,
				title=_("Notice to the Applicant"),
			)
		self.notified_in_time = int(
			rules.applicant_told_in_time(
				getdate(get_datetime(self.applicant_notified_on)), self.original_promised_date
			)
		)
		if not self.notified_in_time:
			frappe.msgprint(
				_(
					"The applicant was told after the original deadline {0}: the extension had to be announced before it expired"
				).format(frappe.format(self.original_promised_date, {"fieldtype": "Date"})),
				title=_("Notice to the Applicant"),
				indicator="orange",
			)
