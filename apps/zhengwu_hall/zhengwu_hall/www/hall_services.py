"""公开事项清单 (seed 003 二(三)1 编制公开本级服务事项清单和负面清单; 2 办事指南): the halls that publish, one hall's
published items with a link to each guide, and its negative list. Read-only, no login."""

import frappe
from frappe import _

from zhengwu_hall.setup.appointments import published_halls

no_cache = 1
PUBLIC_LANG = "zh"


def get_context(context):
	frappe.local.lang = PUBLIC_LANG  # the public pages are Chinese whatever the browser asks for
	hall = frappe.form_dict.get("hall")
	context.no_cache = 1
	context.hall = None
	context.halls = published_halls()
	if not hall:
		return context
	row = frappe.db.get_value("Service Hall", hall, ["name", "hall_name"], as_dict=True)
	if not row:
		raise frappe.DoesNotExistError(_("No such service hall"))
	context.hall = row
	context.items = frappe.get_all(
		"Service Item",
		filters={"service_hall": hall, "published_in_guide": 1, "enabled": 1},
		fields=[
			"name",
			"item_name",
			"item_code",
			"promised_limit",
			"appointment_available",
			"home_visit_available",
		],
		order_by="item_name",
	)
	context.negative = frappe.get_all(
		"Negative List Entry",
		filters={"service_hall": hall, "enabled": 1},
		fields=["item_name", "competent_authority", "reason", "explanation", "where_to_apply"],
		order_by="item_name",
	)
	context.bookable = bool(
		frappe.get_all("Appointment Schedule", filters={"service_hall": hall, "enabled": 1}, limit=1)
	)
	return context
