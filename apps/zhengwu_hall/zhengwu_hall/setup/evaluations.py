"""好差评 on the site: the maintained aggregates, the bad-review work order, the 第十七条 scheduler and the data the
reports read. The rules themselves are in ``zhengwu_hall.rules.evaluations``.

Aggregates (Service Evaluation Aggregate): one row per (month, hall, window, staff, department, business line)
holding the sums of ``rules.evaluations.Counts``. A rating adds its contribution when inserted; any later change
that alters it (excluded as malicious, released after review, replied, revisited) applies the difference
``delta(before, after)``; a case recorded 未评 adds one ``unrated``. Each change is one
``INSERT … ON DUPLICATE KEY UPDATE x = x + delta`` on the row's deterministic name, in the same transaction as
the rating, so a rollback undoes both. ``rebuild_aggregates()`` recomputes every row from the raw ratings
(bench zhengwu-rebuild-rating-aggregates) and ``compare_aggregates()`` says where the two differ.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import frappe
from frappe import _
from frappe.query_builder import Criterion
from frappe.query_builder.functions import Count, IfNull, Sum
from frappe.utils import get_datetime, getdate, now_datetime
from pypika.terms import Case, Values

from zhengwu_hall.rules import evaluations as rules
from zhengwu_hall.rules.packs import RuleNotConfigured, is_set, rule_value
from zhengwu_hall.setup.calendar import get_working_calendar, translated_calendar_errors
from zhengwu_hall.setup.packs import get_pack, get_pack_for_hall, resolve_pack_for_hall
from zhengwu_hall.setup.permissions import users_with_role_at

AGGREGATE = "Service Evaluation Aggregate"
EVALUATION = "Service Evaluation"
TRACKER = "Case Rating Tracker"
KEY_FIELDS = ("service_hall", "service_window", "staff", "stationed_department", "business_line")


class EvaluationRuleNotConfigured(frappe.ValidationError):
	pass


def pack_for_hall(hall: str) -> dict | None:
	resolution = resolve_pack_for_hall(hall)
	return get_pack(resolution.pack) if resolution else None


def throw_rule(e: RuleNotConfigured):
	frappe.throw(_(str(e)), EvaluationRuleNotConfigured)


# --- aggregates -----------------------------------------------------------------------------------------


def aggregate_name(month, key: dict) -> str:
	raw = "|".join([str(month)] + [key.get(f) or "" for f in KEY_FIELDS])
	return hashlib.sha1(raw.encode()).hexdigest()[:20]


def key_of(row) -> dict:
	return {f: row.get(f) or None for f in KEY_FIELDS}


def apply_delta(month, key: dict, counts: rules.Counts) -> None:
	"""Add ``counts`` to the aggregate row of (month, key), creating it when missing."""
	values = {f: getattr(counts, f) for f in rules.COUNT_FIELDS}
	if not any(values.values()):
		return
	now = now_datetime()
	agg = frappe.qb.DocType(AGGREGATE)
	row = {
		"name": aggregate_name(month, key),
		"month": month,
		**key,
		**values,
		"creation": now,
		"modified": now,
		"owner": "Administrator",
		"modified_by": "Administrator",
	}
	query = frappe.qb.into(agg).columns(*row.keys()).insert(*row.values())
	for f in rules.COUNT_FIELDS:
		query = query.on_duplicate_key_update(agg[f], agg[f] + Values(agg[f]))
	query = query.on_duplicate_key_update(agg.modified, Values(agg.modified))
	query.run()


def evaluation_state(doc) -> dict | None:
	if doc is None:
		return None
	return {
		f: doc.get(f)
		for f in (
			"excluded",
			"held_for_review",
			"level",
			"score",
			"is_bad_review",
			"real_name",
			"replied",
			"revisited",
			"revisit_satisfied",
			"rated_on",
			*KEY_FIELDS,
		)
	}


def record_evaluation_change(before: dict | None, after: dict | None) -> None:
	"""Move the aggregates by what changed between two states of one rating (None: not there)."""
	old_place = (rules.month_start(before["rated_on"]), key_of(before)) if before else None
	new_place = (rules.month_start(after["rated_on"]), key_of(after)) if after else None
	if old_place == new_place:
		apply_delta(*new_place, rules.delta(before, after))
		return
	if before:
		apply_delta(*old_place, rules.delta(before, None))
	if after:
		apply_delta(*new_place, rules.delta(None, after))


def rebuild_aggregates(verbose: bool = False) -> int:
	"""Recompute every aggregate row from the raw ratings and the 未评 records; returns the number of rows."""
	frappe.db.delete(AGGREGATE)
	sums: dict[tuple, rules.Counts] = {}
	for row in raw_sums():
		place = (row.month, *[row.get(f) for f in KEY_FIELDS])
		sums.setdefault(place, rules.Counts()).add({f: row.get(f) or 0 for f in rules.COUNT_FIELDS})
	now = now_datetime()
	fields = [
		"name",
		"month",
		*KEY_FIELDS,
		*rules.COUNT_FIELDS,
		"creation",
		"modified",
		"owner",
		"modified_by",
	]
	values = []
	for place, counts in sums.items():
		month, key = place[0], dict(zip(KEY_FIELDS, place[1:], strict=True))
		values.append(
			[aggregate_name(month, key), month, *place[1:]]
			+ [getattr(counts, f) for f in rules.COUNT_FIELDS]
			+ [now, now, "Administrator", "Administrator"]
		)
	frappe.db.bulk_insert(AGGREGATE, fields, values, chunk_size=5000)
	if verbose:
		print(_("Rebuilt {0} aggregate rows").format(len(values)))
	return len(values)


def _flag(column):
	return IfNull(column, 0)


def month_of(column):
	"""The first day of the column's month, as 'YYYY-MM-01' (no % in the SQL: Frappe formats queries with %)."""
	return frappe.qb.functions("CONCAT", frappe.qb.functions("LEFT", column, 7), "-01").as_("month")


