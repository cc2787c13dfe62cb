"""Complaints (zhengwu_hall.rules.complaints): deadlines of 3 / 10 / 30 working days and the 15-working-day appeal
across weekends, 调休 and National Day, refusal and extension requirements, and the consequence thresholds of
seed 001 第四条 and seed 004 第二十二條 per pack. Every expected date below is counted by hand on the 2026 calendar
(National Day 1–7 October off; Sunday 20 September and Saturday 10 October are make-up working days)."""

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from zhengwu_hall.rules import complaints as C
from zhengwu_hall.rules.calendar import WorkingCalendar
from zhengwu_hall.rules.packs import RuleNotConfigured

PACK_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "packs"


def load(slug):
	return json.loads((PACK_DIR / f"{slug}.json").read_text(encoding="utf-8"))[0]


def D(s):
	return dt.date.fromisoformat(s)


QINNAN = load("qinzhou-qinnan")
XX = load("xx-district")


def test_no_frappe_import():
	assert "frappe" not in sys.modules


# --- acceptance ------------------------------------------------------------------------------------------
def test_simple_complaint_is_decided_the_same_working_day():
	assert C.acceptance_due(QINNAN, "2026-03-02 09:00:00", complex_case=False) == D("2026-03-02")


def test_simple_complaint_received_on_a_sunday_is_decided_on_monday():
	assert C.acceptance_due(QINNAN, "2026-03-08 20:00:00", complex_case=False) == D("2026-03-09")


def test_complex_complaint_within_three_working_days_over_a_weekend():
	# received Thursday 5 March: Fri 6 (1), Mon 9 (2), Tue 10 (3)
	assert C.acceptance_due(QINNAN, "2026-03-05 10:00:00", complex_case=True) == D("2026-03-10")


# --- resolution ------------------------------------------------------------------------------------------
def test_general_three_working_days_not_counting_the_day_of_receipt():
	# Monday 2 March: Tue 3, Wed 4, Thu 5
	assert C.resolution_due(QINNAN, "2026-03-02 09:00:00") == D("2026-03-05")


def test_general_across_national_day_and_its_make_up_saturday():
	# received Tuesday 29 September: Wed 30 (1), 1–7 October off, Thu 8 (2), Fri 9 (3)
	assert C.resolution_due(QINNAN, "2026-09-29 09:00:00") == D("2026-10-09")
	# received Friday 9 October: Saturday 10 is a make-up working day (1), Mon 12 (2), Tue 13 (3)
	assert C.resolution_due(QINNAN, "2026-10-09 16:00:00") == D("2026-10-13")


def test_general_across_the_make_up_sunday_before_national_day():
	# received Friday 18 September: Sat 19 off, Sunday 20 is a make-up working day (1), Mon 21 (2), Tue 22 (3)
	assert C.resolution_due(QINNAN, "2026-09-18 09:00:00") == D("2026-09-22")


def test_field_investigation_ten_working_days_over_national_day():
	# received Monday 28 September: 29, 30 (2), Oct 8, 9, 10 (Sat, make-up) (5), 12, 13, 14, 15, 16 (10)
	assert C.resolution_due(QINNAN, "2026-09-28 09:00:00", C.FIELD_INVESTIGATION) == D("2026-10-16")


def test_special_thirty_working_days_only_with_the_extension():
	# received Monday 2 March 2026: 30 working days = six full weeks, Tue 3 March … Mon 13 April?
	# March 3–31 has 21 working days (3–6: 4, 9–13: 5, 16–20: 5, 23–27: 5, 30–31: 2);
	# April: 1, 2, 3 (24), Qingming 4–6 April off (Sun 5, Mon 6 off; Sat 4 off), 7, 8, 9, 10 (28), 13, 14 (30)
	due = C.resolution_due(QINNAN, "2026-03-02 09:00:00", C.GENERAL, extension_approved=True)
	assert due == D("2026-04-14")
	assert C.resolution_limit(QINNAN, C.FIELD_INVESTIGATION, extension_approved=True) == 30
	assert C.resolution_limit(QINNAN, C.GENERAL) == 3


def test_a_local_day_off_of_the_hall_moves_the_deadline():
	cal = WorkingCalendar(name="测试", local_days_off=frozenset({D("2026-03-04")}))
	assert C.resolution_due(QINNAN, "2026-03-02 09:00:00", cal=cal) == D("2026-03-06")


def test_a_pack_without_complaint_deadlines_says_so_in_chinese():
	with pytest.raises(RuleNotConfigured) as e:
		C.resolution_due(XX, "2026-03-02 09:00:00")
	assert "一般投诉办结期限" in str(e.value)
	with pytest.raises(RuleNotConfigured):
		C.appeal_due(load("alxa"), "2026-03-02")


# --- appeal ----------------------------------------------------------------------------------------------
def test_appeal_within_fifteen_working_days_across_national_day():
	# replied Friday 25 September: 28, 29, 30 (3), Oct 8, 9, 10 (Sat) (6), 12–16 (11), 19, 20, 21, 22 (15)
	due = C.appeal_due(QINNAN, "2026-09-25")
	assert due == D("2026-10-22")
	assert C.appeal_allowed(QINNAN, "2026-09-25", "2026-10-22")
	assert not C.appeal_allowed(QINNAN, "2026-09-25", "2026-10-23")
	assert not C.appeal_allowed(QINNAN, "2026-09-25", "2026-09-24")  # before the reply


