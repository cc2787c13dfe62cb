# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""政务服务社会监督员 (seed 002 四(二)2 完善多方面监督检查: 聘请由人大代表、政协委员、市民代表等组成的政务服务社会监督员):
the register of a hall's social supervisors and their term of appointment."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate


class SupervisorTermError(frappe.ValidationError):
	pass


class SocialSupervisor(Document):
	def validate(self):
		self.validate_term()

	def validate_term(self):
		if getdate(self.term_end) < getdate(self.term_start):
			frappe.throw(_("The term must end on or after the day it starts"), SupervisorTermError)

	def in_term(self, date) -> bool:
		return getdate(self.term_start) <= getdate(date) <= getdate(self.term_end)
