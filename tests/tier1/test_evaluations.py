"""好差评: scores, bad-review reasons, the rating window, batches, the 刷好评 guard, aggregates and the six metrics
on hand-computed fixtures (seed 001 “好差评”制度)."""

import datetime as dt
import json
from pathlib import Path

import pytest
from zhengwu_hall.rules import evaluations as E
from zhengwu_hall.rules.packs import RuleNotConfigured

PACK_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "packs"


def load(slug):
	return json.loads((PACK_DIR / f"{slug}.json").read_text(encoding="utf-8"))[0]


QINNAN = load("qinzhou-qinnan")


# --- levels and reasons -----------------------------------------------------------------------------------
def test_qinnan_scores_10_8_6_3_0_and_the_last_two_are_bad():
	got = [E.level_score(QINNAN, lv) for lv in E.LEVELS]
	assert got == [(10.0, False), (8.0, False), (6.0, False), (3.0, True), (0.0, True)]


def test_a_pack_without_levels_says_so():
	with pytest.raises(RuleNotConfigured) as e:
		E.level_score(load("liuzhou-chengzhong"), "Satisfied")
	assert "评价等级" in str(e.value)


def test_unknown_level_is_refused():
	with pytest.raises(ValueError):
		E.level_score(QINNAN, "Great")


def test_bad_review_needs_a_reason_option_or_text():
	with pytest.raises(E.BadReviewReasonMissing):
		E.check_bad_reason(True, [], "  ")
	with pytest.raises(E.BadReviewReasonMissing):
		E.check_bad_reason(True, ["", None], None)
	E.check_bad_reason(True, ["态度差"], None)
	E.check_bad_reason(True, [], "排队时间太长")
	E.check_bad_reason(False, [], None)  # a good rating needs no reason


def test_ticked_reasons_must_be_the_packs_options():
	options = ["办事指南不清楚", "等候时间过长"]
	E.check_bad_reason(True, ["等候时间过长"], None, options)
	with pytest.raises(E.BadReviewReasonNotListed, match="随便写的"):
		E.check_bad_reason(True, ["等候时间过长", "随便写的"], None, options)
	with pytest.raises(E.BadReviewReasonNotListed):  # a pack without options: nothing may be ticked
		E.check_bad_reason(True, ["态度差"], None, [])
	E.check_bad_reason(True, [], "其他原因照样可以写", [])
	with pytest.raises(E.BadReviewReasonMissing):
		E.check_bad_reason(True, [" "], "", options)


def test_split_reasons_drops_blanks_and_repeats():
	assert E.split_reasons(" 等候时间过长 \n\n办事指南不清楚\n等候时间过长") == [
		"等候时间过长",
		"办事指南不清楚",
	]
	assert E.split_reasons(None) == []


def test_pack_reason_options_are_optional():
	from zhengwu_hall.rules.packs import bad_review_reasons

	assert bad_review_reasons(None) == []
	assert bad_review_reasons({"jurisdiction": "x", "bad_review_reasons": []}) == []
	pack = {"bad_review_reasons": [{"reason": "态度差", "idx": 2}, {"reason": "等候时间过长", "idx": 1}]}
	assert bad_review_reasons(pack) == ["等候时间过长", "态度差"]


def test_online_channels_use_the_online_indicators():
	assert E.indicators_for("Online One Case One Rating") == E.ONLINE_INDICATORS
	assert E.indicators_for("QR Code") == E.OFFLINE_INDICATORS
	assert E.indicators_for(None) == E.OFFLINE_INDICATORS


# --- the rating window (第十七条) ------------------------------------------------------------------------
def test_rating_deadline_is_five_working_days_after_completion():
	# Fri 2025-09-05 completed: Mon 8 … Fri 12 are the five working days
	assert E.rating_deadline(QINNAN, "2025-09-05", None) == dt.date(2025, 9, 12)


def test_rating_deadline_skips_national_day_and_counts_the_makeup_saturday():
	# Tue 2025-09-30 completed; 10-01..10-08 off; Thu 9, Fri 10, Sat 11 (调休上班), Mon 13, Tue 14
	assert E.rating_deadline(QINNAN, "2025-09-30", None) == dt.date(2025, 10, 14)


def test_a_completed_case_may_be_rated_until_the_deadline_then_it_is_unrated():
	case = {"completed_on": "2025-09-05"}
	E.check_case_rateable(QINNAN, case, "2025-09-12", None)
	with pytest.raises(E.RatingWindowClosed):
		E.check_case_rateable(QINNAN, case, "2025-09-13", None)
	assert not E.is_unrated(QINNAN, case, False, "2025-09-12", None)
	assert E.is_unrated(QINNAN, case, False, "2025-09-13", None)
	assert not E.is_unrated(QINNAN, case, True, "2025-09-13", None)  # rated: never 未评
	assert not E.is_unrated(QINNAN, {"completed_on": None}, False, "2030-01-01", None)


