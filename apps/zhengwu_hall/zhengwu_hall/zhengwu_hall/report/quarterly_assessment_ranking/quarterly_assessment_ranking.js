// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.query_reports["Quarterly Assessment Ranking"] = {
	filters: [
		{ fieldname: "year", label: __("Assessment Year"), fieldtype: "Int", reqd: 1, default: new Date().getFullYear() },
		{ fieldname: "service_hall", label: __("Service Hall"), fieldtype: "Link", options: "Service Hall" },
		{ fieldname: "quarter", label: __("Quarter"), fieldtype: "Select", options: "1\n2\n3\n4", reqd: 1, default: "1" },
		{ fieldname: "rank_by", label: __("Rank By"), fieldtype: "Select", options: "Staff\nWindow", default: "Staff" },
	],
};
