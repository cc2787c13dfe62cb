// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Service Appointment", {
	refresh(frm) {
		if (frm.is_new() || !frm.perm[0].write) return;
		const run = (method, args) =>
			frm.call(method, args || {}).then(() => frm.reload_doc());
		const status = frm.doc.status;
		if (status === "Booked") {
			frm.add_custom_button(__("Confirm"), () => run("confirm"));
		}
		if (status === "Booked" || status === "Confirmed") {
			frm.add_custom_button(__("Cancel Appointment"), () =>
				frappe.prompt(
					{ fieldname: "reason", label: __("Cancellation Reason"), fieldtype: "Small Text" },
					(v) => run("cancel_appointment", { reason: v.reason })
				)
			);
		}
		if (status === "Confirmed") {
			frm.add_custom_button(__("No-show"), () => run("mark_no_show"));
			frm.add_custom_button(__("Complete Appointment"), () =>
				frappe.prompt(
					{
						fieldname: "service_case",
						label: __("Service Case"),
						fieldtype: "Link",
						options: "Service Case",
						reqd: 1,
						get_query: () => ({ filters: { service_hall: frm.doc.service_hall } }),
					},
					(v) => run("complete", { service_case: v.service_case })
				)
			);
		}
	},
});
