// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.query_reports["Department Deduction Ledger"] = {
	filters: [
		{ fieldname: "year", label: __("Assessment Year"), fieldtype: "Int", reqd: 1, default: new Date().getFullYear() },
		{ fieldname: "service_hall", label: __("Service Hall"), fieldtype: "Link", options: "Service Hall" },
	],
};
