// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.query_reports["Overdue Complaints"] = {
	filters: [
		{
			fieldname: "as_of",
			label: __("As Of"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.get_today(),
		},
		{ fieldname: "service_hall", label: __("Service Hall"), fieldtype: "Link", options: "Service Hall" },
	],
};
