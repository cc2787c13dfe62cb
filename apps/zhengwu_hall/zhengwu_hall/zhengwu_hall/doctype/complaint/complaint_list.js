// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt
// 投诉 list: the current deadline and the working days left (refreshed daily by the scheduler); the complainant
// is never a list column (是否保密, seed 001 行政效能投诉管理制度 第三条).

frappe.listview_settings["Complaint"] = {
	add_fields: ["workflow_state", "is_overdue", "remaining_working_days", "resolution_due", "acceptance_due"],
	get_indicator(doc) {
		const closed = ["Not Accepted", "Reply Sent", "Archived"];
		if (closed.includes(doc.workflow_state)) {
			return [__(doc.workflow_state), "green", `workflow_state,=,${doc.workflow_state}`];
		}
		if (doc.is_overdue) {
			return [__("Overdue"), "red", "is_overdue,=,1"];
		}
		if (doc.remaining_working_days !== null && doc.remaining_working_days <= 1) {
			return [__("Due Soon"), "orange", "is_overdue,=,0"];
		}
		return [__(doc.workflow_state || "Registered"), "blue", `workflow_state,=,${doc.workflow_state}`];
	},
};
