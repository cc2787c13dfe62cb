// Copyright (c) 2025, zhengwu_hall developers and contributors
// For license information, please see license.txt

// Weekday option of a date, as the Select fields hold it (Monday first).
const ZHENGWU_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function zhengwu_weekday(date) {
	if (!date) {
		return "";
	}
	const day = frappe.datetime.str_to_obj(date).getDay(); // 0 = Sunday
	return ZHENGWU_WEEKDAYS[(day + 6) % 7];
}

frappe.ui.form.on("Official Calendar Year", {
	refresh(frm) {
		frm.add_custom_button(__("Add Date Range"), () => add_date_range(frm));
	},
});

frappe.ui.form.on("Official Calendar Day", {
	date(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		frappe.model.set_value(cdt, cdn, "weekday", zhengwu_weekday(row.date));
	},
});

// A notice gives stretches ("2月15日至23日放假调休，共9天"): add one row per day of the stretch.
function add_date_range(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Add Date Range"),
		fields: [
			{ fieldname: "from_date", fieldtype: "Date", label: __("From Date"), reqd: 1 },
			{ fieldname: "to_date", fieldtype: "Date", label: __("To Date"), reqd: 1 },
			{
				fieldname: "kind",
				fieldtype: "Select",
				label: __("Kind"),
				options: [
					{ value: "Day Off", label: __("Day Off") },
					{ value: "Make-up Working Day", label: __("Make-up Working Day") },
				],
				default: "Day Off",
				reqd: 1,
			},
			{
				fieldname: "note",
				fieldtype: "Data",
				label: __("Day Note"),
				description: __("The holiday, e.g. Spring Festival"),
			},
		],
		primary_action_label: __("Add"),
		primary_action(values) {
			if (values.to_date < values.from_date) {
				frappe.msgprint(__("The end date is before the start date."));
				return;
			}
			if (frappe.datetime.get_day_diff(values.to_date, values.from_date) > 31) {
				frappe.msgprint(__("A holiday stretch is at most a month long: check the dates."));
				return;
			}
			const listed = new Set((frm.doc.days || []).map((row) => row.date));
			let date = values.from_date;
			while (date <= values.to_date) {
				if (!listed.has(date)) {
					const row = frm.add_child("days");
					row.date = date;
					row.kind = values.kind;
					row.note = values.note;
					row.weekday = zhengwu_weekday(date);
				}
				date = frappe.datetime.add_days(date, 1);
			}
			frm.refresh_field("days");
			frm.dirty();
			dialog.hide();
		},
	});
	dialog.show();
}
