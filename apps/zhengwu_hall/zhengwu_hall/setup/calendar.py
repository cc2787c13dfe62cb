"""The working-day calendar of a hall, read from the desk (Official Calendar Year, Hall Calendar Exception).

Controllers count working-day deadlines with the thin wrappers below — ``add_working_days(hall, start, n)``,
``is_working_day(hall, d)``, ``working_days_between(hall, a, b)``, ``case_deadline(...)``,
``working_days_overdue(...)`` — which apply the pure rules of ``zhengwu_hall.rules.calendar`` to
``get_working_calendar(hall)``:

- the official calendar: the ``holidays`` package, replaced for a year by that year's Official Calendar Year
  record when there is one (a year the library does not know yet, or a correction);
- the hall's Hall Calendar Exceptions and those of its ancestors flagged "applies to subordinate halls", the
  nearest hall winning for a date (``zhengwu_hall.rules.calendar_entries.resolve_hall_exceptions``).

No cache: each call reads the records afresh (three small queries), so an edit saved in the desk — or rolled
back — governs the very next call, in every worker, without any invalidation to get wrong. A caller that counts
many dates for one hall (a report over thousands of cases) builds the calendar once with
``get_working_calendar(hall)`` and passes it to the pure functions inside ``translated_calendar_errors()``.

The calendar is a rule, not data the user reads: it is built without permission checks, so a town's staff count
their deadlines with the district's days off although they cannot open the district's records.

A year neither the library nor an Official Calendar Year knows raises ``CalendarYearNotEnteredError`` (Chinese
message with a link that opens a new Official Calendar Year for that year) instead of guessing Monday to Friday.
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.query_builder import Order
from frappe.utils import getdate

from zhengwu_hall.rules import calendar as wd
from zhengwu_hall.rules import calendar_entries as entries
from zhengwu_hall.rules.calendar import CalendarMisconfigured, UnknownCalendarYear, WorkingCalendar

HALL_DOCTYPE = "Service Hall"
OFFICIAL_YEAR_DOCTYPE = "Official Calendar Year"
OFFICIAL_DAY_DOCTYPE = "Official Calendar Day"
EXCEPTION_DOCTYPE = "Hall Calendar Exception"


class CalendarYearNotEnteredError(frappe.ValidationError):
	pass


class CalendarHallNotFoundError(frappe.ValidationError):
	pass


class WorkingCalendarMisconfiguredError(frappe.ValidationError):
	pass


# ---------------------------------------------------------------------------------------------- the calendar
def get_working_calendar(hall: str | None = None, exclude_exception: str | None = None) -> WorkingCalendar:
	"""The calendar ``hall`` counts working days on (None: the national calendar with the entered years).

	``exclude_exception`` leaves one Hall Calendar Exception out (its own validation asks "what would the day be
	without me?").
	"""
	local_days_off, extra_working_days = (
		get_hall_exception_dates(hall, exclude_exception) if hall else (frozenset(), frozenset())
	)
	data = entries.calendar_data(
		name=hall or "",
		overrides=get_official_year_overrides(),
		local_days_off=local_days_off,
		extra_working_days=extra_working_days,
	)
	with translated_calendar_errors(hall):
		return WorkingCalendar.from_data(data)


def get_official_year_overrides() -> dict[int, dict]:
	"""{year: override} for every Official Calendar Year record, as ``WorkingCalendar.from_data`` takes them."""
	year = frappe.qb.DocType(OFFICIAL_YEAR_DOCTYPE)
	day = frappe.qb.DocType(OFFICIAL_DAY_DOCTYPE)
	rows = (
		frappe.qb.from_(year)
		.left_join(day)
		.on(
			(day.parent == year.name)
			& (day.parenttype == OFFICIAL_YEAR_DOCTYPE)
			& (day.parentfield == "days")
		)
		.select(year.year, year.notice_title, year.notice_number, day.date, day.kind)
		.run(as_dict=True)
	)
	by_year: dict[int, tuple[str, list]] = {}
	for row in rows:
		source = " ".join(part for part in (row.notice_title, row.notice_number) if part)
		_source, days = by_year.setdefault(int(row.year), (source, []))
		if row.date:
			days.append(entries.YearRow(date=getdate(row.date), kind=row.kind))
	return {y: entries.year_override(y, days, source) for y, (source, days) in by_year.items()}


def get_hall_chain(hall: str) -> list[str]:
	"""``hall`` and its ancestors, nearest first (Service Hall is a nested set)."""
	bounds = frappe.db.get_value(HALL_DOCTYPE, hall, ["lft", "rgt"])
	if not bounds:
		frappe.throw(_("Service Hall {0} does not exist").format(hall), CalendarHallNotFoundError)
	lft, rgt = bounds
	halls = frappe.qb.DocType(HALL_DOCTYPE)
	chain = (
		frappe.qb.from_(halls)
		.select(halls.name)
		.where((halls.lft <= lft) & (halls.rgt >= rgt))
		.orderby(halls.lft, order=Order.desc)
		.run(pluck=True)
	)
	return chain if hall in chain else [hall, *chain]


def get_hall_exception_dates(
	hall: str, exclude: str | None = None
) -> tuple[frozenset[datetime.date], frozenset[datetime.date]]:
	"""(local days off, extra working days) of ``hall``: its own exceptions and its ancestors' subtree ones."""
	chain = get_hall_chain(hall)
	exception = frappe.qb.DocType(EXCEPTION_DOCTYPE)
	query = (
		frappe.qb.from_(exception)
		.select(exception.service_hall, exception.date, exception.kind, exception.applies_to_subtree)
		.where(exception.service_hall.isin(chain))
	)
	if exclude:
		query = query.where(exception.name != exclude)
	found = [
		entries.HallException(
			hall=row.service_hall,
			date=getdate(row.date),
			kind=row.kind,
			applies_to_subtree=bool(row.applies_to_subtree),
		)
		for row in query.run(as_dict=True)
	]
	return entries.resolve_hall_exceptions(chain, found)


# ---------------------------------------------------------------------------------------------- errors
@contextmanager
def translated_calendar_errors(hall: str | None = None):
	"""Turn the pure calendar's errors into messages for the desk."""
	try:
		yield
	except UnknownCalendarYear as e:
		throw_year_not_entered(e.year)
	except CalendarMisconfigured as e:
		frappe.throw(
			_("The working calendar of {0} contradicts itself: {1}").format(
				hall or _("the whole country"), e
			),
			WorkingCalendarMisconfiguredError,
			title=_("Working Calendar Misconfigured"),
		)


def throw_year_not_entered(year: int):
	link = f'<a href="/app/official-calendar-year/new?year={int(year)}">{_("Official Calendar Year")}</a>'
	frappe.throw(
		_(
			"The official calendar of {0} has not been entered: the holidays library of the system does not know the public holidays and make-up working days of {0} yet. An administrator must enter them in {1} from the State Council General Office notice on the {0} public holidays; working-day deadlines that reach into {0} can be counted after that."
		).format(year, link),
		CalendarYearNotEnteredError,
		title=_("Official Calendar Not Entered"),
	)


# ---------------------------------------------------------------------------------------------- wrappers
def is_working_day(hall: str | None, d) -> bool:
	calendar = get_working_calendar(hall)
	with translated_calendar_errors(hall):
		return wd.is_working_day(getdate(d), calendar)


def add_working_days(hall: str | None, start, n: int, include_start: bool = True) -> datetime.date:
	"""The last day of a limit of ``n`` working days from ``start`` (day 1 when a working day; seed 001 限时办结
	第六条 "受理当日开始计算"); ``include_start=False`` starts counting the next day."""
	calendar = get_working_calendar(hall)
	with translated_calendar_errors(hall):
		return wd.add_working_days(getdate(start), n, calendar, include_start=include_start)


def working_days_between(hall: str | None, a, b) -> int:
	"""Working days d with a <= d <= b, both ends counted."""
	calendar = get_working_calendar(hall)
	with translated_calendar_errors(hall):
		return wd.working_days_between(getdate(a), getdate(b), calendar)


def case_deadline(hall: str | None, accepted_on, limit_wd: int, supplemented_on=None) -> datetime.date:
	"""Promised deadline of a case accepted on ``accepted_on`` (restarted from ``supplemented_on``)."""
	calendar = get_working_calendar(hall)
	with translated_calendar_errors(hall):
		return wd.case_deadline(
			getdate(accepted_on),
			limit_wd,
			calendar,
			supplemented_on=getdate(supplemented_on) if supplemented_on else None,
		)


def working_days_overdue(hall: str | None, deadline, on) -> int:
	"""Working days after ``deadline`` up to and including ``on``; 0 when not overdue."""
	calendar = get_working_calendar(hall)
	with translated_calendar_errors(hall):
		return wd.working_days_overdue(getdate(deadline), getdate(on), calendar)
