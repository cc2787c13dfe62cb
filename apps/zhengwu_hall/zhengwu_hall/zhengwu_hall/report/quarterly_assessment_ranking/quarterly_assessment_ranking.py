# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""季度考核排名: the confirmed quarterly totals ranked within each hall, by staff member or by window (a window's
total is the mean of its staff members' totals). Seed 001 绩效考核制度 (季度考核), seed 003 月排名 / seed 000 季讲评.
Read with the user's permissions: a user sees the assessments of their own halls only."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import frappe
from frappe import _

from zhengwu_hall.rules.assessment import SCORE, dec


def execute(filters=None):
	filters = frappe._dict(filters or {})
	by_window = filters.get("rank_by") == "Window"
	return get_columns(by_window), get_data(filters, by_window)


def get_columns(by_window=False):
	columns = [
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 70},
		{"fieldname": "service_hall", "label": _("Service Hall"), "fieldtype": "Link", "options": "Service Hall", "width": 200},
		{"fieldname": "service_window", "label": _("Service Window"), "fieldtype": "Link", "options": "Service Window", "width": 160},
	]  # fmt: skip
	if by_window:
		columns.append(
			{"fieldname": "staff_count", "label": _("Staff Assessed"), "fieldtype": "Int", "width": 100}
		)
	else:
		columns += [
			{"fieldname": "staff", "label": _("Window Staff"), "fieldtype": "Link", "options": "Window Staff", "width": 120},
			{"fieldname": "staff_name", "label": _("Staff Name"), "fieldtype": "Data", "width": 120},
			{"fieldname": "name", "label": _("Quarterly Self-Assessment"), "fieldtype": "Link", "options": "Quarterly Self-Assessment", "width": 180},
			{"fieldname": "confirmed_grade", "label": _("Confirmed Grade"), "fieldtype": "Data", "width": 100},
		]  # fmt: skip
	columns.append(
		{
			"fieldname": "total_score",
			"label": _("Total Score"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 100,
		}
	)
	return columns


def get_data(filters, by_window=False):
	conditions = {"year": filters.get("year"), "quarter": str(filters.get("quarter")), "docstatus": 1}
	if filters.get("service_hall"):
		conditions["service_hall"] = filters.service_hall
	rows = frappe.get_list(
		"Quarterly Self-Assessment",
		filters=conditions,
		fields=[
			"name",
			"service_hall",
			"service_window",
			"staff",
			"staff_name",
			"confirmed_grade",
			"total_score",
		],
	)
	if by_window:
		groups = defaultdict(list)
		for row in rows:
			groups[(row.service_hall, row.service_window)].append(dec(row.total_score))
		rows = [
			frappe._dict(
				service_hall=hall,
				service_window=window,
				staff_count=len(totals),
				total_score=float(
					(sum(totals, Decimal(0)) / len(totals)).quantize(SCORE, rounding=ROUND_HALF_UP)
				),
			)
			for (hall, window), totals in groups.items()
		]
	return rank_within_hall(rows)


def rank_within_hall(rows):
	"""Rows sorted by hall, then total (highest first); equal totals share a rank (1, 2, 2, 4)."""
	rows = sorted(rows, key=lambda r: (r.service_hall or "", -(r.total_score or 0)))
	previous = (None, None)
	for i, row in enumerate(rows):
		if row.service_hall != previous[0]:
			start, rank = i, 1
		elif row.total_score != previous[1]:
			rank = i - start + 1
		row.rank = rank
		previous = (row.service_hall, row.total_score)
	return rows
