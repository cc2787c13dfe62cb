from frappe.model.document import Document


class RulePackBadReviewReason(Document):
	pass