def raw_sums() -> list:
	"""The aggregate sums computed from the raw ratings (one SQL GROUP BY) plus the 未评 records."""
	ev = frappe.qb.DocType(EVALUATION)
	month = month_of(ev.rated_on)
	counted = _flag(ev.excluded) == 0
	bad = counted & (_flag(ev.is_bad_review) == 1)
	real = _flag(ev.real_name) == 1
	revisited = bad & (_flag(ev.revisited) == 1)
	satisfied = revisited & (_flag(ev.revisit_satisfied) == 1)

	def count_if(cond, alias):
		return Sum(Case().when(cond, 1).else_(0)).as_(alias)

	query = (
		frappe.qb.from_(ev)
		.select(
			month,
			*[ev[f] for f in KEY_FIELDS],
			count_if(counted, "rated"),
			Sum(Case().when(counted, IfNull(ev.score, 0)).else_(0)).as_("score_sum"),
			count_if(counted & (_flag(ev.is_bad_review) == 0), "good"),
			count_if(counted & ev.level.isin(rules.LOW_LEVELS), "low"),
			count_if(bad, "bad"),
			count_if(bad & real, "bad_real_name"),
			count_if(bad & (_flag(ev.replied) == 1), "replied"),
			count_if(revisited, "revisited"),
			count_if(revisited & real, "revisited_real_name"),
			count_if(satisfied, "satisfied"),
			count_if(satisfied & real, "satisfied_real_name"),
			count_if((_flag(ev.excluded) == 1) & (_flag(ev.held_for_review) == 1), "held"),
			count_if((_flag(ev.excluded) == 1) & (_flag(ev.held_for_review) == 0), "excluded_malicious"),
		)
		.groupby(month, *[ev[f] for f in KEY_FIELDS])
	)
	rows = query.run(as_dict=True)
	tr = frappe.qb.DocType(TRACKER)
	tmonth = month_of(tr.unrated_on)
	rows += (
		frappe.qb.from_(tr)
		.select(tmonth, *[tr[f] for f in KEY_FIELDS], Count("*").as_("unrated"))
		.where(tr.unrated == 1)
		.groupby(tmonth, *[tr[f] for f in KEY_FIELDS])
		.run(as_dict=True)
	)
	for r in rows:
		r.month = getdate(r.month)
	return rows


def compare_aggregates() -> list[tuple]:
	"""(place, field, maintained, recomputed) for every difference between the aggregates and the raw ratings."""
	expected: dict[tuple, rules.Counts] = {}
	for row in raw_sums():
		place = (getdate(row.month), *[row.get(f) or None for f in KEY_FIELDS])
		expected.setdefault(place, rules.Counts()).add({f: row.get(f) or 0 for f in rules.COUNT_FIELDS})
	actual: dict[tuple, rules.Counts] = {}
	for row in frappe.get_all(AGGREGATE, fields=["month", *KEY_FIELDS, *rules.COUNT_FIELDS]):
		place = (getdate(row.month), *[row.get(f) or None for f in KEY_FIELDS])
		actual.setdefault(place, rules.Counts()).add(row)
	diffs = []
	for place in set(expected) | set(actual):
		e, a = expected.get(place, rules.Counts()), actual.get(place, rules.Counts())
		for f in rules.COUNT_FIELDS:
			if round(float(getattr(e, f)), 6) != round(float(getattr(a, f)), 6):
				diffs.append((place, f, getattr(a, f), getattr(e, f)))
	return diffs


