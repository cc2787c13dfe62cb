// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt
// 六查问题分类: the findings of the inspection records in the user's halls, by category (zhengwu_hall.setup.desk)

frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Inspection Findings by Category"] = {
	method: "zhengwu_hall.zhengwu_hall.dashboard_chart_source.inspection_findings_by_category.inspection_findings_by_category.get",
	filters: [
		{ fieldname: "service_hall", label: __("Service Hall"), fieldtype: "Link", options: "Service Hall" },
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date" },
	],
};
