# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""各窗口办件情况月报 (seed 001 限时办结制 第九条 "每月对各窗口办理情况进行通报"): per window, the cases of a month
(closed in it, or still open with the promised date in it), how many on time and how many overdue (第十条), and
the late handovers to departments (审管分离 第二十三条). Read with the user's permissions (own halls only)."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from zhengwu_hall.setup.cases import month_rows


def execute(filters=None):
	filters = frappe._dict(filters or {})
	halls = None
	if filters.get("service_hall"):
		halls = [filters.service_hall]
	return get_columns(), month_rows(getdate(filters.get("month") or today()), halls)


def get_columns():
	return [
		{"fieldname": "service_window", "label": _("Service Window"), "fieldtype": "Link", "options": "Service Window", "width": 180},
		{"fieldname": "stationed_department", "label": _("Stationed Department"), "fieldtype": "Link", "options": "Stationed Department", "width": 180},
		{"fieldname": "total", "label": _("Cases of the Month"), "fieldtype": "Int", "width": 100},
		{"fieldname": "completed", "label": _("Cases Closed"), "fieldtype": "Int", "width": 80},
		{"fieldname": "on_time", "label": _("Closed On Time"), "fieldtype": "Int", "width": 100},
		{"fieldname": "overdue", "label": _("Overdue Cases"), "fieldtype": "Int", "width": 100},
		{"fieldname": "open", "label": _("Still Open"), "fieldtype": "Int", "width": 90},
		{"fieldname": "on_time_rate", "label": _("On-Time Rate (%)"), "fieldtype": "Float", "precision": 1, "width": 110},
		{"fieldname": "late_handovers", "label": _("Late Handovers"), "fieldtype": "Int", "width": 100},
	]  # fmt: skip
