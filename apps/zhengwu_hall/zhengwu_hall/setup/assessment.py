"""Assessment on the site: gathers the records for zhengwu_hall.rules.assessment.

- ``quarter_facts``: what the records say about a staff member in a quarter (inspection findings naming them,
  verified complaints, bad reviews and the average rating, approved leave, 旷工, overdue cases) — the facts the
  季度考核自查表 pre-fills so the scorer judges with data (seed 001 绩效考核制度: 根据平时测评情况和群众满意度测评
  情况进行量化评分);
- ``department_ledger``: a stationed department's deduction ledger of a year (seed 004 第二十條至第二十三條);
- ``propose_deductions``: draft deductions from inspection findings whose checklist item names a deduction code;
- ``annual_grades``: the proposed annual grade of every staff member of some halls (the grade list).

Complaint, Service Evaluation and Service Case are read only through their contract fields (staff, verified,
received_on; staff, score, rated_on, is_bad_review, excluded; staff, is_overdue, promised_date).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder.functions import Avg, Count, Sum
from frappe.utils import getdate

from zhengwu_hall.rules import assessment as rules
from zhengwu_hall.rules.complaints import VERIFIED as VERIFIED_COMPLAINT
from zhengwu_hall.rules.packs import RuleNotConfigured
from zhengwu_hall.setup.complaints import verified_complaint_counts
from zhengwu_hall.setup.inspections import findings_for_assessment, pack_for_hall

DEDUCTION = "Department Deduction"
ASSESSMENT = "Quarterly Self-Assessment"
CONFIRMED = "Confirmed"
CIRCULATED_CRITICISM = "通报批评"  # the measure of seed 001 责任追究制 第五条 as the packs spell it


class AssessmentRuleNotConfigured(frappe.ValidationError):
	pass


def hall_pack(hall: str) -> dict:
	"""The pack of ``hall`` or a Chinese error saying the hall has none."""
	pack = pack_for_hall(hall)
	if pack is None:
		frappe.throw(
			_("Service Hall {0} and its parent halls name no jurisdiction rule pack").format(hall),
			AssessmentRuleNotConfigured,
		)
	return pack


def throw_not_configured(error: RuleNotConfigured):
	frappe.throw(error.message, AssessmentRuleNotConfigured, title=_("Rule Not Configured"))


# ---------------------------------------------------------------------------------------------- facts
def quarter_facts(staff: str, hall: str, start, end) -> dict:
	"""The quarter's facts of Window Staff ``staff`` from the records (all of them, whoever may read them).

	A leave counts in the quarter it starts in (its working days as the Leave Request computed them); a complaint
	by its received_on, a rating by its rated_on, an overdue case by its promised_date."""
	start, end = getdate(start), getdate(end)
	findings = [f for f in findings_for_assessment([hall], start, end) if f.window_staff == staff]

	complaint = frappe.qb.DocType("Complaint")
	complaints = (
		frappe.qb.from_(complaint)
		.select(complaint.name, complaint.received_on, complaint.problem_type)
		.where(complaint.staff == staff)
		.where(complaint.verified == 1)
		.where(complaint.docstatus < 2)
		.where(complaint.received_on[f"{start} 00:00:00" : f"{end} 23:59:59"])
		.run(as_dict=True)
	)

	ev = frappe.qb.DocType("Service Evaluation")
	rating = (
		frappe.qb.from_(ev)
		.select(Count(ev.name).as_("ratings"), Avg(ev.score).as_("average"), Sum(ev.is_bad_review).as_("bad"))
		.where(ev.staff == staff)
		.where(ev.excluded == 0)
		.where(ev.docstatus < 2)
		.where(ev.rated_on[f"{start} 00:00:00" : f"{end} 23:59:59"])
		.run(as_dict=True)[0]
	)

	leave = frappe.qb.DocType("Leave Request")
	leave_days = (
		frappe.qb.from_(leave)
		.select(Sum(leave.leave_days))
		.where(leave.staff == staff)
		.where(leave.status == "Approved")
		.where(leave.from_date[start:end])
		.run()[0][0]
	)

	absence = frappe.qb.DocType("Absence Record")
	absent_days = (
		frappe.qb.from_(absence)
		.select(Sum(absence.absent_days))
		.where(absence.staff == staff)
		.where(absence.absence_date[start:end])
		.run()[0][0]
	)

	case = frappe.qb.DocType("Service Case")
	overdue = (
		frappe.qb.from_(case)
		.select(Count(case.name))
		.where(case.staff == staff)
		.where(case.is_overdue == 1)
		.where(case.docstatus < 2)
		.where(case.promised_date[start:end])
		.run()[0][0]
	)

	lines = [
		_("Inspection {0} on {1}: {2}").format(f.inspection_record, f.date, f.record.strip())
		for f in findings
	]
	lines += [_("Verified complaint {0} received {1}").format(c.name, c.received_on) for c in complaints]
	return {
		"inspection_findings": len(findings),
		"verified_complaints": len(complaints),
		"bad_reviews": int(rating.bad or 0),
		"ratings": int(rating.ratings or 0),
		"average_rating": float(rating.average or 0),
		"leave_days": float(leave_days or 0),
		"absent_days": float(absent_days or 0),
		"overdue_cases": int(overdue or 0),
		"facts_detail": "\n".join(lines),
	}


# ---------------------------------------------------------------------------------------------- deductions
def department_entries(department: str, year: int, exclude: str | None = None) -> list[dict]:
	"""Confirmed (not reversed) deductions of ``department`` in ``year``."""
	filters = {"stationed_department": department, "year": int(year), "docstatus": 1, "status": CONFIRMED}
	if exclude:
		filters["name"] = ("!=", exclude)
	return frappe.get_all(
		DEDUCTION,
		filters=filters,
		fields=["name", "points", "budget_at_entry", "item_code", "deduction_date"],
		order_by="deduction_date asc, creation asc",
		ignore_permissions=True,  # the ledger counts every entry of the department
	)


def department_ledger(department: str, year: int) -> rules.Ledger:
	hall = frappe.db.get_value("Stationed Department", department, "service_hall")
	pack = hall_pack(hall)
	entries = [
		rules.Entry(rules.dec(e.points), rules.dec(e.budget_at_entry), e.name)
		for e in department_entries(department, year)
	]
	try:
		return rules.ledger(pack, entries)
	except RuleNotConfigured as e:
		throw_not_configured(e)


def propose_deductions(
	hall: str, start, end, record=None, codes_allowed=None, ignore_permissions=False
) -> list[str]:
	"""Draft deductions (status Proposed) from the submitted findings of ``hall`` between ``start`` and ``end``
	(of ``record`` only, when given) whose checklist item names a deduction code, one per finding; returns the
	names created. A Supervisor then confirms (submits) or discards each."""
	if not ignore_permissions:
		frappe.has_permission(DEDUCTION, "create", throw=True)
	codes = dict(
		frappe.get_all(
			"Inspection Checklist Item",
			filters={"deduction_item_code": ("is", "set")},
			fields=["name", "deduction_item_code"],
			as_list=True,
		)
	)
	created = []
	for f in findings_for_assessment([hall], start, end):
		code = codes.get(f.checklist_item)
		if not code or not f.service_window or (record and f.inspection_record != record):
			continue
		if codes_allowed is not None and code not in codes_allowed:
			continue
		if frappe.db.exists(
			DEDUCTION, {"inspection_row": f.row, "docstatus": ("<", 2), "status": ("!=", "Reversed")}
		):
			continue
		department = frappe.db.get_value("Service Window", f.service_window, "stationed_department")
		if not department:
			continue
		doc = frappe.get_doc(
			{
				"doctype": DEDUCTION,
				"stationed_department": department,
				"deduction_date": f.date,
				"item_code": code,
				"found_by": "Inspection",
				"inspection_record": f.inspection_record,
				"inspection_row": f.row,
				"service_window": f.service_window,
				"staff": f.window_staff,
				"facts": f.record,
				"status": "Proposed",
			}
		)
		doc.insert(ignore_permissions=ignore_permissions)
		created.append(doc.name)
	return created


def propose_from_inspection_record(doc, method=None):
	"""doc_events Inspection Record on_submit: propose the deductions its findings map to (a system proposal, made
	whoever submits the record; a Supervisor confirms or discards it). Nothing when the hall's pack has no such
	deduction item (e.g. a jurisdiction without a deduction ledger)."""
	pack = pack_for_hall(doc.service_hall) or {}
	known = {r.get("item_code") for r in pack.get("deduction_items") or []}
	if not known or not pack.get("deduction_annual_budget_source"):
		return []
	return propose_deductions(
		doc.service_hall, doc.date, doc.date, record=doc.name, codes_allowed=known, ignore_permissions=True
	)


@frappe.whitelist()
def propose_deductions_for_hall(hall: str, from_date: str, to_date: str) -> list[str]:
	frappe.get_doc("Service Hall", hall).check_permission("read")
	return propose_deductions(hall, from_date, to_date)


# ---------------------------------------------------------------------------------------------- annual grades
def year_counts(staff: str, year: int) -> dict:
	"""Counted events of ``staff`` in ``year`` for the excellence bar (seed 001 投诉 第四条, seed 004 第二十二條):
	verified complaints, and circulated criticisms — decided accountability cases whose measure is 通报批评."""
	verified = verified_complaint_counts(year, staff=staff)[VERIFIED_COMPLAINT]
	criticisms = frappe.db.count(
		"Accountability Case",
		{
			"staff": staff,
			"measure": CIRCULATED_CRITICISM,
			"decided_on": ("between", [f"{year}-01-01", f"{year}-12-31"]),
		},
	)
	return {VERIFIED_COMPLAINT: verified, "Circulated Criticism": int(criticisms or 0)}


def disciplined_in_year(staff: str, year: int) -> bool:
	"""A decided accountability case of the year whose measure is a 处分 (party/government discipline)."""
	for measure in frappe.get_all(
		"Accountability Case",
		filters={
			"staff": staff,
			"case_status": ("in", ["Decided", "Appealed", "Case Closed"]),
			"decided_on": ("between", [f"{year}-01-01", f"{year}-12-31"]),
		},
		pluck="measure",
		ignore_permissions=True,
	):
		if measure and "处分" in measure:
			return True
	return False


def annual_grades(halls, year: int) -> list[dict]:
	"""One row per staff member with a confirmed quarter in ``year``: the four totals, the mean, the proposed grade
	after the pack's hard rules, and notes."""
	qsa = frappe.qb.DocType(ASSESSMENT)
	rows = (
		frappe.qb.from_(qsa)
		.select(
			qsa.staff,
			qsa.staff_name,
			qsa.service_hall,
			qsa.service_window,
			qsa.quarter,
			qsa.total_score,
			qsa.confirmed_grade,
		)
		.where(qsa.year == int(year))
		.where(qsa.docstatus == 1)
		.where(qsa.service_hall.isin(list(halls) or [""]))
		.run(as_dict=True)
	)
	by_staff: dict[str, list[dict]] = {}
	for row in rows:
		by_staff.setdefault(row.staff, []).append(row)
	out = []
	for staff, quarters in by_staff.items():
		first = quarters[0]
		pack = hall_pack(first.service_hall)
		employment = frappe.db.get_value("Window Staff", staff, "employment")
		counts = year_counts(staff, year)
		try:
			result = rules.annual_grade(
				pack,
				[q.total_score for q in quarters],
				counts,
				employment,
				disciplined_in_year(staff, year),
			)
		except RuleNotConfigured as e:
			throw_not_configured(e)
		totals = {int(q.quarter): q.total_score for q in quarters}
		out.append(
			{
				"staff": staff,
				"staff_name": first.staff_name,
				"service_hall": first.service_hall,
				"service_window": first.service_window,
				**{f"q{i}": totals.get(i) for i in rules.QUARTERS},
				"annual_total": float(result.total) if result.total is not None else None,
				"computed_grade": result.computed.name if result.computed else "",
				"proposed_grade": result.grade.name if result.grade else "",
				"verified_complaints": counts["Verified Complaint"],
				"notes": "；".join(result.notes),
			}
		)
	return sorted(out, key=lambda r: -(r["annual_total"] or 0))


