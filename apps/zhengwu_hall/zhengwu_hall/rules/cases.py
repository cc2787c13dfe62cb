"""Service cases (办件): promised date, overdue classification, extension eligibility, handovers. Pure Python.

Sources (seed 001_17276714a530e7ae.txt):
- 限时办结制 第六条: the limit is counted in days from the acceptance day (受理当日开始计算); when the materials are
  incomplete or not in legal form, it is counted from the day the applicant completes them (补正材料).
- 限时办结制 第八条: an extension needs a 《办理事项延期申请表》: the center head signs an opinion, the government of
  that level approves; the applicant is told before the limit expires.
- 限时办结制 第十条: overdue (超时办结) when not completed within the promised limit without good reason, and also
  (一) an unjustified refusal to accept, (二) no reply to the applicant as required, (三) an extension asked for
  only after the promised limit expired, (四) the result not delivered to the applicant within the limit.
- 限时办结制 第十一条: when the applicant, for reasons of their own, did not come at the time they were told, the
  case counts as completed on time.
- 审管分离 第二十三条 (二) 1: the window hands a case needing field work over to the department the same day, in
  special cases not later than the next day (次日). "Next day" is read as the next working day of the hall: the
  departments do not receive files on days off (an interpretation; the pack carries the number of days).

Working days come from ``zhengwu_hall.rules.calendar`` (official calendar with 调休).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from zhengwu_hall.rules.calendar import WorkingCalendar, add_working_days, case_deadline, working_days_between
from zhengwu_hall.rules.packs import rule_value

# overdue reasons, in the order of 第十条
LATE = "late"  # 第十条: not completed within the promised limit
UNJUSTIFIED_REFUSAL = "unjustified_refusal"  # 第十条 (一)
NO_REPLY = "no_reply"  # 第十条 (二)
LATE_EXTENSION = "late_extension"  # 第十条 (三)
NOT_DELIVERED = "not_delivered"  # 第十条 (四)
OVERDUE_REASONS = (LATE, UNJUSTIFIED_REFUSAL, NO_REPLY, LATE_EXTENSION, NOT_DELIVERED)

# extension problems (第八条, 第十条 (三))
EXT_NO_DEADLINE = "no_deadline"
EXT_CASE_CLOSED = "case_closed"
EXT_AFTER_EXPIRY = "after_expiry"
EXT_NOT_LATER = "not_later"


def _d(value) -> dt.date | None:
	if value is None or value == "":
		return None
	if isinstance(value, dt.datetime):
		return value.date()
	if isinstance(value, dt.date):
		return value
	return dt.date.fromisoformat(str(value)[:10])


# --- the promised date ------------------------------------------------------------------------------------


def promised_date(
	accepted_on,
	promised_limit_wd: int,
	cal: WorkingCalendar | None = None,
	materials_complete: bool = True,
	supplemented_on=None,
) -> dt.date | None:
	"""The promised completion date (限时办结制 第六条), or None while the clock has not started.

	Materials complete at acceptance: counted from the acceptance day (day 1 when a working day). Incomplete:
	the clock starts on the day the applicant completes them (``supplemented_on``); until then there is no date.
	"""
	accepted_on = _d(accepted_on)
	if accepted_on is None:
		return None
	supplemented_on = _d(supplemented_on)
	if not materials_complete and supplemented_on is None:
		return None
	return case_deadline(
		accepted_on,
		int(promised_limit_wd),
		cal,
		supplemented_on=None if materials_complete else supplemented_on,
	)


# --- overdue (第十条, 第十一条) ------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFacts:
	deadline: dt.date | None  # the promised date in force (the approved extended date, if any)
	original_deadline: dt.date | None = None  # the promised date before any extension (default: deadline)
	completed_on: dt.date | None = None
	delivered_on: dt.date | None = None  # result handed / sent to the applicant (第七条 送达之日)
	refused: bool = False
	refusal_unjustified: bool = False  # 经查无正当理由不予受理
	reply_not_given: bool = False  # 经查未按规定答复申请人
	extension_applied_on: tuple = ()  # dates extension applications were filed
	applicant_delay: bool = False  # 第十一条: the applicant did not come at the time told, for own reasons


def overdue_reasons(facts: CaseFacts, as_of) -> list[str]:
	"""The 第十条 cases that apply to the case as of ``as_of`` (empty: on time). 第十一条 clears the time-based
	ones (late, not delivered) when the delay is the applicant's own."""
	as_of = _d(as_of)
	deadline = _d(facts.deadline)
	original = _d(facts.original_deadline) or deadline
	completed, delivered = _d(facts.completed_on), _d(facts.delivered_on)
	reasons = []
	if facts.refused and facts.refusal_unjustified:
		reasons.append(UNJUSTIFIED_REFUSAL)
	if facts.reply_not_given:
		reasons.append(NO_REPLY)
	if original and any(_d(applied) > original for applied in facts.extension_applied_on or ()):
		reasons.append(LATE_EXTENSION)
	if facts.refused or deadline is None or facts.applicant_delay:
		return [r for r in OVERDUE_REASONS if r in reasons]
	if (completed and completed > deadline) or (not completed and as_of > deadline):
		reasons.append(LATE)
	elif completed and ((delivered and delivered > deadline) or (not delivered and as_of > deadline)):
		reasons.append(NOT_DELIVERED)
	return [r for r in OVERDUE_REASONS if r in reasons]


