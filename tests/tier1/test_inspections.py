"""Daily inspections: minimum checks per pack, escalation to 整改函, the weekly statistics table."""

import datetime as dt
import json
from pathlib import Path

import pytest
from zhengwu_hall.rules import inspections as I
from zhengwu_hall.rules.packs import RuleNotConfigured

PACK_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "packs"


def load(slug):
	return json.loads((PACK_DIR / f"{slug}.json").read_text(encoding="utf-8"))[0]


def check(idx, slot="", method="On-site Inspection"):
	return {"idx": idx, "time_slot": slot, "method": method}


# --- minimum checks ---------------------------------------------------------------------------------------
def test_liuzhou_needs_three_checks_before_during_and_after_work():
	pack = load("liuzhou-chengzhong")
	req = I.daily_requirement(pack)
	assert req.minimum == 3
	assert req.slots == ("Before Work", "During Work", "Before Closing")
	ok = I.day_compliance(
		pack, [check(1, "Before Work"), check(2, "During Work"), check(6, "Before Closing")]
	)
	assert not ok.below_minimum and ok.done == 3
	# three checks, but none before closing: short by slot
	short = I.day_compliance(
		pack, [check(1, "Before Work"), check(2, "During Work"), check(3, "During Work")]
	)
	assert short.below_minimum and short.missing_slots == ("Before Closing",)


def test_qinzhou_needs_four_random_checks_any_time():
	pack = load("qinzhou-qinnan")
	req = I.daily_requirement(pack)
	assert req.minimum == 4 and req.slots == ()
	assert I.day_compliance(pack, [check(i) for i in (1, 2, 6, 7)]).below_minimum is False
	three = I.day_compliance(pack, [check(i) for i in (1, 2, 6)])
	assert three.below_minimum and three.done == 3


def test_blank_rows_are_no_checks():
	pack = load("qinzhou-qinnan")
	rows = [check(i) for i in (1, 2, 3)] + [check(4, method="")]
	assert I.day_compliance(pack, rows).done == 3


@pytest.mark.parametrize("slug", ["baofeng", "xx-district"])
def test_unset_minimum_is_explicit(slug):
	with pytest.raises(RuleNotConfigured) as e:
		I.daily_requirement(load(slug))
	assert "每个工作日最少检查次数" in str(e.value)


def test_rows_one_to_five_are_morning():
	assert I.row_half(5) == "Morning" and I.row_half(6) == "Afternoon"
	assert I.row_slots(check(7, "Before Closing")) == {"Afternoon", "Before Closing"}


# --- escalation -------------------------------------------------------------------------------------------
def notice(name, window="W1", category="Discipline", found_on="2026-03-02", **values):
	return {"name": name, "service_window": window, "category": category, "found_on": found_on, **values}


def test_same_window_same_category_escalates():
	earlier = [notice("N1", found_on="2026-03-01")]
	assert I.escalation_reasons(notice("N2"), earlier, dt.date(2026, 3, 2)) == (I.REPEATED,)


def test_other_window_or_category_does_not_escalate():
	earlier = [notice("N1", window="W2"), notice("N3", category="Environment"), notice("N2")]
	assert I.escalation_reasons(notice("N2"), earlier, dt.date(2026, 3, 2)) == ()


def test_a_later_notice_does_not_make_an_earlier_one_repeated():
	later = [notice("N9", found_on="2026-03-09")]
	assert I.escalation_reasons(notice("N2"), later, dt.date(2026, 3, 2)) == ()


def test_missed_deadline_escalates():
	open_notice = notice("N1", deadline="2026-03-05", workflow_state="Issued")
	assert I.escalation_reasons(open_notice, [], dt.date(2026, 3, 5)) == ()
	assert I.escalation_reasons(open_notice, [], dt.date(2026, 3, 6)) == (I.OVERDUE,)
	late = notice("N1", deadline="2026-03-05", report_submitted_on="2026-03-06", workflow_state="Verified")
	assert I.escalation_reasons(late, [], dt.date(2026, 3, 20)) == (I.OVERDUE,)
	in_time = notice("N1", deadline="2026-03-05", report_submitted_on="2026-03-05", workflow_state="Verified")
	assert I.escalation_reasons(in_time, [], dt.date(2026, 3, 20)) == ()


