# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""请假: a window staff member's leave request, approved along the route of the hall's rule pack.

The route (seed 001 考勤制度 第二条 (二); seed 004 第十六條) is the pack's ``leave_steps`` table, read when the
request is saved and copied into ``approval_steps``: one row per step with its role, kind (opinion or approval),
and — once acted on — decision, approver, opinion and time. An administrator changes thresholds and approvers in
the pack in the desk; a request keeps the route it was made with once a step is decided.

Each step is decided through ``approve`` / ``refuse`` (whitelisted, checking permissions themselves): only a user
holding the step's role, who may see the request (hall scope), and who is not the applicant. A refusal ends the
flow; the last step's approval approves the request. Both submit it (docstatus 1, status Approved or Refused),
as HRMS's Leave Application does.

The guards are pure rules in ``zhengwu_hall.rules.attendance``; this controller only gathers the data.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_fullname, getdate, now_datetime, nowdate

from zhengwu_hall.rules import attendance
from zhengwu_hall.setup.calendar import get_working_calendar, translated_calendar_errors
from zhengwu_hall.setup.packs import get_pack_for_hall, leave_route_for_hall

PENDING, APPROVED, REFUSED, CANCELLED = "Pending", "Approved", "Refused", "Cancelled"
OPINION, APPROVAL = "Opinion", "Approval"
# the roles that may file a request for someone else (the applicant files their own otherwise)
FILE_FOR_OTHERS_ROLES = ("Hall Administrator", "System Manager")


class NotOwnLeaveRequestError(frappe.ValidationError):
	pass


class NoWorkingDayInLeaveError(frappe.ValidationError):
	pass


class BadLeaveRangeError(frappe.ValidationError):
	pass


class LeaveRouteLockedError(frappe.ValidationError):
	pass


class InvalidCoverError(frappe.ValidationError):
	pass


class ApplicantIsCoverError(frappe.ValidationError):
	pass


class WindowLeaveCapError(frappe.ValidationError):
	pass


class FrontDeskAbsentError(frappe.ValidationError):
	pass


class LeaveNotDecidedError(frappe.ValidationError):
	pass


class LeaveAlreadyDecidedError(frappe.ValidationError):
	pass


class SelfApprovalError(frappe.PermissionError):
	pass


class WrongApproverError(frappe.PermissionError):
	pass


class RefusalReasonMissingError(frappe.ValidationError):
	pass


COVER_MESSAGES = {
	"self": "The applicant cannot be their own cover",
	"other_window": "The cover {0} is not on window {1}: the cover must be a B post of the applicant's window",
	"not_b_post": "The cover {0} is not the B post of window {1}",
	"not_on_post": "The cover {0} is no longer on post at window {1}",
	"on_leave": "The cover {0} is on leave at the same time",
}


