"""Working-day calendar on the official Chinese calendar (zhengwu_hall.rules.calendar)."""

import datetime as dt
import sys

import pytest
from zhengwu_hall.rules import calendar as wd
from zhengwu_hall.rules.calendar import (
	NATIONAL,
	CalendarMisconfigured,
	UnknownCalendarYear,
	WorkingCalendar,
	YearOverride,
	add_working_days,
	case_deadline,
	is_working_day,
	working_days_between,
	working_days_overdue,
)


def D(s):
	return dt.date.fromisoformat(s)


def test_no_frappe_import():
	assert "frappe" not in sys.modules


# --- 2026, from the State Council notice as carried by the holidays package ---------------------------


@pytest.mark.parametrize("day", [f"2026-10-0{i}" for i in range(1, 8)])
def test_national_day_2026_week_is_off(day):
	assert not is_working_day(D(day))


def test_national_day_2026_make_up_days_are_working_days():
	assert D("2026-09-20").weekday() == 6  # a Sunday
	assert D("2026-10-10").weekday() == 5  # a Saturday
	assert is_working_day(D("2026-09-20"))
	assert is_working_day(D("2026-10-10"))
	# the neighbouring ordinary weekend stays off
	assert not is_working_day(D("2026-09-19"))
	assert not is_working_day(D("2026-10-11"))
	assert is_working_day(D("2026-09-30"))
	assert is_working_day(D("2026-10-08"))


def test_spring_festival_2026():
	# 2月15日至23日放假调休，共9天；2月14日（周六）、2月28日（周六）上班
	for i in range(15, 24):
		assert not is_working_day(dt.date(2026, 2, i)), i
	assert is_working_day(D("2026-02-13"))
	assert is_working_day(D("2026-02-14"))  # make-up Saturday
	assert is_working_day(D("2026-02-24"))
	assert is_working_day(D("2026-02-28"))  # make-up Saturday
	assert not is_working_day(D("2026-03-01"))  # ordinary Sunday


def test_other_2026_make_up_days():
	assert is_working_day(D("2026-01-04"))  # Sunday worked for New Year
	assert not is_working_day(D("2026-01-02"))
	assert is_working_day(D("2026-05-09"))  # Saturday worked for Labour Day
	assert not is_working_day(D("2026-05-05"))


def test_ordinary_weekdays_and_weekends():
	assert is_working_day(D("2026-03-10"))  # Tuesday
	assert not is_working_day(D("2026-03-14"))  # Saturday
	assert not is_working_day(D("2026-03-15"))  # Sunday


def test_notice_across_new_year():
	# 2002's notice made Saturday 2001-12-29 a working day
	assert is_working_day(D("2001-12-29"))


# --- counting: seed 001 限时办结制 第六条 "受理当日开始计算" -------------------------------------------------


def test_one_working_day_limit_ends_on_the_acceptance_day():
	assert add_working_days(D("2026-03-10"), 1) == D("2026-03-10")


def test_acceptance_day_is_day_one():
	# Tuesday + 3 working days counting Tuesday = Thursday
	assert add_working_days(D("2026-03-10"), 3) == D("2026-03-12")
	# Friday + 2 = next Monday
	assert add_working_days(D("2026-03-13"), 2) == D("2026-03-16")


def test_acceptance_on_a_day_off_counts_from_the_next_working_day():
	assert add_working_days(D("2026-03-14"), 1) == D("2026-03-16")  # Saturday → Monday


def test_limit_zero_is_the_same_day():
	assert add_working_days(D("2026-03-14"), 0) == D("2026-03-14")
	assert case_deadline(D("2026-03-10"), 0) == D("2026-03-10")


def test_exclusive_start_for_rules_that_do_not_count_the_first_day():
	assert add_working_days(D("2026-03-10"), 1, include_start=False) == D("2026-03-11")


