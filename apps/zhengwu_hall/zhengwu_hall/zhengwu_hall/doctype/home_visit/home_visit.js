// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Home Visit", {
	refresh(frm) {
		if (frm.is_new() || !frm.perm[0].write) return;
		const run = (method, args) =>
			frm.call(method, args || {}).then(() => frm.reload_doc());
		const status = frm.doc.status;
		if (status === "Requested" || status === "Assigned") {
			frm.add_custom_button(__("Assign Staff"), () =>
				frappe.prompt(
					[
						{
							fieldname: "staff",
							label: __("Window Staff"),
							fieldtype: "Link",
							options: "Window Staff",
							reqd: 1,
							get_query: () => ({ filters: { service_hall: frm.doc.service_hall } }),
						},
						{ fieldname: "planned_on", label: __("Planned Visit Time"), fieldtype: "Datetime" },
					],
					(v) => run("assign", v)
				)
			);
			frm.add_custom_button(__("Cancel Home Visit"), () => run("cancel_visit"));
		}
		if (status === "Assigned") {
			frm.add_custom_button(__("Record Visit"), () =>
				frappe.prompt(
					[
						{ fieldname: "visit_record", label: __("What Was Done"), fieldtype: "Text", reqd: 1 },
						{
							fieldname: "service_case",
							label: __("Service Case"),
							fieldtype: "Link",
							options: "Service Case",
							get_query: () => ({ filters: { service_hall: frm.doc.service_hall } }),
						},
					],
					(v) => run("record_visit", v)
				)
			);
		}
	},
});
