// Copyright (c) 2025, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Hall Calendar Exception", {
	date(frm) {
		if (!frm.doc.date) {
			frm.set_value("weekday", "");
			return;
		}
		const weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
		frm.set_value("weekday", weekdays[frappe.datetime.str_to_obj(frm.doc.date).getDay()]);
	},
});
