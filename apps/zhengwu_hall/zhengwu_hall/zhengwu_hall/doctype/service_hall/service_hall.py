# Copyright (c) 2025, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""政务服务场所: the four-level hall tree of seed 003 (盟/市 → 旗区县 (+分厅) → 苏木镇街道 → 嘎查村社区).

Hall scoping (属地管理、分级负责) is Frappe's own: a User Permission on Service Hall applied to every doctype
(see ``zhengwu_hall.setup.permissions.assign_user_to_hall``); a tree doctype's user permission covers the
hall's whole subtree. Two things Frappe does not do by itself are done here:

- a restricted administrator may create a hall under a hall of their subtree (Frappe would refuse any new record
  of a restricted doctype, because the new name is not yet in the allowed list), see ``has_permission``;
- the cached list of allowed halls is dropped whenever the tree changes, so that a new hall is visible at once
  to the users of its ancestors.
"""

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from zhengwu_hall.rules import halls as hall_rules
from zhengwu_hall.setup.permissions import (
	clear_hall_permission_cache,
	get_allowed_halls,
	get_top_halls,
)

TREE_ROOT_LABELS = ("Service Hall", "All Service Halls")


class UnknownHallLevelError(frappe.ValidationError):
	pass


class HallParentLevelError(frappe.ValidationError):
	pass


class HallChildLevelError(frappe.ValidationError):
	pass


class HallOutsideJurisdictionError(frappe.ValidationError):
	pass


class ServiceHall(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		document_org_name: DF.Data | None
		fax: DF.Data | None
		inspection_report_to: DF.Data | None
		hall_level: DF.Literal[
			"Prefecture Center", "District Center", "Branch Hall", "Town Center", "Village Station"
		]
		hall_name: DF.Data
		is_group: DF.Check
		lft: DF.Int
		old_parent: DF.Link | None
		parent_service_hall: DF.Link | None
		phone: DF.Data | None
		rgt: DF.Int
		rule_pack: DF.Link | None
	# end: auto-generated types

	nsm_parent_field = "parent_service_hall"

	def validate(self):
		self.validate_level()
		self.validate_parent_level()
		self.validate_children_levels()
		self.validate_parent_in_jurisdiction()
		self.set_is_group()
		self.set_document_org_name()

	def on_update(self):
		super().on_update()
		clear_hall_permission_cache()

	def after_delete(self):
		clear_hall_permission_cache()

	def after_rename(self, olddn, newdn, merge=False):
		super().after_rename(olddn, newdn, merge)
		clear_hall_permission_cache()

	def has_permission(self, permtype="read", *, debug=False, user=None) -> bool:
		"""Creating a hall: the role may create halls and the parent lies in the user's jurisdiction.

		Frappe checks a new record of a doctype restricted by User Permissions against the allowed names, and
		a new hall's name cannot be in that list yet: without this a district's administrator could never add a
		town center under the district.
		"""
		if permtype == "create" and self.is_new() and not self.flags.ignore_permissions:
			return can_create_hall_under(self.parent_service_hall, user=user)
		return super().has_permission(permtype, debug=debug, user=user)

	# ------------------------------------------------------------------------------------------ validation
	def validate_level(self):
		if not hall_rules.is_known_level(self.hall_level):
			frappe.throw(
				_("Unknown hall level: {0}").format(self.hall_level or _("empty")),
				UnknownHallLevelError,
				title=_("Invalid Level"),
			)

	def validate_parent_level(self):
		parent_level = self.get_parent_level()
		if hall_rules.is_allowed_parent(self.hall_level, parent_level):
			return
		allowed = hall_rules.allowed_parent_levels(self.hall_level)
		allowed_text = ", ".join(_(level) if level else _("no parent (top level)") for level in allowed)
		if parent_level:
			msg = _("A {0} cannot be placed under {1} ({2}). Allowed parent levels: {3}.").format(
				_(self.hall_level), self.parent_service_hall, _(parent_level), allowed_text
			)
		else:
			msg = _("A {0} must be placed under a parent hall. Allowed parent levels: {1}.").format(
				_(self.hall_level), allowed_text
			)
		frappe.throw(msg, HallParentLevelError, title=_("Invalid Parent Hall"))

	def validate_children_levels(self):
		"""Changing a hall's level must not leave children that may not hang under the new level."""
		if self.is_new() or not self.has_value_changed("hall_level"):
			return
		children = frappe.get_all(
			"Service Hall",
			filters={"parent_service_hall": self.name},
			fields=["name", "hall_level"],
		)
		wrong = [c.name for c in children if not hall_rules.is_allowed_parent(c.hall_level, self.hall_level)]
		if wrong:
			frappe.throw(
				_("Halls under {0} cannot hang under a {1}: {2}").format(
					self.name, _(self.hall_level), ", ".join(wrong)
				),
				HallChildLevelError,
				title=_("Invalid Level"),
			)

	def validate_parent_in_jurisdiction(self):
		"""A restricted user may move a hall only to a parent inside their own jurisdiction."""
		if self.flags.ignore_permissions or self.is_new():
			return
		if not self.has_value_changed("parent_service_hall"):
			return
		if not can_place_hall_under(self.parent_service_hall):
			frappe.throw(
				_("You can only place halls under halls of your own jurisdiction."),
				HallOutsideJurisdictionError,
				title=_("Not Permitted"),
			)

	def set_is_group(self):
		self.is_group = 1 if hall_rules.can_have_children(self.hall_level) else 0

	def set_document_org_name(self):
		if not self.document_org_name:
			self.document_org_name = self.hall_name

	# ------------------------------------------------------------------------------------------ helpers
	def get_parent_level(self) -> str | None:
		if not self.parent_service_hall:
			return None
		return frappe.db.get_value("Service Hall", self.parent_service_hall, "hall_level")


