"""预约 (seed 001 预约服务制; seed 003 二(五)2): a hall's open slots, the booking form and cancellation by booking code.
The page only renders; booking and cancelling go through the three Guest methods of zhengwu_hall.setup.appointments."""

import frappe
from frappe import _

from zhengwu_hall.rules.appointments import PRIORITY_GROUPS

no_cache = 1
PUBLIC_LANG = "zh"


def get_context(context):
	frappe.local.lang = PUBLIC_LANG  # the public pages are Chinese whatever the browser asks for
	context.no_cache = 1
	hall = frappe.form_dict.get("hall")
	row = hall and frappe.db.get_value("Service Hall", hall, ["name", "hall_name"], as_dict=True)
	if not row:
		raise frappe.DoesNotExistError(_("No such service hall"))
	context.hall = row
	context.items = frappe.get_all(
		"Service Item",
		filters={"service_hall": hall, "published_in_guide": 1, "enabled": 1},
		fields=["name", "item_name"],
		order_by="item_name",
	)
	context.selected_item = frappe.form_dict.get("item") or ""
	context.priority_groups = [(g, _(g)) for g in PRIORITY_GROUPS]
	return context
