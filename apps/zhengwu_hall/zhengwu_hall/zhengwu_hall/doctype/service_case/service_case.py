# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""办件 (seed 001 首问负责制, 限时办结制, 一次性告知制度, 审管分离 第二十三条).

The window's first-responsible staff member (首问责任人) receives the case, records the materials and issues the
收件回执 (print format "Service Case Receipt", 首问负责制 第五条). The promised date is computed, never typed: the
item's promised limit in working days from the acceptance day, or — when the materials were incomplete and the
one-time notice (一次性告知单) was given — from the supplement day (限时办结制 第六条). An approved Deadline
Extension Application moves it (第八条). Overdue (第十条, 第十一条) and the handover to a department (审管分离
第二十三条) are classified by ``zhengwu_hall.rules.cases``; this controller gathers the data.

Contract for other features: ``promised_date`` (the date in force), ``completed_on``, ``is_overdue``.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate, today

from zhengwu_hall.rules import cases as rules
from zhengwu_hall.rules.packs import RuleNotConfigured
from zhengwu_hall.setup.calendar import get_working_calendar, translated_calendar_errors
from zhengwu_hall.setup.packs import get_pack_for_hall
from zhengwu_hall.utils import validate_window_in_hall

APPROVED = "Extension Approved"  # the approved state of the workflow "Deadline Extension Application"
OVERDUE_LABELS = {
	rules.LATE: "Not completed within the promised time limit (Article 10)",
	rules.UNJUSTIFIED_REFUSAL: "Application refused without good reason (Article 10 (1))",
	rules.NO_REPLY: "Applicant not answered as required (Article 10 (2))",
	rules.LATE_EXTENSION: "Extension applied for only after the time limit expired (Article 10 (3))",
	rules.NOT_DELIVERED: "Result not delivered to the applicant within the time limit (Article 10 (4))",
}


class CaseStaffOfAnotherHallError(frappe.ValidationError):
	pass


class CaseDateOrderError(frappe.ValidationError):
	pass


class MissingMaterialsNotRecordedError(frappe.ValidationError):
	pass


class RefusalReasonRequiredError(frappe.ValidationError):
	pass


class HandoverDepartmentRequiredError(frappe.ValidationError):
	pass


class CaseRuleNotConfiguredError(frappe.ValidationError):
	pass


