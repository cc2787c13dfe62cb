from frappe.model.document import Document


class RulePackDeductionItem(Document):
	pass
