# Copyright (c) 2025, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""A row of an Official Calendar Year: a day off or a make-up working day of the notice."""

from frappe.model.document import Document


class OfficialCalendarDay(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		date: DF.Date
		kind: DF.Literal["Day Off", "Make-up Working Day"]
		note: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		weekday: DF.Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]  # noqa: F821
	# end: auto-generated types

	pass
