// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.query_reports["Monthly Attendance Summary"] = {
	filters: [
		{
			fieldname: "service_hall",
			label: __("Service Hall"),
			fieldtype: "Link",
			options: "Service Hall",
			reqd: 1,
			default: frappe.defaults.get_user_default("Service Hall"),
		},
		{
			fieldname: "month",
			label: __("Any Day of the Month"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.month_start(),
		},
	],
};
