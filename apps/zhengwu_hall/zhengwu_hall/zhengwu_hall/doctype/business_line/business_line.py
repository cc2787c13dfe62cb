# Copyright (c) 2025, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""业务条线: a line of business (市场监管, 人社, 不动产登记 …), one of the four dimensions of 好差评 and the
grouping of service items. Shared by every hall, hence not hall-scoped."""

from frappe.model.document import Document


class BusinessLine(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		business_line_name: DF.Data
		description: DF.SmallText | None
		enabled: DF.Check
	# end: auto-generated types

	def validate(self):
		self.business_line_name = (self.business_line_name or "").strip()
