"""Working-day calendar on the official Chinese calendar (pure Python, no frappe).

Deadlines in the seeds are counted in working days (工作日). A working day follows the State Council's yearly
notice on public holidays (国务院办公厅关于××年部分节假日安排的通知): statutory days off (法定节假日 and the days
added by 调休) are not working days, and the weekend days worked in exchange (调休上班日, e.g. Saturday
2026-10-10) are. The `holidays` package carries those notices (`holidays.China`: the days off, and
`weekend_workdays` for the make-up working days), so nothing here is a hand-typed table.

On top of the national calendar a hall may have
- local days off (e.g. Guangxi's 壮族三月三 or a day the county government closes the hall),
- extra working days (a day the hall works although the national calendar says it is off), and
- per-year overrides: the full list of days off and make-up working days of a year the installed `holidays`
  release does not know yet (the State Council publishes next year's calendar each autumn; an administrator
  types it in from the notice until the package is upgraded). An override replaces the library for that year.

Unknown years are an error, not a guess: when neither the library nor an override knows a year, every function
that needs that year raises `UnknownCalendarYear` (message in Chinese, for the desk). Treating such a year as
plain Monday-to-Friday would silently move statutory deadlines by a week around Spring Festival and National Day.

Counting (seed 001 限时办结制 第六条: "限时办结的时限以日计算,受理当日开始计算"): the acceptance day is day 1
when it is a working day, so a 1-working-day limit accepted on a working day ends that same day, and a limit of
n working days ends on the n-th working day counted from the acceptance day inclusive. A case accepted on a
day off (预约办 on a Saturday) starts counting on the next working day. "材料不齐全或者不符合法定形式的,其办理时限从
申请人补正材料的日起计算": a supplement of materials restarts the clock, counting again from the supplement day
(see `case_deadline`). Rules whose article does not say that the first day counts can pass
`include_start=False`, the general rule of 《民法典》第二百零一条 (开始的当日不计入).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

# Longest stretch of consecutive days off the calendar accepts before deciding it is misconfigured
# (the longest official stretch is 9 days around Spring Festival; local days off may add some).
MAX_DAYS_OFF_IN_A_ROW = 60

# The library's tables start with the 2001 notice; earlier years are estimates only.
FIRST_OFFICIAL_YEAR = 2001

# The weekdays by their English names, as the forms store them (Select options); index: date.weekday().
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class CalendarError(ValueError):
	"""Base class of the calendar's errors."""


class UnknownCalendarYear(CalendarError):
	"""Neither the holidays package nor an administrator's override knows this year's official calendar."""

	def __init__(self, year: int):
		self.year = year
		super().__init__(
			f"{year}年的法定节假日和调休安排尚未录入：系统使用的节假日库不包含该年度，也没有管理员录入的年度安排。"
			f"请管理员按国务院办公厅公布的{year}年部分节假日安排通知，在工作日历中录入该年度的放假日和调休上班日。"
		)


class CalendarMisconfigured(CalendarError):
	"""The calendar's data contradicts itself or has no working day in a long stretch."""


@dataclass(frozen=True)
class YearOverride:
	"""The official calendar of one year, typed in from the State Council notice.

	`days_off`: every weekday that is off (statutory holidays and the weekdays given off by 调休); weekends need not
	be listed. `working_days`: the weekend days worked in exchange (调休上班日). All dates lie in `year`.
	"""

	year: int
	days_off: frozenset[dt.date] = frozenset()
	working_days: frozenset[dt.date] = frozenset()
	source: str = ""

	def __post_init__(self):
		object.__setattr__(self, "days_off", frozenset(_as_date(d) for d in self.days_off))
		object.__setattr__(self, "working_days", frozenset(_as_date(d) for d in self.working_days))
		stray = sorted(d for d in self.days_off | self.working_days if d.year != self.year)
		if stray:
			raise CalendarMisconfigured(
				f"{self.year}年度安排中含有其他年份的日期：{', '.join(map(str, stray))}"
			)
		both = sorted(self.days_off & self.working_days)
		if both:
			raise CalendarMisconfigured(
				f"以下日期同时被录入为放假日和调休上班日：{', '.join(map(str, both))}"
			)


