"""Leave and attendance rules (请假与考勤), as pure functions. No frappe import.

Sources:
- seed 001 考勤制度 第二条 (二): the approval chain by number of days (the pack's ``leave_steps``, see
  ``zhengwu_hall.rules.packs.leave_route``); 第四条: a phone number while away; 第五条: a monthly summary;
- seed 001 AB岗工作制度 第三条: an A post who cannot work reports one day ahead and the B post takes the window
  (the pack's ``leave_advance_notice_days``: a later request is warned about, not refused);
- seed 004 第十六條: at most 2 people of one window on leave at once (``leave_max_concurrent_per_window``);
- seed 002 考勤管理标准: the front desk (前台受理岗位) of a hall is never entirely absent
  (``leave_front_desk_never_all_absent``).

A leave runs from ``start`` to ``end`` (dates, both included); ``start_afternoon`` means it starts at noon of the
first day, ``end_noon`` that it ends at noon of the last day. Only the working days of the hall's calendar
count: a weekend or holiday inside the range is no day of leave.

A guard whose rule the pack leaves unset does not apply (the jurisdiction has no such rule); the approval chain,
which every leave needs, raises ``RuleNotConfigured`` instead (packs.leave_route).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from zhengwu_hall.rules.calendar import WorkingCalendar, working_days_in
from zhengwu_hall.rules.packs import is_set, rule_value

HALF_DAY = 0.5


class NoWorkingDay(ValueError):
	"""The range holds no working day of the hall: there is nothing to take leave from."""


class BadLeaveRange(ValueError):
	"""The end is before the start, or one day starts in the afternoon and ends at noon."""


@dataclass(frozen=True)
class Leave:
	"""Someone's leave (approved or pending) from ``start`` to ``end``, both dates included."""

	staff: str
	start: dt.date
	end: dt.date

	def covers(self, day: dt.date) -> bool:
		return self.start <= day <= self.end


def leave_days(
	start: dt.date,
	end: dt.date,
	cal: WorkingCalendar | None = None,
	start_afternoon: bool = False,
	end_noon: bool = False,
) -> float:
	"""Days of leave from ``start`` to ``end`` counted on the working-day calendar, in half days."""
	if end < start:
		raise BadLeaveRange(f"请假结束日期{end}早于开始日期{start}")
	if start == end and start_afternoon and end_noon:
		raise BadLeaveRange("同一天的请假不能既从下午开始又在中午结束")
	days = working_days_in(start, end, cal)
	if not days:
		raise NoWorkingDay(f"{start}至{end}没有工作日")
	total = float(len(days))
	if start == end:
		return HALF_DAY if start_afternoon or end_noon else total
	if start_afternoon and days[0] == start:
		total -= HALF_DAY
	if end_noon and days[-1] == end:
		total -= HALF_DAY
	return total


def overlaps(a_start: dt.date, a_end: dt.date, b_start: dt.date, b_end: dt.date) -> bool:
	return a_start <= b_end and b_start <= a_end


def _days(start: dt.date, end: dt.date) -> Iterable[dt.date]:
	day = start
	while day <= end:
		yield day
		day += dt.timedelta(days=1)


def short_notice(requested_on: dt.date, start: dt.date, pack: Mapping) -> bool:
	"""True when the request comes later than the pack's advance notice (seed 001 AB岗 第三条); False if unset."""
	if not is_set(pack, "leave_advance_notice_days"):
		return False
	return (start - requested_on).days < int(rule_value(pack, "leave_advance_notice_days") or 0)


def window_cap(pack: Mapping) -> int | None:
	"""How many staff of one window may be on leave at once (seed 004 第十六條), None when the pack is silent."""
	if not is_set(pack, "leave_max_concurrent_per_window"):
		return None
	return int(rule_value(pack, "leave_max_concurrent_per_window"))


def days_over_window_cap(new: Leave, others: Iterable[Leave], cap: int | None) -> list[dt.date]:
	"""Days of ``new`` on which it would put more than ``cap`` people of its window on leave.

	``others`` are the other leaves (approved or pending) of the same window; a person counts once a day.
	"""
	if cap is None:
		return []
	others = [o for o in others if o.staff != new.staff and overlaps(o.start, o.end, new.start, new.end)]
	over = []
	for day in _days(new.start, new.end):
		away = {o.staff for o in others if o.covers(day)} | {new.staff}
		if len(away) > cap:
			over.append(day)
	return over


def days_front_desk_absent(
	new: Leave, front_desk: Iterable[str], others: Iterable[Leave], pack: Mapping
) -> list[dt.date]:
	"""Days of ``new`` on which nobody of the hall's front desk would be left (seed 002); [] when unset.

	``front_desk`` are the staff on the hall's windows (every window is a 前台受理 post); ``others`` the other
	leaves of the hall.
	"""
	if not (
		is_set(pack, "leave_front_desk_never_all_absent")
		and rule_value(pack, "leave_front_desk_never_all_absent")
	):
		return []
	desk = set(front_desk) | {new.staff}
	others = [o for o in others if overlaps(o.start, o.end, new.start, new.end)]
	empty = []
	for day in _days(new.start, new.end):
		away = {o.staff for o in others if o.covers(day)} | {new.staff}
		if not desk - away:
			empty.append(day)
	return empty


def cover_problem(
	applicant: str,
	window: str,
	cover: str,
	cover_window: str,
	cover_post: str,
	cover_away: bool,
	cover_on_post: bool = True,
) -> str | None:
	"""Why ``cover`` cannot take the window while ``applicant`` is away (seed 001 AB岗 第三条), or None.

	Returns one of "self", "other_window", "not_b_post", "not_on_post", "on_leave".
	"""
	if cover == applicant:
		return "self"
	if cover_window != window:
		return "other_window"
	if cover_post != "B Post":
		return "not_b_post"
	if not cover_on_post:
		return "not_on_post"
	if cover_away:
		return "on_leave"
	return None


def leave_days_in_period(
	start: dt.date,
	end: dt.date,
	period_start: dt.date,
	period_end: dt.date,
	cal: WorkingCalendar | None = None,
	start_afternoon: bool = False,
	end_noon: bool = False,
) -> float:
	"""The days of a leave that fall in [period_start, period_end] (a month of the attendance summary)."""
	lo, hi = max(start, period_start), min(end, period_end)
	if hi < lo:
		return 0.0
	try:
		return leave_days(lo, hi, cal, start_afternoon and lo == start, end_noon and hi == end)
	except NoWorkingDay:
		return 0.0


def comp_time_due(total_hours: float, pack: Mapping) -> bool:
	"""Whether a staff member's accumulated extended hours pass the pack's threshold for compensatory time
	(seed 001 延时服务制度 第八条 "累计超过一定时长的,应合理安排相关人员补休"). The seed names no number:
	RuleNotConfigured when the pack leaves it unset."""
	return float(total_hours) > float(rule_value(pack, "extended_service_comp_threshold_hours"))


def duration_hours(start: dt.datetime, end: dt.datetime) -> float:
	"""Hours from ``start`` to ``end``, rounded to the minute; ValueError when the end is not after the start."""
	if end <= start:
		raise ValueError(f"结束时间{end}不晚于开始时间{start}")
	return round((end - start).total_seconds() / 3600, 2)
