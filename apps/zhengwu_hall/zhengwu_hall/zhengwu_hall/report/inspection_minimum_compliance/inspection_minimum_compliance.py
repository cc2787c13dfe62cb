# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""巡查次数不足: the hall-days, working days only, whose submitted inspection records fall short of the pack's
minimum checks (seed 000 日自检: ≥3 at 上班前/上班时/下班前; seed 001 日常巡查 第五条: ≥4). Halls whose pack sets
no minimum are named in the report's message instead of being measured against a default."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import getdate

from zhengwu_hall.rules import calendar as wd
from zhengwu_hall.rules import inspections as rules
from zhengwu_hall.rules.packs import RuleNotConfigured
from zhengwu_hall.setup.calendar import get_working_calendar, translated_calendar_errors
from zhengwu_hall.setup.inspections import check_rows, pack_for_hall


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows, unset = get_data(filters)
	message = _("No daily minimum is configured for: {0}").format("、".join(unset)) if unset else None
	return get_columns(), rows, message


def get_columns():
	return [
		{"fieldname": "service_hall", "label": _("Service Hall"), "fieldtype": "Link", "options": "Service Hall", "width": 220},
		{"fieldname": "date", "label": _("Date"), "fieldtype": "Date", "width": 110},
		{"fieldname": "weekday", "label": _("Weekday"), "fieldtype": "Data", "width": 80},
		{"fieldname": "checks_done", "label": _("Checks That Day"), "fieldtype": "Int", "width": 110},
		{"fieldname": "checks_required", "label": _("Checks Required"), "fieldtype": "Int", "width": 110},
		{"fieldname": "missing_slots", "label": _("Slots Without a Check"), "fieldtype": "Data", "width": 200},
	]  # fmt: skip


def get_halls(filters) -> list[str]:
	conditions = {"name": filters.service_hall} if filters.get("service_hall") else {}
	return frappe.get_list("Service Hall", filters=conditions, pluck="name", order_by="lft")


def get_data(filters):
	start, end = getdate(filters.from_date), getdate(filters.to_date)
	halls = get_halls(filters)
	by_day = defaultdict(list)
	for row in check_rows(halls, start, end, docstatus=(1,)):
		by_day[(row.hall, getdate(row.date))].append(row)
	out, unset = [], []
	for hall in halls:
		pack = pack_for_hall(hall)
		try:
			rules.daily_requirement(pack or {})
		except RuleNotConfigured:
			unset.append(hall)
			continue
		calendar = get_working_calendar(hall)
		with translated_calendar_errors(hall):
			days = wd.working_days_in(start, end, calendar)
		for day in days:
			result = rules.day_compliance(pack, by_day.get((hall, day), []))
			if result.below_minimum:
				out.append(
					{
						"service_hall": hall,
						"date": day,
						"weekday": _(rules.weekday_name(day)),
						"checks_done": result.done,
						"checks_required": result.requirement.minimum,
						"missing_slots": "、".join(_(s) for s in result.missing_slots),
					}
				)
	return out, unset
