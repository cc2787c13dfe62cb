from frappe.model.document import Document


class RulePackConsequence(Document):
	pass
