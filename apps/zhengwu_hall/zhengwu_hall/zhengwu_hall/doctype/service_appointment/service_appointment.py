# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""预约服务 (seed 001 预约服务制; seed 003 二(五)2 预约延时服务, 3 绿色通道): one booking, walk-in or holiday urgent
request.

- A booking takes a slot its window publishes (Appointment Schedule) on the hall's working-day calendar, within
  the slot's capacity (zhengwu_hall.rules.appointments); a walk-in is always accepted and takes no place (seed 003
  二(四): 不得强制要求其先到线上预约); the Walk-in vs Booking report shows their shares.
- 节假日急办 (seed 001 预约服务制 第四条): on a day off, no slot; the duty officer named on it is notified (a ToDo)
  and must assign a staff member before it is confirmed; the record keeps how many minutes that took.
- Status moves only through the buttons (confirm, cancel, no-show, complete with the Service Case it produced);
  a save — the desk's or frappe.client.set_value — that changes the status is refused.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from zhengwu_hall.rules import appointments as rules
from zhengwu_hall.setup import appointments as site


class AppointmentStatusError(frappe.ValidationError):
	pass


class WindowOfAnotherHallError(frappe.ValidationError):
	pass


class DutyOfficerMissingError(frappe.ValidationError):
	pass


class StaffNotAssignedError(frappe.ValidationError):
	pass


class ServiceCaseMismatchError(frappe.ValidationError):
	pass


class ServiceAppointment(Document):
	def validate(self):
		self.set_hall_from_window()
		self.validate_status_unchanged()
		self.set_defaults_on_insert()
		self.check_slot()
		self.validate_staff_in_hall()
		self.track_urgent_handling()

	def after_insert(self):
		self.notify_duty_officer()

	# ------------------------------------------------------------------ validate steps
	def set_hall_from_window(self):
		if not self.service_window:
			return
		hall = frappe.db.get_value("Service Window", self.service_window, "service_hall")
		if hall != self.service_hall:
			frappe.throw(
				_("Window {0} belongs to {1}, not to {2}").format(
					self.service_window, hall, self.service_hall
				),
				WindowOfAnotherHallError,
			)

	def validate_status_unchanged(self):
		"""Only change_status moves the status (not a save through the desk or the REST API)."""
		if self.is_new() or self.flags.status_change:
			return
		before = self.get_doc_before_save()
		if before and before.status != self.status:
			frappe.throw(
				_(
					"The status changes only through the buttons Confirm, Cancel Appointment, No-show and Complete Appointment"
				),
				AppointmentStatusError,
			)

	def set_defaults_on_insert(self):
		if not self.is_new():
			return
		# a walk-in is there: it starts confirmed; anything else starts booked, whatever the request said
		self.status = rules.CONFIRMED if self.channel == rules.WALK_IN else rules.BOOKED
		self.booked_on = now_datetime()
		self.booking_code = site.new_booking_code()
		for field in ("confirmed_on", "cancelled_on", "completed_on", "service_case", "assigned_on"):
			self.set(field, None)
		if self.channel == rules.WALK_IN:
			self.confirmed_on = self.booked_on

	def check_slot(self):
		if self.status not in rules.HOLDING:
			return
		before = None if self.is_new() else self.get_doc_before_save()
		moved = before is None or any(
			before.get(f) != self.get(f)
			for f in ("service_window", "appointment_date", "slot_start", "appointment_kind", "channel")
		)
		if not moved:
			return
		if (
			self.appointment_kind != rules.HOLIDAY_URGENT
			and self.channel != rules.WALK_IN
			and not self.service_window
		):
			frappe.throw(_("Choose the window of the appointment"), site.SlotNotPublishedError)
		slot = site.check_booking(self)
		if slot:
			self.slot_start, self.slot_end = slot.start, slot.end
			self.appointment_kind = slot.kind

	def validate_staff_in_hall(self):
		if (
			self.staff
			and frappe.db.get_value("Window Staff", self.staff, "service_hall") != self.service_hall
		):
			frappe.throw(
				_("{0} does not work in {1}").format(self.staff, self.service_hall), WindowOfAnotherHallError
			)

	def track_urgent_handling(self):
		if self.appointment_kind != rules.HOLIDAY_URGENT:
			return
		if not self.duty_officer:
			frappe.throw(
				_("Name the duty officer who is notified of this holiday urgent request"),
				DutyOfficerMissingError,
			)
		if not self.notified_on:
			self.notified_on = now_datetime()
		if self.staff and not self.assigned_on:
			self.assigned_on = now_datetime()
		self.response_minutes = rules.response_minutes(
			get_datetime(self.notified_on), get_datetime(self.assigned_on) if self.assigned_on else None
		)

	def notify_duty_officer(self):
		"""节假日急办: the duty officer gets a ToDo (and its notification) to assign someone at once."""
		if self.appointment_kind != rules.HOLIDAY_URGENT or not self.duty_officer:
			return
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": self.duty_officer,
				"reference_type": self.doctype,
				"reference_name": self.name,
				"priority": "High",
				"description": _(
					"Holiday urgent request of {0} on {1}: assign a staff member at once"
				).format(self.applicant_name, self.appointment_date),
			}
		).insert(ignore_permissions=True)

	# ------------------------------------------------------------------ the flow
	@frappe.whitelist()
	def confirm(self):
		self.change_status(rules.CONFIRMED)

	@frappe.whitelist()
	def cancel_appointment(self, reason=None):
		self.change_status(rules.CANCELLED, cancel_reason=reason)

	@frappe.whitelist()
	def mark_no_show(self):
		self.change_status(rules.NO_SHOW)

	@frappe.whitelist()
	def complete(self, service_case):
		self.change_status(rules.COMPLETED, service_case=service_case)

	def change_status(self, new, check=True, **values):
		"""Move to ``new`` along rules.TRANSITIONS; ``check`` False only for the Guest's cancel by booking code."""
		if check:
			self.check_permission("write")
		if not rules.check_transition(self.status, new):
			frappe.throw(
				_("An appointment that is {0} cannot become {1}").format(_(self.status), _(new)),
				AppointmentStatusError,
			)
		now = now_datetime()
		if new == rules.CONFIRMED:
			if self.appointment_kind == rules.HOLIDAY_URGENT and not self.staff:
				frappe.throw(
					_("Assign the staff member who handles this holiday urgent request first"),
					StaffNotAssignedError,
				)
			self.confirmed_on = now
		elif new == rules.CANCELLED:
			self.cancelled_on = now
			self.cancel_reason = values.get("cancel_reason") or ""
		elif new == rules.COMPLETED:
			case = values.get("service_case")
			if not case or frappe.db.get_value("Service Case", case, "service_hall") != self.service_hall:
				frappe.throw(
					_("Name the Service Case of this hall that the appointment produced"),
					ServiceCaseMismatchError,
				)
			self.service_case = case
			self.completed_on = now
		self.status = new
		self.flags.status_change = True
		self.flags.ignore_permissions = not check
		self.save()
