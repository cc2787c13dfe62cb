from frappe.model.document import Document


class RulePackReportingCadence(Document):
	pass
