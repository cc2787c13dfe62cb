"""Assessment rules (考核): quarterly scoring, annual grading, the department deduction ledger. No frappe import.

Sources:
- seed 001 绩效考核制度 第四条: the dimensions 工作纪律 / 服务质量 / 廉洁自律 and 德 / 能 / 勤 / 绩; the procedure
  (季度考核: 填报《季度考核自查表》, then the management body scores it and proposes a grade; 年度考核: 综合评审、
  量化评分, 提出考核等次意见, 领导班子审核); 第十条 / 第十一: the grades 优秀 and 不称职;
- seed 001 行政效能投诉管理制度 第四条 and seed 004 第二十二條: verified complaints / criticisms over the pack's
  threshold bar the 优秀 grade (the pack's ``consequence_thresholds``, read by packs.excellence_blockers);
- seed 004 第二十條: a department's annual 2 points, deducted down to zero (扣完為止), scaled proportionally when
  the annual total changes (按比例計算); 第二十一條: the deduction items (pack ``deduction_items``);
  第二十三條: more than 0.3 deducted in a year → not recommended as 先进窗口 / 先进集体.

The scoring scheme is pack data (``assessment_dimensions``: dimension, weight, full score; ``assessment_grades``:
grade, lowest total, excellent). A seed that names the dimensions but no weights leaves the weights empty and
scoring raises RuleNotConfigured: nothing is invented.

All arithmetic is decimal.Decimal (0.1 + 0.2 == 0.3); inputs may be floats from the database and are read
through their shortest repr (Decimal(str(x))), so 0.1 stays 0.1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from zhengwu_hall.rules.packs import (
	RuleNotConfigured,
	excellence_blockers,
	rule_rows,
	rule_value,
)

# points of the ledger are kept to 4 decimals (the items are multiples of 0.05; a rescale by 3/2 or 1/3 of a
# budget yields at most 4 significant decimals worth showing)
POINTS = Decimal("0.0001")
SCORE = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)
NOT_ELIGIBLE_FOR_ADVANCED = "Not Eligible for Advanced Window"

QUARTERS = (1, 2, 3, 4)


def dec(value) -> Decimal:
	"""A Decimal from an int, float, str or Decimal (None → 0); floats through their repr, never their binary."""
	if value is None or value == "":
		return ZERO
	if isinstance(value, Decimal):
		return value
	if isinstance(value, bool):
		return Decimal(int(value))
	if isinstance(value, float):
		return Decimal(repr(value))
	return Decimal(str(value))


def quarter_range(year: int, quarter: int):
	"""(first day, last day) of a calendar quarter."""
	import datetime as dt

	if quarter not in QUARTERS:
		raise ValueError(f"季度必须是1至4，收到 {quarter}")
	start = dt.date(int(year), 3 * quarter - 2, 1)
	end = dt.date(int(year) + 1, 1, 1) if quarter == 4 else dt.date(int(year), 3 * quarter + 1, 1)
	return start, end - dt.timedelta(days=1)


# --- the scoring scheme ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dimension:
	name: str
	weight: Decimal
	full_score: Decimal
	source: str = ""


@dataclass(frozen=True)
class Grade:
	name: str
	min_total: Decimal
	excellent: bool
	source: str = ""


def dimensions(pack: Mapping) -> list[Dimension]:
	"""The pack's assessment dimensions in order; RuleNotConfigured when absent or a weight / full score is unset."""
	rows = rule_rows(pack, "assessment_dimensions")
	out = []
	for row in rows:
		weight, full = row.get("weight"), row.get("full_score")
		if weight in (None, "") or full in (None, "") or dec(full) <= 0:
			raise RuleNotConfigured(
				"assessment_dimensions",
				pack.get("jurisdiction"),
				f"本大厅所属辖区的考核内容“{row.get('dimension')}”未配置权重或满分，"
				"请管理员在辖区规则包的考核评分方案中配置",
			)
		out.append(Dimension(row.get("dimension"), dec(weight), dec(full), row.get("source") or ""))
	if sum((d.weight for d in out), ZERO) <= 0:
		raise RuleNotConfigured(
			"assessment_dimensions",
			pack.get("jurisdiction"),
			"本大厅所属辖区的考核内容权重合计为0，请管理员在辖区规则包的考核评分方案中配置",
		)
	return out


