// Copyright (c) 2025, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Service Window", {
	setup(frm) {
		frm.set_query("stationed_department", () => ({
			filters: { service_hall: frm.doc.service_hall, enabled: 1 },
		}));
	},

	service_hall(frm) {
		if (frm.doc.stationed_department) {
			frm.set_value("stationed_department", null);
		}
	},
});
