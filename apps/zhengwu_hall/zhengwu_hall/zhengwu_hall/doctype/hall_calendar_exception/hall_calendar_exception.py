# Copyright (c) 2025, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""大厅工作日调整: a hall's local day off or extra working day, on top of the official calendar.

Hall-scoped through ``service_hall`` (User Permissions on Service Hall: a district's administrator enters days for
the district and the halls under it only). With "applies to subordinate halls" set, the day also counts for every
hall below; a subordinate hall's own entry for the same date takes precedence (see
``zhengwu_hall.rules.calendar_entries``). Saved records govern the next deadline computed
(``zhengwu_hall.setup.calendar``, no cache).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from zhengwu_hall.rules import calendar as wd
from zhengwu_hall.rules import calendar_entries as entries
from zhengwu_hall.rules.calendar import WEEKDAYS, UnknownCalendarYear
from zhengwu_hall.setup.calendar import get_working_calendar
from zhengwu_hall.utils import find_duplicate, saved_name


class DuplicateHallCalendarExceptionError(frappe.ValidationError):
	pass


class HallCalendarException(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		applies_to_subtree: DF.Check
		date: DF.Date
		kind: DF.Literal["Local Day Off", "Extra Working Day"]
		reason: DF.SmallText
		service_hall: DF.Link
		weekday: DF.Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]  # noqa: F821
	# end: auto-generated types

	def validate(self):
		self.set_weekday()
		self.strip_reason()
		self.validate_unique_date()
		self.warn_if_no_effect()

	def set_weekday(self):
		self.weekday = WEEKDAYS[getdate(self.date).weekday()] if self.date else None

	def strip_reason(self):
		self.reason = (self.reason or "").strip()

	def validate_unique_date(self):
		existing = find_duplicate(
			self, {"service_hall": self.service_hall, "date": self.date}, ["name", "kind"]
		)
		if existing:
			frappe.throw(
				_("{0} already has an entry for {1} ({2}): {3}. Edit that entry instead.").format(
					self.service_hall, self.date, _(existing.kind), existing.name
				),
				DuplicateHallCalendarExceptionError,
				title=_("Duplicate Entry"),
			)

	def warn_if_no_effect(self):
		"""Tell the administrator when the day is already what the entry makes it (for this hall itself)."""
		if not (self.service_hall and self.date):
			return
		calendar = get_working_calendar(self.service_hall, exclude_exception=saved_name(self))
		try:
			working = wd.is_working_day(getdate(self.date), calendar)
		except UnknownCalendarYear:
			# the year's notice is not out yet: a day off decided early is entered all the same
			return
		if self.kind == entries.LOCAL_DAY_OFF and not working:
			message = _("{0} is already a day off for {1}; this entry changes nothing for the hall itself.")
		elif self.kind == entries.EXTRA_WORKING_DAY and working:
			message = _(
				"{0} is already a working day for {1}; this entry changes nothing for the hall itself."
			)
		else:
			return
		frappe.msgprint(
			message.format(self.date, self.service_hall), title=_("No Effect"), indicator="orange"
		)