@dataclass(frozen=True)
class WorkingCalendar:
	"""The calendar a hall counts working days on: the national calendar plus the hall's own data.

	Precedence for a date: extra working day > local day off > the year's official calendar (override if
	present, else the holidays package) > weekday/weekend.
	"""

	local_days_off: frozenset[dt.date] = frozenset()
	extra_working_days: frozenset[dt.date] = frozenset()
	overrides: Mapping[int, YearOverride] = field(default_factory=dict)
	name: str = ""

	def __post_init__(self):
		object.__setattr__(self, "local_days_off", frozenset(_as_date(d) for d in self.local_days_off))
		object.__setattr__(
			self, "extra_working_days", frozenset(_as_date(d) for d in self.extra_working_days)
		)
		overrides = dict(self.overrides)
		for year, override in overrides.items():
			if override.year != year:
				raise CalendarMisconfigured(f"年度安排登记在{year}年下，但其内容属于{override.year}年")
		object.__setattr__(self, "overrides", overrides)
		both = sorted(self.local_days_off & self.extra_working_days)
		if both:
			raise CalendarMisconfigured(
				f"以下日期同时被设为本地休息日和额外工作日：{', '.join(map(str, both))}"
			)

	@classmethod
	def from_data(cls, data: Mapping | None = None) -> WorkingCalendar:
		"""Build a calendar from plain data (ISO date strings allowed), e.g. from a DocType or JSON::

		{"name": "钦南区", "local_days_off": ["2026-04-20"], "extra_working_days": [],
		 "overrides": {"2027": {"days_off": [...], "working_days": [...], "source": "国办发明电〔2026〕×号"}}}
		"""
		data = data or {}
		overrides = {}
		for year, entry in (data.get("overrides") or {}).items():
			year = int(year)
			overrides[year] = YearOverride(
				year=year,
				days_off=frozenset(entry.get("days_off") or ()),
				working_days=frozenset(entry.get("working_days") or ()),
				source=entry.get("source") or "",
			)
		return cls(
			local_days_off=frozenset(data.get("local_days_off") or ()),
			extra_working_days=frozenset(data.get("extra_working_days") or ()),
			overrides=overrides,
			name=data.get("name") or "",
		)

	def knows_year(self, year: int) -> bool:
		"""True when the official calendar of `year` is known (override or holidays package)."""
		return year in self.overrides or library_knows_year(year)

	def year_source(self, year: int) -> str:
		"""Where the calendar of `year` comes from: "override", "library"; raises for an unknown year."""
		if year in self.overrides:
			return "override"
		if library_knows_year(year):
			return "library"
		raise UnknownCalendarYear(year)


NATIONAL = WorkingCalendar(name="national")


# --- the holidays package -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def library_official_years() -> frozenset[int]:
	"""Years for which the installed holidays package carries the State Council notice (not an estimate).

	holidays.China lists each notice's 调休 swaps per year (ChinaStaticHolidays.special_public_holidays); a year
	without that entry is the library's estimate from the statutory festivals alone, without make-up days.
	"""
	try:
		from holidays.countries.china import ChinaStaticHolidays

		years = set(ChinaStaticHolidays.special_public_holidays)
	except (ImportError, AttributeError):  # pragma: no cover - older/newer layouts of the package
		import holidays

		years = set()
		for year in range(FIRST_OFFICIAL_YEAR, dt.date.today().year + 3):
			if any(d.year == year for d in holidays.China(years=year).weekend_workdays):
				years.add(year)
	return frozenset(y for y in years if y >= FIRST_OFFICIAL_YEAR)


def library_knows_year(year: int) -> bool:
	return year in library_official_years()


