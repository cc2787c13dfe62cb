# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""巡查情况统计表 (seed 000 附件2, 周上报): a hall's inspections of a period, counted when saved.

The scheduler makes one per hall and week before the pack's weekly deadline and queues it to the hall's
recipient (zhengwu_hall.setup.inspections.send_weekly_statistics); anyone may make one for any period."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from zhengwu_hall.rules import inspections as rules
from zhengwu_hall.setup.inspections import check_rows, notice_rows

CATEGORY_FIELDS = {category: frappe.scrub(category) for category in rules.SIX_CHECKS}


class StatisticsPeriodError(frappe.ValidationError):
	pass


class InspectionStatistics(Document):
	def validate(self):
		self.validate_period()
		self.count()

	def validate_period(self):
		if getdate(self.to_date) < getdate(self.from_date):
			frappe.throw(_("The period ends before it starts"), StatisticsPeriodError)

	def count(self):
		"""One total over the period (the weeks of the pure table summed)."""
		halls = [self.service_hall]
		rows = rules.weekly_statistics(
			check_rows(halls, self.from_date, self.to_date, docstatus=(1,)),
			notice_rows(halls, self.from_date, self.to_date),
			getdate(self.from_date),
			getdate(self.to_date),
		)
		for field in ("checks", "problems", "corrected_on_spot", "notices_issued", "notices_closed"):
			self.set(field, sum(getattr(r, field) for r in rows))
		for category, field in CATEGORY_FIELDS.items():
			self.set(field, sum(r.by_category.get(category, 0) for r in rows))