def grades(pack: Mapping) -> list[Grade]:
	"""The pack's grade bands, highest first; RuleNotConfigured when absent or a band has no lowest total."""
	out = []
	for row in rule_rows(pack, "assessment_grades"):
		if row.get("min_total") in (None, ""):
			raise RuleNotConfigured(
				"assessment_grades",
				pack.get("jurisdiction"),
				f"本大厅所属辖区的考核等次“{row.get('grade')}”未配置最低分，请管理员在辖区规则包中配置",
			)
		out.append(
			Grade(
				row.get("grade"),
				dec(row.get("min_total")),
				bool(int(row.get("excellent") or 0)),
				row.get("source") or "",
			)
		)
	return sorted(out, key=lambda g: g.min_total, reverse=True)


class ScoreOutOfRange(ValueError):
	"""A dimension's score is below 0 or above its full score."""


class UnknownDimension(ValueError):
	"""A score names a dimension the pack does not list."""


def weighted_total(pack: Mapping, scores: Mapping[str, object]) -> Decimal:
	"""The total on a 100-point scale: Σ(score / full score × weight) / Σ weight × 100, to 0.01.

	Every dimension of the pack must be scored (a missing one is a ScoreOutOfRange: the scorer must judge all)."""
	dims = dimensions(pack)
	known = {d.name for d in dims}
	for name in scores:
		if name not in known:
			raise UnknownDimension(f"考核内容“{name}”不在本辖区的考核评分方案中")
	total_weight = sum((d.weight for d in dims), ZERO)
	acc = ZERO
	for d in dims:
		if scores.get(d.name) in (None, ""):
			raise ScoreOutOfRange(f"请为考核内容“{d.name}”评分")
		s = dec(scores[d.name])
		if s < 0 or s > d.full_score:
			raise ScoreOutOfRange(f"考核内容“{d.name}”的评分应在0至{d.full_score.normalize()}之间，收到{s}")
		acc += s / d.full_score * d.weight
	return (acc / total_weight * HUNDRED).quantize(SCORE, rounding=ROUND_HALF_UP)


def grade_for(pack: Mapping, total) -> Grade:
	"""The highest band whose lowest total the score reaches; RuleNotConfigured when the score is below all."""
	total = dec(total)
	for g in grades(pack):
		if total >= g.min_total:
			return g
	raise RuleNotConfigured(
		"assessment_grades",
		pack.get("jurisdiction"),
		f"总分{total}低于辖区规则包中所有考核等次的最低分，请管理员配置最低等次（最低分为0）",
	)


# --- annual grading --------------------------------------------------------------------------------------


@dataclass
class AnnualGrade:
	total: Decimal | None  # mean of the quarters' totals
	quarters: int  # confirmed quarters counted
	computed: Grade | None  # the band the total reaches
	grade: Grade | None  # after the excellence bar
	barred: list[Mapping] = field(default_factory=list)  # consequence rows that bar 优秀
	notes: list[str] = field(default_factory=list)


def employment_kind(employment: str | None) -> str | None:
	"""Window Staff employment → the pack's consequence employment ("Established" / "Contract")."""
	return {"Established Staff": "Established", "Contracted Staff": "Contract"}.get(employment or "")


def annual_grade(
	pack: Mapping,
	quarter_totals: Iterable,
	counts: Mapping[str, float] | None = None,
	employment: str | None = None,
	disciplined: bool = False,
) -> AnnualGrade:
	"""The proposed annual grade from the confirmed quarters' totals (their mean, seed 001 绩效考核制度: 年度考核
	根据全年考核情况综合评审、量化评分) and the pack's hard rules.

	- ``counts`` (counted_event → number in the year, e.g. {"Verified Complaint": 3}) against the pack's
	  ``consequence_thresholds``: a band marked excellent is barred and the next lower band proposed;
	- ``disciplined`` (党政纪处分 in the year, seed 004 第二十二條: 考核等次依据有关规定执行) adds a note: the
	  grade is then for the leadership to set under those rules, the proposal stays as computed.
	"""
	totals = [dec(t) for t in quarter_totals if t is not None]
	result = AnnualGrade(None, len(totals), None, None)
	if not totals:
		result.notes.append("本年度没有已确认的季度考核")
		return result
	if len(totals) < len(QUARTERS):
		result.notes.append(f"本年度只有{len(totals)}个季度的考核已确认")
	result.total = (sum(totals, ZERO) / len(totals)).quantize(SCORE, rounding=ROUND_HALF_UP)
	result.computed = grade_for(pack, result.total)
	result.grade = result.computed
	if counts:
		try:
			result.barred = excellence_blockers(pack, counts, employment_kind(employment) or employment)
		except RuleNotConfigured:
			result.barred = []
	if result.barred and result.computed.excellent:
		lower = [g for g in grades(pack) if not g.excellent and g.min_total <= result.computed.min_total]
		result.grade = lower[0] if lower else None
		result.notes.append("不得评为优秀等次：" + "；".join(r.get("source") or "" for r in result.barred))
	if disciplined:
		result.notes.append("受到党政纪处分，考核等次依据有关规定执行")
	return result


