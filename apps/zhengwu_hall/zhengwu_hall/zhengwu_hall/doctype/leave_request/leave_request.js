// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

const LEAVE_METHOD = "zhengwu_hall.zhengwu_hall.doctype.leave_request.leave_request";

frappe.ui.form.on("Leave Request", {
	setup(frm) {
		// the cover is a B post of the applicant's window
		frm.set_query("cover", () => ({
			filters: { service_window: frm.doc.service_window, post: "B Post", is_active: 1 },
		}));
	},

	refresh(frm) {
		const step = (frm.doc.approval_steps || []).find((s) => s.decision === "Pending");
		const mine = frm.doc.applicant === frappe.session.user || frm.doc.owner === frappe.session.user;
		if (frm.is_new() || frm.doc.docstatus !== 0 || !step || mine) return;
		if (!frappe.user.has_role(step.approver_role)) return;
		const label = step.step_kind === "Approval" ? __("Approve") : __("Agree");
		frm.add_custom_button(label, () => decide(frm, "approve", false), __("Decision"));
		frm.add_custom_button(__("Refuse"), () => decide(frm, "refuse", true), __("Decision"));
	},
});

function decide(frm, method, reason_required) {
	frappe.prompt(
		[{ fieldname: "opinion", fieldtype: "Small Text", label: __("Opinion"), reqd: reason_required ? 1 : 0 }],
		({ opinion }) =>
			frappe
				.call(`${LEAVE_METHOD}.${method}`, { name: frm.doc.name, opinion })
				.then(() => frm.reload_doc()),
		__("Leave Approval")
	);
}