@lru_cache(maxsize=64)
def _library_year(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
	"""(days off, make-up working days) of `year` from holidays.China, public holidays only."""
	import holidays

	# neighbouring years too: a notice may move a day across New Year (2002's notice works 2001-12-29)
	china = holidays.China(years=(year - 1, year, year + 1))
	days_off = frozenset(d for d in china if d.year == year)
	working = frozenset(d for d in china.weekend_workdays if d.year == year)
	return days_off, working


def _official_year(year: int, cal: WorkingCalendar) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
	override = cal.overrides.get(year)
	if override is not None:
		return override.days_off, override.working_days
	if library_knows_year(year):
		return _library_year(year)
	raise UnknownCalendarYear(year)


# --- the rules ------------------------------------------------------------------------------------------


def is_working_day(d, cal: WorkingCalendar | None = None) -> bool:
	"""Whether `d` is a working day of `cal` (default: the national calendar)."""
	cal = cal or NATIONAL
	d = _as_date(d)
	if d in cal.extra_working_days:
		return True
	if d in cal.local_days_off:
		return False
	days_off, working_days = _official_year(d.year, cal)
	if d in days_off:
		return False
	if d in working_days:
		return True
	return d.weekday() < 5


def add_working_days(
	start, n: int, cal: WorkingCalendar | None = None, include_start: bool = True
) -> dt.date:
	"""The last day of a limit of `n` working days that starts on `start`.

	include_start=True (seed 001 限时办结制 第六条 "受理当日开始计算"): `start` is day 1 when it is a working day,
	so n=1 on a working day returns `start` itself. include_start=False: counting starts the day after `start`.
	n=0 is 即办/当场办结: the limit ends on `start` itself, working day or not.
	"""
	cal = cal or NATIONAL
	_require_count(n)
	d = _as_date(start)
	if n == 0:
		return d
	if not include_start:
		d += dt.timedelta(days=1)
	counted = 0
	off_in_a_row = 0
	while True:
		if is_working_day(d, cal):
			counted += 1
			off_in_a_row = 0
			if counted == n:
				return d
		else:
			off_in_a_row += 1
			if off_in_a_row > MAX_DAYS_OFF_IN_A_ROW:
				raise CalendarMisconfigured(
					f"从{d - dt.timedelta(days=off_in_a_row - 1)}起连续{off_in_a_row}天没有工作日"
				)
		d += dt.timedelta(days=1)


def working_days_between(a, b, cal: WorkingCalendar | None = None) -> int:
	"""Number of working days d with a <= d <= b (both ends counted, as 第六条 counts the acceptance day).

	Consistent with add_working_days: working_days_between(a, add_working_days(a, n)) == n, and for a working
	day b >= a, add_working_days(a, working_days_between(a, b)) == b. Raises ValueError when b < a.
	"""
	cal = cal or NATIONAL
	a, b = _as_date(a), _as_date(b)
	if b < a:
		raise ValueError(f"结束日期{b}早于开始日期{a}")
	count = 0
	d = a
	while d <= b:
		if is_working_day(d, cal):
			count += 1
		d += dt.timedelta(days=1)
	return count


def working_days_overdue(deadline, on, cal: WorkingCalendar | None = None) -> int:
	"""Working days after `deadline` up to and including `on`; 0 when `on` is not after the deadline."""
	deadline, on = _as_date(deadline), _as_date(on)
	if on <= deadline:
		return 0
	return working_days_between(deadline + dt.timedelta(days=1), on, cal)


def case_deadline(
	accepted_on, limit_wd: int, cal: WorkingCalendar | None = None, supplemented_on=None
) -> dt.date:
	"""Promised deadline of a case (seed 001 限时办结制 第六条).

	The limit is counted from the acceptance day inclusive; when the applicant supplemented materials
	(补正材料), it is counted afresh from the supplement day instead. limit_wd=0 (即办) ends on that day.
	"""
	accepted_on = _as_date(accepted_on)
	start = accepted_on
	if supplemented_on:
		supplemented_on = _as_date(supplemented_on)
		if supplemented_on < accepted_on:
			raise ValueError(f"补正材料日期{supplemented_on}早于受理日期{accepted_on}")
		start = supplemented_on
	return add_working_days(start, limit_wd, cal)


def working_days_in(start, end, cal: WorkingCalendar | None = None) -> list[dt.date]:
	"""The working days of [start, end], in order."""
	cal = cal or NATIONAL
	start, end = _as_date(start), _as_date(end)
	days = []
	d = start
	while d <= end:
		if is_working_day(d, cal):
			days.append(d)
		d += dt.timedelta(days=1)
	return days


# --- helpers --------------------------------------------------------------------------------------------


def _as_date(value) -> dt.date:
	if isinstance(value, dt.datetime):
		return value.date()
	if isinstance(value, dt.date):
		return value
	if isinstance(value, str):
		return dt.date.fromisoformat(value.strip()[:10])
	raise TypeError(f"not a date: {value!r}")


def _require_count(n) -> None:
	if isinstance(n, bool) or not isinstance(n, int) or n < 0:
		raise ValueError(f"工作日数必须是非负整数，收到 {n!r}")


def dates(values: Iterable) -> frozenset[dt.date]:
	"""frozenset of dates from dates or ISO strings (for callers building a calendar)."""
	return frozenset(_as_date(v) for v in values)
