# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""投诉责任追究建议: what verified complaints make a staff member or window reach (seed 001 行政效能投诉管理制度
第四条): not eligible for 优秀, the director interviews the window head or replaces staff, one month of off-post
training (在编) or dismissal (编外). Created by zhengwu_hall.setup.complaints.apply_consequences as a proposal; the
leadership records its decision here. Nothing is done to the staff member automatically."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import today


class ConsequenceDecisionMissingError(frappe.ValidationError):
	pass


class ComplaintConsequence(Document):
	def validate(self):
		self.validate_decision()

	def validate_decision(self):
		if self.status == "Awaiting Decision":
			self.decided_by = self.decided_on = None
			return
		if not (self.decision or "").strip():
			frappe.throw(
				_("Write down the decision taken before marking the consequence as decided"),
				ConsequenceDecisionMissingError,
			)
		if self.has_value_changed("status"):
			self.decided_by = frappe.session.user
			self.decided_on = today()
