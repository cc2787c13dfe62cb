# Copyright (c) 2025, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""窗口: a counter of a hall, of one of the window types of seed 003 二(一)2."""

import frappe
from frappe import _
from frappe.model.document import Document

from zhengwu_hall.utils import find_duplicate


class DuplicateWindowNumberError(frappe.ValidationError):
	pass


class WindowDepartmentHallError(frappe.ValidationError):
	pass


class ServiceWindow(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		business_line: DF.Link | None
		is_active: DF.Check
		published_phone: DF.Data | None
		service_hall: DF.Link
		stationed_department: DF.Link | None
		window_name: DF.Data
		window_number: DF.Data
		window_type: DF.Literal[
			"General Consultation",
			"Comprehensive (All Matters)",
			"Comprehensive (By Sector)",
			"Assisted and Proxy Service",
			"Unresolved Matters",
			"Inter-provincial Service",
			"Prefecture-wide Service",
		]
	# end: auto-generated types

	def validate(self):
		self.strip_number()
		self.validate_unique_number()
		self.validate_department_hall()

	def strip_number(self):
		self.window_number = (self.window_number or "").strip()

	def validate_unique_number(self):
		duplicate = find_duplicate(
			self, {"service_hall": self.service_hall, "window_number": self.window_number}
		)
		if duplicate:
			frappe.throw(
				_("{0} already has a window number {1}").format(self.service_hall, self.window_number),
				DuplicateWindowNumberError,
				title=_("Duplicate Window"),
			)

	def validate_department_hall(self):
		"""The department must be stationed in this hall or in a hall above it (a district department may
		staff a window of the district's 分厅)."""
		if not self.stationed_department:
			return
		department_hall = frappe.db.get_value(
			"Stationed Department", self.stationed_department, "service_hall"
		)
		if department_hall and is_same_or_ancestor(department_hall, self.service_hall):
			return
		frappe.throw(
			_("Department {0} is stationed in {1}, not in {2} or a hall above it").format(
				self.stationed_department, department_hall, self.service_hall
			),
			WindowDepartmentHallError,
			title=_("Wrong Hall"),
		)


def is_same_or_ancestor(ancestor: str, hall: str) -> bool:
	if ancestor == hall:
		return True
	bounds = frappe.db.get_values("Service Hall", {"name": ["in", [ancestor, hall]]}, ["name", "lft", "rgt"])
	by_name = {name: (lft, rgt) for name, lft, rgt in bounds}
	if ancestor not in by_name or hall not in by_name:
		return False
	(a_lft, a_rgt), (h_lft, h_rgt) = by_name[ancestor], by_name[hall]
	return a_lft < h_lft and h_rgt < a_rgt
