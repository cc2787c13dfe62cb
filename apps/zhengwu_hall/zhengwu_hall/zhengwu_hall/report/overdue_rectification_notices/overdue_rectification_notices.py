# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""逾期整改告知单: issued notices still open after their deadline (seed 001 日常巡查工作制度 第八条); each is due a
整改函. Read with the user's permissions: a user sees the notices of their own halls only."""

import frappe
from frappe import _
from frappe.utils import getdate

from zhengwu_hall.setup.calendar import working_days_overdue
from zhengwu_hall.setup.inspections import overdue_notices


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_columns():
	return [
		{"fieldname": "name", "label": _("Rectification Notice"), "fieldtype": "Link", "options": "Rectification Notice", "width": 180},
		{"fieldname": "service_hall", "label": _("Service Hall"), "fieldtype": "Link", "options": "Service Hall", "width": 200},
		{"fieldname": "service_window", "label": _("Service Window"), "fieldtype": "Link", "options": "Service Window", "width": 160},
		{"fieldname": "window_head", "label": _("Window Head"), "fieldtype": "Link", "options": "User", "width": 160},
		{"fieldname": "category", "label": _("Six-Check Category"), "fieldtype": "Data", "width": 90},
		{"fieldname": "problem", "label": _("Problem Found"), "fieldtype": "Data", "width": 240},
		{"fieldname": "deadline", "label": _("Rectification Deadline"), "fieldtype": "Date", "width": 110},
		{"fieldname": "working_days_overdue", "label": _("Working Days Overdue"), "fieldtype": "Int", "width": 110},
		{"fieldname": "workflow_state", "label": _("Workflow State"), "fieldtype": "Data", "width": 110},
	]  # fmt: skip


def get_data(filters):
	as_of = getdate(filters.get("as_of"))
	conditions = {"name": filters.service_hall} if filters.get("service_hall") else {}
	halls = frappe.get_list("Service Hall", filters=conditions, pluck="name")
	rows = []
	for notice in overdue_notices(as_of, halls):
		if not frappe.has_permission("Rectification Notice", "read", doc=notice.name):
			continue
		rows.append(
			{
				**{k: notice.get(k) for k in ("name", "service_hall", "service_window", "window_head", "problem", "deadline")},
				"category": _(notice.category),
				"workflow_state": _(notice.workflow_state),
				"working_days_overdue": working_days_overdue(notice.service_hall, notice.deadline, as_of),
			}
		)  # fmt: skip
	return rows
