# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""上门服务 (seed 001 预约服务制 第三条: 对于需要上门服务的事项,主要是老弱病残的办事人等,采取一个电话、一封书信等即可主动
上门办理; seed 003 二(五)3: 对确实行动不便的群众或需现场检验的审批事项,应派出工作人员 ... 提供"上门服务").

Requested → Assigned (a staff member of the hall) → Visited (the record of what was done and the Service Case it
produced), or Cancelled. The status moves only through those buttons; a save that changes it is refused."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

REQUESTED, ASSIGNED, VISITED, CANCELLED = "Requested", "Assigned", "Visited", "Cancelled"
TRANSITIONS = {
	REQUESTED: (ASSIGNED, CANCELLED),
	ASSIGNED: (ASSIGNED, VISITED, CANCELLED),
	VISITED: (),
	CANCELLED: (),
}


class HomeVisitStatusError(frappe.ValidationError):
	pass


class StaffOfAnotherHallError(frappe.ValidationError):
	pass


class VisitRecordMissingError(frappe.ValidationError):
	pass


class HomeVisit(Document):
	def validate(self):
		self.set_defaults_on_insert()
		self.validate_status_unchanged()
		self.validate_staff_in_hall()

	def set_defaults_on_insert(self):
		if self.is_new():
			self.status = REQUESTED
			self.staff = self.assigned_on = self.visited_on = self.service_case = None

	def validate_status_unchanged(self):
		if self.is_new() or self.flags.status_change:
			return
		before = self.get_doc_before_save()
		if before and (before.status != self.status or before.staff != self.staff):
			frappe.throw(
				_(
					"The status and the staff sent change only through the buttons Assign, Record Visit and Cancel"
				),
				HomeVisitStatusError,
			)

	def validate_staff_in_hall(self):
		if (
			self.staff
			and frappe.db.get_value("Window Staff", self.staff, "service_hall") != self.service_hall
		):
			frappe.throw(
				_("{0} does not work in {1}").format(self.staff, self.service_hall), StaffOfAnotherHallError
			)

	@frappe.whitelist()
	def assign(self, staff, planned_on=None):
		self.staff = staff
		self.planned_on = planned_on or self.planned_on
		self.assigned_on = now_datetime()
		self.move_to(ASSIGNED)

	@frappe.whitelist()
	def record_visit(self, visit_record, service_case=None):
		if not (visit_record or "").strip():
			frappe.throw(_("Write down what was done on the visit"), VisitRecordMissingError)
		if (
			service_case
			and frappe.db.get_value("Service Case", service_case, "service_hall") != self.service_hall
		):
			frappe.throw(
				_("Service Case {0} is not a case of this hall").format(service_case), StaffOfAnotherHallError
			)
		self.visit_record = visit_record
		self.service_case = service_case
		self.visited_on = now_datetime()
		self.move_to(VISITED)

	@frappe.whitelist()
	def cancel_visit(self):
		self.move_to(CANCELLED)

	def move_to(self, new):
		self.check_permission("write")
		before = self.get_doc_before_save() or frappe.get_doc(self.doctype, self.name)
		if new not in TRANSITIONS.get(before.status, ()):
			frappe.throw(
				_("A home visit that is {0} cannot become {1}").format(_(before.status), _(new)),
				HomeVisitStatusError,
			)
		self.status = new
		self.flags.status_change = True
		self.save()
