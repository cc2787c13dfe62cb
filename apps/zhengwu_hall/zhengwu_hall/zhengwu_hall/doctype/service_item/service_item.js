// Copyright (c) 2025, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Service Item", {
	has_statutory_limit(frm) {
		if (!frm.doc.has_statutory_limit) {
			frm.set_value("statutory_limit", 0);
		}
	},
});
