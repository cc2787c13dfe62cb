// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Extended Service Log", {
	refresh(frm) {
		const pending = frm.doc.outcome === "Not Provided" && !frm.doc.refusal_approved_by;
		if (frm.is_new() || !pending || !frappe.user.has_role("Center Director")) return;
		frm.add_custom_button(__("Approve Refusal"), () =>
			frappe
				.call("zhengwu_hall.zhengwu_hall.doctype.extended_service_log.extended_service_log.approve_refusal", {
					name: frm.doc.name,
				})
				.then(() => frm.reload_doc())
		);
	},
});
