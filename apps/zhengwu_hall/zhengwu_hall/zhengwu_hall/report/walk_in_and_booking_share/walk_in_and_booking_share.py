# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""现场办理与预约占比: per hall, the people served without booking (walk-ins) and with one, cancelled bookings left
out. Seed 003 二(四): 不得强制要求其先到线上预约 — an appointment is an offer, and this shows how it is taken up.
Read with the user's permissions (frappe.get_list): a user counts their own halls only."""

import frappe
from frappe import _
from frappe.utils import getdate

from zhengwu_hall.rules.appointments import walk_in_share


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_columns():
	return [
		{"fieldname": "service_hall", "label": _("Service Hall"), "fieldtype": "Link", "options": "Service Hall", "width": 220},
		{"fieldname": "walk_ins", "label": _("Walk-ins"), "fieldtype": "Int", "width": 110},
		{"fieldname": "bookings", "label": _("Bookings"), "fieldtype": "Int", "width": 110},
		{"fieldname": "total", "label": _("People Served or Expected"), "fieldtype": "Int", "width": 140},
		{"fieldname": "walk_in_share", "label": _("Walk-in Share (%)"), "fieldtype": "Percent", "width": 130},
	]  # fmt: skip


def get_data(filters):
	conditions = {
		"appointment_date": ("between", [getdate(filters.get("from_date")), getdate(filters.get("to_date"))])
	}
	if filters.get("service_hall"):
		conditions["service_hall"] = filters.service_hall
	rows = frappe.get_list(
		"Service Appointment",
		filters=conditions,
		fields=["service_hall", "channel", "status"],
		limit_page_length=0,
	)
	by_hall = {}
	for row in rows:
		by_hall.setdefault(row.service_hall, []).append(row)
	return [{"service_hall": hall, **walk_in_share(items)} for hall, items in sorted(by_hall.items())]
