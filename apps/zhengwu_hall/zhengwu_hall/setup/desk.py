"""The desk a hall's staff see (issue 10).

Landing: every user lands in the workspace of their role family. Frappe v15 opens /app on User.default_workspace
when it is set (frappe/public/js/frappe/router.js), otherwise on the first workspace the user may see. We keep
default_workspace in step with the user's roles whenever the user is saved (a new user, or roles changed by an
administrator), unless someone chose a workspace of their own.

Live counts of the workspaces that Frappe's own Number Cards and Dashboard Charts cannot give (the Custom cards
and the chart source of the module folder call these), each through the user's hall scoping — the halls come from
``frappe.get_list("Service Hall")``, the documents from ``frappe.get_list``:

- ``pending_approvals``: 待我审批, every document of the app's workflows waiting for one of the user's roles, and
  the leave requests whose current approval step is for one of them (report Pending My Approval). Frappe's own
  Workflow Action list is not used: it knows nothing of the halls.
- ``today_checks``: 今日已巡查次数 / 今日最低巡查次数, the day's checks against the packs' minimum, which holds
  before the day's first inspection record exists.
- ``unrated_cases``: 未评价办件, completed cases recorded 未评 (Case Rating Tracker).
- ``findings``: 六查问题分类, the findings of inspection records by category, for everyone who reads the records
  (a chart on the child table Inspection Record Check is shown to System Managers only).
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import add_years, getdate, nowdate

from zhengwu_hall.rules import desk
from zhengwu_hall.rules.desk import ADMIN_WORKSPACE, should_replace_default, workspace_for_roles
from zhengwu_hall.setup.calendar import EXCEPTION_DOCTYPE, is_working_day
from zhengwu_hall.setup.inspections import check_rows, pack_for_hall

MODULE = "Zhengwu Hall"
HALL = "Service Hall"
LEAVE = "Leave Request"
LEAVE_PENDING = "Pending"
INSPECTION = "Inspection Record"
TRACKER = "Case Rating Tracker"
PENDING_REPORT = "Pending My Approval"
METRICS_REPORT = "Service Evaluation Metrics"


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


# ---------------------------------------------------------------------------------------------- scoping
def visible_halls() -> list[str]:
	"""The halls the session user sees: their assigned halls with the subtrees (none for a user without a hall)."""
	return frappe.get_list(HALL, pluck="name", order_by="lft asc")


def require_read(*doctypes: str) -> None:
	"""A count of records is refused, like their list, to a user who may read none of ``doctypes``."""
	if not any(frappe.has_permission(doctype, "read") for doctype in doctypes):
		frappe.throw(_("You may not see {0} records").format(_(doctypes[0])), frappe.PermissionError)


# ---------------------------------------------------------------------------------------------- 待我审批
def workflow_transitions() -> list[dict]:
	"""The transitions of the active workflows of the app's DocTypes, as the database holds them (an
	administrator's edits in the Workflow form included), with their workflow's document type and state field."""
	wf, tr, dt = (
		frappe.qb.DocType("Workflow"),
		frappe.qb.DocType("Workflow Transition"),
		frappe.qb.DocType("DocType"),
	)
	return (
		frappe.qb.from_(tr)
		.join(wf)
		.on((tr.parent == wf.name) & (tr.parenttype == "Workflow"))
		.join(dt)
		.on(dt.name == wf.document_type)
		.select(wf.document_type, wf.workflow_state_field, tr.state, tr.allowed, tr.allow_self_approval)
		.where(wf.is_active == 1)
		.where(dt.module == MODULE)
		.run(as_dict=True)
	)


def pending_approvals() -> list[dict]:
	"""Every document waiting for the session user, oldest first: {reference_doctype, name, state, service_hall,
	modified}. Read with frappe.get_list, so the user's halls (User Permission on Service Hall) and DocType
	permissions apply."""
	user = frappe.session.user
	roles = frappe.get_roles(user)
	transitions = workflow_transitions()
	state_field = {t.document_type: t.workflow_state_field or "workflow_state" for t in transitions}
	rows = []
	for doctype, states in desk.approvable_states(transitions, roles, user == "Administrator").items():
		if not frappe.has_permission(doctype, "read"):
			continue
		field = state_field[doctype]
		for own_too in (True, False):
			group = [state for state, own in states.items() if own is own_too]
			if not group:
				continue
			filters = {field: ("in", group), "docstatus": ("<", 2)}
			if not own_too:
				filters["owner"] = ("!=", user)
			rows += [
				{"service_hall": None, **row, "reference_doctype": doctype, "state": _(row.state)}
				for row in frappe.get_list(
					doctype, filters=filters, fields=_fields(doctype, f"{field} as state")
				)
			]
	if frappe.has_permission(LEAVE, "read"):
		# the current step of the pack's route (Leave Approval Step), mirrored in awaiting_role; never one's own
		filters = {
			"docstatus": 0,
			"status": LEAVE_PENDING,
			"awaiting_role": ("in", roles),
			"applicant": ("!=", user),
			"owner": ("!=", user),
		}
		rows += [
			{**row, "reference_doctype": LEAVE, "state": _("Awaiting {0}").format(_(row.state))}
			for row in frappe.get_list(
				LEAVE, filters=filters, fields=_fields(LEAVE, "awaiting_role as state")
			)
		]
	return sorted(rows, key=lambda r: (r["modified"], r["reference_doctype"], r["name"]))


def _fields(doctype: str, state: str) -> list[str]:
	"""name, state, hall (a workflow an administrator adds to a DocType without one has none) and modified."""
	hall = ["service_hall"] if frappe.get_meta(doctype).has_field("service_hall") else []
	return ["name", state, *hall, "modified"]


@frappe.whitelist()
def pending_approvals_card(filters=None) -> dict:
	"""Number Card 待我审批 (type Custom): how many documents wait for the user; opens the report."""
	return {"value": len(pending_approvals()), "fieldtype": "Int", "route": ["query-report", PENDING_REPORT]}


# ---------------------------------------------------------------------------------------------- 今日巡查
def today_checks(day=None) -> desk.DayChecks:
	"""The day's checks (inspection records not cancelled) in the user's halls against the packs' minimum."""
	day = getdate(day or nowdate())
	require_read(INSPECTION)
	halls = visible_halls()
	working = _working_halls(halls, day)
	return desk.day_checks(
		{hall: (pack_for_hall(hall), hall in working) for hall in halls}, check_rows(halls, day, day)
	)


