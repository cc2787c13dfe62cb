# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""The reminder and the 未评 record of one completed case (seed 001 “好差评”制度 第十七条); written by the daily
scheduler (zhengwu_hall.setup.evaluations.follow_up_cases)."""

from frappe.model.document import Document


class CaseRatingTracker(Document):
	pass
