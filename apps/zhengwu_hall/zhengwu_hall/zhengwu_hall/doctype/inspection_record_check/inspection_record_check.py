# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""One row of the 巡查记录表 (rows 1–5 上午, 6–10 下午); a blank finding means normal."""

from frappe.model.document import Document


class InspectionRecordCheck(Document):
	pass
