"""Hall scoping (属地管理、分级负责): who sees which halls' records.

A user is assigned to one or more halls by a User Permission on Service Hall with ``apply_to_all_doctypes``
and ``hide_descendants`` off. Frappe then

- lists and opens only records whose ``service_hall`` (or any other Link to Service Hall) is the assigned hall
  or one of its descendants — Service Hall is a tree, so Frappe expands the assignment to the whole subtree;
- applies the same restriction to every doctype that links to Service Hall, including later forms.

Every hall-scoped doctype therefore carries a mandatory Link ``service_hall`` (Window Staff and Service Item
fetch it). The parent link of Service Hall ignores user permissions, so a town's user can open their own hall
although its parent, the district center, is outside their jurisdiction.

Users without any hall assignment are not restricted by Frappe. ``get_permission_query_conditions`` and
``has_hall_permission`` close that gap for everyone but System Managers; they take effect once hooks.py maps
the hall-scoped doctypes to them (``permission_query_conditions`` / ``has_permission``).
"""

import frappe
from frappe import _
from frappe.core.doctype.user_permission.user_permission import get_user_permissions
from frappe.permissions import get_allowed_docs_for_doctype

HALL_DOCTYPE = "Service Hall"

# The hall-scoped doctypes (Link field ``service_hall``; Service Hall by its own name) are listed once, in
# hooks.py ``hall_scoped_doctypes``, which wires the two hooks below to each of them.

# Roles that see every hall without an assignment (the system's own administrators).
UNRESTRICTED_ROLES = ("System Manager",)


class HallNotFoundError(frappe.ValidationError):
	pass


def assign_user_to_hall(user: str, hall: str, is_default: bool | None = None) -> str:
	"""Let ``user`` see ``hall`` and its subtree, in every doctype. Idempotent; returns the User Permission.

	The first hall assigned to a user becomes their default (new forms are filled with it) unless
	``is_default`` says otherwise.
	"""
	if not frappe.db.exists(HALL_DOCTYPE, hall):
		frappe.throw(_("Service Hall {0} does not exist").format(hall), HallNotFoundError)

	existing = frappe.db.get_value(
		"User Permission",
		{"user": user, "allow": HALL_DOCTYPE, "for_value": hall, "apply_to_all_doctypes": 1},
		"name",
	)
	if existing:
		return existing

	if is_default is None:
		is_default = not frappe.db.exists(
			"User Permission", {"user": user, "allow": HALL_DOCTYPE, "is_default": 1}
		)

	doc = frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": user,
			"allow": HALL_DOCTYPE,
			"for_value": hall,
			"apply_to_all_doctypes": 1,
			"applicable_for": None,
			"hide_descendants": 0,
			"is_default": 1 if is_default else 0,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def remove_user_from_hall(user: str, hall: str) -> int:
	"""Withdraw ``hall`` from ``user``; returns how many User Permissions were deleted."""
	names = frappe.get_all(
		"User Permission",
		filters={"user": user, "allow": HALL_DOCTYPE, "for_value": hall},
		pluck="name",
	)
	for name in names:
		frappe.delete_doc("User Permission", name, ignore_permissions=True)
	return len(names)


def get_assigned_halls(user: str | None = None) -> list[str]:
	"""The halls ``user`` is assigned to (without their subtrees)."""
	return frappe.get_all(
		"User Permission",
		filters={"user": user or frappe.session.user, "allow": HALL_DOCTYPE},
		pluck="for_value",
		order_by="creation asc",
	)


def get_allowed_halls(user: str | None = None) -> set[str] | None:
	"""Every hall ``user`` may see (assigned halls and their subtrees), or None when not restricted."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	permissions = get_user_permissions(user).get(HALL_DOCTYPE, [])
	allowed = get_allowed_docs_for_doctype(permissions, HALL_DOCTYPE)
	return set(allowed) if allowed else None


def get_top_halls(user: str | None = None) -> list[str]:
	"""The highest halls ``user`` sees: the tree's roots, or the assigned halls not under another one."""
	allowed = get_allowed_halls(user)
	hall = frappe.qb.DocType(HALL_DOCTYPE)
	query = frappe.qb.from_(hall).select(hall.name, hall.parent_service_hall).orderby(hall.lft)
	if allowed is None:
		return [
			row[0]
			for row in query.where(
				(hall.parent_service_hall.isnull()) | (hall.parent_service_hall == "")
			).run()
		]
	rows = query.where(hall.name.isin(list(allowed))).run()
	return [name for name, parent in rows if not parent or parent not in allowed]


def users_with_role_at(role: str, hall: str) -> list[str]:
	"""Enabled users (not Administrator) holding ``role`` who see ``hall``: bound to it or to a hall above it."""
	has_role, user = frappe.qb.DocType("Has Role"), frappe.qb.DocType("User")
	users = (
		frappe.qb.from_(has_role)
		.join(user)
		.on(has_role.parent == user.name)
		.select(user.name)
		.where(
			(has_role.role == role)
			& (has_role.parenttype == "User")
			& (user.enabled == 1)
			& (user.name != "Administrator")
		)
		.run(pluck=True)
	)
	out = []
	for name in users:
		allowed = get_allowed_halls(name)
		if allowed is not None and hall in allowed:
			out.append(name)
	return sorted(out)


def clear_hall_permission_cache():
	"""Drop every user's cached list of allowed halls: the tree changed, subtrees may have grown or shrunk."""
	frappe.cache.delete_key("user_permissions")


def is_unassigned(user: str | None = None) -> bool:
	"""True for a user who holds no hall and is not one of the system's own administrators."""
	user = user or frappe.session.user
	if user == "Administrator":
		return False
	if get_allowed_halls(user) is not None:
		return False
	return not set(UNRESTRICTED_ROLES) & set(frappe.get_roles(user))


def get_permission_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""hooks ``permission_query_conditions``: a user with no hall sees no hall-scoped record."""
	return "1=0" if is_unassigned(user) else ""


def has_hall_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""hooks ``has_permission``: a user with no hall may not open a hall-scoped record."""
	return False if is_unassigned(user) else None


def ensure_hall_indexes():
	"""An index on (service_hall, modified) for every hall-scoped doctype: a user's list view filters on the
	hall and sorts by modified, so without it the database walks the whole table for a small hall
	(benchmarks/hall_scope.py). Idempotent; runs after every migrate."""
	for doctype in frappe.get_hooks("hall_scoped_doctypes"):
		if doctype != HALL_DOCTYPE and frappe.get_meta(doctype).has_field("service_hall"):
			frappe.db.add_index(doctype, ["service_hall", "modified"])
