# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""六查问题分类 (seed 000 一(三) "六查"): the findings of the inspection records in the user's halls by category,
the year up to today unless the chart's filters say otherwise. A chart source rather than a Group By chart on the
child table Inspection Record Check, which Frappe shows to System Managers only and reads without hall scoping."""

import frappe

from zhengwu_hall.setup.desk import findings_chart


@frappe.whitelist()
def get(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
	refresh=None,
):
	return findings_chart(filters)
