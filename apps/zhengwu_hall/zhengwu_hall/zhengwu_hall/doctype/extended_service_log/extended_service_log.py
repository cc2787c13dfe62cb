# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""延时服务登记台账 (seed 001 延时服务制度): one extended service, or one refusal to give it.

- 第二条: the situation; 第三条: requested by the applicant (on site or by phone) or decided by the window;
- 第四条: no fee or other reward — a record must state it;
- 第五条: a refusal needs the head of the management body's approval (``approve_refusal``, Center Director) and
  the reason told to the requester;
- 第八条: window, staff, hours; the staff member's running total of extended hours, flagged for compensatory
  time past the pack's ``extended_service_comp_threshold_hours`` — the seed names no number, so an unset pack
  says so on the record instead of assuming one.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Sum
from frappe.utils import get_datetime, now_datetime

from zhengwu_hall.rules import attendance
from zhengwu_hall.rules.packs import RuleNotConfigured
from zhengwu_hall.setup.packs import get_pack_for_hall
from zhengwu_hall.utils import set_staff_fields

PROVIDED, NOT_PROVIDED = "Provided", "Not Provided"
HEAD_ROLE = "Center Director"  # 政务服务管理机构负责人


class FeeChargedError(frappe.ValidationError):
	pass


class ExtendedServiceTimeError(frappe.ValidationError):
	pass


class RefusalReasonNotToldError(frappe.ValidationError):
	pass


class NotARefusalError(frappe.ValidationError):
	pass


class RefusalApproverError(frappe.PermissionError):
	pass


class ExtendedServiceLog(Document):
	def validate(self):
		self.set_from_staff()
		self.validate_no_fee()
		self.set_duration()
		self.validate_refusal()
		self.set_running_total()

	def set_from_staff(self):
		set_staff_fields(self)

	def validate_no_fee(self):
		if self.outcome == PROVIDED and not self.no_fee_charged:
			frappe.throw(
				_("Extended service is free: no fee or other reward may be taken from the applicant"),
				FeeChargedError,
				title=_("Extended Service Log"),
			)

	def set_duration(self):
		if self.outcome != PROVIDED:
			self.end, self.duration_hours = None, 0
			return
		try:
			self.duration_hours = attendance.duration_hours(get_datetime(self.start), get_datetime(self.end))
		except ValueError:
			frappe.throw(
				_("The end of the extended service must be after its start"),
				ExtendedServiceTimeError,
				title=_("Extended Service Log"),
			)

	def validate_refusal(self):
		if self.outcome != NOT_PROVIDED:
			self.refusal_approved_by = self.refusal_approved_on = None
			return
		if not self.reason_told_to_requester:
			frappe.throw(
				_("A refusal of extended service must be explained to the requester"),
				RefusalReasonNotToldError,
				title=_("Extended Service Log"),
			)

	def set_running_total(self):
		"""The staff member's extended hours so far (this record included) and whether comp time is due."""
		log = frappe.qb.DocType("Extended Service Log")
		query = (
			frappe.qb.from_(log)
			.select(Sum(log.duration_hours))
			.where((log.staff == self.staff) & (log.outcome == PROVIDED) & (log.start <= self.start))
		)
		if not self.is_new():
			query = query.where(log.name != self.name)
		earlier = query.run()[0][0] or 0
		self.cumulative_hours = float(earlier) + float(self.duration_hours or 0)
		try:
			self.comp_time_due = attendance.comp_time_due(
				self.cumulative_hours, get_pack_for_hall(self.service_hall)
			)
			self.comp_time_note = (
				_("Compensatory time is due: {0} extended hours in total").format(self.cumulative_hours)
				if self.comp_time_due
				else ""
			)
		except RuleNotConfigured as e:
			self.comp_time_due = 0
			self.comp_time_note = str(e)

	def approve_refusal_as(self, user: str):
		if self.outcome != NOT_PROVIDED:
			frappe.throw(
				_("Only a refusal of extended service needs the head's approval"),
				NotARefusalError,
				title=_("Extended Service Log"),
			)
		if HEAD_ROLE not in frappe.get_roles(user) or not frappe.has_permission(
			self.doctype, "read", doc=self, user=user
		):
			frappe.throw(
				_("Only the head of the hall's management body may approve a refusal"),
				RefusalApproverError,
				title=_("Extended Service Log"),
			)
		self.refusal_approved_by = user
		self.refusal_approved_on = now_datetime()
		self.flags.ignore_permissions = True
		self.save()


@frappe.whitelist()
def approve_refusal(name: str) -> str:
	"""The head agrees that extended service could not be given (seed 001 延时服务制度 第五条)."""
	doc = frappe.get_doc("Extended Service Log", name)
	doc.approve_refusal_as(frappe.session.user)
	return doc.refusal_approved_by
