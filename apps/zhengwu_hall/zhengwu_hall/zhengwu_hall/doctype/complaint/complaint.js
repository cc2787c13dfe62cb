// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Complaint", {
	refresh(frm) {
		if (frm.is_new()) return;
		const due = frm.doc.workflow_state === "Registered" ? frm.doc.acceptance_due : frm.doc.resolution_due;
		if (frm.doc.deadline_note) {
			frm.set_intro(frm.doc.deadline_note, "orange");
		} else if (due && !["Not Accepted", "Reply Sent", "Archived"].includes(frm.doc.workflow_state)) {
			const left = frm.doc.remaining_working_days;
			const text =
				left < 0
					? __("Deadline {0} passed {1} working days ago", [frappe.datetime.str_to_user(due), -left])
					: __("Deadline {0}: {1} working days left", [frappe.datetime.str_to_user(due), left]);
			frm.set_intro(text, left < 0 ? "red" : left <= 1 ? "orange" : "blue");
		}
	},
});
