from frappe.model.document import Document


class RulePackAssessmentDimension(Document):
	pass
