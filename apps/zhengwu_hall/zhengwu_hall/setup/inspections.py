"""Inspections on the site: gathers records, notices and the hall's pack for zhengwu_hall.rules.inspections.

- ``hall_day_compliance``: the minimum checks of one hall-day over all its records (seed 000 日自检, seed 001 第三条);
- ``create_rectification_notice``: 整改告知单 from a finding not corrected on the spot — of an Inspection Record or,
  through ``create_notice_for_finding``, of a social supervisors' Supervision Visit (seed 002 四(二)2), whose
  findings are rows of the same table (Inspection Record Check, 六查 categories and checklist);
- ``prepare_findings``: the checks every findings table gets on save (category from the checklist, a finding
  classified, its window in the hall);
- ``send_weekly_statistics``: the scheduler job putting the 巡查情况统计表 into the email queue before the pack's
  weekly deadline (seed 000 周上报);
- ``findings_for_assessment``: the findings of a period, for the deduction ledger of the assessment issue.
"""

from __future__ import annotations

import datetime as dt

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce
from frappe.utils import get_datetime, getdate, now_datetime
from frappe.www.printview import get_html_and_style

from zhengwu_hall.rules import inspections as rules
from zhengwu_hall.rules.packs import RuleNotConfigured
from zhengwu_hall.setup.packs import get_pack, resolve_pack_for_hall
from zhengwu_hall.utils import sweep_checkpoint

RECORD = "Inspection Record"
VISIT = "Supervision Visit"
ROW = "Inspection Record Check"
# the documents whose findings table is Inspection Record Check, and the notice's link back to each
FINDING_SOURCES = {RECORD: "inspection_record", VISIT: "supervision_visit"}
NOTICE = "Rectification Notice"
STATISTICS = "Inspection Statistics"
STATISTICS_PRINT_FORMAT = "Inspection Statistics Sheet"
# the scheduler runs hourly: a report is queued in the hour before the deadline
WEEKLY_LEAD = dt.timedelta(hours=1)


class FindingNotFoundError(frappe.ValidationError):
	pass


class FindingCorrectedOnSpotError(frappe.ValidationError):
	pass


class NoticeExistsError(frappe.ValidationError):
	pass


class FindingWithoutCategoryError(frappe.ValidationError):
	pass


class WindowOfAnotherHallError(frappe.ValidationError):
	pass


class NotAFindingSourceError(frappe.ValidationError):
	pass


# ---------------------------------------------------------------------------------------------- packs
def pack_for_hall(hall: str) -> dict | None:
	resolution = resolve_pack_for_hall(hall)
	return get_pack(resolution.pack) if resolution else None


# ---------------------------------------------------------------------------------------------- rows
def check_rows(
	halls=None, start=None, end=None, exclude_record=None, docstatus=(0, 1), parent=RECORD
) -> list[dict]:
	"""Check rows with their record's hall and date (records not cancelled); ``parent``: Inspection Record or
	Supervision Visit (both have ``service_hall`` and ``date``)."""
	rec, row = frappe.qb.DocType(parent), frappe.qb.DocType(ROW)
	query = (
		frappe.qb.from_(row)
		.join(rec)
		.on(row.parent == rec.name)
		.select(
			rec.service_hall.as_("hall"),
			rec.date,
			rec.name.as_("inspection_record"),
			row.name.as_("row"),
			row.idx,
			row.time_slot,
			row.method,
			row.record,
			row.category,
			row.checklist_item,
			row.service_window,
			row.window_staff,
			row.corrected_on_spot,
			row.rectification_notice,
		)
		.where(row.parenttype == parent)
		.where(rec.docstatus.isin(list(docstatus)))
	)
	if halls is not None:
		query = query.where(rec.service_hall.isin(list(halls) or [""]))
	if start:
		query = query.where(rec.date >= getdate(start))
	if end:
		query = query.where(rec.date <= getdate(end))
	if exclude_record:
		query = query.where(rec.name != exclude_record)
	return query.run(as_dict=True)


def hall_day_compliance(hall: str, date, own_rows=(), exclude_record=None) -> rules.DayCompliance:
	"""The hall-day's checks (other records of the day plus ``own_rows``) against the pack's minimum.

	Raises RuleNotConfigured when the hall has no pack or its pack sets no minimum."""
	pack = pack_for_hall(hall)
	if pack is None:
		raise RuleNotConfigured("daily_check_min")
	rows = check_rows([hall], date, date, exclude_record=exclude_record) + list(own_rows)
	return rules.day_compliance(pack, rows)


