"""Complaints on the site: gathers the hall's pack, calendar and verified complaints for zhengwu_hall.rules.complaints.

- ``deadlines``: the acceptance, resolution and appeal dates of a complaint and the working days left;
- ``send_deadline_reminders``: the daily scheduler job warning the handler on the working day before a deadline
  and the hall's Center Director once it has passed (seed 001 行政效能投诉管理制度 第三条 加快投诉事项的办理时间);
- ``apply_consequences``: the consequences of 第四条 for the staff member and window of a verified complaint, as
  Complaint Consequence records (a recommendation, never an automatic action) and a ToDo for the director;
- ``verified_complaint_counts``: the counts the annual assessment reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import make_notification_logs
from frappe.query_builder.functions import Count, Extract
from frappe.utils import getdate, today

from zhengwu_hall.rules import complaints as rules
from zhengwu_hall.rules.packs import RuleNotConfigured, rule_value
from zhengwu_hall.setup.calendar import get_working_calendar, translated_calendar_errors
from zhengwu_hall.setup.packs import get_pack, resolve_pack_for_hall
from zhengwu_hall.setup.permissions import users_with_role_at

COMPLAINT = "Complaint"
CONSEQUENCE = "Complaint Consequence"
REGISTERED = "Registered"
# states in which a deadline runs (acceptance while Registered, resolution afterwards, until the reply)
OPEN_STATES = (
	"Registered",
	"Accepted",
	"Leader Review",
	"Direct Investigation",
	"Transferred",
	"Under Supervision",
	"Findings Issued",
	"Signed",
)
DIRECTOR_ROLE = "Center Director"
INTERVIEW = "Interview Window Head or Replace Staff"


class ComplaintRuleNotConfigured(frappe.ValidationError):
	pass


# ---------------------------------------------------------------------------------------------- pack
def pack_for_hall(hall: str) -> dict:
	"""The hall's pack; RuleNotConfigured (Chinese message) when neither the hall nor an ancestor has one."""
	resolution = resolve_pack_for_hall(hall)
	if not resolution:
		raise RuleNotConfigured("complaint_resolve_general_wd", message=resolution.reason)
	return get_pack(resolution.pack)


def extension_approver_role(hall: str) -> str:
	try:
		return rule_value(pack_for_hall(hall), "complaint_special_approver_role")
	except RuleNotConfigured as e:
		frappe.throw(e.message, ComplaintRuleNotConfigured)


def appeal_days(hall: str) -> int | str:
	try:
		return rule_value(pack_for_hall(hall), "complaint_appeal_wd")
	except RuleNotConfigured:
		return "-"


def next_transfer_number(hall: str, year: int) -> int:
	"""The next 转办文号 of ``hall`` in ``year``: one more than the highest of that year."""
	c = frappe.qb.DocType(COMPLAINT)
	count = (
		frappe.qb.from_(c)
		.select(Count(c.name))
		.where((c.service_hall == hall) & (Extract("year", c.tabulated_on) == year))
		.run()[0][0]
	)
	return int(count or 0) + 1


# ---------------------------------------------------------------------------------------------- deadlines
@dataclass
class Deadlines:
	acceptance_due: dt.date | None = None
	resolution_due: dt.date | None = None
	appeal_due: dt.date | None = None
	remaining: int | None = None
	overdue: bool = False
	note: str | None = None


def current_due(doc, info: Deadlines):
	if doc.workflow_state in (None, "", REGISTERED):
		return info.acceptance_due
	if doc.workflow_state in OPEN_STATES:
		return info.resolution_due
	return None


