from frappe.model.document import Document


class RulePackEvaluationLevel(Document):
	pass
