"""好差评 (service evaluation): levels and scores, the rating window, batches, fraud heuristics, the aggregate
contribution of one rating and the six metrics of 第二十四条 with the four-dimension means of 第六条.

No frappe import; every rule takes the hall's pack and plain rows. Sources (seed 001 = 001_17276714a530e7ae.txt,
“好差评”制度):
- 第八条: five levels 非常满意/满意/基本满意/不满意/非常不满意 scored 10/8/6/3/0, the last two are 差评 (the pack's
  evaluation_levels);
- 第六条: four dimensions — window staff; institution = mean of the direct ratings of all staff of its stationed
  windows; business line; region (all institutions of the area);
- 第十五条 batch: one rating for two or more cases of the same item applies to all of them; 第十六条 主题式/一件事
  may be rated as a whole (applies to all linked items) or item by item;
- 第十七条: reminder 24 h after completion when unrated; rating allowed until 5 working days after completion,
  then 未评; a case overdue and not finished may still be rated (pack evaluation_window_wd / _reminder_hours);
- 第十八条: a bad review needs a reason (a listed option or free text);
- 第二十一条: 差评 100% 回复, 有效差评 100% 回访整改 (pack bad_review_reply_rate / _revisit_rate / _revisit_scope);
- 第二十四条: 好评率、主动评价好评率、未评率、差评回复率、差评回访整改率、差评回访整改满意率. The seed names the six
  metrics without formulas; the formulas used here are stated on `Metrics` below;
- 第二十六条: no 刷好评 — repeated ratings from one device or phone for one window in a short time are held;
- 第二十九条: staff (institutions, lines, regions) with ratings concentrated at 基本满意 or below are focus objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from zhengwu_hall.rules.calendar import WorkingCalendar, add_working_days
from zhengwu_hall.rules.packs import (
	EVALUATION_LEVELS,
	RuleNotConfigured,
	evaluation_score,
	is_bad_review,
	rule_value,
)

LEVELS = EVALUATION_LEVELS
# 基本满意 and below (第二十九条 "基本满意以下评价较集中")
LOW_LEVELS = ("Basically Satisfied", "Dissatisfied", "Very Dissatisfied")
# 第九条、第十条 and the 12345 hotline (BRIEF "Service evaluation")
CHANNELS = (
	"Window Evaluator",
	"QR Code",
	"Written Form",
	"Online One Case One Rating",
	"Self-Service Terminal",
	"12345 Hotline",
)
# national 好差评 indicators (GB/T 39734/39735): offline and online
OFFLINE_INDICATORS = ("overall_satisfaction", "service_efficiency", "service_level", "service_attitude")
ONLINE_INDICATORS = ("handling_efficiency", "guide_accuracy", "convenience", "platform_usability")
ONLINE_CHANNELS = ("Online One Case One Rating", "Self-Service Terminal")

# 刷好评 guard (第二十六条). The seed forbids fake praise but sets no number: these are the app's technical
# thresholds for holding a rating for review, not a jurisdiction rule — a held rating is never lost, a supervisor
# releases it.
REPEAT_WINDOW = dt.timedelta(minutes=30)
REPEAT_LIMIT = (
	1  # ratings of one window from one device/phone already inside REPEAT_WINDOW before holding the next
)


class BadReviewReasonMissing(ValueError):
	"""第十八条: a bad review without a reason."""


class BadReviewReasonNotListed(ValueError):
	"""第十八条: a ticked reason that is not one of the pack's options (a forged post)."""


class RatingWindowClosed(ValueError):
	"""第十七条: the case was completed more than the pack's working days ago (it is 未评 now)."""


class CaseNotRateable(ValueError):
	"""第十七条: a case neither completed nor overdue cannot be rated yet."""


class BatchMixesItems(ValueError):
	"""第十五条: a batch rating covers cases of one and the same item."""


# --- one rating -----------------------------------------------------------------------------------------


def level_score(pack: Mapping, level: str) -> tuple[float, bool]:
	"""(score, is_bad_review) of ``level`` from the pack's evaluation_levels (第八条); RuleNotConfigured if unset."""
	if level not in LEVELS:
		raise ValueError(f"未知的评价等级：{level}")
	return float(evaluation_score(pack, level)), is_bad_review(pack, level)


