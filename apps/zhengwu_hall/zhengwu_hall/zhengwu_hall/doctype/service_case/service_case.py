# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""办件 (seed 001 首问负责制, 限时办结制). Skeleton shared by the service-case, rating and assessment work; the service-case issue completes it."""

from frappe.model.document import Document


class ServiceCase(Document):
	pass
