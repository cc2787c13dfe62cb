# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""One step of a leave request's approval route, copied from the pack, with its decision once taken."""

from frappe.model.document import Document


class LeaveApprovalStep(Document):
	pass