def test_an_overdue_unfinished_case_may_be_rated_a_running_one_not():
	E.check_case_rateable(QINNAN, {"promised_date": "2025-09-10"}, "2025-09-11", None)
	E.check_case_rateable(QINNAN, {"promised_date": "2025-09-30", "is_overdue": 1}, "2025-09-11", None)
	with pytest.raises(E.CaseNotRateable):
		E.check_case_rateable(QINNAN, {"promised_date": "2025-09-10"}, "2025-09-10", None)
	with pytest.raises(E.CaseNotRateable):
		E.check_case_rateable(QINNAN, {}, "2025-09-10", None)


def test_rating_window_unset_in_the_pack():
	with pytest.raises(RuleNotConfigured):
		E.rating_deadline(load("alxa"), "2025-09-05", None)


def test_reminder_once_24_hours_after_completion_when_unrated():
	done = dt.datetime(2025, 9, 5, 10, 0)
	assert not E.reminder_due(QINNAN, done, False, False, dt.datetime(2025, 9, 6, 9, 59))
	assert E.reminder_due(QINNAN, done, False, False, dt.datetime(2025, 9, 6, 10, 0))
	assert not E.reminder_due(QINNAN, done, True, False, dt.datetime(2025, 9, 7))  # rated
	assert not E.reminder_due(QINNAN, done, False, True, dt.datetime(2025, 9, 7))  # reminded already
	# a date alone counts from midnight
	assert E.reminder_due(QINNAN, dt.date(2025, 9, 5), False, False, dt.datetime(2025, 9, 6))


# --- batches (第十五条、第十六条) --------------------------------------------------------------------------
def test_a_batch_covers_one_item_a_theme_may_cover_several():
	E.check_batch([{"service_item": "A"}, {"service_item": "A"}])
	with pytest.raises(E.BatchMixesItems):
		E.check_batch([{"service_item": "A"}, {"service_item": "B"}])
	E.check_batch([{"service_item": "A"}, {"service_item": "B"}], theme=True)
	E.check_batch([])


# --- 刷好评 (第二十六条) --------------------------------------------------------------------------------
def test_a_second_rating_of_one_window_from_one_device_within_30_minutes_is_held():
	now = dt.datetime(2025, 9, 5, 10, 0)
	assert not E.should_hold([], now)
	assert E.should_hold([now - dt.timedelta(minutes=29)], now)
	assert E.should_hold([now - dt.timedelta(minutes=30)], now)
	assert not E.should_hold([now - dt.timedelta(minutes=31)], now)
	assert not E.should_hold([None], now)


def test_suspicious_patterns_per_window():
	rows = [{"service_window": "W1", "device": "d1", "level": "Very Satisfied", "held": 0}] * 4 + [
		{"service_window": "W1", "device": "d2", "level": "Very Satisfied", "held": 1}
	]
	rows += [{"service_window": "W2", "device": f"d{i}", "level": "Satisfied", "held": 0} for i in range(6)]
	rows += [{"service_window": "W3", "device": "x", "level": "Satisfied", "held": 1}]
	got = {s.service_window: s for s in E.suspicious_patterns(rows)}
	assert set(got) == {"W1", "W3"}  # W2: six devices, nothing odd
	assert got["W1"].ratings == 5 and got["W1"].held == 1
	assert got["W1"].top_device_share == 0.8 and got["W1"].praise_share == 1.0
	assert got["W1"].flags == (
		"Held Repeat Ratings",
		"One Device Dominates",
		"Uniform Top Praise From Few Devices",
	)
	# one rating only: not judged on shares, only on the held one
	assert got["W3"].flags == ("Held Repeat Ratings",)


# --- aggregates and metrics (第二十四条, 第六条) ------------------------------------------------------------
def rating(level, score, bad=0, real=0, replied=0, revisited=0, satisfied=0, excluded=0, held=0, **k):
	return {
		"level": level,
		"score": score,
		"is_bad_review": bad,
		"real_name": real,
		"replied": replied,
		"revisited": revisited,
		"revisit_satisfied": satisfied,
		"excluded": excluded,
		"held_for_review": held,
		**k,
	}


FIXTURE = [
	rating("Very Satisfied", 10, staff="S1", dept="D1"),
	rating("Satisfied", 8, staff="S1", dept="D1"),
	rating("Basically Satisfied", 6, staff="S2", dept="D1"),
	# real-name bad review: replied, revisited, satisfied with the fix
	rating("Dissatisfied", 3, bad=1, real=1, replied=1, revisited=1, satisfied=1, staff="S2", dept="D1"),
	# anonymous bad review: replied, revisited, not satisfied
	rating("Very Dissatisfied", 0, bad=1, replied=1, revisited=1, staff="S3", dept="D2"),
	# anonymous bad review, nothing done yet
	rating("Dissatisfied", 3, bad=1, staff="S3", dept="D2"),
	# not counted: malicious (verified) and a held repeat
	rating("Very Dissatisfied", 0, bad=1, excluded=1, staff="S3", dept="D2"),
	rating("Very Satisfied", 10, excluded=1, held=1, staff="S1", dept="D1"),
]