def test_appeal_over_plain_weekends():
	# replied Monday 2 March: three weeks of five working days → Monday 23 March
	assert C.appeal_due(QINNAN, "2026-03-02") == D("2026-03-23")


# --- remaining days and warnings -------------------------------------------------------------------------
def test_remaining_working_days_counts_after_today():
	assert C.remaining_working_days("2026-03-05", "2026-03-02") == 3
	assert C.remaining_working_days("2026-03-05", "2026-03-05") == 0
	# overdue: Friday 6 and Monday 9 after a Thursday deadline
	assert C.remaining_working_days("2026-03-05", "2026-03-09") == -2
	assert C.is_overdue("2026-03-05", "2026-03-06")
	assert not C.is_overdue("2026-03-05", "2026-03-05")


def test_the_handler_is_warned_on_the_last_working_day_before_the_deadline():
	# deadline Monday 9 March: warned on Friday 6, not on the weekend, not on Thursday
	assert C.is_last_day_before("2026-03-09", "2026-03-06")
	assert not C.is_last_day_before("2026-03-09", "2026-03-05")
	assert not C.is_last_day_before("2026-03-09", "2026-03-07")
	assert not C.is_last_day_before("2026-03-09", "2026-03-09")
	# deadline Thursday 8 October: the last working day before is Wednesday 30 September
	assert C.is_last_day_before("2026-10-08", "2026-09-30")
	assert not C.is_last_day_before("2026-10-08", "2026-10-07")


# --- refusal and extension ---------------------------------------------------------------------------------
def test_a_refusal_needs_a_ground_of_the_regulation_a_channel_and_a_reply():
	assert C.refusal_problems(None, "", "") == ["ground", "channel", "reply"]
	assert C.refusal_problems("Because", "12345", "答复") == ["ground"]
	assert C.refusal_problems(C.OUTSIDE_SCOPE, "请向区市场监管局反映", "已电话告知") == []
	assert len(C.REFUSAL_GROUNDS) == 5


def test_an_extension_needs_a_reason_and_the_written_notice_date():
	assert C.extension_problems("", None, "2026-03-02") == ["reason", "notified_on"]
	assert C.extension_problems("需现场勘验", "2026-03-01", "2026-03-02 09:00:00") == [
		"notified_before_receipt"
	]
	assert C.extension_problems("需现场勘验", "2026-03-03", "2026-03-02 09:00:00") == []


# --- consequences ----------------------------------------------------------------------------------------
def rows(n, year=2026, problem_type="Service Attitude", window="W1", staff="S1"):
	return [C.ComplaintRow(staff, window, D(f"{year}-03-0{i + 1}"), problem_type) for i in range(n)]


def names(hits):
	return sorted(h.consequence for h in hits)


def test_qinnan_two_verified_complaints_have_no_consequence():
	assert C.consequences(QINNAN, "Staff", rows(2), 2026, "Established Staff") == []
	assert C.consequences(QINNAN, "Window", rows(2), 2026) == []


def test_qinnan_three_on_attitude_established_staff_lose_excellent_and_go_to_training():
	hits = C.consequences(QINNAN, "Staff", rows(3), 2026, "Established Staff")
	assert names(hits) == ["Not Eligible for Excellent", "One-Month Off-Post Training"]
	assert all("第四条" in h.source for h in hits)


def test_qinnan_three_on_attitude_contract_staff_are_proposed_for_dismissal():
	hits = C.consequences(QINNAN, "Staff", rows(3), 2026, "Contracted Staff")
	assert names(hits) == ["Dismissal"]  # 优秀 is for 在职在编 staff in 第四条


def test_qinnan_three_on_efficiency_are_not_attitude():
	hits = C.consequences(QINNAN, "Staff", rows(3, problem_type="Efficiency"), 2026, "Established Staff")
	assert names(hits) == ["Not Eligible for Excellent"]


def test_qinnan_staff_counts_per_year_but_windows_cumulatively():
	spread = rows(2, 2025) + rows(1, 2026)
	assert C.consequences(QINNAN, "Staff", spread, 2026, "Established Staff") == []
	window = C.consequences(QINNAN, "Window", spread, 2026)
	assert names(window) == ["Interview Window Head or Replace Staff"]
	assert window[0].count == 3


def test_xx_district_more_than_two():
	assert C.consequences(XX, "Staff", rows(2), 2026, "Contracted Staff") == []
	hits = C.consequences(XX, "Staff", rows(3), 2026, "Contracted Staff")
	assert names(hits) == ["Not Eligible for Excellent"]
	assert hits[0].comparison == "More Than"
	assert C.consequences(XX, "Window", rows(5), 2026) == []


def test_packs_without_thresholds():
	with pytest.raises(RuleNotConfigured):
		C.consequences(load("baofeng"), "Staff", rows(3), 2026)
	assert not C.complaint_thresholds_set(load("baofeng"))
	assert C.complaint_thresholds_set(QINNAN)


def test_counts_by_year_and_event():
	mixed = rows(2, 2026) + rows(1, 2026, "Integrity") + rows(1, 2025)
	assert C.counts(mixed, 2026) == {C.VERIFIED: 3, C.VERIFIED_ATTITUDE: 2}
	assert C.counts(mixed) == {C.VERIFIED: 4, C.VERIFIED_ATTITUDE: 3}
