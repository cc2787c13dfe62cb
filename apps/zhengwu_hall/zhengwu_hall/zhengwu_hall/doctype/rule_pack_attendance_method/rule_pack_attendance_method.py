from frappe.model.document import Document


class RulePackAttendanceMethod(Document):
	pass
