# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""考勤月汇总 (seed 001 考勤制度 第五条 "每月汇总统计窗口工作人员的考勤情况"): per window and staff member of a
hall, the month's working days, approved leave days (by the hall's working-day calendar, half days included,
clipped to the month), recorded absenteeism (旷工) and the days on duty. Read with the user's permissions.
"""

import frappe
from frappe import _
from frappe.utils import get_first_day, get_last_day, getdate

from zhengwu_hall.rules.attendance import leave_days_in_period
from zhengwu_hall.rules.calendar import working_days_in
from zhengwu_hall.setup.calendar import get_working_calendar, translated_calendar_errors


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_columns():
	def column(fieldname, label, fieldtype="Float", width=110, options=None):
		return {
			"fieldname": fieldname,
			"label": label,
			"fieldtype": fieldtype,
			"width": width,
			"options": options,
		}

	return [
		column("service_window", _("Service Window"), "Link", 160, "Service Window"),
		column("staff", _("Window Staff"), "Link", 120, "Window Staff"),
		column("staff_name", _("Staff Name"), "Data", 120),
		column("post", _("Post (A/B)"), "Data", 80),
		column("working_days", _("Working Days in the Month")),
		column("leave_days", _("Approved Leave Days")),
		column("absent_days", _("Days of Absenteeism")),
		column("days_on_duty", _("Days on Duty")),
	]


def get_data(filters) -> list[dict]:
	if not filters.get("service_hall") or not filters.get("month"):
		return []
	hall = filters.service_hall
	first, last = get_first_day(filters.month), get_last_day(filters.month)
	calendar = get_working_calendar(hall)
	with translated_calendar_errors(hall):
		working_days = len(working_days_in(first, last, calendar))
	staff = frappe.get_list(
		"Window Staff",
		filters={"service_hall": hall, "is_active": 1},
		fields=["name", "user", "staff_name", "service_window", "post"],
		order_by="service_window asc, post asc",
		limit_page_length=0,
	)
	leave = leave_by_user(hall, first, last, calendar)
	absence = absence_by_staff(hall, first, last)
	rows = []
	for s in staff:
		leave_days = leave.get(s.user, 0.0)
		absent_days = absence.get(s.name, 0.0)
		rows.append(
			{
				"service_window": s.service_window,
				"staff": s.name,
				"staff_name": s.staff_name,
				"post": _(s.post),
				"working_days": working_days,
				"leave_days": leave_days,
				"absent_days": absent_days,
				"days_on_duty": max(working_days - leave_days - absent_days, 0),
			}
		)
	return rows


def leave_by_user(hall, first, last, calendar) -> dict[str, float]:
	rows = frappe.get_list(
		"Leave Request",
		filters={
			"service_hall": hall,
			"docstatus": 1,
			"status": "Approved",
			"from_date": ("<=", last),
			"to_date": (">=", first),
		},
		fields=["applicant", "from_date", "to_date", "from_afternoon", "to_noon"],
		limit_page_length=0,
	)
	out: dict[str, float] = {}
	with translated_calendar_errors(hall):
		for r in rows:
			out[r.applicant] = out.get(r.applicant, 0.0) + leave_days_in_period(
				getdate(r.from_date),
				getdate(r.to_date),
				first,
				last,
				calendar,
				bool(r.from_afternoon),
				bool(r.to_noon),
			)
	return out


def absence_by_staff(hall, first, last) -> dict[str, float]:
	rows = frappe.get_list(
		"Absence Record",
		filters={"service_hall": hall, "absence_date": ("between", (first, last))},
		fields=["staff", "absent_days"],
		limit_page_length=0,
	)
	out: dict[str, float] = {}
	for r in rows:
		out[r.staff] = out.get(r.staff, 0.0) + (r.absent_days or 0)
	return out
