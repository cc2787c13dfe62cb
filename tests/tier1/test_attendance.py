"""Leave rules: days on the working-day calendar, routing by days for both packs, cover and concurrency guards."""

import datetime as dt
import json
from pathlib import Path

import pytest
from zhengwu_hall.rules.attendance import (
	BadLeaveRange,
	Leave,
	NoWorkingDay,
	cover_problem,
	days_front_desk_absent,
	days_over_window_cap,
	leave_days,
	short_notice,
	window_cap,
)
from zhengwu_hall.rules.calendar import WorkingCalendar
from zhengwu_hall.rules.packs import leave_route

PACK_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "packs"
D = dt.date.fromisoformat


def load(slug):
	return json.loads((PACK_DIR / f"{slug}.json").read_text(encoding="utf-8"))[0]


QN, XX, BAOFENG = load("qinzhou-qinnan"), load("xx-district"), load("baofeng")

# Friday 2026-03-06, the weekend, Monday 2026-03-09 … (no holiday in March 2026)
FRI, SAT, SUN, MON, TUE, WED = (D(f"2026-03-{d:02d}") for d in (6, 7, 8, 9, 10, 11))

# (start, start_afternoon, end, end_noon) → days; the weekend inside every range from Friday does not count
RANGES = {
	0.5: (FRI, True, FRI, False),
	1: (FRI, False, FRI, False),
	1.5: (FRI, True, MON, False),
	2: (FRI, False, MON, False),
	2.5: (FRI, False, TUE, True),
	3: (FRI, False, TUE, False),
}

DEPUTY = "Center Deputy Director"
DIRECTOR = "Center Director"
LEADER = "Government Leader"
LIAISON = "Department Liaison"

EXPECTED_ROUTES = {
	"qinzhou-qinnan": {
		0.5: [(DEPUTY, "Approval")],
		1: [(DEPUTY, "Approval")],
		1.5: [(DEPUTY, "Opinion"), (DIRECTOR, "Approval")],
		2: [(DEPUTY, "Opinion"), (DIRECTOR, "Approval")],
		2.5: [(DEPUTY, "Opinion"), (DIRECTOR, "Opinion"), (LEADER, "Approval")],
		3: [(DEPUTY, "Opinion"), (DIRECTOR, "Opinion"), (LEADER, "Approval")],
	},
	# seed 004 第十六條 is silent between 1 and 2 days: the pack routes them like 2 days (its interpretation note)
	"xx-district": {
		0.5: [(DIRECTOR, "Approval")],
		1: [(DIRECTOR, "Approval")],
		1.5: [(LIAISON, "Opinion"), (DIRECTOR, "Approval")],
		2: [(LIAISON, "Opinion"), (DIRECTOR, "Approval")],
		2.5: [(LIAISON, "Opinion"), (DIRECTOR, "Approval")],
		3: [(LIAISON, "Opinion"), (DIRECTOR, "Approval")],
	},
}


@pytest.mark.parametrize("days", sorted(RANGES))
def test_weekends_inside_the_range_do_not_count(days):
	start, afternoon, end, noon = RANGES[days]
	assert leave_days(start, end, start_afternoon=afternoon, end_noon=noon) == days


@pytest.mark.parametrize("slug", sorted(EXPECTED_ROUTES))
@pytest.mark.parametrize("days", sorted(RANGES))
def test_routing_at_every_boundary(slug, days):
	pack = load(slug)
	start, afternoon, end, noon = RANGES[days]
	counted = leave_days(start, end, start_afternoon=afternoon, end_noon=noon)
	assert [(s.role, s.action) for s in leave_route(pack, counted)] == EXPECTED_ROUTES[slug][days]


def test_a_range_without_a_working_day_is_refused():
	with pytest.raises(NoWorkingDay):
		leave_days(SAT, SUN)


def test_holidays_and_local_days_off_do_not_count():
	# National Day 2026: 1–7 October off
	assert leave_days(D("2026-09-30"), D("2026-10-08")) == 2
	local = WorkingCalendar(local_days_off={MON})
	assert leave_days(FRI, TUE, local) == 2


def test_half_days_on_days_off_are_not_subtracted():
	# starting "in the afternoon" of a Saturday takes nothing off: the Saturday was no day of leave anyway
	assert leave_days(SAT, TUE, start_afternoon=True) == 2


