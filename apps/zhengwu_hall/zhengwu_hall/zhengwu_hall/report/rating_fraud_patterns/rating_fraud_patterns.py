# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""刷好评 patterns per window (seed 001 “好差评”制度 第二十六条): held repeat ratings, one device giving most of a
window's ratings, uniform top praise from few devices. Reads the QR/online ratings of the date range."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate

from zhengwu_hall.rules import evaluations as rules


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_columns():
	return [
		{"fieldname": "service_window", "label": _("Service Window"), "fieldtype": "Link", "options": "Service Window", "width": 200},
		{"fieldname": "ratings", "label": _("Ratings"), "fieldtype": "Int", "width": 80},
		{"fieldname": "held", "label": _("Held for Review"), "fieldtype": "Int", "width": 90},
		{"fieldname": "top_device_share", "label": _("Share of the Most Frequent Device"), "fieldtype": "Percent", "width": 120},
		{"fieldname": "praise_share", "label": _("Share at Very Satisfied"), "fieldtype": "Percent", "width": 110},
		{"fieldname": "flags", "label": _("Suspicious Patterns"), "fieldtype": "Data", "width": 360},
	]  # fmt: skip


def get_data(filters):
	conditions = {
		"rated_on": [
			"between",
			[getdate(filters.get("from_date")), add_days(getdate(filters.get("to_date")), 1)],
		],
		"device_id": ["is", "set"],
	}
	if filters.get("service_hall"):
		conditions["service_hall"] = ["descendants of (inclusive)", filters.service_hall]
	rows = frappe.get_list(
		"Service Evaluation",
		filters=conditions,
		fields=["service_window", "device_id as device", "level", "held_for_review as held"],
		limit_page_length=0,
		ignore_permissions=False,
	)
	return [
		{
			"service_window": s.service_window,
			"ratings": s.ratings,
			"held": s.held,
			"top_device_share": round(100 * s.top_device_share, 2),
			"praise_share": round(100 * s.praise_share, 2),
			"flags": "；".join(_(f) for f in s.flags),
		}
		for s in rules.suspicious_patterns(rows)
	]
