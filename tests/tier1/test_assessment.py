"""Assessment rules (zhengwu_hall.rules.assessment): scoring and grading from pack data, the deduction ledger with
exact decimals, the excellence bars. Every expected value is computed by hand in the comment next to it."""

import copy
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from zhengwu_hall.rules import assessment as A
from zhengwu_hall.rules.packs import RuleNotConfigured, check_pack

PACKS = Path(__file__).resolve().parents[2] / "fixtures" / "packs"
D = Decimal


def load(slug):
	return json.loads((PACKS / f"{slug}.json").read_text(encoding="utf-8"))[0]


def scheme(pack=None):
	"""qinzhou-qinnan's seven dimensions with weights an administrator configured (the seed gives none)."""
	pack = copy.deepcopy(pack or load("qinzhou-qinnan"))
	weights = {
		"工作纪律": 20,
		"服务质量": 20,
		"廉洁自律": 20,
		"德": 10,
		"能": 10,
		"勤": 10,
		"绩": 10,
	}
	for row in pack["assessment_dimensions"]:
		row["weight"], row["full_score"] = weights[row["dimension"]], 10
	pack["assessment_grades"] = [
		{"grade": "优秀", "min_total": 90, "excellent": 1, "source": "本地考核方案"},
		{"grade": "称职", "min_total": 70, "excellent": 0, "source": "本地考核方案"},
		{
			"grade": "基本称职",
			"min_total": 60,
			"excellent": 0,
			"source": "本地考核方案",
		},
		{"grade": "不称职", "min_total": 0, "excellent": 0, "source": "本地考核方案"},
	]
	return pack


ALL_TEN = {d: 10 for d in ("工作纪律", "服务质量", "廉洁自律", "德", "能", "勤", "绩")}


# --- decimals --------------------------------------------------------------------------------------------


def test_decimal_reading_has_no_float_drift():
	assert A.dec(0.1) + A.dec(0.2) == D("0.3")
	assert 0.1 + 0.2 != 0.3  # what the ledger must not do
	assert A.dec(None) == 0
	assert A.dec("0.05") == D("0.05")


def test_quarter_range():
	assert A.quarter_range(2026, 1) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
	assert A.quarter_range(2026, 4) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
	with pytest.raises(ValueError):
		A.quarter_range(2026, 5)


# --- scoring ---------------------------------------------------------------------------------------------


def test_shipped_scheme_names_the_dimensions_but_scoring_is_not_configured():
	pack = load("qinzhou-qinnan")
	assert [r["dimension"] for r in pack["assessment_dimensions"]] == list(ALL_TEN)
	with pytest.raises(RuleNotConfigured) as e:
		A.weighted_total(pack, ALL_TEN)
	assert "权重" in str(e.value)
	with pytest.raises(RuleNotConfigured):
		A.grade_for(pack, 95)
	with pytest.raises(RuleNotConfigured):
		A.weighted_total(load("xx-district"), {})


def test_weighted_total_by_hand():
	pack = scheme()
	assert A.weighted_total(pack, ALL_TEN) == D("100.00")
	# 工作纪律 8/10*20=16, 服务质量 9/10*20=18, 廉洁自律 10/10*20=20, 德 7/10*10=7, 能 6/10*10=6, 勤 10, 绩 5 → 82
	scores = {
		"工作纪律": 8,
		"服务质量": 9,
		"廉洁自律": 10,
		"德": 7,
		"能": 6,
		"勤": 10,
		"绩": 5,
	}
	assert A.weighted_total(pack, scores) == D("82.00")
	# 0.1 steps stay exact: 工作纪律 9.9/10*20 = 19.8 and the rest full → 99.80
	assert A.weighted_total(pack, {**ALL_TEN, "工作纪律": 9.9}) == D("99.80")


def test_weights_that_do_not_sum_to_100_are_normalised():
	pack = scheme()
	for row in pack["assessment_dimensions"]:
		row["weight"] = 1  # seven equal weights
	# six dimensions full, 绩 at 3/10: (6 + 0.3) / 7 * 100 = 90.0
	assert A.weighted_total(pack, {**ALL_TEN, "绩": 3}) == D("90.00")


