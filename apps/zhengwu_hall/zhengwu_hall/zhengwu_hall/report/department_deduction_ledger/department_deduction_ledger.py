# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""进驻部门扣分台账: each stationed department's annual score (seed 004 第二十條: 2 points, 扣完為止, rescaled when the
total changes), the points deducted by its confirmed deductions (第二十一條), the balance, and whether it may still be
recommended as 先进窗口 / 先进集体 (第二十三條: not when more than 0.3 was deducted)."""

import frappe
from frappe import _

from zhengwu_hall.setup.assessment import AssessmentRuleNotConfigured, department_ledger


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_columns():
	return [
		{"fieldname": "stationed_department", "label": _("Stationed Department"), "fieldtype": "Link", "options": "Stationed Department", "width": 220},
		{"fieldname": "service_hall", "label": _("Service Hall"), "fieldtype": "Link", "options": "Service Hall", "width": 180},
		{"fieldname": "entries", "label": _("Confirmed Deductions"), "fieldtype": "Int", "width": 100},
		{"fieldname": "budget", "label": _("Annual Score"), "fieldtype": "Float", "precision": 4, "width": 100},
		{"fieldname": "deducted", "label": _("Points Deducted"), "fieldtype": "Float", "precision": 4, "width": 100},
		{"fieldname": "balance", "label": _("Remaining Score"), "fieldtype": "Float", "precision": 4, "width": 100},
		{"fieldname": "eligible", "label": _("Eligible for Advanced Window"), "fieldtype": "Data", "width": 140},
	]  # fmt: skip


def get_data(filters):
	conditions = {"service_hall": filters.service_hall} if filters.get("service_hall") else {}
	year = int(filters.get("year"))
	rows = []
	for dept in frappe.get_list("Stationed Department", filters=conditions, fields=["name", "service_hall"]):
		try:
			ledger = department_ledger(dept.name, year)
		except AssessmentRuleNotConfigured:
			frappe.clear_last_message()
			rows.append(
				{
					"stationed_department": dept.name,
					"service_hall": dept.service_hall,
					"eligible": _("Deduction Rules Not Configured"),
				}
			)
			continue
		rows.append(
			{
				"stationed_department": dept.name,
				"service_hall": dept.service_hall,
				"entries": len(ledger.entries),
				"budget": float(ledger.budget),
				"deducted": float(ledger.deducted),
				"balance": float(ledger.balance),
				"eligible": eligibility(ledger.eligible_for_advanced),
			}
		)
	return rows


def eligibility(eligible):
	if eligible is None:
		return _("No Threshold Set")
	return _("Eligible for Recommendation") if eligible else _("Not Eligible for Recommendation")
