// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.query_reports["Inspection Quarterly Review"] = {
	filters: [
		{
			fieldname: "view",
			label: __("View"),
			fieldtype: "Select",
			reqd: 1,
			options: ["Hall Ranking", "Repeat Offenders", "Monthly Patrol Coverage"],
			default: "Hall Ranking",
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -3),
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.get_today(),
		},
		{ fieldname: "service_hall", label: __("Service Hall"), fieldtype: "Link", options: "Service Hall" },
	],
};
