# Copyright (c) 2025, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""窗口工作人员: a person on a window's A post (the regular holder) or B post (the named stand-in).

The AB post rule itself lives in ``zhengwu_hall.rules.staffing``; saving or deleting a staff record warns
(it does not refuse: a window is staffed one person at a time) when the window breaks it, and the
"AB Post Violations" report lists every window that does.
"""

import frappe
from frappe import _
from frappe.model.document import Document

from zhengwu_hall.rules.staffing import check_window, normalise_post
from zhengwu_hall.utils import find_duplicate


class DuplicateWindowStaffError(frappe.ValidationError):
	pass


class WindowStaff(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		employment: DF.Literal["Established Staff", "Contracted Staff"]
		is_active: DF.Check
		post: DF.Literal["A Post", "B Post"]
		posted_on: DF.Date | None
		service_hall: DF.Link | None
		service_window: DF.Link
		staff_name: DF.Data | None
		stationed_department: DF.Link | None
		user: DF.Link
	# end: auto-generated types

	def validate(self):
		self.set_hall_from_window()
		self.validate_one_post_per_window()

	def on_update(self):
		warn_ab_problems(self.service_window)

	def after_delete(self):
		warn_ab_problems(self.service_window)

	def set_hall_from_window(self):
		"""The hall always follows the window, also when the record is saved by code without fetching."""
		if self.service_window:
			self.service_hall, self.stationed_department = frappe.db.get_value(
				"Service Window", self.service_window, ["service_hall", "stationed_department"]
			) or (None, None)

	def validate_one_post_per_window(self):
		"""A person holds one post on a window: being both its A and its B would cover nobody."""
		duplicate = find_duplicate(
			self, {"user": self.user, "service_window": self.service_window}, ["name", "post"]
		)
		if duplicate:
			frappe.throw(
				_("{0} already holds the {1} of window {2} ({3})").format(
					self.staff_name or self.user, _(duplicate.post), self.service_window, duplicate.name
				),
				DuplicateWindowStaffError,
				title=_("Duplicate Staff"),
			)


def get_window_posts(windows: list[str] | None = None, *, check_permissions: bool = False) -> list[tuple]:
	"""``(window, user, post)`` of the active staff of ``windows`` (all windows when None)."""
	filters = {"is_active": 1}
	if windows is not None:
		if not windows:
			return []
		filters["service_window"] = ["in", windows]
	getter = frappe.get_list if check_permissions else frappe.get_all
	rows = getter(
		"Window Staff",
		filters=filters,
		fields=["service_window", "user", "post"],
		order_by="service_window asc, post asc",
		limit_page_length=0,
	)
	return [(r.service_window, r.user, r.post) for r in rows]


def get_window_ab_problems(window: str):
	"""AB post problems of one active window (an inactive window has none)."""
	if not frappe.db.get_value("Service Window", window, "is_active"):
		return []
	a_staff, b_staff = [], []
	for _window, user, post in get_window_posts([window]):
		(a_staff if normalise_post(post) == "A" else b_staff).append(user)
	return check_window(window, a_staff, b_staff)


def warn_ab_problems(window: str):
	if not window or frappe.flags.in_import or frappe.flags.in_install:
		return
	for problem in get_window_ab_problems(window):
		frappe.msgprint(
			_("Window {0}: {1}").format(window, _(problem.description)),
			title=_("AB Post Warning"),
			indicator="orange",
		)