class ServiceCase(Document):
	def validate(self):
		self.validate_window_in_hall()
		self.validate_staff_in_hall()
		self.default_staff_phone()
		self.validate_one_time_notice()
		self.validate_dates()
		self.validate_refusal()
		self.set_promised_date()
		self.set_handover()
		self.set_status()
		self.set_overdue()

	# ------------------------------------------------------------------------------------------ validation
	def validate_window_in_hall(self):
		validate_window_in_hall(self)

	def validate_staff_in_hall(self):
		hall = frappe.db.get_value("Window Staff", self.staff, "service_hall")
		if hall != self.service_hall:
			frappe.throw(
				_("The first-responsible staff member {0} does not work in hall {1}").format(
					self.staff, self.service_hall
				),
				CaseStaffOfAnotherHallError,
			)

	def default_staff_phone(self):
		"""首问负责制 第五条: the receipt names the responsible person's phone; the window's published phone by default."""
		if not self.staff_phone:
			self.staff_phone = frappe.db.get_value("Service Window", self.service_window, "published_phone")

	def validate_one_time_notice(self):
		"""一次性告知制度 第二条, 第六条: incomplete materials are told at once, and the notice is recorded."""
		if self.materials_complete:
			self.missing_materials = self.notice_given_on = self.supplemented_on = None
			return
		if not (self.missing_materials or "").strip():
			frappe.throw(
				_(
					"The materials are incomplete: list every material the applicant must supplement (one-time notice) before saving"
				),
				MissingMaterialsNotRecordedError,
				title=_("One-Time Notice"),
			)
		self.notice_given_on = self.notice_given_on or self.accepted_on

	def validate_dates(self):
		accepted = getdate(self.accepted_on)
		checks = (
			(getdate(get_datetime(self.received_on)), accepted, "Received On", "Accepted On"),
			(accepted, self.notice_given_on, "Accepted On", "One-Time Notice Given On"),
			(accepted, self.supplemented_on, "Accepted On", "Materials Supplemented On"),
			(accepted, self.completed_on, "Accepted On", "Completed On"),
			(self.completed_on, self.delivered_on, "Completed On", "Result Delivered On"),
			(self.handed_over_on, self.handed_back_on, "Handed Over On", "Handed Back On"),
		)
		for earlier, later, earlier_label, later_label in checks:
			if earlier and later and get_datetime(later) < get_datetime(earlier):
				frappe.throw(
					_("{0} cannot be before {1}").format(_(later_label), _(earlier_label)),
					CaseDateOrderError,
					title=_("Service Case"),
				)
		if self.delivered_on and not self.completed_on:
			frappe.throw(
				_("Enter the completion date before the delivery date"),
				CaseDateOrderError,
				title=_("Service Case"),
			)

	def validate_refusal(self):
		"""一次性告知制度 第五条: a matter that cannot be handled is answered with its basis and reason."""
		if not self.refused:
			self.refused_on = None
			self.refusal_unjustified = 0
			return
		if not (self.refusal_reason or "").strip():
			frappe.throw(
				_("Give the reason and the legal basis for not accepting the application"),
				RefusalReasonRequiredError,
				title=_("Not Accepted"),
			)
		self.refused_on = self.refused_on or today()

	# ------------------------------------------------------------------------------------------ computed
	def calendar(self):
		if not hasattr(self, "_calendar"):
			self._calendar = get_working_calendar(self.service_hall)
		return self._calendar

	def pack(self) -> dict:
		if not hasattr(self, "_pack"):
			self._pack = get_pack_for_hall(self.service_hall)
		return self._pack

	def approved_extension(self):
		"""The latest approved Deadline Extension Application of this case, if any."""
		if self.is_new():
			return None
		rows = frappe.get_all(
			"Deadline Extension Application",
			filters={"service_case": self.name, "workflow_state": APPROVED},
			fields=["name", "requested_date"],
			order_by="approved_on desc, creation desc",
			limit=1,
		)
		return rows[0] if rows else None

	def set_promised_date(self):
		limit = frappe.db.get_value("Service Item", self.service_item, "promised_limit")
		self.promised_limit = limit
		with translated_calendar_errors(self.service_hall):
			original = rules.promised_date(
				getdate(self.accepted_on),
				int(limit or 0),
				self.calendar(),
				materials_complete=bool(self.materials_complete),
				supplemented_on=getdate(self.supplemented_on) if self.supplemented_on else None,
			)
		self.original_promised_date = original
		extension = self.approved_extension()
		self.extended = int(bool(extension))
		self.deadline_extension = extension.name if extension else None
		self.promised_date = extension.requested_date if extension else original

	def set_handover(self):
		"""审管分离 第二十三条: the handover is due the same day, the next (working) day at the latest."""
		if not self.needs_field_work:
			self.handover_department = self.handover_due = None
			self.handed_over_on = self.handed_back_on = None
			self.handover_late = 0
			return
		if not self.handover_department:
			frappe.throw(
				_("Name the department the case is handed over to for verification"),
				HandoverDepartmentRequiredError,
				title=_("Handover to a Department"),
			)
		try:
			limit = rules.handover_limit(self.pack())
		except RuleNotConfigured as e:
			frappe.throw(str(e), CaseRuleNotConfiguredError, title=_("Handover to a Department"))
		received = getdate(get_datetime(self.received_on))
		with translated_calendar_errors(self.service_hall):
			self.handover_due = rules.handover_due(received, limit, self.calendar())
			self.handover_late = int(
				rules.handover_late(
					received,
					getdate(get_datetime(self.handed_over_on)) if self.handed_over_on else None,
					limit,
					self.calendar(),
					as_of=getdate(today()),
				)
			)

	def set_status(self):
		if self.refused:
			self.status = "Not Accepted"
		elif self.completed_on:
			self.status = "Completed"
		elif not self.materials_complete and not self.supplemented_on:
			self.status = "Awaiting Materials"
		elif self.needs_field_work and self.handed_over_on and not self.handed_back_on:
			self.status = "Handed Over"
		else:
			self.status = "In Progress"

	def extension_dates(self) -> tuple:
		if self.is_new():
			return ()
		return tuple(
			getdate(d)
			for d in frappe.get_all(
				"Deadline Extension Application",
				filters={"service_case": self.name, "applied_on": ("is", "set")},
				pluck="applied_on",
			)
		)

	def facts(self) -> rules.CaseFacts:
		return rules.CaseFacts(
			deadline=getdate(self.promised_date) if self.promised_date else None,
			original_deadline=getdate(self.original_promised_date) if self.original_promised_date else None,
			completed_on=getdate(self.completed_on) if self.completed_on else None,
			delivered_on=getdate(self.delivered_on) if self.delivered_on else None,
			refused=bool(self.refused),
			refusal_unjustified=bool(self.refusal_unjustified),
			reply_not_given=bool(self.reply_not_given),
			extension_applied_on=self.extension_dates(),
			applicant_delay=bool(self.applicant_delay),
		)

	def set_overdue(self, as_of=None):
		reasons = rules.overdue_reasons(self.facts(), getdate(as_of or today()))
		self.is_overdue = int(bool(reasons))
		self.overdue_reason = "；".join(_(OVERDUE_LABELS[r]) for r in reasons) or None


def refresh_case(name: str, as_of=None) -> bool:
	"""Recompute the promised date and overdue flags of a case after a change outside its form (an approved
	extension, the date passing); returns whether it is overdue."""
	case = frappe.get_doc("Service Case", name)
	fields = ("promised_date", "extended", "deadline_extension", "is_overdue", "overdue_reason")
	before = {f: str(case.get(f) or "") for f in fields}
	case.set_promised_date()
	case.set_overdue(as_of)
	changed = {f: case.get(f) for f in fields if str(case.get(f) or "") != before[f]}
	if (
		changed
	):  # the daily sweep writes only what moved, and leaves `modified` to the people editing the case
		case.db_set(changed, update_modified=False)
	return bool(case.is_overdue)