class LeaveRequest(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from zhengwu_hall.zhengwu_hall.doctype.leave_approval_step.leave_approval_step import (
			LeaveApprovalStep,
		)

		amended_from: DF.Link | None
		applicant: DF.Link | None
		approval_steps: DF.Table[LeaveApprovalStep]
		awaiting_role: DF.Link | None
		contact_phone: DF.Data
		cover: DF.Link
		cover_name: DF.Data | None
		from_afternoon: DF.Check
		from_date: DF.Date
		leave_days: DF.Float
		leave_kind: DF.Literal[
			"Official Business",
			"Annual Leave",
			"Personal Leave",
			"Sick Leave",
			"Marriage Leave",
			"Maternity Leave",
			"Bereavement Leave",
			"Other Leave",
		]
		reason: DF.SmallText
		requested_on: DF.Date | None
		service_hall: DF.Link | None
		service_window: DF.Link | None
		short_notice: DF.Check
		staff: DF.Link
		staff_name: DF.Data | None
		status: DF.Data  # Pending, Approved, Refused or Cancelled
		to_date: DF.Date
		to_noon: DF.Check
	# end: auto-generated types

	def validate(self):
		self.set_from_staff()
		self.validate_own_request()
		self.set_leave_days()
		self.set_route()
		self.validate_cover()
		self.validate_not_covering()
		self.validate_window_cap()
		self.validate_front_desk()
		self.warn_short_notice()

	def before_submit(self):
		if not self.flags.leave_decided:
			frappe.throw(
				_("A leave request is submitted by the decision of its approvers, not by hand"),
				LeaveNotDecidedError,
				title=_("Leave Approval"),
			)

	def on_cancel(self):
		self.db_set("status", CANCELLED)
		self.db_set("awaiting_role", None)

	# ------------------------------------------------------------------------------------------ validation
	def set_from_staff(self):
		"""Applicant, window and hall always follow the staff record, also when code saves without fetching."""
		row = frappe.db.get_value(
			"Window Staff", self.staff, ["user", "staff_name", "service_window", "service_hall"], as_dict=True
		)
		if row:
			self.applicant, self.staff_name = row.user, row.staff_name
			self.service_window, self.service_hall = row.service_window, row.service_hall
		self.requested_on = self.requested_on or nowdate()

	def validate_own_request(self):
		"""Window staff file their own leave; a hall administrator may file it for them."""
		if not self.is_new() or self.flags.ignore_permissions:
			return
		user = frappe.session.user
		if user == "Administrator" or user == self.applicant:
			return
		if set(FILE_FOR_OTHERS_ROLES) & set(frappe.get_roles(user)):
			return
		frappe.throw(
			_("You can only request leave for yourself"), NotOwnLeaveRequestError, title=_("Leave Request")
		)

	def set_leave_days(self):
		start, end = getdate(self.from_date), getdate(self.to_date)
		calendar = get_working_calendar(self.service_hall)
		try:
			with translated_calendar_errors(self.service_hall):
				self.leave_days = attendance.leave_days(
					start, end, calendar, bool(self.from_afternoon), bool(self.to_noon)
				)
		except attendance.NoWorkingDay:
			frappe.throw(
				_("There is no working day of the hall between {0} and {1}: no leave is needed").format(
					self.from_date, self.to_date
				),
				NoWorkingDayInLeaveError,
				title=_("Leave Request"),
			)
		except attendance.BadLeaveRange:
			frappe.throw(
				_("The leave must end after it starts"), BadLeaveRangeError, title=_("Leave Request")
			)

	def set_route(self):
		"""Copy the pack's route for the days into the steps, until a step is decided; then it is fixed."""
		if any(s.decision != PENDING for s in self.approval_steps):
			if any(self.has_value_changed(f) for f in ("from_date", "to_date", "from_afternoon", "to_noon")):
				frappe.throw(
					_(
						"The approval of this request has begun: its period can no longer change. Ask for a new request instead."
					),
					LeaveRouteLockedError,
					title=_("Leave Request"),
				)
			return
		route = leave_route_for_hall(self.service_hall, self.leave_days)
		wanted = [(s["step"], s["role"], s["action"]) for s in route]
		if wanted == [(s.step, s.approver_role, s.step_kind) for s in self.approval_steps]:
			return
		self.set("approval_steps", [])
		for s in route:
			self.append(
				"approval_steps",
				{
					"step": s["step"],
					"approver_role": s["role"],
					"step_kind": s["action"],
					"decision": PENDING,
					"citation": s["source"],
				},
			)
		self.awaiting_role = self.approval_steps[0].approver_role

	def validate_cover(self):
		cover = frappe.db.get_value(
			"Window Staff",
			self.cover,
			["user", "staff_name", "service_window", "post", "is_active"],
			as_dict=True,
		)
		if not cover:
			return
		away = bool(self.overlapping_leaves({"applicant": cover.user}))
		problem = attendance.cover_problem(
			self.applicant,
			self.service_window,
			cover.user,
			cover.service_window,
			cover.post,
			away,
			bool(cover.is_active),
		)
		if problem:
			frappe.throw(
				_(COVER_MESSAGES[problem]).format(cover.staff_name or cover.user, self.service_window),
				InvalidCoverError,
				title=_("Cover (B Post)"),
			)

	def validate_not_covering(self):
		"""Someone named as the cover of a colleague's leave cannot go on leave at the same time themselves."""
		posts = frappe.get_all("Window Staff", filters={"user": self.applicant}, pluck="name")
		covered = self.overlapping_leaves({"cover": ("in", posts)}) if posts else []
		if covered:
			frappe.throw(
				_(
					"{0} covers the window for {1} during this period and cannot be away at the same time"
				).format(self.staff_name, covered[0].staff),
				ApplicantIsCoverError,
				title=_("Cover (B Post)"),
			)

	def validate_window_cap(self):
		"""At most the pack's number of one window's staff on leave at once (seed 004 第十六條)."""
		cap = attendance.window_cap(self.pack())
		days = attendance.days_over_window_cap(
			self.as_leave(), self.overlapping_leaves({"service_window": self.service_window}), cap
		)
		if days:
			frappe.throw(
				_(
					"At most {0} staff of window {1} may be on leave at the same time; on {2} there would be more"
				).format(cap, self.service_window, ", ".join(str(d) for d in days)),
				WindowLeaveCapError,
				title=_("Too Many on Leave"),
			)

	def validate_front_desk(self):
		"""The hall's front desk is never entirely absent (seed 002 窗口工作人员考勤管理标准)."""
		front_desk = frappe.get_all(
			"Window Staff", filters={"service_hall": self.service_hall, "is_active": 1}, pluck="user"
		)
		days = attendance.days_front_desk_absent(
			self.as_leave(),
			front_desk,
			self.overlapping_leaves({"service_hall": self.service_hall}),
			self.pack(),
		)
		if days:
			frappe.throw(
				_("The front desk of hall {0} would be entirely absent on {1}").format(
					self.service_hall, ", ".join(str(d) for d in days)
				),
				FrontDeskAbsentError,
				title=_("Front Desk Absent"),
			)

	def warn_short_notice(self):
		"""Seed 001 AB岗工作制度 第三条: report a day ahead; a later request is marked and warned about."""
		self.short_notice = attendance.short_notice(
			getdate(self.requested_on), getdate(self.from_date), self.pack()
		)
		if self.short_notice and self.is_new():
			frappe.msgprint(
				_(
					"The leave starts less than {0} day(s) after the request: the B post must be told at once"
				).format(self.pack().get("leave_advance_notice_days")),
				title=_("Short Notice"),
				indicator="orange",
			)

	# ------------------------------------------------------------------------------------------ data
	def pack(self) -> dict:
		if not hasattr(self, "_pack"):
			self._pack = get_pack_for_hall(self.service_hall)
		return self._pack

	def as_leave(self) -> attendance.Leave:
		return attendance.Leave(self.applicant, getdate(self.from_date), getdate(self.to_date))

	def overlapping_leaves(self, filters: dict) -> list[attendance.Leave]:
		"""Other pending or approved leave overlapping this one, matching ``filters``."""
		rows = frappe.get_all(
			"Leave Request",
			filters={
				**filters,
				"name": ("!=", self.name or ""),
				"docstatus": ("<", 2),
				"status": ("in", (PENDING, APPROVED)),
				"from_date": ("<=", self.to_date),
				"to_date": (">=", self.from_date),
			},
			fields=["applicant", "from_date", "to_date"],
		)
		return [attendance.Leave(r.applicant, getdate(r.from_date), getdate(r.to_date)) for r in rows]

	# ------------------------------------------------------------------------------------------ decisions
	def current_step(self):
		return next((s for s in self.approval_steps if s.decision == PENDING), None)

	def check_can_decide(self, user: str):
		step = self.current_step()
		if self.docstatus != 0 or self.status != PENDING or not step:
			frappe.throw(
				_("Leave request {0} has been decided already").format(self.name),
				LeaveAlreadyDecidedError,
				title=_("Leave Approval"),
			)
		if user in (self.applicant, self.owner):
			frappe.throw(
				_("You cannot approve or refuse your own leave request"),
				SelfApprovalError,
				title=_("Leave Approval"),
			)
		if step.approver_role not in frappe.get_roles(user):
			frappe.throw(
				_("Step {0} of this request is for the role {1}, which you do not hold").format(
					step.step, _(step.approver_role)
				),
				WrongApproverError,
				title=_("Leave Approval"),
			)
		if not frappe.has_permission(self.doctype, "read", doc=self, user=user):
			frappe.throw(
				_("Leave request {0} is outside your halls").format(self.name),
				frappe.PermissionError,
				title=_("Leave Approval"),
			)
		return step

	def record_decision(self, decision: str, opinion: str | None = None):
		user = frappe.session.user
		step = self.check_can_decide(user)
		if decision == REFUSED and not (opinion or "").strip():
			frappe.throw(
				_("Give the reason for the refusal"), RefusalReasonMissingError, title=_("Leave Approval")
			)
		step.decision = decision
		step.approver = user
		step.approver_name = get_fullname(user)
		step.opinion = opinion
		step.decided_on = now_datetime()
		next_step = self.current_step()
		self.flags.ignore_permissions = True
		if decision == REFUSED or next_step is None:
			self.status = decision
			self.awaiting_role = None
			self.flags.leave_decided = True
			self.submit()
		else:
			self.awaiting_role = next_step.approver_role
			self.save()
		return self.status


@frappe.whitelist()
def approve(name: str, opinion: str | None = None) -> str:
	"""Agree at the current step (an opinion, or the final approval); returns the request's status."""
	return frappe.get_doc("Leave Request", name).record_decision(APPROVED, opinion)


@frappe.whitelist()
def refuse(name: str, opinion: str | None = None) -> str:
	"""Refuse at the current step, which ends the flow; returns the request's status."""
	return frappe.get_doc("Leave Request", name).record_decision(REFUSED, opinion)


@frappe.whitelist()
def get_events(start, end, filters=None) -> list[dict]:
	"""The calendar view: approved leave between ``start`` and ``end``, as the user may see it (hall scope)."""
	conditions = frappe.parse_json(filters) if filters else []
	if isinstance(conditions, dict):
		conditions = [["Leave Request", k, "=", v] for k, v in conditions.items()]
	conditions += [
		["Leave Request", "docstatus", "=", 1],
		["Leave Request", "status", "=", APPROVED],
		["Leave Request", "from_date", "<=", getdate(end)],
		["Leave Request", "to_date", ">=", getdate(start)],
	]
	rows = frappe.get_list(
		"Leave Request",
		filters=conditions,
		fields=["name", "staff_name", "service_window", "service_hall", "leave_kind", "from_date", "to_date"],
		limit_page_length=0,
	)
	for row in rows:
		row.all_day = 1
		row.staff_name = f"{row.staff_name}（{_(row.leave_kind)}）"
	return rows
