from frappe.model.document import Document


class RulePackAccountabilityMeasure(Document):
	pass
