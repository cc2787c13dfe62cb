# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""预约时段: the slots one window publishes per weekday, each with a capacity (seed 001 预约服务制 第一条; seed 003
二(五)2 "早晚弹性办""午间不间断""周六日预约办"). Saturday and Sunday rows are 周六日预约办 and open only on those
days; no slot opens on a holiday (zhengwu_hall.rules.appointments)."""

import frappe
from frappe import _
from frappe.model.document import Document

from zhengwu_hall.rules import appointments as rules

ROW_MESSAGES = {
	"bad_times": "Slot row {0}: the end time must be after the start time",
	"bad_capacity": "Slot row {0}: the capacity must be at least 1",
	"weekend_kind": "Slot row {0}: Saturday and Sunday slots are of the kind Weekend by Appointment, and only they",
	"holiday_kind": "Slot row {0}: holiday urgent handling takes no published slot; the duty officer arranges it",
}


class AppointmentScheduleRowError(frappe.ValidationError):
	pass


class AppointmentSchedule(Document):
	def validate(self):
		self.set_hall_from_window()
		self.validate_rows()
		self.validate_ahead_days()

	def set_hall_from_window(self):
		self.service_hall = frappe.db.get_value("Service Window", self.service_window, "service_hall")

	def validate_rows(self):
		for row in self.slots:
			problem = rules.validate_schedule_row(
				{
					"weekday": row.weekday,
					"start_time": row.start_time,
					"end_time": row.end_time,
					"capacity": row.capacity,
					"kind": row.kind,
				}
			)
			if problem:
				frappe.throw(_(ROW_MESSAGES[problem]).format(row.idx), AppointmentScheduleRowError)

	def validate_ahead_days(self):
		if (self.book_ahead_days or 0) < 1:
			frappe.throw(_("Bookable days ahead must be at least 1"), AppointmentScheduleRowError)
