from frappe.model.document import Document


class RulePackNote(Document):
	pass
