// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.query_reports["Monthly Case Report by Window"] = {
	filters: [
		{
			fieldname: "month",
			label: __("Any Day of the Month"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.get_today(),
		},
		{ fieldname: "service_hall", label: __("Service Hall"), fieldtype: "Link", options: "Service Hall" },
	],
};
