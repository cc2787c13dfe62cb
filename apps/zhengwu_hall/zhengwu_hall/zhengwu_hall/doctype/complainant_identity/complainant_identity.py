# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""投诉人身份信息: the complainant's name and phones of one Complaint (seed 001 行政效能投诉管理制度 第三条:
严格执行有关保密规定, 依法保护投诉人的合法权益). Only the handling office may read this DocType, so no list,
report, export or REST call of another role can reach them. Written by the Complaint controller."""

from frappe.model.document import Document


class ComplainantIdentity(Document):
	pass
