// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

// Rectification deadlines on a calendar (issue 10: calendar views where dates matter); hall-scoped like the list.
frappe.views.calendar["Rectification Notice"] = {
	field_map: {
		start: "deadline",
		end: "deadline",
		id: "name",
		title: "service_window",
		allDay: "all_day",
	},
	filters: [
		{ fieldtype: "Link", fieldname: "service_hall", options: "Service Hall", label: __("Service Hall") },
		{ fieldtype: "Link", fieldname: "service_window", options: "Service Window", label: __("Service Window") },
	],
	options: { header: { left: "prev,next today", center: "title", right: "month,agendaWeek" } },
	get_events_method: "frappe.desk.calendar.get_events",
};
