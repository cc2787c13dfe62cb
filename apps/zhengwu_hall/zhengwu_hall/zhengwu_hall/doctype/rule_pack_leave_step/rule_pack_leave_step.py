from frappe.model.document import Document


class RulePackLeaveStep(Document):
	pass
