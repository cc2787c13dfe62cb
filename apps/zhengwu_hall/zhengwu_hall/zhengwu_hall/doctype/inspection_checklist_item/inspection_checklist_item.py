# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""检查事项: an item an inspector may tick against a finding (seed 000 六查 sub-items, seed 002 大厅十不准).

Shipped items come from fixtures/inspection_checklist/ (created when missing, never overwriting a desk edit);
administrators add their jurisdiction's items in the desk."""

from frappe.model.document import Document


class InspectionChecklistItem(Document):
	pass
