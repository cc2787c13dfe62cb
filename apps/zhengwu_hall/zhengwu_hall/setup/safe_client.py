"""Frappe's REST methods that skip the permission checks the rest of the desk applies, replaced for this app.

``frappe.client.get_count`` (Frappe v15) counts with ``frappe.db.count``: any logged-in user could count any
DocType's records with any filter — how many complaints name a given complainant, how many records another hall
holds — although get_list refuses them. hooks.py ``override_whitelisted_methods`` routes it here: the same
count through ``frappe.get_list``, so role permissions, hall scoping (属地管理) and permission_query_conditions
apply exactly as on the list view.
"""

import frappe
from frappe import _
from frappe.client import get_safe_filters


@frappe.whitelist()
def get_count(doctype, filters=None, debug=False, cache=False):
	if not frappe.has_permission(doctype, "read") and not frappe.has_permission(doctype, "select"):
		frappe.throw(_("You may not see {0} records").format(_(doctype)), frappe.PermissionError)
	rows = frappe.get_list(doctype, filters=get_safe_filters(filters), fields=["count(*) as total"], limit=0)
	return rows[0].total if rows else 0
