// Copyright (c) 2026, zhengwu_hall developers and contributors
frappe.ui.form.on("Department Deduction", {
	refresh(frm) {
		if (frm.doc.docstatus === 1 && frm.doc.status === "Confirmed" && frm.perm[0] && frm.perm[0].submit) {
			frm.add_custom_button(__("Reverse"), () => {
				frappe.prompt(
					{ fieldname: "reason", fieldtype: "Small Text", label: __("Reversal Reason"), reqd: 1 },
					(values) => frm.call("reverse", { reason: values.reason }).then(() => frm.reload_doc()),
					__("Reverse Deduction"),
				);
			});
		}
	},
});