def test_contribution_of_one_rating():
	c = E.contribution(FIXTURE[3])
	assert (c.rated, c.score_sum, c.good, c.low, c.bad, c.bad_real_name) == (1, 3.0, 0, 1, 1, 1)
	assert (c.replied, c.revisited, c.revisited_real_name, c.satisfied, c.satisfied_real_name) == (
		1,
		1,
		1,
		1,
		1,
	)
	held = E.contribution(FIXTURE[7])
	assert held.rated == 0 and held.held == 1 and held.excluded_malicious == 0
	bad = E.contribution(FIXTURE[6])
	assert bad.rated == 0 and bad.bad == 0 and bad.excluded_malicious == 1
	# a revisit without a "satisfied" answer counts as revisited only; a good rating never counts a reply
	assert E.contribution(rating("Satisfied", 8, replied=1)).replied == 0


def test_excluding_a_rating_is_the_exact_negative_of_its_contribution():
	before = FIXTURE[4]
	after = {**before, "excluded": 1}
	d = E.delta(before, after)
	assert d.rated == -1 and d.score_sum == 0 and d.bad == -1 and d.replied == -1 and d.revisited == -1
	assert d.excluded_malicious == 1
	assert E.delta(None, before) == E.contribution(before)
	assert E.delta(before, before) == E.Counts()


def test_six_metrics_hand_computed():
	c = E.total(E.contribution(r) for r in FIXTURE)
	c.unrated = 2
	m = E.metrics(c, "Valid Bad Reviews")
	# counted: 10, 8, 6, 3, 0, 3 -> 6 ratings, 30 points, 3 good (10, 8, 6), 3 bad
	assert (m.rated, m.unrated, m.bad, m.average_score) == (6, 2, 3, 5.0)
	assert m.good_rate == 50.0  # 3 / 6
	assert m.active_good_rate == 37.5  # 3 / (6 + 2)
	assert m.unrated_rate == 25.0  # 2 / 8
	assert m.reply_rate == 66.67  # 2 / 3
	assert m.revisit_rate == 66.67  # 2 revisited / 3 valid bad
	assert m.revisit_satisfaction_rate == 50.0  # 1 / 2
	real = E.metrics(c, "Real-Name Bad Reviews")
	assert real.revisit_rate == 100.0 and real.revisit_satisfaction_rate == 100.0  # the one real-name review
	unknown = E.metrics(c, None)
	assert unknown.revisit_rate is None and unknown.reply_rate == 66.67


def test_empty_set_gives_no_numbers_not_zero():
	m = E.metrics(E.Counts(), "Valid Bad Reviews")
	assert m.rated == 0 and m.average_score is None and m.good_rate is None and m.unrated_rate is None
	assert m.reply_rate is None and m.revisit_rate is None and m.revisit_satisfaction_rate is None
	only_unrated = E.metrics(E.Counts(unrated=3), "Valid Bad Reviews")
	assert only_unrated.unrated_rate == 100.0 and only_unrated.active_good_rate == 0.0
	assert only_unrated.good_rate is None


def test_institution_mean_is_over_all_its_staffs_ratings_not_a_mean_of_means():
	rows = [{**E.contribution(r).__dict__, "staff": r["staff"], "dept": r["dept"]} for r in FIXTURE]
	staff = E.dimension_means(rows, "staff")
	assert staff["S1"].average_score == 9.0  # 10, 8 (the held 10 not counted)
	assert staff["S2"].average_score == 4.5  # 6, 3
	assert staff["S3"].average_score == 1.5  # 0, 3 (the malicious 0 not counted)
	dept = E.dimension_means(rows, "dept")
	assert dept["D1"].average_score == 6.75  # (10+8+6+3)/4
	assert dept["D2"].average_score == 1.5
	# unequal counts: D1 with S1 rated 3 times at 10 -> (30+6+3)/5 = 7.8, mean of means would be (10+4.5)/2
	more = [*rows, {**E.contribution(rating("Very Satisfied", 10)).__dict__, "staff": "S1", "dept": "D1"}]
	more = [r for r in more if not (r["staff"] == "S1" and r["score_sum"] == 8)]
	more.append({**E.contribution(rating("Very Satisfied", 10)).__dict__, "staff": "S1", "dept": "D1"})
	assert E.dimension_means(more, "dept")["D1"].average_score == 7.8
	region = E.dimension_means(rows, None)[None]
	assert region.average_score == 5.0


def test_focus_list_at_basically_satisfied_or_below():
	rows = [{**E.contribution(r).__dict__, "staff": r["staff"]} for r in FIXTURE]
	# S1: 0 of 2 low; S2: 2 of 2 low; S3: 2 of 2 low
	assert E.focus_list(rows, "staff", 50) == [("S2", 2, 2, 100.0), ("S3", 2, 2, 100.0)]
	assert E.focus_list(rows, "staff", 50, min_ratings=3) == []
	assert E.focus_list([], "staff", 0) == []


def test_month_start():
	assert E.month_start("2025-09-30 18:00:00") == dt.date(2025, 9, 1)
	assert E.month_start(dt.datetime(2025, 2, 1, 0, 0)) == dt.date(2025, 2, 1)
