// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Supervision Visit", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.docstatus === 2) return;
		const open = (frm.doc.checks || []).filter(
			(row) => (row.record || "").trim() && !row.corrected_on_spot && !row.rectification_notice
		);
		if (!open.length || !frappe.model.can_create("Rectification Notice")) return;
		frm.add_custom_button(
			__("Rectification Notice"),
			() =>
				frappe.prompt(
					[
						{
							fieldname: "row",
							label: __("Finding"),
							fieldtype: "Select",
							reqd: 1,
							options: open.map((row) => ({ value: row.name, label: `${row.idx}. ${row.record}` })),
						},
						{
							fieldname: "deadline_working_days",
							label: __("Rectify Within (Working Days)"),
							fieldtype: "Int",
							reqd: 1,
						},
					],
					(values) =>
						frappe
							.call("zhengwu_hall.setup.inspections.create_notice_for_finding", {
								source_doctype: "Supervision Visit",
								source_name: frm.doc.name,
								row: values.row,
								deadline_working_days: values.deadline_working_days,
							})
							.then((r) => frappe.set_route("Form", "Rectification Notice", r.message)),
					__("Rectification Notice")
				),
			__("Create")
		);
	},
});
