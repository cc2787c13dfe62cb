"""Daily inspections (巡查): the minimum checks of a working day, escalation of rectification notices and the
weekly statistics table (巡查情况统计表). No frappe import; every rule takes the hall's pack and plain rows.

Sources:
- seed 000 一(二) "五时"工作方法 日自检: at least three self-checks a working day, 上班前、上班时、下班前; 周上报:
  巡查情况统计表 every Friday before 16:00; 一(三) "六查": 环境、设备、形象、纪律、行为、履职;
- seed 001 日常巡查工作制度 第三条: at least four random patrols a day; 附件 巡查记录表: rows 1–5 上午, 6–10 下午;
  第八条: 对屡次不改者，发出整改函.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from zhengwu_hall.rules.calendar import WEEKDAYS
from zhengwu_hall.rules.packs import RuleNotConfigured, rule_rows, rule_value

# 六查 (seed 000 一(三)), as stored; zh.csv gives 环境、设备、形象、纪律、行为、履职.
SIX_CHECKS = ("Environment", "Equipment", "Appearance", "Discipline", "Conduct", "Duty Performance")
KINDS = ("Self-Check", "Routine Patrol", "Monthly Patrol")
METHODS = ("On-site Inspection", "Video Monitoring")
# the rows of the seed annex 巡查记录表: 1–5 上午, 6–10 下午
ROWS_PER_RECORD = 10
MORNING_ROWS = 5
MORNING, AFTERNOON = "Morning", "Afternoon"
# the 五时 slots a row may name explicitly (seed 000 日自检)
EXPLICIT_SLOTS = ("Before Work", "During Work", "Before Closing")


# --- the minimum checks of a working day ------------------------------------------------------------------


def row_half(idx: int) -> str:
	"""上午 for rows 1–5, 下午 for rows 6–10, as printed on the seed annex."""
	return MORNING if int(idx) <= MORNING_ROWS else AFTERNOON


def row_slots(row: Mapping) -> set[str]:
	"""The slots a performed check counts for: its half of the day, and its 五时 slot when it names one."""
	slots = {row_half(row.get("idx") or 1)}
	if row.get("time_slot"):
		slots.add(row["time_slot"])
	return slots


def is_performed(row: Mapping) -> bool:
	"""A row is a check when its method is ticked (a blank row of the form is no check)."""
	return bool(row.get("method"))


@dataclass(frozen=True)
class DailyRequirement:
	minimum: int
	slots: tuple[str, ...]  # slots that need at least one check


@dataclass(frozen=True)
class DayCompliance:
	requirement: DailyRequirement
	done: int
	missing_slots: tuple[str, ...]

	@property
	def below_minimum(self) -> bool:
		return self.done < self.requirement.minimum or bool(self.missing_slots)


def daily_requirement(pack: Mapping) -> DailyRequirement:
	"""The pack's minimum checks per working day and the slots needing one each; RuleNotConfigured when the
	pack sets no minimum (the slots alone are optional)."""
	minimum = rule_value(pack, "daily_check_min")
	try:
		slots = tuple(r["slot"] for r in rule_rows(pack, "daily_check_slots") if r.get("at_least_one"))
	except RuleNotConfigured:
		slots = ()
	return DailyRequirement(minimum, slots)


def day_compliance(pack: Mapping, rows: Iterable[Mapping]) -> DayCompliance:
	"""How a hall-day's check rows (of all its records) measure up to the pack; RuleNotConfigured if unset."""
	requirement = daily_requirement(pack)
	performed = [r for r in rows if is_performed(r)]
	covered = set().union(*(row_slots(r) for r in performed)) if performed else set()
	missing = tuple(s for s in requirement.slots if s not in covered)
	return DayCompliance(requirement, len(performed), missing)


def weekday_name(d: dt.date) -> str:
	return WEEKDAYS[d.weekday()]


# --- escalation to 整改函 (seed 001 日常巡查工作制度 第八条) ----------------------------------------------------