# ---------------------------------------------------------------------------------------------- findings
def prepare_findings(hall: str, rows) -> None:
	"""On save of a findings table (Inspection Record, Supervision Visit): fill each finding's 六查 category from
	its checklist item, refuse a finding without one, and refuse a window of another hall."""
	for row in rows:
		if row.checklist_item and not row.category:
			row.category = frappe.db.get_value("Inspection Checklist Item", row.checklist_item, "category")
	for row in rows:
		if (row.record or "").strip() and not row.category:
			frappe.throw(
				_("Row {0}: classify the finding into one of the six checks").format(row.idx),
				FindingWithoutCategoryError,
			)
	for row in rows:
		if not row.service_window:
			continue
		window_hall = frappe.db.get_value("Service Window", row.service_window, "service_hall")
		if window_hall != hall:
			frappe.throw(
				_("Row {0}: window {1} belongs to {2}, not to {3}").format(
					row.idx, row.service_window, window_hall, hall
				),
				WindowOfAnotherHallError,
			)


# ---------------------------------------------------------------------------------------------- notices
@frappe.whitelist()
def create_rectification_notice(inspection_record: str, row: str, deadline_working_days: int) -> str:
	"""A draft 整改告知单 for a finding of ``inspection_record`` not corrected on the spot; returns its name."""
	return create_notice_for_finding(RECORD, inspection_record, row, deadline_working_days)


@frappe.whitelist()
def create_notice_for_finding(
	source_doctype: str, source_name: str, row: str, deadline_working_days: int
) -> str:
	"""A draft 整改告知单 for a finding (a row of Inspection Record Check) of an Inspection Record or a Supervision
	Visit not corrected on the spot; returns its name. The one path both take, so a 暗访 finding reaches
	rectification, escalation and the deduction ledger exactly as an inspection finding does."""
	if source_doctype not in FINDING_SOURCES:
		frappe.throw(_("{0} records no findings").format(source_doctype), NotAFindingSourceError)
	record = frappe.get_doc(source_doctype, source_name)
	record.check_permission("read")
	frappe.has_permission(NOTICE, "create", throw=True)
	finding = next((r for r in record.checks if r.name == row), None)
	if finding is None or not (finding.record or "").strip():
		frappe.throw(_("Row {0} of {1} records no finding").format(row, record.name), FindingNotFoundError)
	if finding.corrected_on_spot:
		frappe.throw(
			_("Row {0} was corrected on the spot and needs no rectification notice").format(finding.idx),
			FindingCorrectedOnSpotError,
		)
	if finding.rectification_notice:
		frappe.throw(
			_("Row {0} already has rectification notice {1}").format(
				finding.idx, finding.rectification_notice
			),
			NoticeExistsError,
		)
	if not finding.service_window:
		frappe.throw(_("Row {0} names no window").format(finding.idx), FindingNotFoundError)
	notice = frappe.get_doc(
		{
			"doctype": NOTICE,
			"service_hall": record.service_hall,
			"service_window": finding.service_window,
			FINDING_SOURCES[source_doctype]: record.name,
			"inspection_row": finding.name,
			"found_on": record.date,
			"category": finding.category,
			"checklist_item": finding.checklist_item,
			"window_staff": finding.window_staff,
			"problem": finding.record,
			"deadline_working_days": int(deadline_working_days),
		}
	).insert()
	finding.db_set("rectification_notice", notice.name)
	return notice.name


def earlier_notices(notice) -> list[dict]:
	"""The other notices of the same window (for the 屡次 rule)."""
	return frappe.get_all(
		NOTICE,
		filters={"service_window": notice.service_window, "name": ("!=", notice.name or "")},
		fields=["name", "service_window", "category", "found_on"],
		ignore_permissions=True,  # the rule counts every notice of the window, seen by the user or not
	)


def overdue_notices(today=None, halls=None) -> list[dict]:
	"""Open notices past their deadline (the overdue report)."""
	today = getdate(today)
	notice = frappe.qb.DocType(NOTICE)
	query = (
		frappe.qb.from_(notice)
		.select("*")
		.where(notice.deadline < today)
		.where(Coalesce(notice.workflow_state, "").isin(["Issued", "Report Submitted"]))
		.orderby(notice.deadline)
	)
	if halls is not None:
		query = query.where(notice.service_hall.isin(list(halls) or [""]))
	return [n for n in query.run(as_dict=True) if rules.is_overdue(n, today)]


def mark_overdue_notices(today=None) -> list[str]:
	"""Scheduler (daily): mark open notices past their deadline for a 整改函; returns the notices marked."""
	marked = []
	for notice in overdue_notices(today):
		if notice.escalate_to_letter:
			continue
		frappe.db.set_value(
			NOTICE,
			notice.name,
			{"escalate_to_letter": 1, "escalation_reason": _(rules.OVERDUE)},
			update_modified=False,
		)
		marked.append(notice.name)
		sweep_checkpoint(len(marked))
	return marked


