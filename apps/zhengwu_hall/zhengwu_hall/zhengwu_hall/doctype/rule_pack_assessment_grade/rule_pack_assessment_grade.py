from frappe.model.document import Document


class RulePackAssessmentGrade(Document):
	pass
