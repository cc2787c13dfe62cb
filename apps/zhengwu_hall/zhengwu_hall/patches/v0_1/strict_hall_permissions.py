"""Sites installed before hall scoping used strict user permissions: switch it on (see setup/install.py)."""

import frappe


def execute():
	frappe.db.set_single_value("System Settings", "apply_strict_user_permissions", 1)
