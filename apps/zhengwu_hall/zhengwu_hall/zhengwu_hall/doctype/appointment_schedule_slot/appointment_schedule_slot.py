# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class AppointmentScheduleSlot(Document):
	pass
