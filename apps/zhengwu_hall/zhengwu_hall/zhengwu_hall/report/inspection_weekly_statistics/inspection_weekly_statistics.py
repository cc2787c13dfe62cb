# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""巡查情况统计表 on demand (seed 000 附件2): per hall and week of any period, checks made, problems found by 六查
category, corrected on the spot, rectification notices issued and closed. Submitted records only; the user's
halls only."""

import frappe
from frappe import _
from frappe.utils import getdate

from zhengwu_hall.rules.inspections import SIX_CHECKS
from zhengwu_hall.setup.inspections import weekly_statistics


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_columns():
	columns = [
		{"fieldname": "service_hall", "label": _("Service Hall"), "fieldtype": "Link", "options": "Service Hall", "width": 200},
		{"fieldname": "from_date", "label": _("From Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "to_date", "label": _("To Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "checks", "label": _("Checks Made"), "fieldtype": "Int", "width": 90},
		{"fieldname": "problems", "label": _("Problems Found"), "fieldtype": "Int", "width": 90},
	]  # fmt: skip
	columns += [
		{"fieldname": frappe.scrub(c), "label": _(c), "fieldtype": "Int", "width": 70} for c in SIX_CHECKS
	]
	columns += [
		{"fieldname": "corrected_on_spot", "label": _("Corrected on the Spot"), "fieldtype": "Int", "width": 90},
		{"fieldname": "notices_issued", "label": _("Rectification Notices Issued"), "fieldtype": "Int", "width": 110},
		{"fieldname": "notices_closed", "label": _("Rectification Notices Closed"), "fieldtype": "Int", "width": 110},
	]  # fmt: skip
	return columns


def get_data(filters):
	conditions = {"name": filters.service_hall} if filters.get("service_hall") else {}
	halls = frappe.get_list("Service Hall", filters=conditions, pluck="name")
	rows = []
	for week in weekly_statistics(halls, getdate(filters.from_date), getdate(filters.to_date)):
		row = {
			"service_hall": week.hall,
			"from_date": week.week_start,
			"to_date": week.week_end,
			"checks": week.checks,
			"problems": week.problems,
			"corrected_on_spot": week.corrected_on_spot,
			"notices_issued": week.notices_issued,
			"notices_closed": week.notices_closed,
		}
		row.update({frappe.scrub(c): week.by_category.get(c, 0) for c in SIX_CHECKS})
		rows.append(row)
	return rows
