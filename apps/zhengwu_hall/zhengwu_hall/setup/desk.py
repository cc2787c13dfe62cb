"""The desk a hall's staff see: every user lands in the workspace of their role family (issue 10).

Frappe v15 opens /app on User.default_workspace when it is set (frappe/public/js/frappe/router.js), otherwise on
the first workspace the user may see. We keep default_workspace in step with the user's roles whenever the user
is saved (a new user, or roles changed by an administrator), unless someone chose a workspace of their own.
"""

import frappe

from zhengwu_hall.rules.desk import ADMIN_WORKSPACE, should_replace_default, workspace_for_roles


def set_default_workspace(user, method=None):
	"""doc_events User.validate: the default workspace follows the roles being saved."""
	if user.name == "Guest" or user.user_type != "System User":
		return
	roles = [row.role for row in user.get("roles") or []]
	if user.name == "Administrator":
		roles.append("Administrator")
	workspace = workspace_for_roles(roles)
	if not workspace or not frappe.db.exists("Workspace", workspace):
		return
	if should_replace_default(user.default_workspace):
		user.default_workspace = workspace


def assign_default_workspaces():
	"""After install/migrate: existing users without a default get theirs (Administrator included)."""
	if not frappe.db.exists("Workspace", ADMIN_WORKSPACE):
		return
	users = frappe.get_all(
		"User",
		filters={"user_type": "System User", "enabled": 1, "name": ("!=", "Guest")},
		fields=["name", "default_workspace"],
	)
	for row in users:
		if not should_replace_default(row.default_workspace):
			continue
		roles = frappe.get_roles(row.name)
		if row.name == "Administrator":
			roles.append("Administrator")
		workspace = workspace_for_roles(roles)
		if workspace and workspace != row.default_workspace and frappe.db.exists("Workspace", workspace):
			frappe.db.set_value("User", row.name, "default_workspace", workspace, update_modified=False)
