# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""待我审批: every document waiting for the user — a state of the app's workflows (投诉, 延期申请, 帮办代办委托,
季度考核自查表, 整改告知单, 差评工单) from which one of the user's roles may move it on, and the leave requests
whose current approval step is the user's role — in the user's halls only (zhengwu_hall.setup.desk).

Its reference DocType is ToDo, which every user may report on: the documents listed come from several DocTypes,
each read with the user's own permissions, and the roles below decide who may open the report."""

import frappe
from frappe import _

from zhengwu_hall.setup.desk import pending_approvals


def execute(filters=None):
	return get_columns(), get_data()


def get_columns():
	return [
		{"fieldname": "reference_doctype", "label": _("Document Type"), "fieldtype": "Data", "hidden": 1},
		{"fieldname": "document_type", "label": _("Document Type"), "fieldtype": "Data", "width": 150},
		{"fieldname": "name", "label": _("Document"), "fieldtype": "Dynamic Link", "options": "reference_doctype", "width": 190},
		{"fieldname": "state", "label": _("Workflow State"), "fieldtype": "Data", "width": 170},
		{"fieldname": "service_hall", "label": _("Service Hall"), "fieldtype": "Link", "options": "Service Hall", "width": 200},
		{"fieldname": "modified", "label": _("Last Updated On"), "fieldtype": "Datetime", "width": 160},
	]  # fmt: skip


def get_data():
	return [{**row, "document_type": _(row["reference_doctype"])} for row in pending_approvals()]
