// Copyright (c) 2025, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Window Staff", {
	setup(frm) {
		frm.set_query("service_window", () => ({ filters: { is_active: 1 } }));
		frm.set_query("user", () => ({ filters: { enabled: 1, user_type: "System User" } }));
	},

	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("AB Post Violations"), () =>
				frappe.set_route("query-report", "AB Post Violations", {
					service_hall: frm.doc.service_hall,
				})
			);
		}
	},
});
