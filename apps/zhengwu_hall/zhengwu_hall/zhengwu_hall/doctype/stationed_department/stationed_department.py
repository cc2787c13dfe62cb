# Copyright (c) 2025, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""进驻部门: a department stationed in a hall (seed 004 第十四条: 派驻部门 names a leader in charge and a
contact; seed 003 二(六)2: every hall sets a 联络员 who receives bad-review tickets)."""

import frappe
from frappe import _
from frappe.model.document import Document

from zhengwu_hall.utils import find_duplicate


class DuplicateStationedDepartmentError(frappe.ValidationError):
	pass


class StationedDepartment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		business_line: DF.Link | None
		department_name: DF.Data
		enabled: DF.Check
		head_name: DF.Data | None
		head_user: DF.Link | None
		liaison_name: DF.Data | None
		liaison_phone: DF.Data | None
		liaison_user: DF.Link | None
		service_hall: DF.Link
	# end: auto-generated types

	def validate(self):
		self.strip_name()
		self.validate_unique_in_hall()

	def strip_name(self):
		self.department_name = (self.department_name or "").strip()

	def validate_unique_in_hall(self):
		duplicate = find_duplicate(
			self, {"service_hall": self.service_hall, "department_name": self.department_name}
		)
		if duplicate:
			frappe.throw(
				_("{0} is already stationed in {1}").format(self.department_name, self.service_hall),
				DuplicateStationedDepartmentError,
				title=_("Duplicate Department"),
			)