def test_a_missing_or_out_of_range_score_is_refused():
	pack = scheme()
	with pytest.raises(A.ScoreOutOfRange):
		A.weighted_total(pack, {k: v for k, v in ALL_TEN.items() if k != "绩"})
	with pytest.raises(A.ScoreOutOfRange):
		A.weighted_total(pack, {**ALL_TEN, "绩": 10.5})
	with pytest.raises(A.ScoreOutOfRange):
		A.weighted_total(pack, {**ALL_TEN, "绩": -1})
	with pytest.raises(A.UnknownDimension):
		A.weighted_total(pack, {**ALL_TEN, "其他": 1})


def test_grade_bands():
	pack = scheme()
	assert A.grade_for(pack, 90).name == "优秀"  # the lowest total of a band is in it
	assert A.grade_for(pack, D("89.99")).name == "称职"
	assert A.grade_for(pack, 60).name == "基本称职"
	assert A.grade_for(pack, D("59.99")).name == "不称职"
	pack["assessment_grades"] = pack["assessment_grades"][:3]  # no band from 0
	with pytest.raises(RuleNotConfigured):
		A.grade_for(pack, 10)


def test_configured_scheme_passes_the_pack_lint_as_a_desk_document():
	assert check_pack(scheme(), fixture=False) == []


# --- annual grading and the excellence bars -------------------------------------------------------------


def test_annual_total_is_the_mean_of_the_quarters():
	pack = scheme()
	result = A.annual_grade(pack, [92, 88, 95, 91])  # 366 / 4 = 91.5
	assert result.total == D("91.50")
	assert result.grade.name == "优秀" and result.quarters == 4 and result.notes == []


def test_fewer_quarters_are_noted():
	result = A.annual_grade(scheme(), [92, None, 95])
	assert result.total == D("93.50") and result.quarters == 2
	assert any("2个季度" in n for n in result.notes)
	assert A.annual_grade(scheme(), []).grade is None


def test_three_verified_complaints_bar_excellence_for_established_staff_in_qinnan():
	# seed 001 投诉 第四条: 年内被投诉 3 次以上并经查实的在职在编人员 → not 优秀 ("以上" includes 3)
	pack = scheme()
	result = A.annual_grade(pack, [95] * 4, {"Verified Complaint": 3}, "Established Staff")
	assert result.computed.name == "优秀" and result.grade.name == "称职"
	assert result.barred and "不得评为优秀" in result.notes[0]
	# two are not enough
	assert A.annual_grade(pack, [95] * 4, {"Verified Complaint": 2}, "Established Staff").grade.name == "优秀"
	# the qinnan row names 在职在编 staff only
	assert A.annual_grade(pack, [95] * 4, {"Verified Complaint": 3}, "Contracted Staff").grade.name == "优秀"


def test_more_than_two_in_xx_district():
	# seed 004 第二十二條: 超過2次 → 3 bars, 2 does not; applies to any staff
	pack = scheme(
		load("xx-district") | {"assessment_dimensions": load("qinzhou-qinnan")["assessment_dimensions"]}
	)
	assert A.annual_grade(pack, [95] * 4, {"Verified Complaint": 2}, "Contracted Staff").grade.name == "优秀"
	barred = A.annual_grade(pack, [95] * 4, {"Verified Complaint": 3}, "Contracted Staff")
	assert barred.grade.name == "称职"
	criticised = A.annual_grade(pack, [95] * 4, {"Circulated Criticism": 3})
	assert criticised.grade.name == "称职"


def test_a_bar_does_not_lower_a_grade_below_excellent_and_discipline_is_noted():
	pack = scheme()
	result = A.annual_grade(pack, [75] * 4, {"Verified Complaint": 5}, "Established Staff", disciplined=True)
	assert result.grade.name == "称职"
	assert any("党政纪处分" in n for n in result.notes)


# --- the deduction ledger (xx-district, seed 004 第二十條至第二十三條) ------------------------------------


def entries(*points, budget=2):
	return [A.Entry(A.dec(p), A.dec(budget), f"KF-{i}") for i, p in enumerate(points)]


