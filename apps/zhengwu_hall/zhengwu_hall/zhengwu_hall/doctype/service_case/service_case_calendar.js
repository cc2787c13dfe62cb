// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

// Promised completion dates (承诺办结日期) on a calendar (issue 10); hall-scoped like the list.
frappe.views.calendar["Service Case"] = {
	field_map: {
		start: "promised_date",
		end: "promised_date",
		id: "name",
		title: "item_name",
		allDay: "all_day",
	},
	filters: [
		{ fieldtype: "Link", fieldname: "service_hall", options: "Service Hall", label: __("Service Hall") },
		{ fieldtype: "Link", fieldname: "service_window", options: "Service Window", label: __("Service Window") },
	],
	options: { header: { left: "prev,next today", center: "title", right: "month,agendaWeek" } },
	get_events_method: "frappe.desk.calendar.get_events",
};