def check_bad_reason(
	is_bad: bool,
	reasons: Iterable[str] = (),
	other_reason: str | None = None,
	options: Iterable[str] | None = None,
) -> None:
	"""第十八条: a bad review must tick a reason option or write another reason. ``options`` (the pack's list,
	``packs.bad_review_reasons``) bounds what may be ticked; None skips that check."""
	ticked = [r.strip() for r in reasons if (r or "").strip()]
	if options is not None:
		unknown = [r for r in ticked if r not in set(options)]
		if unknown:
			raise BadReviewReasonNotListed(f"差评原因“{unknown[0]}”不在本辖区的原因选项中")
	if is_bad and not ticked and not (other_reason or "").strip():
		raise BadReviewReasonMissing("选择“不满意”或“非常不满意”时，请勾选差评原因或填写其他原因")


def split_reasons(text: str | None) -> list[str]:
	"""The ticked reasons as stored (one a line), without blanks and repeats, in order."""
	out = []
	for line in (text or "").splitlines():
		line = line.strip()
		if line and line not in out:
			out.append(line)
	return out


def indicators_for(channel: str | None) -> tuple[str, ...]:
	"""The indicator sub-ratings of a channel: the online set for 一事一评 channels, the offline set otherwise."""
	return ONLINE_INDICATORS if channel in ONLINE_CHANNELS else OFFLINE_INDICATORS


# --- the rating window (第十七条) -------------------------------------------------------------------------


def _date(value) -> dt.date | None:
	if value is None or value == "":
		return None
	if isinstance(value, dt.datetime):
		return value.date()
	if isinstance(value, dt.date):
		return value
	return dt.date.fromisoformat(str(value)[:10])


def rating_deadline(pack: Mapping, completed_on, cal: WorkingCalendar) -> dt.date:
	"""The last day a completed case may be rated: the pack's working days counted after the completion day."""
	days = rule_value(pack, "evaluation_window_wd")
	return add_working_days(_date(completed_on), int(days), cal, include_start=False)


def check_case_rateable(pack: Mapping, case: Mapping, on, cal: WorkingCalendar) -> None:
	"""Raise when ``case`` (completed_on, promised_date, is_overdue) may not be rated on ``on``.

	- completed: until rating_deadline, then RatingWindowClosed;
	- not completed: only when overdue (past promised_date or flagged), else CaseNotRateable.
	"""
	on = _date(on)
	completed = _date(case.get("completed_on"))
	if completed:
		if on > rating_deadline(pack, completed, cal):
			raise RatingWindowClosed("该办件办结已超过可评价期限，已记为“未评”，不能再评价")
		return
	promised = _date(case.get("promised_date"))
	if int(case.get("is_overdue") or 0) or (promised and on > promised):
		return
	raise CaseNotRateable("该办件尚未办结，办结后（或超期未办结时）方可评价")


def is_unrated(pack: Mapping, case: Mapping, rated: bool, on, cal: WorkingCalendar) -> bool:
	"""A completed case not rated by the end of its rating window is 未评 from the next day on."""
	completed = _date(case.get("completed_on"))
	return bool(completed) and not rated and _date(on) > rating_deadline(pack, completed, cal)


def reminder_due(pack: Mapping, completed_at, rated: bool, reminded: bool, now: dt.datetime) -> bool:
	"""第十七条: remind once when a completed case is still unrated ``evaluation_reminder_hours`` after completion."""
	hours = rule_value(pack, "evaluation_reminder_hours")
	if rated or reminded or not completed_at:
		return False
	if not isinstance(completed_at, dt.datetime):
		completed_at = dt.datetime.combine(_date(completed_at), dt.time())
	return now >= completed_at + dt.timedelta(hours=int(hours))


# --- batches (第十五条, 第十六条) --------------------------------------------------------------------------


def check_batch(cases: Iterable[Mapping], theme: bool = False) -> None:
	"""A batch rating covers cases of one item (第十五条); a 主题式/一件事 rating (``theme``) may cover several items
	rated as a whole (第十六条)."""
	items = {c.get("service_item") for c in cases}
	if not theme and len(items) > 1:
		raise BatchMixesItems(
			"批量评价只适用于同一事项的多笔业务；不同事项请分别评价，或按“一件事”主题整体评价"
		)


# --- 刷好评 (第二十六条) ----------------------------------------------------------------------------------