def deadlines(doc, on: dt.date) -> Deadlines:
	"""The dates of ``doc`` on the hall's calendar; a rule the pack leaves unset is named in ``note``."""
	info = Deadlines()
	notes = []
	try:
		pack = pack_for_hall(doc.service_hall)
	except RuleNotConfigured as e:
		info.note = e.message
		return info
	cal = get_working_calendar(doc.service_hall)
	with translated_calendar_errors(doc.service_hall):
		for step in ("acceptance", "resolution", "appeal"):
			try:
				if step == "acceptance":
					info.acceptance_due = rules.acceptance_due(
						pack, doc.received_on, bool(doc.complex_case), cal
					)
				elif step == "resolution":
					info.resolution_due = rules.resolution_due(
						pack,
						doc.received_on,
						doc.complexity or rules.GENERAL,
						bool(doc.extension_approved),
						cal,
					)
				elif doc.replied_on:
					info.appeal_due = rules.appeal_due(pack, doc.replied_on, cal)
			except RuleNotConfigured as e:
				notes.append(e.message)
		due = current_due(doc, info)
		if due:
			info.remaining = rules.remaining_working_days(due, on, cal)
			info.overdue = rules.is_overdue(due, on)
	info.note = "；".join(dict.fromkeys(notes)) or None
	return info


# ---------------------------------------------------------------------------------------------- scheduler
def directors_of(hall: str) -> list[str]:
	"""Enabled users holding the Center Director role who see ``hall``."""
	return users_with_role_at(DIRECTOR_ROLE, hall)


def notify(users: list[str], doc, subject: str, message: str) -> None:
	"""A bell notification to ``users`` about complaint ``doc``, and an e-mail put in the queue when the site has
	an outgoing account (without one the bell is the only channel)."""
	if not users:
		return
	make_notification_logs(
		frappe._dict(
			{
				"type": "Alert",
				"document_type": COMPLAINT,
				"document_name": doc.name,
				"subject": subject,
				"email_content": message,
				"from_user": "Administrator",
			}
		),
		users,
	)
	if not frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
		return
	frappe.sendmail(
		recipients=users,
		subject=subject,
		message=message,
		reference_doctype=COMPLAINT,
		reference_name=doc.name,
		delayed=True,
	)


def send_deadline_reminders(on=None) -> dict[str, list[str]]:
	"""Daily: refresh the working days left of every open complaint, warn its handler on the working day before
	its current deadline and the hall's Center Director once it is overdue (each once). Returns the complaints
	warned and escalated."""
	on = getdate(on or today())
	report = {"warned": [], "overdue": []}
	for name in frappe.get_all(COMPLAINT, filters={"workflow_state": ("in", OPEN_STATES)}, pluck="name"):
		doc = frappe.get_doc(COMPLAINT, name)
		info = deadlines(doc, on)
		due = current_due(doc, info)
		values = {"remaining_working_days": info.remaining, "is_overdue": int(bool(info.overdue))}
		if due:
			cal = get_working_calendar(doc.service_hall)
			if rules.is_last_day_before(due, on, cal) and getdate(doc.reminder_sent_on or "1900-01-01") != on:
				handler = doc.handler or doc.owner
				notify(
					[handler],
					doc,
					_("Complaint {0} is due on {1}").format(doc.transfer_no or doc.name, due),
					_(
						"Complaint {0} must be handled by {1} (the next working day). Please finish it or ask the director for an extension."
					).format(doc.transfer_no or doc.name, due),
				)
				values["reminder_sent_on"] = on
				report["warned"].append(doc.name)
			if info.overdue and not doc.overdue_notified_on:
				notify(
					directors_of(doc.service_hall),
					doc,
					_("Complaint {0} is overdue").format(doc.transfer_no or doc.name),
					_("Complaint {0} of {1} passed its deadline {2} and is {3} working days overdue.").format(
						doc.transfer_no or doc.name, doc.service_hall, due, -(info.remaining or 0)
					),
				)
				values["overdue_notified_on"] = on
				report["overdue"].append(doc.name)
		frappe.db.set_value(COMPLAINT, doc.name, values, update_modified=False)
	return report


