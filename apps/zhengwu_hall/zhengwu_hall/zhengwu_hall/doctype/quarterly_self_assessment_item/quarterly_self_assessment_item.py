from frappe.model.document import Document


class QuarterlySelfAssessmentItem(Document):
	pass