def test_counting_across_national_day_2026():
	# accepted Wednesday 09-30 with 3 working days: 09-30, (10-01..07 off), 10-08, 10-09
	assert add_working_days(D("2026-09-30"), 3) == D("2026-10-09")
	# the make-up Saturday 10-10 counts
	assert add_working_days(D("2026-09-30"), 4) == D("2026-10-10")
	assert add_working_days(D("2026-09-18"), 2) == D("2026-09-20")  # Fri, (Sat off), Sun worked


def test_counting_across_spring_festival_2026():
	# accepted Thursday 02-12: 12, 13, 14 (make-up Sat), then 24 after the break
	assert add_working_days(D("2026-02-12"), 4) == D("2026-02-24")


def test_supplement_restarts_the_clock():
	accepted = D("2026-03-02")  # Monday
	assert case_deadline(accepted, 5) == D("2026-03-06")
	# materials completed on Thursday: five working days from Thursday inclusive
	assert case_deadline(accepted, 5, supplemented_on=D("2026-03-05")) == D("2026-03-11")
	with pytest.raises(ValueError):
		case_deadline(accepted, 5, supplemented_on=D("2026-03-01"))


def test_negative_or_fractional_limits_are_refused():
	with pytest.raises(ValueError):
		add_working_days(D("2026-03-10"), -1)
	with pytest.raises(ValueError):
		add_working_days(D("2026-03-10"), 1.5)


def test_between_counts_both_ends():
	assert working_days_between(D("2026-03-10"), D("2026-03-10")) == 1
	assert working_days_between(D("2026-03-14"), D("2026-03-15")) == 0
	with pytest.raises(ValueError):
		working_days_between(D("2026-03-11"), D("2026-03-10"))


def test_between_across_national_day_2026_exact():
	days = wd.working_days_in(D("2026-09-28"), D("2026-10-11"))
	assert days == [
		D("2026-09-28"),
		D("2026-09-29"),
		D("2026-09-30"),
		D("2026-10-08"),
		D("2026-10-09"),
		D("2026-10-10"),
	]
	assert working_days_between(D("2026-09-28"), D("2026-10-11")) == 6


@pytest.mark.parametrize(
	"start", ["2026-01-01", "2026-02-13", "2026-02-14", "2026-09-19", "2026-09-30", "2026-11-02"]
)
@pytest.mark.parametrize("n", [1, 2, 3, 5, 10, 15, 30])
def test_add_and_between_are_consistent(start, n):
	start = D(start)
	end = add_working_days(start, n)
	assert is_working_day(end)
	assert working_days_between(start, end) == n
	assert add_working_days(start, working_days_between(start, end)) == end


def test_overdue():
	deadline = D("2026-09-30")
	assert working_days_overdue(deadline, D("2026-09-30")) == 0
	assert working_days_overdue(deadline, D("2026-10-07")) == 0  # the holiday week is not late
	assert working_days_overdue(deadline, D("2026-10-08")) == 1
	assert working_days_overdue(deadline, D("2026-10-10")) == 3


# --- a hall's own days -----------------------------------------------------------------------------------


def test_local_days_off():
	# e.g. 壮族三月三 in Guangxi, 2026-04-20 (Monday)
	cal = WorkingCalendar(local_days_off=frozenset({D("2026-04-20"), D("2026-04-21")}))
	assert is_working_day(D("2026-04-20"))
	assert not is_working_day(D("2026-04-20"), cal)
	assert add_working_days(D("2026-04-17"), 2, cal) == D("2026-04-22")
	assert working_days_between(D("2026-04-17"), D("2026-04-22"), cal) == 2


def test_extra_working_days():
	cal = WorkingCalendar(extra_working_days=frozenset({D("2026-03-14")}))
	assert is_working_day(D("2026-03-14"), cal)
	assert add_working_days(D("2026-03-13"), 2, cal) == D("2026-03-14")


def test_same_day_local_off_and_extra_working_is_refused():
	with pytest.raises(CalendarMisconfigured):
		WorkingCalendar(local_days_off={D("2026-03-10")}, extra_working_days={D("2026-03-10")})