# ---------------------------------------------------------------------------------------------- statement
@frappe.whitelist()
def deduction_statement(department: str, year: int | str | None = None) -> dict:
	"""The annual deduction statement of ``department`` (the print format 进驻部门年度扣分情况表): the ledger and
	every entry of the year, reversed ones with their reason. Only for who may read the deductions themselves:
	a role that sees the department but not the ledger (Window Staff, Proxy Agent) gets no figures."""
	frappe.get_doc("Stationed Department", department).check_permission("read")
	frappe.has_permission(DEDUCTION, "read", throw=True)
	year = int(year or getdate().year)
	ledger = department_ledger(department, year)
	scaled = {entry.name: points for entry, points in ledger.entries}
	entries = frappe.get_all(
		DEDUCTION,
		filters={"stationed_department": department, "year": year, "docstatus": 1},
		fields=[
			"name",
			"deduction_date",
			"item_description",
			"found_by",
			"facts",
			"points",
			"status",
			"reversal_reason",
		],
		order_by="deduction_date asc, creation asc",
		ignore_permissions=True,
	)
	for entry in entries:
		entry.counted = float(scaled[entry.name]) if entry.name in scaled else 0.0
	department_name, hall = frappe.db.get_value(
		"Stationed Department", department, ["department_name", "service_hall"]
	)
	eligible = ledger.eligible_for_advanced
	return {
		"department": department,
		"department_name": department_name,
		"hall_name": frappe.db.get_value("Service Hall", hall, "hall_name") or hall,
		"year": year,
		"budget": float(ledger.budget),
		"deducted": float(ledger.deducted),
		"balance": float(ledger.balance),
		"threshold": float(ledger.threshold) if ledger.threshold is not None else None,
		"eligible": _("No Threshold Set")
		if eligible is None
		else (_("Eligible for Recommendation") if eligible else _("Not Eligible for Recommendation")),
		"entries": entries,
	}
