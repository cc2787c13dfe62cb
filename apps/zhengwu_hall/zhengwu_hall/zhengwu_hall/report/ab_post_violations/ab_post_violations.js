// Copyright (c) 2025, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.query_reports["AB Post Violations"] = {
	filters: [
		{
			fieldname: "service_hall",
			label: __("Service Hall"),
			fieldtype: "Link",
			options: "Service Hall",
			description: __("The hall and every hall under it"),
		},
		{
			fieldname: "problem",
			label: __("Problem"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "missing_b", label: __("No B Post") },
				{ value: "multiple_b", label: __("More Than One B Post") },
				{ value: "b_without_a", label: __("No A Post") },
			],
		},
		{
			fieldname: "window_type",
			label: __("Window Type"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "General Consultation", label: __("General Consultation") },
				{ value: "Comprehensive (All Matters)", label: __("Comprehensive (All Matters)") },
				{ value: "Comprehensive (By Sector)", label: __("Comprehensive (By Sector)") },
				{ value: "Assisted and Proxy Service", label: __("Assisted and Proxy Service") },
				{ value: "Unresolved Matters", label: __("Unresolved Matters") },
				{ value: "Inter-provincial Service", label: __("Inter-provincial Service") },
				{ value: "Prefecture-wide Service", label: __("Prefecture-wide Service") },
			],
		},
	],
};
