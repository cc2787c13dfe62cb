from frappe.model.document import Document


class RulePackEvaluationMode(Document):
	pass
