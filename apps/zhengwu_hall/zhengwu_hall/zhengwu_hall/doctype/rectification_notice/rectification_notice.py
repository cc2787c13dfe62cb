# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""整改告知单: a finding not corrected on the spot, sent to the window (seed 001 日常巡查工作制度 第八条, seed 003).

The workflow "Rectification Notice" (fixtures/workflows/rectification_notice.json) moves it: the Supervisor
issues it (Draft → Issued, the deadline counted in the hall's working days from the day of issue), the Window
Staff submit the rectification report (→ Report Submitted), the Supervisor verifies it (→ Verified) or rejects
it (→ Issued). A notice of a window that had one for the same category before, or that misses its deadline, is
marked for a 整改函 (屡次不改者，发出整改函)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from zhengwu_hall.rules import inspections as rules
from zhengwu_hall.setup.calendar import add_working_days
from zhengwu_hall.setup.inspections import earlier_notices
from zhengwu_hall.utils import changed_fields, validate_window_in_hall

ISSUED, REPORTED, VERIFIED = "Issued", "Report Submitted", "Verified"


class RectificationReportMissingError(frappe.ValidationError):
	pass


class WindowStaffEditRefusedError(frappe.ValidationError):
	pass


class RectificationNotice(Document):
	def validate(self):
		self.validate_window_staff_edit()
		self.validate_window_in_hall()
		self.default_window_head()
		self.record_state_dates()
		self.set_deadline()
		self.validate_report_present()
		self.set_escalation()

	def validate_window_in_hall(self):
		validate_window_in_hall(self)

	def validate_window_staff_edit(self):
		"""Seed 001 日常巡查 第八条(一): the window writes only its 整改报告, only for its own window and only while the
		notice is Issued (then submits it); the findings and the verification are the inspector's. Frappe checks
		the role of a workflow transition, not what a save that keeps the state changes. Other roles hold no write
		permission: they change a notice only through a transition an administrator gave them in the Workflow form."""
		before = self.get_doc_before_save()
		if frappe.session.user == "Administrator" or self.is_new() or not before:
			return  # creating needs the create permission, which window staff do not hold
		own_window = frappe.db.exists(
			"Window Staff", {"service_window": before.service_window, "user": frappe.session.user}
		)
		changed = changed_fields(self, exempt=("workflow_state", "report_submitted_on"))
		refusal = rules.window_edit_refusal(
			frappe.get_roles(), bool(own_window), before.workflow_state, changed
		)
		if refusal == "other_window":
			frappe.throw(
				_("Only the staff of window {0} may write its rectification report").format(
					before.service_window
				),
				WindowStaffEditRefusedError,
			)
		if refusal:
			frappe.throw(
				_("The window may only write the rectification report while the notice is Issued"),
				WindowStaffEditRefusedError,
			)

	def default_window_head(self):
		"""The window's A-post staff member receives the notice unless the supervisor names someone."""
		if self.window_head:
			return
		self.window_head = frappe.db.get_value(
			"Window Staff",
			{"service_window": self.service_window, "post": "A Post", "is_active": 1},
			"user",
			order_by="creation asc",
		)

	def record_state_dates(self):
		if self.workflow_state == ISSUED and not self.issued_on:
			self.issued_on = today()
		if self.workflow_state == REPORTED:
			self.report_submitted_on = self.report_submitted_on or today()
		if self.workflow_state == VERIFIED and not self.verified_on:
			self.verified_on = today()

	def set_deadline(self):
		if self.issued_on and self.deadline_working_days is not None:
			# day 1 is the first working day after the day of issue
			self.deadline = add_working_days(
				self.service_hall, self.issued_on, int(self.deadline_working_days), include_start=False
			)

	def validate_report_present(self):
		if self.workflow_state in (REPORTED, VERIFIED) and not (self.rectification_report or "").strip():
			frappe.throw(
				_("Write the rectification report before submitting it"), RectificationReportMissingError
			)

	def set_escalation(self):
		reasons = rules.escalation_reasons(self.as_dict(), earlier_notices(self), getdate(today()))
		self.escalate_to_letter = int(bool(reasons))
		self.escalation_reason = "；".join(_(r) for r in reasons)
