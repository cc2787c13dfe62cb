# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""超期投诉: complaints still open after their acceptance or resolution deadline (seed 001 行政效能投诉管理制度
第三条 加快投诉事项的办理时间). Read with the user's permissions; the complainant never appears (第三条 保密)."""

import frappe
from frappe import _
from frappe.utils import getdate

from zhengwu_hall.setup.complaints import overdue_complaints


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_columns():
	return [
		{"fieldname": "name", "label": _("Complaint"), "fieldtype": "Link", "options": "Complaint", "width": 150},
		{"fieldname": "transfer_no", "label": _("Transfer Number"), "fieldtype": "Data", "width": 110},
		{"fieldname": "service_hall", "label": _("Service Hall"), "fieldtype": "Link", "options": "Service Hall", "width": 200},
		{"fieldname": "service_window", "label": _("Service Window"), "fieldtype": "Link", "options": "Service Window", "width": 150},
		{"fieldname": "problem_type", "label": _("Problem Type"), "fieldtype": "Data", "width": 120},
		{"fieldname": "workflow_state", "label": _("Workflow State"), "fieldtype": "Data", "width": 110},
		{"fieldname": "due", "label": _("Deadline Passed"), "fieldtype": "Date", "width": 110},
		{"fieldname": "working_days_overdue", "label": _("Working Days Overdue"), "fieldtype": "Int", "width": 110},
		{"fieldname": "handler", "label": _("Complaint Handler"), "fieldtype": "Link", "options": "User", "width": 160},
	]  # fmt: skip


def get_data(filters):
	as_of = getdate(filters.get("as_of"))
	conditions = {"name": filters.service_hall} if filters.get("service_hall") else {}
	halls = frappe.get_list("Service Hall", filters=conditions, pluck="name")
	if not halls:
		return []
	rows = []
	for row in overdue_complaints(as_of, halls):
		rows.append(
			{
				**{k: row.get(k) for k in ("name", "transfer_no", "service_hall", "service_window", "due", "working_days_overdue", "handler")},
				"problem_type": _(row.problem_type) if row.problem_type else "",
				"workflow_state": _(row.workflow_state),
			}
		)  # fmt: skip
	return rows
