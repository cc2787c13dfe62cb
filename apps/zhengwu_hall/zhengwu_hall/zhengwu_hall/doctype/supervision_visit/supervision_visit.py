# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""明查暗访 by social supervisors (seed 002 四(二)2: 监督员可以单独或自由组合的方式不定期对政务服务部门进行明查和暗访).

The findings are rows of the inspection table (Inspection Record Check: 六查 category, checklist item, window,
staff, corrected on the spot), checked on save by the same ``prepare_findings`` as an Inspection Record; a finding
not corrected on the spot becomes a 整改告知单 through the same ``create_notice_for_finding``, and submitted
visits reach ``findings_for_assessment`` (the deduction ledger) with the inspections' findings."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from zhengwu_hall.setup.calendar import get_hall_chain
from zhengwu_hall.setup.inspections import prepare_findings


class SupervisorNotInTermError(frappe.ValidationError):
	pass


class SupervisionVisit(Document):
	def validate(self):
		self.default_recorder()
		self.validate_supervisors()
		self.prepare_findings()

	def default_recorder(self):
		if not self.recorded_by:
			self.recorded_by = frappe.session.user

	def validate_supervisors(self):
		"""Each supervisor is appointed by this hall or one above it, and in term on the day of the visit."""
		chain = set(get_hall_chain(self.service_hall))
		for row in self.supervisors:
			sup = frappe.db.get_value(
				"Social Supervisor",
				row.social_supervisor,
				["supervisor_name", "service_hall", "term_start", "term_end"],
				as_dict=True,
			)
			if not sup or sup.service_hall not in chain:
				frappe.throw(
					_("{0} is no social supervisor of {1}").format(row.social_supervisor, self.service_hall),
					SupervisorNotInTermError,
				)
			if not (getdate(sup.term_start) <= getdate(self.date) <= getdate(sup.term_end)):
				frappe.throw(
					_("{0} was not in term on {1} (term {2} to {3})").format(
						sup.supervisor_name, self.date, sup.term_start, sup.term_end
					),
					SupervisorNotInTermError,
				)

	def prepare_findings(self):
		prepare_findings(self.service_hall, self.checks)