def overdue_complaints(on=None, halls=None) -> list[dict]:
	"""Open complaints past their current deadline on ``on``, with the working days overdue."""
	on = getdate(on or today())
	filters = {"workflow_state": ("in", OPEN_STATES)}
	if halls:
		filters["service_hall"] = ("in", list(halls))
	rows = []
	fields = [
		"name",
		"transfer_no",
		"service_hall",
		"service_window",
		"staff",
		"problem_type",
		"workflow_state",
		"received_on",
		"acceptance_due",
		"resolution_due",
		"handler",
	]
	for row in frappe.get_list(COMPLAINT, filters=filters, fields=fields, order_by="received_on asc"):
		due = row.acceptance_due if row.workflow_state == REGISTERED else row.resolution_due
		if not due or getdate(due) >= on:
			continue
		cal = get_working_calendar(row.service_hall)
		row["due"] = due
		row["working_days_overdue"] = -rules.remaining_working_days(due, on, cal)
		rows.append(row)
	return rows


# ---------------------------------------------------------------------------------------------- consequences
def verified_rows(staff: str | None = None, window: str | None = None) -> list[rules.ComplaintRow]:
	filters = {"verified": 1}
	if staff:
		filters["staff"] = staff
	if window:
		filters["service_window"] = window
	return [
		rules.ComplaintRow(r.staff, r.service_window, getdate(r.received_on), r.problem_type)
		for r in frappe.get_all(
			COMPLAINT, filters=filters, fields=["staff", "service_window", "received_on", "problem_type"]
		)
	]


def verified_complaint_counts(year: int, staff: str | None = None, window: str | None = None) -> dict:
	"""Verified complaints of ``staff`` or ``window`` received in ``year``: {counted event: number}."""
	return rules.counts(verified_rows(staff, window), year)


def apply_consequences(doc) -> list[str]:
	"""Complaint Consequence records for what the verified complaint ``doc`` makes its staff member and window
	reach (第四条); one per subject, year and consequence. Returns the names created."""
	try:
		pack = pack_for_hall(doc.service_hall)
		if not rules.complaint_thresholds_set(pack):
			return []
	except RuleNotConfigured:
		return []
	year = getdate(doc.received_on).year
	created = []
	if doc.staff:
		employment = frappe.db.get_value("Window Staff", doc.staff, "employment")
		for hit in rules.consequences(pack, "Staff", verified_rows(staff=doc.staff), year, employment):
			created += _record(doc, hit, year, staff=doc.staff)
	if doc.service_window:
		for hit in rules.consequences(pack, "Window", verified_rows(window=doc.service_window), year):
			created += _record(doc, hit, year)
	return created


def _record(doc, hit: rules.Consequence, year: int, staff: str | None = None) -> list[str]:
	key = {"consequence": hit.consequence, "year": year, "subject": hit.subject}
	if staff:
		key["staff"] = staff
	else:
		key["service_window"] = doc.service_window
	if frappe.db.exists(CONSEQUENCE, key):
		return []
	record = frappe.get_doc(
		{
			"doctype": CONSEQUENCE,
			**key,
			"service_hall": doc.service_hall,
			"service_window": doc.service_window,
			"counted_event": hit.counted_event,
			"verified_count": hit.count,
			"threshold_text": _("{0} {1} ({2})").format(
				_(hit.comparison), f"{hit.threshold:g}", _(hit.period)
			),
			"rule_source": hit.source,
			"triggered_by": doc.name,
			"status": "Awaiting Decision",
		}
	)
	record.insert(ignore_permissions=True)
	if hit.consequence == INTERVIEW:
		for director in directors_of(doc.service_hall):
			frappe.get_doc(
				{
					"doctype": "ToDo",
					"allocated_to": director,
					"reference_type": CONSEQUENCE,
					"reference_name": record.name,
					"description": _(
						"Window {0} has {1} verified complaints: interview the window head or replace its staff"
					).format(doc.service_window, hit.count),
					"priority": "High",
				}
			).insert(ignore_permissions=True)
	return [record.name]