# --- weekly table -----------------------------------------------------------------------------------------
def test_weekly_statistics_counts_per_hall_and_week():
	checks = [
		{"hall": "H", "date": "2026-03-02", "method": "On-site Inspection", "record": ""},
		{"hall": "H", "date": "2026-03-03", "method": "Video Monitoring", "record": "未着装", "category": "Appearance", "corrected_on_spot": 1},
		{"hall": "H", "date": "2026-03-06", "method": "On-site Inspection", "record": "脱岗", "category": "Discipline"},
		{"hall": "H", "date": "2026-03-09", "method": "On-site Inspection", "record": "地面不洁", "category": "Environment"},
		{"hall": "H", "date": "2026-03-04", "method": "", "record": ""},  # a blank row
		{"hall": "G", "date": "2026-03-04", "method": "On-site Inspection", "record": ""},
	]  # fmt: skip
	notices = [
		{"hall": "H", "issued_on": "2026-03-06", "verified_on": "2026-03-10"},
		{"hall": "H", "issued_on": "2026-02-20", "verified_on": "2026-03-04"},
	]
	rows = I.weekly_statistics(checks, notices, dt.date(2026, 3, 2), dt.date(2026, 3, 15))
	assert [(r.hall, r.week_start.isoformat()) for r in rows] == [
		("G", "2026-03-02"),
		("H", "2026-03-02"),
		("H", "2026-03-09"),
	]
	h1 = rows[1]
	assert (h1.checks, h1.problems, h1.corrected_on_spot) == (3, 2, 1)
	assert h1.by_category["Appearance"] == 1 and h1.by_category["Discipline"] == 1
	assert h1.by_category["Environment"] == 0
	assert (h1.notices_issued, h1.notices_closed) == (1, 1)
	h2 = rows[2]
	assert (h2.checks, h2.problems, h2.notices_issued, h2.notices_closed) == (1, 1, 0, 1)
	assert h2.week_end == dt.date(2026, 3, 15)


# --- when the weekly table is due -------------------------------------------------------------------------
def test_chengzhong_weekly_deadline_is_friday_four_pm():
	deadline = I.weekly_deadline(load("liuzhou-chengzhong"))
	assert deadline == I.WeeklyDeadline("Friday", dt.time(16, 0))
	hour = dt.timedelta(hours=1)
	friday = dt.datetime(2026, 3, 6, 15, 30)
	assert I.weekly_report_due(deadline, friday, hour)
	assert not I.weekly_report_due(deadline, friday.replace(hour=16, minute=0), hour)
	assert not I.weekly_report_due(deadline, friday.replace(hour=14, minute=59), hour)
	assert not I.weekly_report_due(deadline, dt.datetime(2026, 3, 5, 15, 30), hour)


@pytest.mark.parametrize("slug", ["qinzhou-qinnan", "alxa", "baofeng", "xx-district"])
def test_other_packs_have_no_weekly_deadline(slug):
	assert I.weekly_deadline(load(slug)) is None


# --- quarterly review -------------------------------------------------------------------------------------
def test_hall_ranking_puts_most_problems_first():
	rows = [
		I.WeekRow("A", dt.date(2026, 3, 2), checks=10, problems=1),
		I.WeekRow("B", dt.date(2026, 3, 2), checks=8, problems=3, corrected_on_spot=2),
		I.WeekRow("A", dt.date(2026, 3, 9), checks=10, problems=1, notices_issued=1),
		I.WeekRow("C", dt.date(2026, 3, 9), checks=5, problems=2),
	]
	ranking = I.hall_ranking(rows)
	assert [(r.rank, r.hall, r.problems) for r in ranking] == [(1, "B", 3), (2, "A", 2), (3, "C", 2)]
	assert ranking[1].checks == 20 and ranking[1].notices_issued == 1


def test_repeat_offenders_are_windows_with_the_same_category_twice():
	notices = [notice("1"), notice("2"), notice("3", category="Environment"), notice("4", window="W2")]
	assert I.repeat_offenders(notices) == [("W1", "Discipline", 2)]


def test_monthly_patrol_coverage_of_community_stations():
	patrols = [{"hall": "S1", "kind": "Monthly Patrol"}, {"hall": "S2", "kind": "Self-Check"}]
	assert I.patrol_coverage(["S1", "S2", "S3"], patrols) == (["S1"], ["S2", "S3"])


def test_window_staff_write_only_their_report_while_issued():
	"""Seed 001 日常巡查 第八条(一): the window writes its 整改报告; the rest of the notice is the inspector's."""
	from zhengwu_hall.rules.inspections import window_edit_refusal

	staff = ["Window Staff"]
	assert window_edit_refusal(staff, True, "Issued", ["rectification_report"]) is None
	assert window_edit_refusal(staff, True, "Issued", []) is None  # a transition, nothing else changed
	assert window_edit_refusal(staff, False, "Issued", ["rectification_report"]) == "other_window"
	assert window_edit_refusal(staff, True, "Issued", ["problem"]) == "not_report"
	assert window_edit_refusal(staff, True, "Issued", ["rectification_report", "deadline"]) == "not_report"
	assert window_edit_refusal(staff, True, "Verified", ["rectification_report"]) == "not_report"
	# inspectors, and roles given a transition by an administrator, are not checked as a window
	assert window_edit_refusal([*staff, "Supervisor"], False, "Verified", ["problem"]) is None
	assert window_edit_refusal(["Center Director"], False, "Draft", []) is None