# --- the department deduction ledger -------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
	"""A confirmed deduction: the points the pack gave the item when recorded, under the budget of that time."""

	points: Decimal
	budget_at_entry: Decimal
	name: str = ""


@dataclass
class Ledger:
	budget: Decimal
	deducted: Decimal  # points actually taken (never more than the budget: 扣完为止)
	balance: Decimal
	entries: list[tuple[Entry, Decimal]]  # each entry with its points under the current budget
	eligible_for_advanced: bool | None  # None: the pack sets no threshold
	threshold: Decimal | None


def scaled_points(points, budget_at_entry, budget, scale: bool = True) -> Decimal:
	"""Points of an entry under ``budget`` (seed 004 第二十條: 年度總分值有變動的……按比例計算), to 0.0001."""
	points, budget_at_entry, budget = dec(points), dec(budget_at_entry), dec(budget)
	if budget_at_entry <= 0 or budget == budget_at_entry:
		return points.quantize(POINTS, rounding=ROUND_HALF_UP)
	if not scale:
		raise RuleNotConfigured("deduction_scale_with_budget")
	return (points * budget / budget_at_entry).quantize(POINTS, rounding=ROUND_HALF_UP)


def item_points(pack: Mapping, item_code: str) -> Decimal:
	"""Points one occurrence of ``item_code`` costs under the pack's current budget (seed 004 第二十一條)."""
	for row in rule_rows(pack, "deduction_items"):
		if row.get("item_code") == item_code:
			return dec(row.get("points"))
	raise RuleNotConfigured(
		"deduction_items",
		pack.get("jurisdiction"),
		f"本大厅所属辖区的扣分规则中没有“{item_code}”项目，请管理员在辖区规则包中配置",
	)


def advanced_threshold(pack: Mapping) -> tuple[Decimal, str] | None:
	"""The pack's 'Deduction Points' threshold for 先进窗口 (seed 004 第二十三條) and its comparison ("More Than"
	or "At Least"), None when the pack sets none."""
	try:
		rows = rule_rows(pack, "consequence_thresholds")
	except RuleNotConfigured:
		return None
	for row in rows:
		if (
			row.get("subject") == "Department"
			and row.get("counted_event") == "Deduction Points"
			and row.get("consequence") == NOT_ELIGIBLE_FOR_ADVANCED
		):
			return dec(row.get("threshold")), row.get("comparison") or "More Than"
	return None


def ledger(pack: Mapping, entries: Iterable[Entry], budget=None) -> Ledger:
	"""A department's year: budget, points deducted, balance (floor 0), eligibility for 先进窗口 / 先进集体.

	``budget`` is the year's total (default: the pack's ``deduction_annual_budget``); entries recorded under
	another budget scale proportionally when the pack says so. Eligibility compares the exact decimal total with
	the pack's threshold ("超過0.3分": 0.3 itself is still eligible)."""
	pack_budget = dec(rule_value(pack, "deduction_annual_budget"))
	budget = pack_budget if budget is None else dec(budget)
	stop_at_zero = bool(rule_value(pack, "deduction_stop_at_zero"))
	scale = bool(rule_value(pack, "deduction_scale_with_budget"))
	rows = [(e, scaled_points(e.points, e.budget_at_entry, budget, scale)) for e in entries]
	raw = sum((p for _e, p in rows), ZERO)
	deducted = min(raw, budget) if stop_at_zero else raw
	balance = budget - deducted
	rule = advanced_threshold(pack)
	eligible, threshold = None, None
	if rule is not None:
		threshold, comparison = rule
		eligible = not (deducted > threshold if comparison == "More Than" else deducted >= threshold)
	return Ledger(budget, deducted, balance, rows, eligible, threshold)


# --- accountability (责任追究, seed 001) -----------------------------------------------------------------


def allowed_measures(pack: Mapping, severity: str, subject: str) -> list[str]:
	"""The measures the pack's ``accountability_measures`` lists for ``severity`` and ``subject`` (seed 001
	责任追究制 第五条); RuleNotConfigured when the pack has none."""
	rows = rule_rows(pack, "accountability_measures")
	return [r.get("measure") for r in rows if r.get("severity") == severity and r.get("subject") == subject]