def is_overdue(facts: CaseFacts, as_of) -> bool:
	return bool(overdue_reasons(facts, as_of))


# --- extension (第八条, 第十条 (三)) -----------------------------------------------------------------------


def extension_problem(deadline, applied_on, requested_date, closed: bool = False) -> str | None:
	"""Why an extension application may not be filed, or None when it may.

	Only before the promised limit expires: on the promised date itself it is still in time, the day after it is
	"超过承诺办结时限才提出延期申请" (第十条 (三)). The new date must be later than the promised one.
	"""
	deadline, applied_on, requested_date = _d(deadline), _d(applied_on), _d(requested_date)
	if closed:
		return EXT_CASE_CLOSED
	if deadline is None:
		return EXT_NO_DEADLINE
	if applied_on > deadline:
		return EXT_AFTER_EXPIRY
	if requested_date is None or requested_date <= deadline:
		return EXT_NOT_LATER
	return None


def applicant_told_in_time(notified_on, original_deadline) -> bool:
	"""第八条: "经批准延期的,窗口应当在时限届满前告知申请人" — told on or before the original promised date."""
	notified_on, original_deadline = _d(notified_on), _d(original_deadline)
	return bool(notified_on and original_deadline and notified_on <= original_deadline)


def extension_route(pack: Mapping) -> tuple[str, str]:
	"""(role signing the opinion, role approving) of a deadline extension, from the pack; RuleNotConfigured."""
	return (
		rule_value(pack, "extension_opinion_role"),
		rule_value(pack, "extension_approver_role"),
	)


# --- handover to a department (审管分离 第二十三条) ------------------------------------------------------


def handover_due(received_on, max_days: int, cal: WorkingCalendar | None = None) -> dt.date:
	"""Last day of the handover: the receipt day itself (0), else the ``max_days``-th working day after it."""
	received_on = _d(received_on)
	if int(max_days) == 0:
		return received_on
	return add_working_days(received_on, int(max_days), cal, include_start=False)


def handover_late(received_on, handed_over_on, max_days: int, cal=None, as_of=None) -> bool:
	"""Handed over after the due day, or not yet handed over and the due day has passed (as of ``as_of``)."""
	due = handover_due(received_on, max_days, cal)
	handed = _d(handed_over_on)
	if handed:
		return handed > due
	return bool(as_of) and _d(as_of) > due


def handover_limit(pack: Mapping) -> int:
	return rule_value(pack, "case_handover_max_days")


# --- early warning (第九条 预警) --------------------------------------------------------------------------


def needs_warning(as_of, deadline, warning_wd: int, cal: WorkingCalendar | None = None) -> bool:
	"""An open case is warned when its promised date is at most ``warning_wd`` working days away (today counted)."""
	as_of, deadline = _d(as_of), _d(deadline)
	if deadline is None or as_of > deadline:
		return False
	return working_days_between(as_of, deadline, cal) <= int(warning_wd)


def warning_days(pack: Mapping) -> int:
	return rule_value(pack, "case_warning_working_days")


# --- monthly circular per window (第九条 每月对各窗口办理情况进行通报) ------------------------------------------


def in_month(value, month_start: dt.date, month_end: dt.date) -> bool:
	value = _d(value)
	return bool(value) and month_start <= value <= month_end


def month_counts(cases: Iterable[Mapping], month_start, month_end) -> dict[str, dict[str, int]]:
	"""Per window: the cases of the month and how many were on time / overdue.

	A case belongs to the month in which it was closed (completed or refused); an open case to the month of its
	promised date. ``cases`` are mappings with service_window, completed_on, refused_on, promised_date, is_overdue.
	"""
	month_start, month_end = _d(month_start), _d(month_end)
	out: dict[str, dict[str, int]] = {}
	for case in cases:
		closed_on = _d(case.get("completed_on")) or _d(case.get("refused_on"))
		when = closed_on or _d(case.get("promised_date"))
		if not in_month(when, month_start, month_end):
			continue
		row = out.setdefault(
			case.get("service_window") or "",
			{"total": 0, "completed": 0, "on_time": 0, "overdue": 0, "open": 0},
		)
		row["total"] += 1
		overdue = bool(int(case.get("is_overdue") or 0))
		if closed_on:
			row["completed"] += 1
		else:
			row["open"] += 1
		if overdue:
			row["overdue"] += 1
		elif closed_on:
			row["on_time"] += 1
	return out
