"""Service cases on the site: the daily jobs and the monthly circular (seed 001 限时办结制 第九条).

- ``refresh_open_cases`` (daily): open cases whose promised date passed become overdue (第十条), late handovers
  are marked (审管分离 第二十三条);
- ``warn_due_cases`` (daily): 预警 — the first-responsible staff member of an open case gets a system notification
  when the promised date is within the pack's ``case_warning_working_days``; halls whose pack leaves it unset
  (every shipped pack: the seed names 预警 but no number of days) get none until an administrator sets it;
- ``month_rows``: per-window counts of a month for the report "Monthly Case Report by Window" (每月通报).
"""

from __future__ import annotations

import datetime as dt

import frappe
from frappe import _
from frappe.utils import get_first_day, get_last_day, getdate, today

from zhengwu_hall.rules import cases as rules
from zhengwu_hall.rules.packs import RuleNotConfigured
from zhengwu_hall.setup.calendar import get_working_calendar
from zhengwu_hall.setup.packs import get_pack, resolve_pack_for_hall

CASE = "Service Case"
OPEN = ("Awaiting Materials", "In Progress", "Handed Over")


def open_cases(halls=None) -> list:
	filters = {"status": ("in", OPEN)}
	if halls is not None:
		filters["service_hall"] = ("in", halls or [""])
	return frappe.get_all(
		CASE,
		filters=filters,
		fields=[
			"name",
			"service_hall",
			"service_window",
			"staff",
			"promised_date",
			"applicant_name",
			"needs_field_work",
			"handed_over_on",
			"handover_due",
			"handover_late",
		],
	)


def refresh_open_cases(as_of=None) -> list[str]:
	"""Recompute the overdue flag and the handover lateness of open cases as of ``as_of``; returns the overdue."""
	from zhengwu_hall.zhengwu_hall.doctype.service_case.service_case import refresh_case

	as_of = getdate(as_of or today())
	overdue = []
	for row in open_cases():
		if refresh_case(row.name, as_of):
			overdue.append(row.name)
		if row.needs_field_work and not row.handed_over_on and row.handover_due:
			late = int(getdate(row.handover_due) < as_of)
			if late != row.handover_late:
				frappe.db.set_value(CASE, row.name, "handover_late", late, update_modified=False)
	return overdue


def warn_due_cases(as_of=None) -> list[str]:
	"""Notify the first-responsible staff of open cases nearing their promised date (once a day per case)."""
	as_of = getdate(as_of or today())
	warned = []
	packs: dict[str, int | None] = {}
	for row in open_cases():
		if not row.promised_date:
			continue
		if row.service_hall not in packs:
			resolution = resolve_pack_for_hall(row.service_hall)
			try:
				packs[row.service_hall] = (
					rules.warning_days(get_pack(resolution.pack)) if resolution else None
				)
			except RuleNotConfigured:
				packs[row.service_hall] = None
		days = packs[row.service_hall]
		if days is None:
			continue
		if not rules.needs_warning(as_of, row.promised_date, days, get_working_calendar(row.service_hall)):
			continue
		user = frappe.db.get_value("Window Staff", row.staff, "user")
		if not user or already_warned(row.name, user, as_of):
			continue
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"document_type": CASE,
				"document_name": row.name,
				"subject": _("Service case {0} of {1} is due on {2}").format(
					row.name, row.applicant_name, frappe.format(row.promised_date, {"fieldtype": "Date"})
				),
			}
		).insert(ignore_permissions=True)
		warned.append(row.name)
	return warned


def already_warned(case: str, user: str, as_of: dt.date) -> bool:
	return bool(
		frappe.db.exists(
			"Notification Log",
			{
				"document_type": CASE,
				"document_name": case,
				"for_user": user,
				"creation": (">=", str(min(as_of, getdate(today())))),
			},
		)
	)


def month_rows(month, halls=None) -> list[dict]:
	"""Per window: cases of the month (closed in it, or open and due in it), completed, on time, overdue, open,
	on-time rate, late handovers. Read with the user's permissions (frappe.get_list)."""
	start, end = get_first_day(getdate(month)), get_last_day(getdate(month))
	filters = {}
	if halls is not None:
		filters["service_hall"] = ("in", halls or [""])
	cases = frappe.get_list(
		CASE,
		filters=filters,
		or_filters={
			"completed_on": ("between", (start, end)),
			"refused_on": ("between", (start, end)),
			"promised_date": ("between", (start, end)),
		},
		fields=[
			"name",
			"service_window",
			"stationed_department",
			"completed_on",
			"refused_on",
			"promised_date",
			"is_overdue",
			"handover_late",
		],
		limit_page_length=0,
	)
	counts = rules.month_counts(cases, start, end)
	late_handovers: dict[str, int] = {}
	departments: dict[str, str] = {}
	for case in cases:
		departments.setdefault(case.service_window or "", case.stationed_department)
		if case.handover_late:
			late_handovers[case.service_window or ""] = late_handovers.get(case.service_window or "", 0) + 1
	rows = []
	for window in sorted(counts):
		c = counts[window]
		closed = c["completed"]
		rows.append(
			{
				"service_window": window,
				"stationed_department": departments.get(window),
				**c,
				"on_time_rate": round(100.0 * c["on_time"] / closed, 1) if closed else None,
				"late_handovers": late_handovers.get(window, 0),
			}
		)
	return rows
