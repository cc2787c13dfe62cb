// Copyright (c) 2025, zhengwu_hall developers and contributors
// For license information, please see license.txt

// Which level may hang under which (zhengwu_hall/rules/halls.py ALLOWED_PARENTS).
const ZHENGWU_HALL_PARENT_LEVELS = {
	"Prefecture Center": [],
	"District Center": ["Prefecture Center"],
	"Branch Hall": ["Prefecture Center", "District Center"],
	"Town Center": ["District Center"],
	"Village Station": ["Town Center"],
};

frappe.ui.form.on("Service Hall", {
	setup(frm) {
		frm.set_query("parent_service_hall", () => {
			const levels = ZHENGWU_HALL_PARENT_LEVELS[frm.doc.hall_level];
			const filters = { name: ["!=", frm.doc.name || ""] };
			if (levels) {
				filters.hall_level = ["in", levels];
			}
			return { filters };
		});
	},

	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Tree"), () => frappe.set_route("Tree", "Service Hall"), __("View"));
		}
	},
});