def aggregate_rows(halls: list[str] | None, from_month, to_month) -> list[dict]:
	"""Aggregate rows of ``halls`` (None: all) whose month lies in [from_month, to_month], with hall lft/rgt."""
	agg = frappe.qb.DocType(AGGREGATE)
	query = frappe.qb.from_(agg).select(
		agg.month, *[agg[f] for f in KEY_FIELDS], *[agg[f] for f in rules.COUNT_FIELDS]
	)
	conditions = []
	if from_month:
		conditions.append(agg.month >= rules.month_start(from_month))
	if to_month:
		conditions.append(agg.month <= rules.month_start(to_month))
	if halls is not None:
		if not halls:
			return []
		conditions.append(agg.service_hall.isin(halls))
	if conditions:
		query = query.where(Criterion.all(conditions))
	return query.run(as_dict=True)


# --- the bad-review work order --------------------------------------------------------------------------


def work_order_recipients(evaluation) -> tuple[list[str], str | None]:
	"""Who handles a bad review (第二十一条 差评处置负责人; seed 003 (六)2 联络员): the liaison named on the window's
	department; failing one, every user of the pack's ``bad_review_liaison_role`` who sees the hall. Returns
	(users, role used) — ([], None) when neither is set (the hall's supervisors see the order in their list)."""
	if evaluation.stationed_department:
		liaison = frappe.db.get_value("Stationed Department", evaluation.stationed_department, "liaison_user")
		if liaison:
			return [liaison], None
	pack = pack_for_hall(evaluation.service_hall) or {}
	role = rule_value(pack, "bad_review_liaison_role") if is_set(pack, "bad_review_liaison_role") else None
	if not role:
		return [], None
	return users_with_role_at(role, evaluation.service_hall), role


def create_work_order(evaluation) -> str:
	"""第十九条、seed 003 (六)2: a bad review becomes a work order to the liaison of the window's department, or to
	the pack's receiving role at the hall; each recipient gets the order shared and a ToDo."""
	recipients = work_order_recipients(evaluation)[0]
	order = frappe.get_doc(
		{
			"doctype": "Bad Review Work Order",
			"service_evaluation": evaluation.name,
			"service_hall": evaluation.service_hall,
			"service_window": evaluation.service_window,
			"staff": evaluation.staff,
			"stationed_department": evaluation.stationed_department,
			"liaison": recipients[0] if recipients else None,
			"level": evaluation.level,
			"rated_on": evaluation.rated_on,
			"bad_reason": evaluation.bad_reason,
			"bad_reason_options": evaluation.bad_reason_options,
			"real_name": evaluation.real_name,
			"rater_name": evaluation.rater_name,
			"rater_phone": evaluation.rater_phone,
		}
	)
	order.flags.ignore_permissions = True
	order.insert()
	for user in recipients:
		frappe.share.add_docshare(
			"Bad Review Work Order", order.name, user, write=1, flags={"ignore_share_permission": True}
		)
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": user,
				"reference_type": "Bad Review Work Order",
				"reference_name": order.name,
				"description": _("Bad review at window {0}: verify, rectify, reply and revisit").format(
					evaluation.service_window
				),
				"assigned_by": "Administrator",
			}
		).insert(ignore_permissions=True)
	return order.name


def set_loop_flags(evaluation_name: str, **flags) -> None:
	"""Record on the rating what the work order did (replied / revisited / satisfied / excluded) and move the
	aggregates by the difference."""
	doc = frappe.get_doc(EVALUATION, evaluation_name)
	before = evaluation_state(doc)
	for field, value in flags.items():
		doc.set(field, value)
	after = evaluation_state(doc)
	doc.db_set(flags, update_modified=True)
	record_evaluation_change(before, after)


# --- the rating window (第十七条) scheduler ---------------------------------------------------------------


def rated_cases(cases: list[str]) -> set[str]:
	if not cases:
		return set()
	rated = set(frappe.get_all(EVALUATION, filters={"service_case": ["in", cases]}, pluck="service_case"))
	rated |= set(
		frappe.get_all(
			"Service Evaluation Case",
			filters={"service_case": ["in", cases], "parenttype": EVALUATION},
			pluck="service_case",
		)
	)
	return rated


