# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""巡查记录表 (seed 001 日常巡查工作制度 附件): one hall's checks of one day by one inspector.

A day short of the pack's minimum (seed 000 日自检 ≥3 at 上班前/上班时/下班前; seed 001 第三条 ≥4) saves but is
flagged; the Inspection Minimum Compliance report lists such hall-days. Submitted records are immutable; a
correction is an amendment (Cancel, Amend), which keeps the cancelled original."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from zhengwu_hall.rules import inspections as rules
from zhengwu_hall.rules.packs import RuleNotConfigured
from zhengwu_hall.setup.calendar import is_working_day
from zhengwu_hall.setup.inspections import (
	FindingWithoutCategoryError,
	WindowOfAnotherHallError,
	hall_day_compliance,
	prepare_findings,
)


class TooManyInspectionRowsError(frappe.ValidationError):
	pass


class InspectionRecord(Document):
	def validate(self):
		self.set_weekday()
		self.validate_row_count()
		self.set_half_days()
		self.prepare_findings()
		self.flag_daily_minimum()

	def set_weekday(self):
		self.weekday = rules.weekday_name(getdate(self.date))

	def validate_row_count(self):
		if len(self.checks) > rules.ROWS_PER_RECORD:
			frappe.throw(
				_("An inspection record has at most {0} rows (5 morning, 5 afternoon)").format(
					rules.ROWS_PER_RECORD
				),
				TooManyInspectionRowsError,
			)

	def set_half_days(self):
		for row in self.checks:
			row.half_day = rules.row_half(row.idx)

	def prepare_findings(self):
		"""Category from the checklist, every finding classified, windows of this hall (shared with Supervision Visit)."""
		prepare_findings(self.service_hall, self.checks)

	def flag_daily_minimum(self):
		"""Count the hall-day's checks (all records of the day); flag, do not refuse, a day short of them."""
		if not self.is_working_day():
			self.checks_required, self.below_minimum = 0, 0
			self.minimum_note = _("Not a working day: no minimum applies")
			return
		try:
			result = hall_day_compliance(
				self.service_hall, self.date, own_rows=self.own_rows(), exclude_record=self.name
			)
		except RuleNotConfigured as e:
			self.checks_required, self.below_minimum = 0, 0
			self.minimum_note = e.message
			return
		self.checks_done = result.done
		self.checks_required = result.requirement.minimum
		self.below_minimum = int(result.below_minimum)
		self.minimum_note = self.shortfall_text(result) if result.below_minimum else ""
		if self.below_minimum:
			frappe.msgprint(self.minimum_note, title=_("Below the Daily Minimum"), indicator="orange")

	def is_working_day(self):
		"""A day the calendar cannot tell (its year not entered) counts as a working day: flag rather than miss."""
		try:
			return is_working_day(self.service_hall, self.date)
		except frappe.ValidationError:
			frappe.clear_last_message()
			return True

	def own_rows(self):
		return [
			{"idx": r.idx, "time_slot": r.time_slot, "method": r.method}
			for r in self.checks
			if self.docstatus < 2
		]

	@staticmethod
	def shortfall_text(result):
		text = _("{0} checks recorded this day, the jurisdiction requires at least {1}").format(
			result.done, result.requirement.minimum
		)
		if result.missing_slots:
			text += _("; no check in: {0}").format("、".join(_(s) for s in result.missing_slots))
		return text
