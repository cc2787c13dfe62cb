"""What an administrator types into the desk, turned into `WorkingCalendar.from_data` input (pure, no frappe).

Two kinds of desk records feed the working-day calendar (`zhengwu_hall.rules.calendar`):

- **Official Calendar Year**: a whole year's State Council notice (国务院办公厅关于××年部分节假日安排的通知) for a year
  the installed `holidays` package does not know yet — its days off (放假) and its make-up working days
  (调休上班日). `year_problems` lists what is wrong with the rows; `year_override` builds the override.
- **Hall Calendar Exception**: a hall's local day off (本地休息日) or extra working day (额外工作日).

Subtree rule (decided here): an exception entered on a hall applies to that hall and, unless its "applies to
subordinate halls" flag is cleared, to every hall below it — a day the 区/旗 government gives off (a local
festival such as 壮族三月三 or 那达慕, a closure ordered for the whole district) closes its 镇(街道) centers and
村(社区) stations too, and an administrator enters it once, on the district, not on thirty halls. A closure of one
building (power cut, renovation) clears the flag. When halls of one branch disagree about a date, the nearest
hall wins: a town center that works on a day its district gave off enters an Extra Working Day on itself, and
that beats the district's Local Day Off for the town (and the town's own subtree, if flagged). Between two
entries of one hall for the same date (the desk refuses that, but the data may still hold it) the extra working
day wins, as in `WorkingCalendar` ("extra working day > local day off").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from zhengwu_hall.rules.calendar import _as_date

# Kinds of the rows of an Official Calendar Year (Select options of Official Calendar Day.kind)
DAY_OFF = "Day Off"
MAKE_UP_WORKING_DAY = "Make-up Working Day"
YEAR_KINDS = (DAY_OFF, MAKE_UP_WORKING_DAY)

# Kinds of a Hall Calendar Exception (Select options of Hall Calendar Exception.kind)
LOCAL_DAY_OFF = "Local Day Off"
EXTRA_WORKING_DAY = "Extra Working Day"
HALL_KINDS = (LOCAL_DAY_OFF, EXTRA_WORKING_DAY)

# Problem codes of `year_problems`
UNKNOWN_KIND = "unknown_kind"
OUTSIDE_YEAR = "outside_year"
DUPLICATE_DATE = "duplicate_date"
MAKE_UP_ON_WEEKDAY = "make_up_on_weekday"
UNNOTED_WEEKEND_DAY_OFF = "unnoted_weekend_day_off"


@dataclass(frozen=True)
class YearRow:
	"""One row of an Official Calendar Year: a date, its kind, the administrator's note; idx is 1-based."""

	date: dt.date
	kind: str
	note: str = ""
	idx: int = 0

	def __post_init__(self):
		object.__setattr__(self, "date", _as_date(self.date))
		object.__setattr__(self, "note", (self.note or "").strip())


@dataclass(frozen=True)
class RowProblem:
	"""What is wrong with a row; `first_idx` is the earlier row a duplicate repeats."""

	code: str
	row: YearRow
	first_idx: int | None = None


def is_weekend(d) -> bool:
	return _as_date(d).weekday() >= 5


def year_problems(year: int, rows: Iterable[YearRow]) -> list[RowProblem]:
	"""Every problem of the rows of `year`'s official calendar, in row order.

	- a kind that is neither Day Off nor Make-up Working Day;
	- a date outside `year`;
	- a date listed twice (whatever the kinds);
	- a make-up working day on a weekday: 调休上班日 are always weekend days (a weekday is a working day anyway);
	- a day off on a plain weekend day without a note: the notice's stretches include weekends ("2月15日至23日放
	  假调休，共9天"), so listing one is fine, but the note must say which holiday it belongs to, so that a stray
	  weekend (a mistyped date) does not slip through.
	"""
	problems = []
	first_seen: dict[dt.date, int] = {}
	for row in rows:
		if row.kind not in YEAR_KINDS:
			problems.append(RowProblem(UNKNOWN_KIND, row))
			continue
		if row.date.year != year:
			problems.append(RowProblem(OUTSIDE_YEAR, row))
		if row.date in first_seen:
			problems.append(RowProblem(DUPLICATE_DATE, row, first_seen[row.date]))
			continue
		first_seen[row.date] = row.idx
		if row.kind == MAKE_UP_WORKING_DAY and not is_weekend(row.date):
			problems.append(RowProblem(MAKE_UP_ON_WEEKDAY, row))
		if row.kind == DAY_OFF and is_weekend(row.date) and not row.note:
			problems.append(RowProblem(UNNOTED_WEEKEND_DAY_OFF, row))
	return problems