def _working_halls(halls: list[str], day) -> set[str]:
	"""The halls for which ``day`` is a working day; a year the calendar does not know counts as working (the
	inspection record flags rather than misses, InspectionRecord.is_working_day)."""

	def working(hall):
		try:
			return is_working_day(hall, day)
		except frappe.ValidationError:
			frappe.clear_last_message()
			return True

	if not frappe.db.exists(EXCEPTION_DOCTYPE, {"date": day}):
		# no hall has a day of its own: the national calendar decides for all (one calendar, not one per hall)
		return set(halls) if working(None) else set()
	return {hall for hall in halls if working(hall)}


@frappe.whitelist()
def today_checks_card(filters=None) -> dict:
	"""Number Card 今日已巡查次数 (type Custom): checks performed today in the user's halls."""
	return {
		"value": today_checks().done,
		"fieldtype": "Int",
		"route": ["List", INSPECTION, "List"],
		"route_options": {"date": nowdate()},
	}


@frappe.whitelist()
def today_minimum_card(filters=None) -> dict:
	"""Number Card 今日最低巡查次数 (type Custom): the packs' minimum for today, before any record exists too."""
	return {
		"value": today_checks().required,
		"fieldtype": "Int",
		"route": ["query-report", "Inspection Minimum Compliance"],
	}


# ---------------------------------------------------------------------------------------------- 未评价办件
def unrated_cases() -> int:
	"""Completed cases recorded 未评 (seed 001 “好差评”制度 第十七条) in the user's halls. The count is shown to
	whoever reads the halls' service cases (the centre's leaders read the 未评率 in 好差评指标 too); the cases
	themselves only to the readers of Case Rating Tracker."""
	require_read("Service Case", TRACKER)
	halls = visible_halls()
	if not halls:
		return 0
	tracker = frappe.qb.DocType(TRACKER)
	return (
		frappe.qb.from_(tracker)
		.select(Count("*"))
		.where(tracker.unrated == 1)
		.where(tracker.service_hall.isin(halls))
		.run()[0][0]
	)


@frappe.whitelist()
def unrated_cases_card(filters=None) -> dict:
	"""Number Card 未评价办件 (type Custom): opens the 未评 cases, or 好差评指标 for who may not list them."""
	if frappe.has_permission(TRACKER, "read"):
		route = {"route": ["List", TRACKER, "List"], "route_options": {"unrated": 1}}
	else:
		route = {"route": ["query-report", METRICS_REPORT]}
	return {"value": unrated_cases(), "fieldtype": "Int", **route}


# ---------------------------------------------------------------------------------------------- 六查问题分类
def findings(from_date=None, to_date=None, hall=None) -> list[tuple[str, int]]:
	"""[(category, count)] of the findings of inspection records (not cancelled) in the user's halls, by default
	over the year up to today."""
	require_read(INSPECTION)
	to_date = getdate(to_date or nowdate())
	from_date = getdate(from_date or add_years(to_date, -1))
	halls = [h for h in visible_halls() if not hall or h == hall]
	if not halls:
		return []
	return desk.findings_by_category(check_rows(halls, from_date, to_date))


def findings_chart(filters=None) -> dict | None:
	"""The data of chart 六查问题分类 (Dashboard Chart Source "Inspection Findings by Category"); None without a
	finding, which the chart widget shows as 无数据 (as for Frappe's own charts)."""
	filters = frappe.parse_json(filters) or {}
	filters = frappe._dict(filters if isinstance(filters, dict) else {})
	counts = findings(filters.get("from_date"), filters.get("to_date"), filters.get("service_hall"))
	if not counts:
		return None
	return {
		"labels": [_(category) for category, _count in counts],
		"datasets": [{"name": _("Findings"), "values": [count for _category, count in counts]}],
	}
