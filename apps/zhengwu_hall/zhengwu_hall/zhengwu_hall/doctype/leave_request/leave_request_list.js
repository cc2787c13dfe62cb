// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Leave Request"] = {
	add_fields: ["status", "awaiting_role"],
	has_indicator_for_draft: 1,
	get_indicator(doc) {
		const colors = { Pending: "orange", Approved: "green", Refused: "red", Cancelled: "gray" };
		return [__(doc.status), colors[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
