"""Complaints (行政效能投诉): deadlines in working days, the appeal window, refusal grounds and the consequences of
verified complaints. Pure Python, no frappe import; every rule takes the hall's pack and working calendar as data.

Sources (seed 001_17276714a530e7ae.txt 行政效能投诉管理制度 and its 附件1 投诉指南):
- 第三条 (一) 1.: simple complaints are decided on the spot (尽可能当场作出受理决定), complex ones within 3 working
  days (pack: complaint_accept_simple_wd / complaint_accept_complex_wd);
- 第三条 (二) 1.–4.: the four cases that are not accepted; 第三条 (一) 2.: a matter outside the center's scope is
  answered with the competent channel (告知处理渠道); 加快投诉事项的办理时间 3.: a refusal states the reason and
  basis and names the lawful channel (说明理由、依据并告知投诉人合法的投诉渠道);
- 第三条 加快投诉事项的办理时间 1.: resolved within 3 working days of receipt (一般), 10 when field investigation is
  needed (需要外出调查、现场勘验), at most 30 with the approval of the head of the management body and written notice
  of the reason to the complainant (pack: complaint_resolve_*_wd, complaint_special_approver_role);
- 第三条 申请复查、复核: the complainant may appeal within 15 working days of receiving the reply
  (pack: complaint_appeal_wd);
- 第四条: consequences of verified complaints (pack: consequence_thresholds).

Counting: a period "自收件之日起 N 个工作日" does not count the day of receipt (期间开始的当日不计入): day 1 is the
first working day after it, as for rectification notices. A limit of 0 working days (当场) ends on the day of
receipt when that is a working day, otherwise on the next working day (a call to 12345 on a Sunday is decided on
Monday).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from zhengwu_hall.rules.calendar import (
	WorkingCalendar,
	add_working_days,
	is_working_day,
	working_days_between,
	working_days_overdue,
)
from zhengwu_hall.rules.packs import RuleNotConfigured, rule_rows, rule_value

# 问题类型 (附件3); the first four are "服务态度恶劣或不落实首问责任制、限时办结制和一次性告知制" (第四条)
ATTITUDE_OR_CORE_SYSTEMS = (
	"Service Attitude",
	"First Responsibility Not Applied",
	"Time Limit Not Applied",
	"One-time Notice Not Applied",
)
PROBLEM_TYPES = (*ATTITUDE_OR_CORE_SYSTEMS, "Efficiency", "Integrity", "Other")

# 不予受理的情形 (第三条 (二) 1.–4.) and 不属于中心职责范围 (第三条 (一) 2.)
OUTSIDE_SCOPE = "Outside the Center's Scope"
REFUSAL_GROUNDS = (
	"Subject to Litigation, Arbitration or Administrative Review",
	"Already in Petition, Review, Arbitration or Court Proceedings",
	"Disputes a Petition, Review, Arbitration or Court Result",
	"Already Filed With or Belongs to a Competent Department",
	OUTSIDE_SCOPE,
)

# the complexity of a complaint, which picks its resolution limit
GENERAL, FIELD_INVESTIGATION = "General Complaint", "Needs Field Investigation"

# counted events of consequence_thresholds that complaints feed
VERIFIED = "Verified Complaint"
VERIFIED_ATTITUDE = "Verified Complaint on Attitude or Core Systems"
COMPLAINT_EVENTS = (VERIFIED, VERIFIED_ATTITUDE)
# Window Staff.employment -> consequence_thresholds.employment
EMPLOYMENT = {"Established Staff": "Established", "Contracted Staff": "Contract"}


def _date(value) -> dt.date:
	if isinstance(value, dt.datetime):
		return value.date()
	if isinstance(value, dt.date):
		return value
	return dt.date.fromisoformat(str(value)[:10])


def limit_end(start, n: int, cal: WorkingCalendar | None = None) -> dt.date:
	"""Last day of a limit of ``n`` working days from ``start`` (the day of ``start`` not counted).

	n=0 (当场): ``start`` itself when a working day, else the next working day."""
	start = _date(start)
	if int(n) == 0:
		return start if is_working_day(start, cal) else add_working_days(start, 1, cal, include_start=False)
	return add_working_days(start, int(n), cal, include_start=False)


# --- deadlines ------------------------------------------------------------------------------------------


def acceptance_due(
	pack: Mapping, received_on, complex_case: bool, cal: WorkingCalendar | None = None
) -> dt.date:
	"""The day by which acceptance must be decided (第三条 (一) 1.)."""
	rule = "complaint_accept_complex_wd" if complex_case else "complaint_accept_simple_wd"
	return limit_end(received_on, rule_value(pack, rule), cal)


def resolution_limit(pack: Mapping, complexity: str, extension_approved: bool = False) -> int:
	"""Working days to resolve: 3 general, 10 with field investigation, 30 once the director approved an
	extension (比较特殊的投诉事项经批准最多可延长到 30 个工作日)."""
	if extension_approved:
		return rule_value(pack, "complaint_resolve_special_wd")
	if complexity == FIELD_INVESTIGATION:
		return rule_value(pack, "complaint_resolve_complex_wd")
	return rule_value(pack, "complaint_resolve_general_wd")


def resolution_due(
	pack: Mapping,
	received_on,
	complexity: str = GENERAL,
	extension_approved: bool = False,
	cal: WorkingCalendar | None = None,
) -> dt.date:
	"""The day by which the complaint must be resolved, counted from receipt (收件之日起)."""
	return limit_end(received_on, resolution_limit(pack, complexity, extension_approved), cal)


def appeal_due(pack: Mapping, replied_on, cal: WorkingCalendar | None = None) -> dt.date:
	"""Last day to apply for 复查/复核: 15 working days from the day the reply was received."""
	return limit_end(replied_on, rule_value(pack, "complaint_appeal_wd"), cal)


def appeal_allowed(pack: Mapping, replied_on, filed_on, cal: WorkingCalendar | None = None) -> bool:
	filed_on, replied_on = _date(filed_on), _date(replied_on)
	return replied_on <= filed_on <= appeal_due(pack, replied_on, cal)


def remaining_working_days(due, today, cal: WorkingCalendar | None = None) -> int:
	"""Working days left after ``today`` up to ``due`` (0 when due today); negative: working days overdue."""
	due, today = _date(due), _date(today)
	if today > due:
		return -working_days_overdue(due, today, cal)
	if today == due:
		return 0
	return working_days_between(today + dt.timedelta(days=1), due, cal)


def is_last_day_before(due, today, cal: WorkingCalendar | None = None) -> bool:
	"""``today`` is the working day before ``due`` (the handler's warning day): the next working day is ``due``.

	On a non-working day nobody is warned; the warning goes out on the last working day before the due date."""
	due, today = _date(due), _date(today)
	if today >= due or not is_working_day(today, cal):
		return False
	return add_working_days(today, 1, cal, include_start=False) >= due


def is_overdue(due, today) -> bool:
	return _date(today) > _date(due)


# --- refusal and extension --------------------------------------------------------------------------------


def refusal_problems(ground: str | None, channel: str | None, reply: str | None) -> list[str]:
	"""What a refusal (不予受理) still lacks: the ground, the lawful channel, the reply to the complainant."""
	problems = []
	if not ground:
		problems.append("ground")
	elif ground not in REFUSAL_GROUNDS:
		problems.append("ground")
	if not (channel or "").strip():
		problems.append("channel")
	if not (reply or "").strip():
		problems.append("reply")
	return problems


def extension_problems(reason: str | None, notified_on, received_on) -> list[str]:
	"""What an extension to the special limit still lacks: the reason and the day the complainant was told in
	writing, which cannot be before the complaint was received."""
	problems = []
	if not (reason or "").strip():
		problems.append("reason")
	if not notified_on:
		problems.append("notified_on")
	elif received_on and _date(notified_on) < _date(received_on):
		problems.append("notified_before_receipt")
	return problems


# --- consequences (第四条) ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintRow:
	staff: str | None
	service_window: str | None
	received_on: dt.date
	problem_type: str | None


def counts(rows: Iterable[ComplaintRow], year: int | None = None) -> dict[str, int]:
	"""Verified complaints among ``rows`` (all verified), in ``year`` of receipt when given: per counted event."""
	out = {VERIFIED: 0, VERIFIED_ATTITUDE: 0}
	for row in rows:
		if year is not None and _date(row.received_on).year != year:
			continue
		out[VERIFIED] += 1
		if row.problem_type in ATTITUDE_OR_CORE_SYSTEMS:
			out[VERIFIED_ATTITUDE] += 1
	return out


@dataclass(frozen=True)
class Consequence:
	subject: str  # Staff / Window
	consequence: str
	counted_event: str
	count: int
	threshold: float
	comparison: str
	period: str
	source: str


def consequences(
	pack: Mapping,
	subject: str,
	rows: Iterable[ComplaintRow],
	year: int,
	employment: str | None = None,
) -> list[Consequence]:
	"""The consequence_thresholds rows for ``subject`` (Staff / Window) that the verified complaints ``rows``
	reach: rows counted over the year of receipt ``year`` or cumulatively, as each threshold says.

	``employment`` is Window Staff.employment ("Established Staff" / "Contracted Staff"); a row limited to one
	kind applies only to that kind. Raises RuleNotConfigured when the pack sets no thresholds."""
	rows = list(rows)
	kind = EMPLOYMENT.get(employment or "", employment)
	by_period = {"Year": counts(rows, year), "Cumulative": counts(rows)}
	hits = []
	for row in rule_rows(pack, "consequence_thresholds"):
		if row.get("subject") != subject or row.get("counted_event") not in COMPLAINT_EVENTS:
			continue
		row_kind = row.get("employment") or "Any"
		if row_kind != "Any" and row_kind != kind:
			continue
		period = row.get("period") or "Year"
		count = by_period.get(period, by_period["Year"])[row["counted_event"]]
		threshold = float(row.get("threshold") or 0)
		comparison = row.get("comparison") or "At Least"
		reached = count > threshold if comparison == "More Than" else count >= threshold
		if reached:
			hits.append(
				Consequence(
					subject,
					row.get("consequence"),
					row["counted_event"],
					count,
					threshold,
					comparison,
					period,
					row.get("source") or "",
				)
			)
	return hits


def complaint_thresholds_set(pack: Mapping) -> bool:
	"""Whether the pack names any consequence of verified complaints."""
	try:
		rows = rule_rows(pack, "consequence_thresholds")
	except RuleNotConfigured:
		return False
	return any(r.get("counted_event") in COMPLAINT_EVENTS for r in rows)