def should_hold(earlier: Iterable, now: dt.datetime, window: dt.timedelta = REPEAT_WINDOW) -> bool:
	"""Hold a rating for review when the same device/phone already rated the same window ``REPEAT_LIMIT`` times
	within ``window`` before ``now``. ``earlier`` are those earlier ratings' times."""
	recent = [t for t in earlier if t is not None and now - window <= t <= now]
	return len(recent) >= REPEAT_LIMIT


@dataclass(frozen=True)
class WindowSuspicion:
	service_window: str
	ratings: int
	held: int
	top_device_share: float  # share of the window's ratings from its most frequent device
	praise_share: float  # share at 非常满意
	flags: tuple[str, ...]


def suspicious_patterns(rows: Iterable[Mapping], min_ratings: int = 5) -> list[WindowSuspicion]:
	"""Per window: held ratings, one device dominating, uniform top praise. ``rows``: service_window, device,
	level, held. Windows with fewer than ``min_ratings`` are not judged on shares (too few to mean anything)."""
	by_window: dict[str, list[Mapping]] = {}
	for r in rows:
		by_window.setdefault(r.get("service_window") or "", []).append(r)
	out = []
	for window, items in sorted(by_window.items()):
		n = len(items)
		held = sum(1 for r in items if int(r.get("held") or 0))
		devices: dict[str, int] = {}
		for r in items:
			if r.get("device"):
				devices[r["device"]] = devices.get(r["device"], 0) + 1
		top = max(devices.values()) / n if devices else 0.0
		praise = sum(1 for r in items if r.get("level") == "Very Satisfied") / n
		flags = []
		if held:
			flags.append("Held Repeat Ratings")
		if n >= min_ratings and top >= 0.5:
			flags.append("One Device Dominates")
		if n >= min_ratings and praise == 1.0 and top >= 0.3:
			flags.append("Uniform Top Praise From Few Devices")
		if flags:
			out.append(WindowSuspicion(window, n, held, round(top, 4), round(praise, 4), tuple(flags)))
	return out


# --- aggregates -----------------------------------------------------------------------------------------


@dataclass
class Counts:
	"""Sums kept per (month, hall, window, staff, department, line); every metric derives from them."""

	rated: int = 0  # counted ratings (not excluded)
	score_sum: float = 0.0
	good: int = 0  # counted, not a bad review (第八条)
	low: int = 0  # counted, at 基本满意 or below (第二十九条)
	bad: int = 0  # counted bad reviews (= valid bad reviews)
	bad_real_name: int = 0
	replied: int = 0
	revisited: int = 0
	revisited_real_name: int = 0
	satisfied: int = 0  # revisited, rater satisfied with the fix
	satisfied_real_name: int = 0
	unrated: int = 0  # completed cases recorded 未评
	held: int = 0  # held for review (刷好评 guard), not counted
	excluded_malicious: int = 0  # verified malicious, not counted

	def add(self, other: Counts | Mapping, sign: int = 1) -> Counts:
		for f in fields(self):
			value = other[f.name] if isinstance(other, Mapping) else getattr(other, f.name)
			setattr(self, f.name, getattr(self, f.name) + sign * (value or 0))
		return self


COUNT_FIELDS = tuple(f.name for f in fields(Counts))


def contribution(row: Mapping) -> Counts:
	"""What one Service Evaluation adds to its aggregate row. ``row``: excluded, held_for_review, level, score,
	is_bad_review, real_name, replied, revisited, revisit_satisfied."""
	c = Counts()
	if int(row.get("excluded") or 0):
		if int(row.get("held_for_review") or 0):
			c.held = 1
		else:
			c.excluded_malicious = 1
		return c
	bad = bool(int(row.get("is_bad_review") or 0))
	real = bool(int(row.get("real_name") or 0))
	c.rated = 1
	c.score_sum = float(row.get("score") or 0)
	c.good = int(not bad)
	c.low = int(row.get("level") in LOW_LEVELS)
	if bad:
		c.bad = 1
		c.bad_real_name = int(real)
		c.replied = int(bool(int(row.get("replied") or 0)))
		revisited = bool(int(row.get("revisited") or 0))
		satisfied = revisited and bool(int(row.get("revisit_satisfied") or 0))
		c.revisited = int(revisited)
		c.revisited_real_name = int(revisited and real)
		c.satisfied = int(satisfied)
		c.satisfied_real_name = int(satisfied and real)
	return c


def delta(before: Mapping | None, after: Mapping | None) -> Counts:
	"""The change an edit makes to the aggregates (a new rating: before None)."""
	d = Counts()
	if after is not None:
		d.add(contribution(after))
	if before is not None:
		d.add(contribution(before), -1)
	return d


