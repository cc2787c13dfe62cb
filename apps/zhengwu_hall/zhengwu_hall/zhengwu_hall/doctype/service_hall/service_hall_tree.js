// Copyright (c) 2025, zhengwu_hall developers and contributors
// For license information, please see license.txt

frappe.treeview_settings["Service Hall"] = {
	breadcrumb: "Zhengwu Hall",
	title: __("Service Hall"),
	// the top of the tree is the user's own jurisdiction, not the tree's roots
	get_tree_nodes: "zhengwu_hall.zhengwu_hall.doctype.service_hall.service_hall.get_children",
	add_tree_node: "zhengwu_hall.zhengwu_hall.doctype.service_hall.service_hall.add_node",
	fields: [
		{ fieldtype: "Data", fieldname: "hall_name", label: __("Hall Name"), reqd: true },
		{
			fieldtype: "Select",
			fieldname: "hall_level",
			label: __("Hall Level"),
			reqd: true,
			options: [
				{ value: "District Center", label: __("District Center") },
				{ value: "Branch Hall", label: __("Branch Hall") },
				{ value: "Town Center", label: __("Town Center") },
				{ value: "Village Station", label: __("Village Station") },
				{ value: "Prefecture Center", label: __("Prefecture Center") },
			],
		},
	],
	ignore_fields: ["parent_service_hall", "is_group"],
	get_label(node) {
		return node.data && node.data.title ? node.data.title : node.label;
	},
};
