from frappe.model.document import Document


class RulePackInspectionCategory(Document):
	pass
