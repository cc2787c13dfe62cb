# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""年度评价 (seed 002 四(二)2: 每年由政务服务部门邀请监督员对相关工作进行评价、监督): one supervisor's evaluation of the
hall for one year; the supervisor serves this hall (or one above it) during that year, and evaluates it once."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from zhengwu_hall.setup.calendar import get_hall_chain


class SupervisorEvaluationError(frappe.ValidationError):
	pass


class SupervisorEvaluation(Document):
	def validate(self):
		self.validate_supervisor()
		self.validate_once_a_year()

	def validate_supervisor(self):
		sup = frappe.db.get_value(
			"Social Supervisor",
			self.social_supervisor,
			["supervisor_name", "service_hall", "term_start", "term_end"],
			as_dict=True,
		)
		if not sup or sup.service_hall not in get_hall_chain(self.service_hall):
			frappe.throw(
				_("{0} is no social supervisor of {1}").format(self.social_supervisor, self.service_hall),
				SupervisorEvaluationError,
			)
		year = int(self.year or 0)
		if getdate(sup.term_start).year > year or getdate(sup.term_end).year < year:
			frappe.throw(
				_("{0} did not serve in {1}").format(sup.supervisor_name, year), SupervisorEvaluationError
			)

	def validate_once_a_year(self):
		if frappe.db.exists(
			self.doctype,
			{
				"social_supervisor": self.social_supervisor,
				"service_hall": self.service_hall,
				"year": self.year,
				"name": ("!=", self.name or ""),
			},
		):
			frappe.throw(
				_("This supervisor has already evaluated this hall for {0}").format(self.year),
				SupervisorEvaluationError,
			)
