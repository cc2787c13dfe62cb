# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""进驻部门扣分: one deduction of a stationed department's annual score (seed 004 第二十條至第二十三條).

The item and its points come from the hall's rule pack (``deduction_items``, 第二十一條), with the pack's annual
budget at that time (第二十條: a later change of the budget rescales the entry proportionally in the ledger). An entry
links to the record that caused it: an inspection finding or a verified complaint. A Supervisor records it (or
``setup.assessment.propose_deductions`` proposes it from a finding) and confirms it by submitting; a confirmed
entry is never deleted or cancelled — ``reverse`` takes it out of the ledger with a reason."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from zhengwu_hall.rules import assessment as rules
from zhengwu_hall.rules.packs import RuleNotConfigured, rule_value
from zhengwu_hall.setup.assessment import hall_pack, throw_not_configured

CONFIRMED, REVERSED, PROPOSED, DRAFT = "Confirmed", "Reversed", "Proposed", "Draft"


class FindingNotInRecordError(frappe.ValidationError):
	pass


class ComplaintNotVerifiedError(frappe.ValidationError):
	pass


class CauseMissingError(frappe.ValidationError):
	pass


class DuplicateDeductionError(frappe.ValidationError):
	pass


class ConfirmedDeductionError(frappe.ValidationError):
	pass


class ReversalReasonMissingError(frappe.ValidationError):
	pass


class DepartmentDeduction(Document):
	def validate(self):
		self.set_hall()
		self.set_year()
		self.set_item_from_pack()
		self.validate_cause()
		self.validate_not_counted_twice()
		self.set_draft_status()

	def set_hall(self):
		self.service_hall = frappe.db.get_value(
			"Stationed Department", self.stationed_department, "service_hall"
		)

	def set_year(self):
		self.year = getdate(self.deduction_date).year

	def set_item_from_pack(self):
		pack = hall_pack(self.service_hall)
		try:
			row = next(
				(r for r in pack.get("deduction_items") or [] if r.get("item_code") == self.item_code), None
			)
			if row is None:
				rules.item_points(pack, self.item_code)  # raises the Chinese RuleNotConfigured
			self.budget_at_entry = float(rule_value(pack, "deduction_annual_budget"))
		except RuleNotConfigured as e:
			throw_not_configured(e)
		self.item_description = row.get("description")
		self.points = float(rules.dec(row.get("points")))

	def validate_cause(self):
		"""A finding of a submitted inspection record, or a verified complaint (seed 004 第二十一條 (七))."""
		if self.inspection_row:
			row = frappe.db.get_value(
				"Inspection Record Check",
				{"name": self.inspection_row, "parent": self.inspection_record},
				["record", "service_window", "window_staff"],
				as_dict=True,
			)
			if not row or not (row.record or "").strip():
				frappe.throw(
					_("Row {0} is not a finding of inspection record {1}").format(
						self.inspection_row, self.inspection_record
					),
					FindingNotInRecordError,
				)
			self.service_window = self.service_window or row.service_window
			self.staff = self.staff or row.window_staff
		if self.complaint and not frappe.db.get_value("Complaint", self.complaint, "verified"):
			frappe.throw(
				_(
					"Complaint {0} has not been verified; only a verified complaint leads to a deduction"
				).format(self.complaint),
				ComplaintNotVerifiedError,
			)
		if self.found_by == "Inspection" and not self.inspection_record:
			frappe.throw(_("Name the inspection record that found it"), CauseMissingError)
		if self.found_by == "Complaint" and not self.complaint:
			frappe.throw(_("Name the verified complaint"), CauseMissingError)

	def validate_not_counted_twice(self):
		for field in ("inspection_row", "complaint"):
			if not self.get(field):
				continue
			other = frappe.db.get_value(
				self.doctype,
				{
					field: self.get(field),
					"name": ("!=", self.name or ""),
					"docstatus": ("<", 2),
					"status": ("!=", REVERSED),
				},
				"name",
			)
			if other:
				frappe.throw(
					_("Deduction {0} already counts this cause").format(other), DuplicateDeductionError
				)

	def set_draft_status(self):
		if self.docstatus == 0 and self.status not in (DRAFT, PROPOSED):
			self.status = DRAFT

	def on_submit(self):
		self.db_set(
			{"status": CONFIRMED, "confirmed_by": frappe.session.user, "confirmed_on": today()},
			update_modified=False,
		)

	def before_cancel(self):
		frappe.throw(
			_("A confirmed deduction cannot be cancelled; reverse it with a reason"), ConfirmedDeductionError
		)

	def on_trash(self):
		if self.docstatus == 1 or self.status in (CONFIRMED, REVERSED):
			frappe.throw(
				_("A confirmed deduction cannot be deleted; reverse it with a reason"),
				ConfirmedDeductionError,
			)

	@frappe.whitelist()
	def reverse(self, reason: str):
		"""Take a confirmed deduction out of the ledger, keeping it and the reason."""
		self.check_permission("submit")
		if self.docstatus != 1 or self.status != CONFIRMED:
			frappe.throw(_("Only a confirmed deduction can be reversed"), ConfirmedDeductionError)
		if not (reason or "").strip():
			frappe.throw(_("Give the reason for the reversal"), ReversalReasonMissingError)
		self.db_set(
			{
				"status": REVERSED,
				"reversal_reason": reason.strip(),
				"reversed_by": frappe.session.user,
				"reversed_on": today(),
			}
		)
		self.add_comment("Info", _("Reversed: {0}").format(reason.strip()))