def follow_up_cases(now: dt.datetime | None = None, since_days: int = 60) -> dict:
	"""Daily: queue the reminder of completed unrated cases (第十七条 24 h) and record as 未评 those past their
	rating window. Halls whose pack does not set the rule are skipped (and listed)."""
	now = now or now_datetime()
	today = now.date()
	sc = frappe.qb.DocType("Service Case")
	tr = frappe.qb.DocType(TRACKER)
	cases = (
		frappe.qb.from_(sc)
		.left_join(tr)
		.on(tr.service_case == sc.name)
		.select(
			sc.name,
			sc.service_hall,
			sc.service_window,
			sc.staff,
			sc.stationed_department,
			sc.completed_on,
			tr.reminded_on,
			IfNull(tr.unrated, 0).as_("unrated"),
		)
		.where(sc.completed_on.isnotnull() & (sc.completed_on >= today - dt.timedelta(days=since_days)))
		.where(IfNull(tr.unrated, 0) == 0)
		.run(as_dict=True)
	)
	rated = rated_cases([c.name for c in cases])
	report = {"reminded": [], "unrated": [], "not_configured": set()}
	packs, calendars = {}, {}
	for case in cases:
		if case.name in rated:
			continue
		if case.service_hall not in packs:
			packs[case.service_hall] = pack_for_hall(case.service_hall)
			with translated_calendar_errors(case.service_hall):
				calendars[case.service_hall] = get_working_calendar(case.service_hall)
		pack, cal = packs[case.service_hall], calendars[case.service_hall]
		try:
			if pack and rules.is_unrated(pack, case, False, today, cal):
				record_unrated(case, today)
				report["unrated"].append(case.name)
			elif pack and rules.reminder_due(pack, case.completed_on, False, bool(case.reminded_on), now):
				queue_reminder(case, now)
				report["reminded"].append(case.name)
		except RuleNotConfigured:
			report["not_configured"].add(case.service_hall)
	return report


def tracker_for(case) -> frappe.model.document.Document:
	if frappe.db.exists(TRACKER, case.name):
		return frappe.get_doc(TRACKER, case.name)
	line = (
		frappe.db.get_value("Service Window", case.service_window, "business_line")
		if case.service_window
		else None
	)
	return frappe.get_doc(
		{
			"doctype": TRACKER,
			"service_case": case.name,
			"service_hall": case.service_hall,
			"service_window": case.service_window,
			"staff": case.staff,
			"stationed_department": case.stationed_department,
			"business_line": line,
			"completed_on": case.completed_on,
		}
	)


def queue_reminder(case, now) -> None:
	"""Record that the 24 h reminder is due. Service Case holds no phone of the applicant, so no SMS is sent from
	here: the record is what an SMS gateway integration would pick up."""
	doc = tracker_for(case)
	doc.reminded_on = now
	doc.flags.ignore_permissions = True
	doc.save()


def record_unrated(case, today) -> None:
	doc = tracker_for(case)
	doc.unrated = 1
	doc.unrated_on = today
	doc.flags.ignore_permissions = True
	doc.save()
	apply_delta(rules.month_start(today), key_of(doc.as_dict()), rules.Counts(unrated=1))


def now_for_rating():
	return get_datetime(now_datetime())


# --- the metrics report ---------------------------------------------------------------------------------

DIMENSIONS = {
	"Window Staff": "staff",
	"Service Window": "service_window",
	"Institution": "stationed_department",
	"Business Line": "business_line",
	"Region": "service_hall",
}


def subtree(hall: str) -> list[str]:
	lft, rgt = frappe.db.get_value("Service Hall", hall, ["lft", "rgt"])
	sh = frappe.qb.DocType("Service Hall")
	return [r[0] for r in frappe.qb.from_(sh).select(sh.name).where((sh.lft >= lft) & (sh.rgt <= rgt)).run()]


def grouped_counts(halls: list[str] | None, from_date, to_date, field: str | None) -> dict:
	"""{value of ``field``: Counts} summed over the aggregate rows (one GROUP BY over the small aggregate table)."""
	agg = frappe.qb.DocType(AGGREGATE)
	sums = [Sum(agg[f]).as_(f) for f in rules.COUNT_FIELDS]
	query = frappe.qb.from_(agg).select(*sums)
	if field:
		query = query.select(agg[field]).groupby(agg[field])
	conditions = []
	if from_date:
		conditions.append(agg.month >= rules.month_start(from_date))
	if to_date:
		conditions.append(agg.month <= rules.month_start(to_date))
	if halls is not None:
		if not halls:
			return {}
		conditions.append(agg.service_hall.isin(halls))
	if conditions:
		query = query.where(Criterion.all(conditions))
	out = {}
	for row in query.run(as_dict=True):
		if row.get("rated") is None and row.get("unrated") is None:
			continue
		out[row.get(field) if field else None] = rules.Counts().add(
			{f: row.get(f) or 0 for f in rules.COUNT_FIELDS}
		)
	return out


def dimension_metrics(halls: list[str] | None, from_date, to_date, dimension: str, scope: str | None) -> list:
	"""[(dimension value, Counts, Metrics)] for the report; Region gives one row per hall subtree below (and
	including) each hall in ``halls``' top level — callers pass the region halls in ``halls``."""
	field = DIMENSIONS[dimension]
	counts = grouped_counts(halls, from_date, to_date, field)
	return [(k, c, rules.metrics(c, scope)) for k, c in counts.items()]
