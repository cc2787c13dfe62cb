# Copyright (c) 2025, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""法定节假日年度安排: one year's State Council notice, typed in for a year the holidays library does not know.

The State Council General Office publishes next year's arrangement each autumn; until the `holidays` package
is upgraded, every working-day deadline that reaches into that year fails with "year not entered"
(`zhengwu_hall.setup.calendar.CalendarYearNotEnteredError`). Saving this record makes the year known at once,
for every hall (no cache). An entry for a year the library does know replaces the library for that year, which
is how a correction is made. The row checks are pure (`zhengwu_hall.rules.calendar_entries.year_problems`).
"""

import datetime

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate

from zhengwu_hall.rules import calendar_entries as entries
from zhengwu_hall.rules.calendar import FIRST_OFFICIAL_YEAR, WEEKDAYS, library_knows_year

LAST_YEAR = 2100


class InvalidCalendarYearError(frappe.ValidationError):
	pass


class DuplicateCalendarYearError(frappe.ValidationError):
	pass


class EmptyCalendarYearError(frappe.ValidationError):
	pass


class UnknownCalendarDayKindError(frappe.ValidationError):
	pass


class CalendarDateOutsideYearError(frappe.ValidationError):
	pass


class DuplicateCalendarDateError(frappe.ValidationError):
	pass


class MakeUpDayNotOnWeekendError(frappe.ValidationError):
	pass


class UnnotedWeekendDayOffError(frappe.ValidationError):
	pass


PROBLEM_ERRORS = {
	entries.UNKNOWN_KIND: UnknownCalendarDayKindError,
	entries.OUTSIDE_YEAR: CalendarDateOutsideYearError,
	entries.DUPLICATE_DATE: DuplicateCalendarDateError,
	entries.MAKE_UP_ON_WEEKDAY: MakeUpDayNotOnWeekendError,
	entries.UNNOTED_WEEKEND_DAY_OFF: UnnotedWeekendDayOffError,
}


class OfficialCalendarYear(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from zhengwu_hall.zhengwu_hall.doctype.official_calendar_day.official_calendar_day import (
			OfficialCalendarDay,
		)

		days: DF.Table[OfficialCalendarDay]
		notice_number: DF.Data | None
		notice_title: DF.Data
		published_on: DF.Date | None
		year: DF.Int
	# end: auto-generated types

	def validate(self):
		self.normalize_year()
		self.validate_year()
		self.validate_year_not_entered()
		self.validate_has_days_off()
		self.validate_rows()
		self.sort_rows()
		self.set_weekdays()
		self.strip_notice()
		self.warn_statutory_days_not_off()
		self.warn_replaces_library()

	# ------------------------------------------------------------------------------------------ validation
	def normalize_year(self):
		self.year = cint(self.year)

	def validate_year(self):
		if not FIRST_OFFICIAL_YEAR <= self.year <= LAST_YEAR:
			frappe.throw(
				_("The year must lie between {0} and {1}, not {2}.").format(
					FIRST_OFFICIAL_YEAR, LAST_YEAR, self.year
				),
				InvalidCalendarYearError,
				title=_("Invalid Year"),
			)

	def validate_year_not_entered(self):
		if not self.is_new():
			return
		if frappe.db.exists("Official Calendar Year", {"year": self.year}):
			frappe.throw(
				_(
					"The official calendar of {0} is already entered. Open it and correct the days there."
				).format(self.year),
				DuplicateCalendarYearError,
				title=_("Year Already Entered"),
			)

	def validate_has_days_off(self):
		"""An empty year would count every weekday of it as a working day, Spring Festival included."""
		if not any(row.kind == entries.DAY_OFF for row in self.days):
			frappe.throw(
				_(
					"Enter the days off of {0} from the notice: a year without days off would count Spring Festival and National Day as working days."
				).format(self.year),
				EmptyCalendarYearError,
				title=_("No Days Off"),
			)

	def validate_rows(self):
		"""Refuse the first problem of the rows, naming the row (pure checks: calendar_entries.year_problems)."""
		problems = entries.year_problems(self.year, self.get_year_rows())
		if problems:
			problem = problems[0]
			frappe.throw(
				self.problem_message(problem), PROBLEM_ERRORS[problem.code], title=_("Invalid Calendar Day")
			)

	def problem_message(self, problem) -> str:
		row = problem.row
		weekday = _(WEEKDAYS[row.date.weekday()])
		if problem.code == entries.UNKNOWN_KIND:
			return _("Row {0}: unknown kind {1}.").format(row.idx, row.kind or _("empty"))
		if problem.code == entries.OUTSIDE_YEAR:
			return _("Row {0}: {1} is not in {2}. Every date must lie in the year of the notice.").format(
				row.idx, row.date, self.year
			)
		if problem.code == entries.DUPLICATE_DATE:
			return _("Row {0}: {1} is already listed in row {2}. Each date may appear only once.").format(
				row.idx, row.date, problem.first_idx
			)
		if problem.code == entries.MAKE_UP_ON_WEEKDAY:
			return _(
				"Row {0}: {1} is a {2}. A make-up working day is a Saturday or Sunday worked in exchange for a day off; a weekday is a working day anyway."
			).format(row.idx, row.date, weekday)
		return _(
			"Row {0}: {1} is a {2}, a day off anyway. List it only as part of a holiday and write the holiday in Note (e.g. Spring Festival)."
		).format(row.idx, row.date, weekday)

	def sort_rows(self):
		self.days.sort(key=lambda row: getdate(row.date) if row.date else datetime.date.max)
		for idx, row in enumerate(self.days, start=1):
			row.idx = idx

	def set_weekdays(self):
		for row in self.days:
			row.weekday = WEEKDAYS[getdate(row.date).weekday()] if row.date else None

	def strip_notice(self):
		self.notice_title = (self.notice_title or "").strip()
		self.notice_number = (self.notice_number or "").strip() or None

	def warn_statutory_days_not_off(self):
		"""A statutory holiday on a weekday that is not listed is almost always a forgotten row."""
		missing = entries.statutory_days_not_off(self.year, self.get_year_rows())
		if missing:
			frappe.msgprint(
				_(
					"These statutory holidays fall on weekdays but are not listed as days off: {0}. Check them against the notice."
				).format(", ".join(f"{d} {_(WEEKDAYS[d.weekday()])}" for d, _name in missing)),
				title=_("Check the Notice"),
				indicator="orange",
			)

	def warn_replaces_library(self):
		if library_knows_year(self.year):
			frappe.msgprint(
				_(
					"The holidays library already carries the official calendar of {0}. The days entered here replace it for every hall."
				).format(self.year),
				title=_("Replaces the Library"),
				indicator="blue",
			)

	# ------------------------------------------------------------------------------------------ helpers
	def get_year_rows(self) -> list[entries.YearRow]:
		"""The rows as pure data; a row without a date is left to Frappe's mandatory check."""
		return [
			entries.YearRow(date=getdate(row.date), kind=row.kind, note=row.note or "", idx=row.idx)
			for row in self.days
			if row.date
		]

	def get_source(self) -> str:
		return " ".join(part for part in (self.notice_title, self.notice_number) if part)