def test_from_data_with_iso_strings():
	cal = WorkingCalendar.from_data(
		{
			"name": "钦南区",
			"local_days_off": ["2026-04-20"],
			"extra_working_days": ["2026-03-14"],
			"overrides": {"2027": {"days_off": ["2027-01-01"], "working_days": [], "source": "通知"}},
		}
	)
	assert not is_working_day("2026-04-20", cal)
	assert is_working_day("2026-03-14", cal)
	assert cal.overrides[2027].source == "通知"
	assert cal.year_source(2027) == "override"
	assert cal.year_source(2026) == "library"


# --- years the library does not know -----------------------------------------------------------------------


def unknown_year():
	return max(wd.library_official_years()) + 1


def test_library_knows_2026():
	assert wd.library_knows_year(2026)
	assert NATIONAL.knows_year(2026)


def test_unknown_year_is_an_explicit_error():
	year = unknown_year()
	assert not NATIONAL.knows_year(year)
	with pytest.raises(UnknownCalendarYear) as err:
		is_working_day(dt.date(year, 3, 10))
	assert err.value.year == year
	assert f"{year}年" in str(err.value)
	assert "录入" in str(err.value)


def test_deadline_running_into_an_unknown_year_is_an_error():
	year = unknown_year()
	with pytest.raises(UnknownCalendarYear):
		add_working_days(dt.date(year - 1, 12, 28), 10)


def test_local_day_off_needs_no_year_knowledge():
	year = unknown_year()
	cal = WorkingCalendar(local_days_off={dt.date(year, 3, 10)})
	assert not is_working_day(dt.date(year, 3, 10), cal)


def test_override_makes_a_year_known():
	year = unknown_year()
	# a fictitious notice: Jan 1 (whatever weekday) off, and a make-up Saturday in its first January week
	first_saturday = next(dt.date(year, 1, i) for i in range(1, 8) if dt.date(year, 1, i).weekday() == 5)
	override = YearOverride(year=year, days_off={dt.date(year, 1, 1)}, working_days={first_saturday})
	cal = WorkingCalendar(overrides={year: override})
	assert cal.knows_year(year)
	assert not is_working_day(dt.date(year, 1, 1), cal)
	assert is_working_day(first_saturday, cal)
	assert is_working_day(dt.date(year, 3, 10), cal) == (dt.date(year, 3, 10).weekday() < 5)


def test_override_replaces_the_library_for_its_year():
	# an administrator's correction wins over the installed package: here 2026-10-08 also off
	lib_off = {d for d in wd._library_year(2026)[0]}
	override = YearOverride(
		year=2026, days_off=frozenset(lib_off | {D("2026-10-08")}), working_days=wd._library_year(2026)[1]
	)
	cal = WorkingCalendar(overrides={2026: override})
	assert not is_working_day(D("2026-10-08"), cal)
	assert is_working_day(D("2026-10-10"), cal)
	assert add_working_days(D("2026-09-30"), 2, cal) == D("2026-10-09")


def test_override_rejects_dates_of_another_year():
	with pytest.raises(CalendarMisconfigured):
		YearOverride(year=2027, days_off={D("2026-10-01")})
	with pytest.raises(CalendarMisconfigured):
		YearOverride(year=2026, days_off={D("2026-10-10")}, working_days={D("2026-10-10")})
	with pytest.raises(CalendarMisconfigured):
		WorkingCalendar(overrides={2027: YearOverride(year=2026)})


def test_a_calendar_without_working_days_is_refused():
	cal = WorkingCalendar(
		local_days_off=frozenset(wd.dates(f"2026-03-{i:02d}" for i in range(1, 32)))
		| frozenset(wd.dates(f"2026-04-{i:02d}" for i in range(1, 31)))
	)
	with pytest.raises(CalendarMisconfigured):
		add_working_days(D("2026-03-01"), 1, cal)