REPEATED = "Repeated Problem"
OVERDUE = "Deadline Missed"
CLOSED_STATES = ("Verified",)


def is_overdue(notice: Mapping, today: dt.date) -> bool:
	"""Past its deadline without a report in time: not reported by the deadline, or still open after it."""
	deadline = notice.get("deadline")
	if not deadline:
		return False
	reported = notice.get("report_submitted_on")
	if reported:
		return _date(reported) > _date(deadline)
	return _date(today) > _date(deadline) and notice.get("workflow_state") not in CLOSED_STATES


def escalation_reasons(notice: Mapping, earlier: Iterable[Mapping], today: dt.date) -> tuple[str, ...]:
	"""Why a notice escalates to a 整改函: the same window had a notice for the same 六查 category before
	(屡次), or this notice missed its deadline. ``earlier`` are the window's other notices."""
	reasons = []
	if any(
		n.get("name") != notice.get("name")
		and n.get("service_window") == notice.get("service_window")
		and n.get("category") == notice.get("category")
		and _date(n.get("found_on")) <= _date(notice.get("found_on"))
		for n in earlier
	):
		reasons.append(REPEATED)
	if is_overdue(notice, today):
		reasons.append(OVERDUE)
	return tuple(reasons)


# --- the weekly statistics table (巡查情况统计表, seed 000 周上报) -------------------------------------------


def week_start(d: dt.date) -> dt.date:
	d = _date(d)
	return d - dt.timedelta(days=d.weekday())


@dataclass
class WeekRow:
	hall: str
	week_start: dt.date
	checks: int = 0
	problems: int = 0
	by_category: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SIX_CHECKS, 0))
	corrected_on_spot: int = 0
	notices_issued: int = 0
	notices_closed: int = 0

	@property
	def week_end(self) -> dt.date:
		return self.week_start + dt.timedelta(days=6)


def weekly_statistics(
	checks: Iterable[Mapping], notices: Iterable[Mapping], start: dt.date, end: dt.date
) -> list[WeekRow]:
	"""Per hall and week (Monday to Sunday) between ``start`` and ``end`` inclusive.

	``checks``: check rows with hall, date, method (performed when set), record (a problem when not blank),
	category, corrected_on_spot. ``notices``: hall, issued_on, verified_on. Sorted by hall, then week."""
	start, end = _date(start), _date(end)
	table: dict[tuple[str, dt.date], WeekRow] = {}

	def row_for(hall, d) -> WeekRow | None:
		if not d or not (start <= _date(d) <= end):
			return None
		key = (hall, week_start(d))
		if key not in table:
			table[key] = WeekRow(hall, key[1])
		return table[key]

	for c in checks:
		row = row_for(c.get("hall"), c.get("date"))
		if row is None or not is_performed(c):
			continue
		row.checks += 1
		if (c.get("record") or "").strip():
			row.problems += 1
			if c.get("category"):
				row.by_category[c["category"]] = row.by_category.get(c["category"], 0) + 1
			if c.get("corrected_on_spot"):
				row.corrected_on_spot += 1
	for n in notices:
		issued = row_for(n.get("hall"), n.get("issued_on"))
		if issued:
			issued.notices_issued += 1
		closed = row_for(n.get("hall"), n.get("verified_on"))
		if closed:
			closed.notices_closed += 1
	return [table[k] for k in sorted(table)]


# --- when the weekly table is due (reporting_cadence: Weekly, Report Submission) --------------------------


@dataclass(frozen=True)
class WeeklyDeadline:
	weekday: str
	time: dt.time


def weekly_deadline(pack: Mapping) -> WeeklyDeadline | None:
	"""The pack's weekly report deadline (e.g. liuzhou-chengzhong: Friday 16:00), or None when it has none."""
	for row in pack.get("reporting_cadence") or []:
		if (
			row.get("period") == "Weekly"
			and row.get("activity") == "Report Submission"
			and row.get("due_weekday")
		):
			hh, mm = (row.get("due_time") or "00:00").split(":")[:2]
			return WeeklyDeadline(row["due_weekday"], dt.time(int(hh), int(mm)))
	return None


