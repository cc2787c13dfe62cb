# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""好差评 rating (seed 001 “好差评”制度). Skeleton shared by the rating and assessment work; the rating issue completes it."""

from frappe.model.document import Document


class ServiceEvaluation(Document):
	pass