def test_item_points_from_the_pack():
	pack = load("xx-district")
	assert A.item_points(pack, "late_or_absent_found") == D("0.2")
	assert A.item_points(pack, "messy_desk") == D("0.05")
	with pytest.raises(RuleNotConfigured):
		A.item_points(pack, "no_such_item")
	with pytest.raises(RuleNotConfigured):
		A.item_points(load("qinzhou-qinnan"), "messy_desk")


def test_balance_is_exact():
	pack = load("xx-district")
	ledger = A.ledger(pack, entries(0.1, 0.2))  # 0.1 + 0.2 = 0.3 exactly
	assert ledger.deducted == D("0.3") and ledger.balance == D("1.7")
	assert ledger.eligible_for_advanced is True  # 超過0.3分: 0.3 itself is not over


def test_more_than_point_three_is_not_eligible():
	pack = load("xx-district")
	# two findings (0.2 + 0.05) and one verified complaint (0.1) = 0.35 > 0.3
	ledger = A.ledger(pack, entries(0.2, 0.05, 0.1))
	assert ledger.deducted == D("0.35") and ledger.balance == D("1.65")
	assert ledger.eligible_for_advanced is False and ledger.threshold == D("0.3")


def test_balance_never_goes_below_zero():
	pack = load("xx-district")
	ledger = A.ledger(pack, entries(*[0.3] * 7))  # 2.1 raw, 扣完为止
	assert ledger.deducted == D("2") and ledger.balance == D("0")
	exactly = A.ledger(pack, entries(*[0.2] * 10))
	assert exactly.balance == D("0")


def test_budget_change_rescales_existing_deductions():
	pack = load("xx-district")
	# recorded under 2 points, the year's total becomes 3: 0.2 * 3/2 = 0.3, 0.1 * 3/2 = 0.15
	ledger = A.ledger(pack, entries(0.2, 0.1), budget=3)
	assert [p for _e, p in ledger.entries] == [D("0.3"), D("0.15")]
	assert ledger.deducted == D("0.45") and ledger.balance == D("2.55")
	# down to 1 point: 0.2 → 0.1, 0.1 → 0.05
	assert A.ledger(pack, entries(0.2, 0.1), budget=1).deducted == D("0.15")
	# a third: 0.1 * 2/3 = 0.0667 (4 decimals, half up)
	assert A.scaled_points(0.1, 3, 2) == D("0.0667")


def test_rescale_needs_the_pack_rule():
	pack = load("xx-district")
	pack["deduction_scale_with_budget"] = 0
	with pytest.raises(RuleNotConfigured):
		A.scaled_points(0.1, 2, 3, scale=False)
	assert A.scaled_points(0.1, 2, 2, scale=False) == D("0.1")


def test_ledger_without_deduction_rules_is_not_configured():
	with pytest.raises(RuleNotConfigured):
		A.ledger(load("qinzhou-qinnan"), entries(0.1))


def test_eligibility_is_none_without_a_threshold():
	pack = load("xx-district")
	pack["consequence_thresholds"] = [
		r for r in pack["consequence_thresholds"] if r["counted_event"] != "Deduction Points"
	]
	assert A.ledger(pack, entries(0.5)).eligible_for_advanced is None


# --- accountability ---------------------------------------------------------------------------------------


def test_measures_by_severity_and_person():
	pack = load("qinzhou-qinnan")
	assert A.allowed_measures(pack, "Minor", "Post Responsible Person") == ["告诫"]
	assert "调离岗位" in A.allowed_measures(pack, "Serious", "Post Responsible Person")
	assert "辞退" in A.allowed_measures(pack, "Severe", "Post Responsible Person")
	assert "辞退" not in A.allowed_measures(pack, "Severe", "Window Chief Representative")
	assert A.allowed_measures(pack, "Minor", "Management Leader") == []
	with pytest.raises(RuleNotConfigured):
		A.allowed_measures(load("xx-district"), "Minor", "Post Responsible Person")


def test_employment_kind():
	assert A.employment_kind("Established Staff") == "Established"
	assert A.employment_kind("Contracted Staff") == "Contract"
	assert A.employment_kind(None) is None
