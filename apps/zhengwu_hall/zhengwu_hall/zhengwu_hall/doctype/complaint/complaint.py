# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""投诉反馈单 (seed 001 行政效能投诉管理制度 附件3). Skeleton shared by the complaints and assessment work; the complaints issue completes it."""

from frappe.model.document import Document


class Complaint(Document):
	pass
