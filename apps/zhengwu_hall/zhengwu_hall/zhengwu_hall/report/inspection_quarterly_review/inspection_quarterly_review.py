# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""季讲评 / 月巡查 views (seed 000 一(二)): halls ranked by problems found, repeat offenders (a window with two or more
rectification notices of the same 六查 category, 屡次), and monthly-patrol coverage of the community (village)
stations, each of which must be patrolled at least once a year. The user's halls only (a hall and its subtree)."""

import frappe
from frappe import _
from frappe.utils import getdate

from zhengwu_hall.rules import inspections as rules
from zhengwu_hall.setup.inspections import weekly_statistics

VIEWS = ("Hall Ranking", "Repeat Offenders", "Monthly Patrol Coverage")
STATION_LEVEL = "Village Station"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	view = filters.get("view") or VIEWS[0]
	halls = get_halls(filters)
	start, end = getdate(filters.from_date), getdate(filters.to_date)
	if view == "Repeat Offenders":
		return offender_columns(), offender_rows(halls, start, end)
	if view == "Monthly Patrol Coverage":
		return coverage_columns(), coverage_rows(halls, start, end)
	return ranking_columns(), ranking_rows(halls, start, end)


def get_halls(filters) -> list[str]:
	"""The halls the user may see, the chosen hall's subtree when one is chosen."""
	conditions = {}
	if filters.get("service_hall"):
		lft, rgt = frappe.db.get_value("Service Hall", filters.service_hall, ["lft", "rgt"])
		conditions = {"lft": (">=", lft), "rgt": ("<=", rgt)}
	return frappe.get_list("Service Hall", filters=conditions, pluck="name", order_by="lft")


def ranking_columns():
	return [
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 70},
		{"fieldname": "service_hall", "label": _("Service Hall"), "fieldtype": "Link", "options": "Service Hall", "width": 220},
		{"fieldname": "problems", "label": _("Problems Found"), "fieldtype": "Int", "width": 100},
		{"fieldname": "checks", "label": _("Checks Made"), "fieldtype": "Int", "width": 100},
		{"fieldname": "corrected_on_spot", "label": _("Corrected on the Spot"), "fieldtype": "Int", "width": 100},
		{"fieldname": "notices_issued", "label": _("Rectification Notices Issued"), "fieldtype": "Int", "width": 120},
	]  # fmt: skip


def ranking_rows(halls, start, end):
	return [
		{
			"rank": r.rank,
			"service_hall": r.hall,
			"problems": r.problems,
			"checks": r.checks,
			"corrected_on_spot": r.corrected_on_spot,
			"notices_issued": r.notices_issued,
		}
		for r in rules.hall_ranking(weekly_statistics(halls, start, end))
	]


def offender_columns():
	return [
		{"fieldname": "service_window", "label": _("Service Window"), "fieldtype": "Link", "options": "Service Window", "width": 200},
		{"fieldname": "category", "label": _("Six-Check Category"), "fieldtype": "Data", "width": 110},
		{"fieldname": "notices", "label": _("Rectification Notices Issued"), "fieldtype": "Int", "width": 120},
	]  # fmt: skip


def offender_rows(halls, start, end):
	notices = frappe.get_list(
		"Rectification Notice",
		filters={"service_hall": ("in", halls or [""]), "found_on": ("between", [start, end])},
		fields=["service_window", "category"],
	)
	return [
		{"service_window": window, "category": _(category), "notices": count}
		for window, category, count in rules.repeat_offenders(notices)
	]


def coverage_columns():
	return [
		{"fieldname": "service_hall", "label": _("Service Hall"), "fieldtype": "Link", "options": "Service Hall", "width": 240},
		{"fieldname": "patrolled", "label": _("Monthly Patrol"), "fieldtype": "Check", "width": 100},
	]  # fmt: skip


def coverage_rows(halls, start, end):
	stations = frappe.get_list(
		"Service Hall", filters={"name": ("in", halls or [""]), "hall_level": STATION_LEVEL}, pluck="name"
	)
	patrols = [
		{"hall": r.hall, "kind": r.kind}
		for r in frappe.get_list(
			"Inspection Record",
			filters={
				"service_hall": ("in", stations or [""]),
				"date": ("between", [start, end]),
				"docstatus": 1,
			},
			fields=["service_hall as hall", "kind"],
		)
	]
	patrolled, missing = rules.patrol_coverage(stations, patrols)
	return [{"service_hall": s, "patrolled": 1} for s in patrolled] + [
		{"service_hall": s, "patrolled": 0} for s in missing
	]
