// Copyright (c) 2026, zhengwu_hall developers and contributors
// For license information, please see license.txt
// 待我审批: the documents waiting for one of the user's roles, in the user's halls (zhengwu_hall.setup.desk)

frappe.query_reports["Pending My Approval"] = {
	filters: [],
};
