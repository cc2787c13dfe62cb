// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.query_reports["Service Evaluation Metrics"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Month"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.month_start(),
		},
		{
			fieldname: "to_date",
			label: __("To Month"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.get_today(),
		},
		{ fieldname: "service_hall", label: __("Service Hall"), fieldtype: "Link", options: "Service Hall" },
		{
			fieldname: "dimension",
			label: __("Rating Dimension"),
			fieldtype: "Select",
			options: ["Window Staff", "Service Window", "Institution", "Business Line", "Region"],
			default: "Window Staff",
			reqd: 1,
		},
		{
			fieldname: "focus_min_share",
			label: __("Focus at or Above (%)"),
			fieldtype: "Percent",
			description: __("Only rows whose share of ratings at Basically Satisfied or below reaches this share"),
		},
	],
};
