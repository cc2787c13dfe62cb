# Copyright (c) 2025, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""政务服务事项: an item a hall handles, with its statutory (法定) and promised (承诺) time limits in working
days. Seed 001 限时办结制度 第四条: the promised limit must be shorter than the statutory one."""

import frappe
from frappe import _
from frappe.model.document import Document

from zhengwu_hall.rules.deadlines import (
	PROMISED_MISSING,
	PROMISED_NEGATIVE,
	PROMISED_NOT_SHORTER,
	STATUTORY_NOT_POSITIVE,
	check_promised_limit,
)


class PromisedLimitNotShorterError(frappe.ValidationError):
	pass


class PromisedLimitMissingError(frappe.ValidationError):
	pass


class NegativePromisedLimitError(frappe.ValidationError):
	pass


class InvalidStatutoryLimitError(frappe.ValidationError):
	pass


class ServiceItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		business_line: DF.Link | None
		enabled: DF.Check
		has_statutory_limit: DF.Check
		item_code: DF.Data | None
		item_name: DF.Data
		promised_limit: DF.Int
		service_hall: DF.Link | None
		stationed_department: DF.Link
		statutory_limit: DF.Int
	# end: auto-generated types

	def validate(self):
		self.set_hall_from_department()
		self.clear_statutory_limit_if_none()
		self.validate_limits()

	def set_hall_from_department(self):
		if self.stationed_department:
			self.service_hall = frappe.db.get_value(
				"Stationed Department", self.stationed_department, "service_hall"
			)

	def clear_statutory_limit_if_none(self):
		if not self.has_statutory_limit:
			self.statutory_limit = 0

	def get_statutory_limit(self) -> int | None:
		"""The statutory limit in working days, or None when the law sets none."""
		return self.statutory_limit if self.has_statutory_limit else None

	def validate_limits(self):
		promised = self.promised_limit
		if promised in ("", None):
			promised = None
		problem = check_promised_limit(self.get_statutory_limit(), promised)
		if problem == PROMISED_NOT_SHORTER:
			frappe.throw(
				_(
					"The promised limit ({0} working days) must be shorter than the statutory limit ({1} working days)"
				).format(self.promised_limit, self.statutory_limit),
				PromisedLimitNotShorterError,
				title=_("Promised Limit Too Long"),
			)
		elif problem == PROMISED_MISSING:
			frappe.throw(
				_("Enter the promised limit in working days (0 for same-day items)"),
				PromisedLimitMissingError,
				title=_("Promised Limit Missing"),
			)
		elif problem == PROMISED_NEGATIVE:
			frappe.throw(
				_("The promised limit cannot be negative"),
				NegativePromisedLimitError,
				title=_("Invalid Promised Limit"),
			)
		elif problem == STATUTORY_NOT_POSITIVE:
			frappe.throw(
				_(
					"The statutory limit must be at least 1 working day; untick Has Statutory Limit if the law sets none"
				),
				InvalidStatutoryLimitError,
				title=_("Invalid Statutory Limit"),
			)