def weekly_report_due(deadline: WeeklyDeadline, now: dt.datetime, lead: dt.timedelta) -> bool:
	"""Whether ``now`` falls in the ``lead`` before the deadline (an hourly job with lead = 1 h fires once)."""
	if WEEKDAYS[now.weekday()] != deadline.weekday:
		return False
	due = dt.datetime.combine(now.date(), deadline.time)
	return due - lead <= now.replace(tzinfo=None) < due


def _date(value) -> dt.date:
	if isinstance(value, dt.datetime):
		return value.date()
	if isinstance(value, dt.date):
		return value
	return dt.date.fromisoformat(str(value)[:10])


# --- monthly summary and quarterly review (seed 000 月巡查, 季讲评) ------------------------------------------


@dataclass(frozen=True)
class HallRank:
	rank: int
	hall: str
	checks: int
	problems: int
	corrected_on_spot: int
	notices_issued: int


def hall_ranking(rows: Iterable[WeekRow]) -> list[HallRank]:
	"""Halls by problems found over a period, most first (季讲评: 通报批评 those with most), ties by hall."""
	totals: dict[str, list[int]] = {}
	for r in rows:
		t = totals.setdefault(r.hall, [0, 0, 0, 0])
		t[0] += r.checks
		t[1] += r.problems
		t[2] += r.corrected_on_spot
		t[3] += r.notices_issued
	ordered = sorted(totals.items(), key=lambda kv: (-kv[1][1], kv[0]))
	return [HallRank(i + 1, hall, *t) for i, (hall, t) in enumerate(ordered)]


def repeat_offenders(notices: Iterable[Mapping], at_least: int = 2) -> list[tuple[str, str, int]]:
	"""(window, category, notices) for each window with ``at_least`` notices of the same category (屡次)."""
	counts: dict[tuple[str, str], int] = {}
	for n in notices:
		key = (n.get("service_window"), n.get("category"))
		counts[key] = counts.get(key, 0) + 1
	found = [(w, c, k) for (w, c), k in counts.items() if k >= at_least]
	return sorted(found, key=lambda x: (-x[2], x[0], x[1]))


def patrol_coverage(stations: Iterable[str], patrols: Iterable[Mapping]) -> tuple[list[str], list[str]]:
	"""(patrolled, not patrolled) stations: 月巡查 must reach every community station in the year (seed 000)."""
	patrolled = {p.get("hall") for p in patrols if p.get("kind") == "Monthly Patrol"}
	stations = list(stations)
	return [s for s in stations if s in patrolled], [s for s in stations if s not in patrolled]


# --- who writes a rectification notice (seed 001 日常巡查 第七条、第八条(一)) ------------------------------------
# the inspector's office writes the notice itself (findings, deadline, verification)
INSPECTOR_ROLES = ("Supervisor", "Hall Administrator", "System Manager")
WINDOW_ROLE = "Window Staff"
# what the window writes (第八条(一): 整改报告), only while the notice waits for it
WINDOW_FIELDS = ("rectification_report",)
WINDOW_WRITES_IN = "Issued"


def window_edit_refusal(
	roles: Iterable[str], own_window: bool, state_before: str, changed: Iterable[str]
) -> str | None:
	"""Why a save of a rectification notice by ``roles`` is refused, or None: "other_window" when the user is not
	staff of the notice's window, "not_report" when they change more than the report or change it outside the
	Issued state. Only a Window Staff user without an inspector role is checked: other roles hold no write
	permission and change a notice only through a transition an administrator gave them."""
	roles = set(roles)
	if roles & set(INSPECTOR_ROLES) or WINDOW_ROLE not in roles:
		return None
	if not own_window:
		return "other_window"
	changed = list(changed)
	if [f for f in changed if f not in WINDOW_FIELDS] or (changed and state_before != WINDOW_WRITES_IN):
		return "not_report"
	return None