# ---------------------------------------------------------------------------------------------- weekly table
def notice_rows(halls, start, end) -> list[dict]:
	notice = frappe.qb.DocType(NOTICE)
	query = frappe.qb.from_(notice).select(
		notice.service_hall.as_("hall"), notice.issued_on, notice.verified_on
	)
	query = query.where(notice.service_hall.isin(list(halls) or [""]))
	query = query.where(
		(notice.issued_on[getdate(start) : getdate(end)])
		| (notice.verified_on[getdate(start) : getdate(end)])
	)
	return query.run(as_dict=True)


def weekly_statistics(halls, start, end) -> list[rules.WeekRow]:
	"""巡查情况统计表 rows for ``halls`` between ``start`` and ``end`` (submitted records only)."""
	checks = check_rows(halls, start, end, docstatus=(1,))
	return rules.weekly_statistics(checks, notice_rows(halls, start, end), getdate(start), getdate(end))


def halls_with_weekly_deadline() -> list[tuple[str, rules.WeeklyDeadline]]:
	out = []
	for hall in frappe.get_all("Service Hall", pluck="name", order_by="lft"):
		pack = pack_for_hall(hall)
		deadline = rules.weekly_deadline(pack) if pack else None
		if deadline:
			out.append((hall, deadline))
	return out


def send_weekly_statistics(now=None) -> list[str]:
	"""Scheduler (hourly): queue each hall's 巡查情况统计表 in the hour before its pack's weekly deadline.

	Returns the halls queued. A hall without ``inspection_report_to`` is skipped (logged)."""
	now = get_datetime(now) if now else now_datetime()
	queued = []
	for hall, deadline in halls_with_weekly_deadline():
		if not rules.weekly_report_due(deadline, now, WEEKLY_LEAD):
			continue
		recipient = frappe.db.get_value("Service Hall", hall, "inspection_report_to")
		if not recipient:
			frappe.log_error(
				title=_("Weekly Inspection Statistics"),
				message=_("{0} has no recipient for the weekly inspection statistics").format(hall),
			)
			continue
		try:
			queue_weekly_statistics(hall, now.date(), recipient)
		except frappe.OutgoingEmailError:
			frappe.log_error(title=_("Weekly Inspection Statistics"))
			continue
		queued.append(hall)
	return queued


def queue_weekly_statistics(hall: str, day: dt.date, recipient: str) -> str | None:
	"""Build the week's 巡查情况统计表 of ``hall`` and queue it to ``recipient``; None when already sent."""
	start = rules.week_start(day)
	name = frappe.db.get_value(STATISTICS, {"service_hall": hall, "from_date": start}, "name")
	doc = frappe.get_doc(STATISTICS, name) if name else frappe.new_doc(STATISTICS)
	if doc.get("sent_on"):
		return None
	doc.update({"service_hall": hall, "from_date": start, "to_date": start + dt.timedelta(days=6)})
	doc.flags.ignore_permissions = True  # the scheduler's own record
	doc.save()
	frappe.sendmail(
		recipients=[recipient],
		subject=_("Weekly Inspection Statistics of {0}, {1} to {2}").format(hall, doc.from_date, doc.to_date),
		message=get_html_and_style(
			STATISTICS, doc.name, print_format=STATISTICS_PRINT_FORMAT, no_letterhead=1
		)["html"],
		reference_doctype=STATISTICS,
		reference_name=doc.name,
		now=False,
	)
	doc.db_set({"sent_to": recipient, "sent_on": now_datetime()})
	return doc.name


# ---------------------------------------------------------------------------------------------- assessment
def findings_for_assessment(halls, start, end) -> list[dict]:
	"""The findings (problems) of submitted records between ``start`` and ``end``, one dict per finding with
	hall, date, window, staff, category, checklist item, corrected on spot, notice and its escalation — the
	input of the deduction ledger (seed 004) of the assessment issue. Deducts nothing.

	Social supervisors' findings (Supervision Visit, seed 002 明查暗访) come in the same shape; their
	``inspection_record`` key holds the visit and ``source_doctype`` says which document a finding is from."""
	rows = []
	for parent in FINDING_SOURCES:
		for r in check_rows(halls, start, end, docstatus=(1,), parent=parent):
			r["source_doctype"] = parent
			rows.append(r)
	findings = [r for r in rows if (r.record or "").strip()]
	notices = {r.rectification_notice for r in findings if r.rectification_notice}
	escalated = set(
		frappe.get_all(NOTICE, filters={"name": ("in", list(notices)), "escalate_to_letter": 1}, pluck="name")
		if notices
		else []
	)
	for f in findings:
		f["escalated"] = f.rectification_notice in escalated
	return findings