def statutory_days_not_off(year: int, rows: Iterable[YearRow]) -> list[tuple[dt.date, str]]:
	"""Statutory holidays of `year` on weekdays that the rows do not list as days off: (date, holiday name).

	The holidays package computes the statutory festival days (元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆; lunar
	ones included) for any year, even one whose notice it does not carry yet. A weekday among them that the
	administrator did not enter as a day off is almost always a row forgotten while typing the notice: the desk
	warns, it does not refuse (the notice is the authority, not the library's estimate).
	"""
	import holidays

	days_off = {row.date for row in rows if row.kind == DAY_OFF}
	estimate = holidays.China(years=year, observed=False)
	return sorted(
		(d, name)
		for d, name in estimate.items()
		if d.year == year and not is_weekend(d) and d not in days_off
	)


def year_override(year: int, rows: Iterable[YearRow], source: str = "") -> dict:
	"""The `overrides[year]` entry of `WorkingCalendar.from_data` for the rows of an Official Calendar Year."""
	rows = list(rows)
	return {
		"days_off": sorted(r.date for r in rows if r.kind == DAY_OFF),
		"working_days": sorted(r.date for r in rows if r.kind == MAKE_UP_WORKING_DAY),
		"source": source,
	}


@dataclass(frozen=True)
class HallException:
	"""A Hall Calendar Exception: `hall` takes `date` off (Local Day Off) or works on it (Extra Working Day)."""

	hall: str
	date: dt.date
	kind: str
	applies_to_subtree: bool = True

	def __post_init__(self):
		object.__setattr__(self, "date", _as_date(self.date))


def resolve_hall_exceptions(
	chain: Sequence[str], exceptions: Iterable[HallException]
) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
	"""(local days off, extra working days) of the hall `chain[0]`, whose ancestors follow, nearest first.

	An exception counts when it is on the hall itself, or on an ancestor and applies to the subtree. For each
	date the nearest hall's exception wins; within one hall an extra working day beats a local day off.
	Exceptions of halls outside the chain are ignored.
	"""
	rank = {hall: i for i, hall in enumerate(chain)}
	chosen: dict[dt.date, tuple[int, int, str]] = {}
	for e in exceptions:
		if e.kind not in HALL_KINDS or e.hall not in rank:
			continue
		distance = rank[e.hall]
		if distance > 0 and not e.applies_to_subtree:
			continue
		key = (distance, 0 if e.kind == EXTRA_WORKING_DAY else 1, e.kind)
		if e.date not in chosen or key < chosen[e.date]:
			chosen[e.date] = key
	days_off = frozenset(d for d, (_, _, kind) in chosen.items() if kind == LOCAL_DAY_OFF)
	working = frozenset(d for d, (_, _, kind) in chosen.items() if kind == EXTRA_WORKING_DAY)
	return days_off, working


def calendar_data(
	name: str = "",
	overrides: Mapping[int, dict] | None = None,
	local_days_off: Iterable = (),
	extra_working_days: Iterable = (),
) -> dict:
	"""The mapping `WorkingCalendar.from_data` takes."""
	return {
		"name": name,
		"overrides": dict(overrides or {}),
		"local_days_off": sorted(_as_date(d) for d in local_days_off),
		"extra_working_days": sorted(_as_date(d) for d in extra_working_days),
	}