def total(rows: Iterable[Mapping | Counts]) -> Counts:
	c = Counts()
	for r in rows:
		c.add(r)
	return c


# --- metrics (第二十四条) -------------------------------------------------------------------------------


def _ratio(num: float, den: float) -> float | None:
	return None if not den else round(100.0 * num / den, 2)


@dataclass(frozen=True)
class Metrics:
	"""Percentages (None when the denominator is empty):

	- 好评率 good_rate = good / rated
	- 主动评价好评率 active_good_rate = good / (rated + unrated): good ratings over every service that should have been
	  rated — a case left 未评 counts against it (nothing is assumed 好评 by default)
	- 未评率 unrated_rate = unrated / (rated + unrated)
	- 差评回复率 reply_rate = replied / bad
	- 差评回访整改率 revisit_rate = revisited / bad in scope (pack bad_review_revisit_scope: all valid bad reviews,
	  or the real-name ones)
	- 差评回访整改满意率 revisit_satisfaction_rate = satisfied / revisited (same scope)
	- average_score = score_sum / rated (第六条)
	"""

	rated: int
	unrated: int
	bad: int
	average_score: float | None
	good_rate: float | None
	active_good_rate: float | None
	unrated_rate: float | None
	reply_rate: float | None
	revisit_rate: float | None
	revisit_satisfaction_rate: float | None


REAL_NAME_SCOPE = "Real-Name Bad Reviews"


def revisit_scope(pack: Mapping) -> str:
	return rule_value(pack, "bad_review_revisit_scope")


def metrics(c: Counts, scope: str | None = None) -> Metrics:
	"""The six metrics of ``c``; ``scope`` is the pack's bad_review_revisit_scope (None: the revisit metrics are
	unknown — the pack does not say which bad reviews must be revisited)."""
	if scope == REAL_NAME_SCOPE:
		due, revisited, satisfied = c.bad_real_name, c.revisited_real_name, c.satisfied_real_name
	else:
		due, revisited, satisfied = c.bad, c.revisited, c.satisfied
	known = scope is not None
	return Metrics(
		rated=c.rated,
		unrated=c.unrated,
		bad=c.bad,
		average_score=None if not c.rated else round(c.score_sum / c.rated, 2),
		good_rate=_ratio(c.good, c.rated),
		active_good_rate=_ratio(c.good, c.rated + c.unrated),
		unrated_rate=_ratio(c.unrated, c.rated + c.unrated),
		reply_rate=_ratio(c.replied, c.bad),
		revisit_rate=_ratio(revisited, due) if known else None,
		revisit_satisfaction_rate=_ratio(satisfied, revisited) if known else None,
	)


def scope_or_none(pack: Mapping | None) -> str | None:
	try:
		return revisit_scope(pack) if pack else None
	except RuleNotConfigured:
		return None


# --- dimensions (第六条) and focus objects (第二十九条) -----------------------------------------------------


def dimension_means(rows: Iterable[Mapping], key: str | None) -> dict[str | None, Metrics]:
	"""Group aggregate rows (each with the Counts fields and the dimension columns) by ``key`` and give each group
	its metrics; the mean score of a group is the mean of all its direct ratings (第六条), not a mean of means."""
	groups: dict[str | None, Counts] = {}
	for r in rows:
		groups.setdefault(r.get(key) if key else None, Counts()).add(r)
	return {k: metrics(c) for k, c in groups.items()}


def focus_list(rows: Iterable[Mapping], key: str, min_share: float, min_ratings: int = 1) -> list[tuple]:
	"""(key, rated, low, low share %) of the groups whose share of ratings at 基本满意 or below reaches
	``min_share`` percent with at least ``min_ratings`` ratings, worst first (第二十九条)."""
	groups: dict[str, Counts] = {}
	for r in rows:
		if r.get(key):
			groups.setdefault(r[key], Counts()).add(r)
	out = []
	for k, c in groups.items():
		if c.rated >= max(min_ratings, 1):
			share = 100.0 * c.low / c.rated
			if share >= min_share:
				out.append((k, c.rated, c.low, round(share, 2)))
	return sorted(out, key=lambda t: (-t[3], -t[2], t[0]))


def month_start(value) -> dt.date:
	d = _date(value)
	return d.replace(day=1)
