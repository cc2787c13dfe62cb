# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""年度考核等次名单: each staff member's confirmed quarterly totals, their mean and the proposed annual grade after the
pack's hard rules (verified complaints over the threshold bar 优秀: seed 001 行政效能投诉管理制度 第四条, seed 004
第二十二條; a party/government discipline is noted). The leadership confirms the list (seed 001 绩效考核制度 年度考核:
镇(街道)领导班子审核, 确定考核等次公布考核结果)."""

import frappe
from frappe import _

from zhengwu_hall.setup.assessment import annual_grades


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_columns():
	columns = [
		{"fieldname": "service_hall", "label": _("Service Hall"), "fieldtype": "Link", "options": "Service Hall", "width": 180},
		{"fieldname": "service_window", "label": _("Service Window"), "fieldtype": "Link", "options": "Service Window", "width": 140},
		{"fieldname": "staff", "label": _("Window Staff"), "fieldtype": "Link", "options": "Window Staff", "width": 110},
		{"fieldname": "staff_name", "label": _("Staff Name"), "fieldtype": "Data", "width": 110},
	]  # fmt: skip
	columns += [
		{
			"fieldname": f"q{i}",
			"label": _("Quarter {0}").format(i),
			"fieldtype": "Float",
			"precision": 2,
			"width": 80,
		}
		for i in (1, 2, 3, 4)
	]
	columns += [
		{"fieldname": "annual_total", "label": _("Annual Total"), "fieldtype": "Float", "precision": 2, "width": 100},
		{"fieldname": "verified_complaints", "label": _("Verified Complaints"), "fieldtype": "Int", "width": 90},
		{"fieldname": "computed_grade", "label": _("Grade by Score"), "fieldtype": "Data", "width": 100},
		{"fieldname": "proposed_grade", "label": _("Proposed Grade"), "fieldtype": "Data", "width": 100},
		{"fieldname": "notes", "label": _("Grading Notes"), "fieldtype": "Data", "width": 300},
	]  # fmt: skip
	return columns


def get_data(filters):
	conditions = {"name": filters.service_hall} if filters.get("service_hall") else {}
	halls = frappe.get_list("Service Hall", filters=conditions, pluck="name")
	rows = annual_grades(halls, int(filters.get("year")))
	return [r for r in rows if frappe.has_permission("Window Staff", "read", doc=r["staff"])]
