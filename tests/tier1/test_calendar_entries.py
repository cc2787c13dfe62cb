"""Desk records of the calendar turned into calendar data (zhengwu_hall.rules.calendar_entries)."""

import datetime as dt
import sys

import pytest
from zhengwu_hall.rules import calendar_entries as entries
from zhengwu_hall.rules.calendar import (
	UnknownCalendarYear,
	WorkingCalendar,
	add_working_days,
	is_working_day,
	library_knows_year,
)
from zhengwu_hall.rules.calendar_entries import (
	DAY_OFF,
	EXTRA_WORKING_DAY,
	LOCAL_DAY_OFF,
	MAKE_UP_WORKING_DAY,
	HallException,
	YearRow,
)


def D(s):
	return dt.date.fromisoformat(s)


def rows(*specs):
	"""rows(("2027-01-01", DAY_OFF, "元旦"), ...) numbered from 1."""
	return [YearRow(date=d, kind=k, note=n, idx=i) for i, (d, k, n) in enumerate(specs, start=1)]


def codes(problems):
	return [(p.code, p.row.idx) for p in problems]


def test_no_frappe_import():
	assert "frappe" not in sys.modules


# --- Official Calendar Year rows -------------------------------------------------------------------------


def test_clean_rows_have_no_problem():
	good = rows(
		("2027-01-01", DAY_OFF, "元旦"),  # Friday
		("2027-01-02", DAY_OFF, "元旦"),  # Saturday, noted
		("2027-02-20", MAKE_UP_WORKING_DAY, "春节调休"),  # Saturday
	)
	assert entries.year_problems(2027, good) == []


def test_date_outside_the_year():
	assert codes(entries.year_problems(2027, rows(("2026-12-31", DAY_OFF, "")))) == [
		(entries.OUTSIDE_YEAR, 1)
	]


def test_duplicate_date_names_the_first_row():
	problems = entries.year_problems(
		2027, rows(("2027-10-01", DAY_OFF, "国庆"), ("2027-10-01", MAKE_UP_WORKING_DAY, ""))
	)
	assert codes(problems) == [(entries.DUPLICATE_DATE, 2)]
	assert problems[0].first_idx == 1


def test_make_up_day_must_be_a_weekend_day():
	assert D("2027-03-10").weekday() == 2  # a Wednesday
	assert codes(entries.year_problems(2027, rows(("2027-03-10", MAKE_UP_WORKING_DAY, "调休")))) == [
		(entries.MAKE_UP_ON_WEEKDAY, 1)
	]
	assert entries.year_problems(2027, rows(("2027-03-14", MAKE_UP_WORKING_DAY, ""))) == []  # Sunday


def test_plain_weekend_day_off_needs_a_note():
	assert codes(entries.year_problems(2027, rows(("2027-03-13", DAY_OFF, "  ")))) == [
		(entries.UNNOTED_WEEKEND_DAY_OFF, 1)
	]
	assert entries.year_problems(2027, rows(("2027-03-13", DAY_OFF, "春节"))) == []


def test_unknown_kind():
	assert codes(entries.year_problems(2027, rows(("2027-03-10", "Holiday", "")))) == [
		(entries.UNKNOWN_KIND, 1)
	]


def test_every_problem_is_reported_in_row_order():
	problems = entries.year_problems(
		2027,
		rows(
			("2028-01-03", DAY_OFF, ""),
			("2027-03-10", MAKE_UP_WORKING_DAY, ""),
			("2027-03-13", DAY_OFF, ""),
		),
	)
	assert codes(problems) == [
		(entries.OUTSIDE_YEAR, 1),
		(entries.MAKE_UP_ON_WEEKDAY, 2),
		(entries.UNNOTED_WEEKEND_DAY_OFF, 3),
	]


def test_statutory_weekdays_not_listed_are_found():
	# the library estimates 2027's festivals even before it carries the notice
	listed = rows(("2027-01-01", DAY_OFF, "元旦"), ("2027-10-01", DAY_OFF, "国庆"))
	missing = dict(entries.statutory_days_not_off(2027, listed))
	assert D("2027-01-01") not in missing
	assert D("2027-10-01") not in missing
	assert D("2027-02-08") in missing  # 春节 初三, a Monday
	assert all(d.weekday() < 5 for d in missing)  # weekends are never reported


