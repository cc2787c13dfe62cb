// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.query_reports["Rating Fraud Patterns"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.add_days(frappe.datetime.get_today(), -30),
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
