// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

// Approved leave on a calendar; filter by Service Hall to see one hall (the list is hall-scoped already).
frappe.views.calendar["Leave Request"] = {
	field_map: {
		start: "from_date",
		end: "to_date",
		id: "name",
		title: "staff_name",
		allDay: "all_day",
	},
	filters: [
		{ fieldtype: "Link", fieldname: "service_hall", options: "Service Hall", label: __("Service Hall") },
		{ fieldtype: "Link", fieldname: "service_window", options: "Service Window", label: __("Service Window") },
	],
	options: { header: { left: "prev,next today", center: "title", right: "month,agendaWeek" } },
	get_events_method: "zhengwu_hall.zhengwu_hall.doctype.leave_request.leave_request.get_events",
};
