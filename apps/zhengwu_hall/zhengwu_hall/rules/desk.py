"""Which shipped workspace a user lands in (pure: roles in, workspace name out).

Each workspace serves one role family of the hall (issue 10: 窗口工作人员, 督查员, 中心领导, 系统管理员); a user
holding roles of several families lands in the most senior one, administrators first, then the center's leaders,
then supervisors, then window staff.
"""

ADMIN_WORKSPACE = "系统管理员"
LEADERSHIP_WORKSPACE = "中心领导"
SUPERVISOR_WORKSPACE = "督查员"
WINDOW_WORKSPACE = "窗口工作人员"

# most senior family first
ROLE_FAMILIES = (
	(ADMIN_WORKSPACE, ("Administrator", "System Manager", "Hall Administrator")),
	(LEADERSHIP_WORKSPACE, ("Center Director", "Center Deputy Director", "Government Leader")),
	(SUPERVISOR_WORKSPACE, ("Supervisor",)),
	(WINDOW_WORKSPACE, ("Window Staff", "Department Liaison", "Proxy Agent")),
)
SHIPPED_WORKSPACES = tuple(name for name, _roles in ROLE_FAMILIES)


def workspace_for_roles(roles) -> str | None:
	"""The workspace of the most senior role family among ``roles``; None for a user of none of them."""
	held = set(roles or ())
	for workspace, family in ROLE_FAMILIES:
		if held.intersection(family):
			return workspace
	return None


def should_replace_default(current: str | None) -> bool:
	"""An empty default or one of our own is ours to keep in step with the roles; a workspace the user or an
	administrator chose elsewhere is kept."""
	return not current or current in SHIPPED_WORKSPACES
