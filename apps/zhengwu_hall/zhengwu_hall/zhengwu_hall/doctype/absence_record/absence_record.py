# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""旷工记录: a supervisor records a window staff member's absence without approved leave.

Seed 001 考勤制度 第二条 (一): "未经请假,擅自外出的作离岗处理,半天以上的作旷工处理" — an absence of half a day
or more ("以上" includes the number) is absenteeism; shorter ones are 离岗, recorded by the inspections. The
records feed the monthly attendance summary and the quarterly assessment.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from zhengwu_hall.rules.attendance import HALF_DAY
from zhengwu_hall.utils import set_staff_fields


class AbsenceTooShortError(frappe.ValidationError):
	pass


class AbsenceOnApprovedLeaveError(frappe.ValidationError):
	pass


class AbsenceRecord(Document):
	def validate(self):
		self.set_from_staff()
		self.validate_duration()
		self.validate_not_on_leave()

	def set_from_staff(self):
		set_staff_fields(self)
		self.recorded_by = self.recorded_by or frappe.session.user

	def validate_duration(self):
		days = flt(self.absent_days)
		if days < HALF_DAY or (days * 2) != int(days * 2):
			frappe.throw(
				_("Absenteeism is half a day or more, counted in half days"),
				AbsenceTooShortError,
				title=_("Absence Record"),
			)

	def validate_not_on_leave(self):
		user = frappe.db.get_value("Window Staff", self.staff, "user")
		leave = frappe.get_all(
			"Leave Request",
			filters={
				"applicant": user,
				"docstatus": 1,
				"status": "Approved",
				"from_date": ("<=", self.absence_date),
				"to_date": (">=", self.absence_date),
			},
			pluck="name",
			limit=1,
		)
		if leave:
			frappe.throw(
				_("{0} is on approved leave that day ({1})").format(self.staff_name, leave[0]),
				AbsenceOnApprovedLeaveError,
				title=_("Absence Record"),
			)
