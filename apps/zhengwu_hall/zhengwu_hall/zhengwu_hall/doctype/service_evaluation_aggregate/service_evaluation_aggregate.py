# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""Maintained sums of the ratings (zhengwu_hall.setup.evaluations): written only by the rating code, never by hand."""

from frappe.model.document import Document


class ServiceEvaluationAggregate(Document):
	pass


def on_doctype_update():
	"""The report filters by month and hall."""
	import frappe

	frappe.db.add_index("Service Evaluation Aggregate", ["month", "service_hall"])
