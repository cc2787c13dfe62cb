# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""A case covered by a batch or theme rating (seed 001 “好差评”制度 第十五条、第十六条)."""

from frappe.model.document import Document


class ServiceEvaluationCase(Document):
	pass