def test_year_override_feeds_the_calendar():
	override = entries.year_override(
		2027,
		rows(
			("2027-01-01", DAY_OFF, "元旦"),
			("2027-02-20", MAKE_UP_WORKING_DAY, "春节"),
		),
		source="国务院办公厅关于2027年部分节假日安排的通知",
	)
	assert override == {
		"days_off": [D("2027-01-01")],
		"working_days": [D("2027-02-20")],
		"source": "国务院办公厅关于2027年部分节假日安排的通知",
	}
	cal = WorkingCalendar.from_data(entries.calendar_data(overrides={2027: override}))
	assert not is_working_day(D("2027-01-01"), cal)
	assert is_working_day(D("2027-02-20"), cal)  # a Saturday worked
	assert is_working_day(D("2027-01-04"), cal)


@pytest.mark.skipif(library_knows_year(2027), reason="the installed holidays package knows 2027 already")
def test_without_the_override_2027_is_unknown_and_with_it_new_year_counts():
	with pytest.raises(UnknownCalendarYear):
		add_working_days(D("2026-12-30"), 3)
	override = entries.year_override(2027, rows(("2027-01-01", DAY_OFF, "元旦")))
	cal = WorkingCalendar.from_data(entries.calendar_data(overrides={2027: override}))
	# Wed 12-30 (1), Thu 12-31 (2), Fri 01-01 off, Sat/Sun off, Mon 01-04 (3)
	assert add_working_days(D("2026-12-30"), 3, cal) == D("2027-01-04")


# --- Hall Calendar Exceptions: subtree and nearest-wins -------------------------------------------------

CHAIN = ["村站", "镇中心", "区中心"]  # the hall first, then its ancestors


def test_own_exceptions_count_whatever_the_subtree_flag():
	off, working = entries.resolve_hall_exceptions(
		CHAIN,
		[
			HallException("村站", "2026-04-20", LOCAL_DAY_OFF, applies_to_subtree=False),
			HallException("村站", "2026-04-25", EXTRA_WORKING_DAY),
		],
	)
	assert off == {D("2026-04-20")}
	assert working == {D("2026-04-25")}


def test_ancestor_exceptions_count_only_when_they_apply_to_the_subtree():
	off, working = entries.resolve_hall_exceptions(
		CHAIN,
		[
			HallException("区中心", "2026-04-20", LOCAL_DAY_OFF, applies_to_subtree=True),
			HallException("区中心", "2026-06-01", LOCAL_DAY_OFF, applies_to_subtree=False),
		],
	)
	assert off == {D("2026-04-20")}
	assert working == frozenset()


def test_nearest_hall_wins():
	off, working = entries.resolve_hall_exceptions(
		CHAIN,
		[
			HallException("区中心", "2026-04-20", LOCAL_DAY_OFF),
			HallException("镇中心", "2026-04-20", EXTRA_WORKING_DAY),
			HallException("镇中心", "2026-05-16", EXTRA_WORKING_DAY),
			HallException("村站", "2026-05-16", LOCAL_DAY_OFF),
		],
	)
	assert off == {D("2026-05-16")}
	assert working == {D("2026-04-20")}


def test_extra_working_day_wins_within_one_hall_and_others_are_ignored():
	off, working = entries.resolve_hall_exceptions(
		CHAIN,
		[
			HallException("镇中心", "2026-04-20", LOCAL_DAY_OFF),
			HallException("镇中心", "2026-04-20", EXTRA_WORKING_DAY),
			HallException("邻镇中心", "2026-04-21", LOCAL_DAY_OFF),  # a sibling: not in the chain
		],
	)
	assert off == frozenset()
	assert working == {D("2026-04-20")}


def test_resolved_exceptions_build_a_valid_calendar():
	off, working = entries.resolve_hall_exceptions(
		CHAIN,
		[
			HallException("区中心", "2026-04-20", LOCAL_DAY_OFF),
			HallException("村站", "2026-04-20", EXTRA_WORKING_DAY),
		],
	)
	cal = WorkingCalendar.from_data(entries.calendar_data("村站", {}, off, working))
	assert is_working_day(D("2026-04-20"), cal)
	district = WorkingCalendar.from_data(
		entries.calendar_data(
			"区中心",
			{},
			*entries.resolve_hall_exceptions(
				["区中心"], [HallException("区中心", "2026-04-20", LOCAL_DAY_OFF)]
			),
		)
	)
	assert not is_working_day(D("2026-04-20"), district)
