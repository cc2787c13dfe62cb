# Copyright (c) 2025, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""AB岗配置问题: active windows whose active staff break the AB post rule.

What counts is defined (with the seed articles) in ``zhengwu_hall.rules.staffing``: a window with A staff and no
B; a window with at most 2 A and more than one B; a window with B staff but no A. Windows and staff are read with
the user's permissions, so a user sees the problems of their own halls only.
"""

import frappe
from frappe import _

from zhengwu_hall.rules.staffing import B_WITHOUT_A, MISSING_B, MULTIPLE_B, find_ab_problems
from zhengwu_hall.zhengwu_hall.doctype.window_staff.window_staff import get_window_posts

# filter value / short label of each problem kind
PROBLEM_LABELS = {
	MISSING_B: "No B Post",
	MULTIPLE_B: "More Than One B Post",
	B_WITHOUT_A: "No A Post",
}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = get_data(filters)
	return get_columns(), rows, None, None, get_summary(rows)


def get_columns():
	return [
		{
			"fieldname": "service_hall",
			"label": _("Service Hall"),
			"fieldtype": "Link",
			"options": "Service Hall",
			"width": 200,
		},
		{
			"fieldname": "service_window",
			"label": _("Service Window"),
			"fieldtype": "Link",
			"options": "Service Window",
			"width": 180,
		},
		{"fieldname": "window_name", "label": _("Window Name"), "fieldtype": "Data", "width": 150},
		{"fieldname": "window_type", "label": _("Window Type"), "fieldtype": "Data", "width": 130},
		{
			"fieldname": "stationed_department",
			"label": _("Stationed Department"),
			"fieldtype": "Link",
			"options": "Stationed Department",
			"width": 160,
		},
		{"fieldname": "problem", "label": _("Problem"), "fieldtype": "Data", "width": 130},
		{"fieldname": "a_count", "label": _("A Count"), "fieldtype": "Int", "width": 80},
		{"fieldname": "a_staff", "label": _("A Post Staff"), "fieldtype": "Data", "width": 160},
		{"fieldname": "b_count", "label": _("B Count"), "fieldtype": "Int", "width": 80},
		{"fieldname": "b_staff", "label": _("B Post Staff"), "fieldtype": "Data", "width": 160},
		{"fieldname": "description", "label": _("Problem Detail"), "fieldtype": "Data", "width": 300},
		{"fieldname": "rule", "label": _("Basis"), "fieldtype": "Data", "width": 260},
	]


def get_data(filters):
	windows = get_windows(filters)
	if not windows:
		return []
	problems = find_ab_problems(get_window_posts(list(windows), check_permissions=True))
	if filters.get("problem"):
		problems = [p for p in problems if p.kind == filters.problem]

	users = {user for p in problems for user in (*p.a_staff, *p.b_staff)}
	full_names = get_full_names(users)

	def names(staff):
		return "、".join(full_names.get(user) or user for user in staff)

	rows = []
	for p in problems:
		window = windows[p.window]
		rows.append(
			{
				"service_hall": window.service_hall,
				"service_window": p.window,
				"window_name": window.window_name,
				"window_type": _(window.window_type),
				"stationed_department": window.stationed_department,
				"problem": _(PROBLEM_LABELS[p.kind]),
				"problem_kind": p.kind,
				"a_count": len(p.a_staff),
				"a_staff": names(p.a_staff),
				"b_count": len(p.b_staff),
				"b_staff": names(p.b_staff),
				"description": _(p.description),
				"rule": p.citation,
			}
		)
	rows.sort(key=lambda r: (window_order(windows[r["service_window"]]), r["service_window"]))
	return rows


def get_windows(filters) -> dict:
	conditions = {"is_active": 1}
	if filters.get("service_hall"):
		conditions["service_hall"] = ["descendants of (inclusive)", filters.service_hall]
	if filters.get("window_type"):
		conditions["window_type"] = filters.window_type
	rows = frappe.get_list(
		"Service Window",
		filters=conditions,
		fields=[
			"name",
			"window_name",
			"window_number",
			"window_type",
			"service_hall",
			"stationed_department",
		],
		limit_page_length=0,
	)
	return {row.name: row for row in rows}


def window_order(window):
	return (window.service_hall or "", window.window_number or "")


def get_full_names(users) -> dict:
	if not users:
		return {}
	return dict(
		frappe.get_all(
			"User", filters={"name": ["in", list(users)]}, fields=["name", "full_name"], as_list=True
		)
	)


def get_summary(rows):
	counts = {kind: 0 for kind in PROBLEM_LABELS}
	for row in rows:
		counts[row["problem_kind"]] += 1
	return [
		{
			"value": counts[kind],
			"label": _(label),
			"datatype": "Int",
			"indicator": "Red" if counts[kind] else "Green",
		}
		for kind, label in PROBLEM_LABELS.items()
	]