def can_place_hall_under(parent: str | None, user: str | None = None) -> bool:
	"""May ``user`` hang a hall under ``parent`` (None: make it a top-level hall)?"""
	user = user or frappe.session.user
	allowed = get_allowed_halls(user)
	if allowed is None:
		return True
	return bool(parent) and parent in allowed


def can_create_hall_under(parent: str | None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if not frappe.permissions.has_permission("Service Hall", "create", user=user, raise_exception=False):
		return False
	return can_place_hall_under(parent, user=user)


# ---------------------------------------------------------------------------------------------- tree view
@frappe.whitelist()
def get_children(doctype="Service Hall", parent=None, is_root=False, **filters):
	"""Tree nodes under ``parent``; at the top, the user's own top halls rather than the tree's roots."""
	fields = ["name as value", "hall_name as title", "is_group as expandable", "hall_level"]
	if not parent or parent in TREE_ROOT_LABELS:
		tops = get_top_halls()
		if not tops:
			return []
		return frappe.get_list(
			"Service Hall", fields=fields, filters={"name": ["in", tops]}, order_by="lft asc", limit=0
		)
	return frappe.get_list(
		"Service Hall",
		fields=fields,
		filters={"parent_service_hall": parent},
		order_by="lft asc",
		limit=0,
	)


@frappe.whitelist()
def add_node():
	"""The tree view's "Add Child": the default one would link a top hall to the root label."""
	from frappe.desk.treeview import make_tree_args

	args = make_tree_args(**frappe.form_dict)
	if args.get("parent_service_hall") in TREE_ROOT_LABELS:
		args["parent_service_hall"] = None
	for key in ("parent", "is_root", "cmd"):
		args.pop(key, None)
	args["doctype"] = "Service Hall"
	doc = frappe.get_doc(args)
	doc.insert()
	return doc.name


@frappe.whitelist()
def get_allowed_child_levels(level=None):
	return list(hall_rules.allowed_child_levels(level or None))