def test_bad_ranges():
	with pytest.raises(BadLeaveRange):
		leave_days(MON, FRI)
	with pytest.raises(BadLeaveRange):
		leave_days(MON, MON, start_afternoon=True, end_noon=True)


def test_short_notice_only_where_the_pack_sets_it():
	assert short_notice(FRI, FRI, QN)  # same day: later than one day ahead (seed 001 AB岗 第三条)
	assert not short_notice(FRI, MON, QN)
	assert not short_notice(SUN, MON, QN)
	assert not short_notice(FRI, FRI, XX)  # xx-district is silent


def test_window_cap_from_the_pack():
	assert window_cap(XX) == 2
	assert window_cap(QN) is None


def test_a_third_person_of_a_window_is_over_the_cap():
	two = [Leave("a", MON, WED), Leave("b", TUE, TUE)]
	assert days_over_window_cap(Leave("c", MON, TUE), two, 2) == [TUE]
	assert days_over_window_cap(Leave("c", MON, MON), two, 2) == []
	# the same person counts once; a silent pack sets no cap
	assert days_over_window_cap(Leave("a", TUE, TUE), two, 2) == []
	assert days_over_window_cap(Leave("c", MON, TUE), two, None) == []


def test_leaves_that_do_not_meet_stay_under_the_cap():
	others = [Leave("a", FRI, FRI), Leave("b", MON, MON)]
	assert days_over_window_cap(Leave("c", FRI, MON), others, 2) == []


def test_front_desk_never_entirely_absent():
	desk = ["a", "b", "c"]
	others = [Leave("a", MON, TUE), Leave("b", TUE, WED)]
	assert days_front_desk_absent(Leave("c", MON, WED), desk, others, BAOFENG) == [TUE]
	assert days_front_desk_absent(Leave("c", WED, WED), desk, others, BAOFENG) == []
	# qinzhou-qinnan's seed does not say so: no such rule there
	assert days_front_desk_absent(Leave("c", MON, WED), desk, others, QN) == []


def test_cover_must_be_a_b_post_of_the_same_window_who_is_present():
	assert cover_problem("a", "W1", "b", "W1", "B Post", False) is None
	assert cover_problem("a", "W1", "a", "W1", "B Post", False) == "self"
	assert cover_problem("a", "W1", "b", "W2", "B Post", False) == "other_window"
	assert cover_problem("a", "W1", "b", "W1", "A Post", False) == "not_b_post"
	assert cover_problem("a", "W1", "b", "W1", "B Post", True) == "on_leave"
	assert cover_problem("a", "W1", "b", "W1", "B Post", False, cover_on_post=False) == "not_on_post"


def test_leave_days_in_a_month_count_only_that_month():
	from zhengwu_hall.rules.attendance import leave_days_in_period

	# Friday 27 to Tuesday 31 March 2026, the afternoon of the 27th: 2.5 days in March, none in April
	start, end = D("2026-03-27"), D("2026-03-31")
	assert leave_days_in_period(start, end, D("2026-03-01"), D("2026-03-31"), start_afternoon=True) == 2.5
	assert leave_days_in_period(start, end, D("2026-04-01"), D("2026-04-30")) == 0
	# Tuesday 31 March to Thursday 2 April, ending at noon: 1 in March, 1.5 in April
	start, end = D("2026-03-31"), D("2026-04-02")
	assert leave_days_in_period(start, end, D("2026-03-01"), D("2026-03-31"), end_noon=True) == 1
	assert leave_days_in_period(start, end, D("2026-04-01"), D("2026-04-30"), end_noon=True) == 1.5


def test_comp_time_threshold_is_unset_in_the_shipped_packs_and_read_when_set():
	from zhengwu_hall.rules.attendance import comp_time_due
	from zhengwu_hall.rules.packs import RuleNotConfigured

	with pytest.raises(RuleNotConfigured) as err:
		comp_time_due(100, QN)  # 第八条 names no number
	assert "补休" in str(err.value)
	pack = dict(QN, extended_service_comp_threshold_hours=8, extended_service_comp_threshold_hours_source="x")
	assert not comp_time_due(8, pack)
	assert comp_time_due(8.5, pack)


def test_duration_in_hours():
	from zhengwu_hall.rules.attendance import duration_hours

	start = dt.datetime(2026, 3, 6, 17, 30)
	assert duration_hours(start, dt.datetime(2026, 3, 6, 18, 15)) == 0.75
	with pytest.raises(ValueError):
		duration_hours(start, start)
