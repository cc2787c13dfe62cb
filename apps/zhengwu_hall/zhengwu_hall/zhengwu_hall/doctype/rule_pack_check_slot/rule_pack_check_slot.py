from frappe.model.document import Document


class RulePackCheckSlot(Document):
	pass
