# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""好差评指标: the six metrics of seed 001 “好差评”制度 第二十四条 and the mean score in the four dimensions of 第六条
(window staff; institution = all staff of its stationed windows; business line; region = a hall and its
subtree), over a month range, read from the maintained aggregates (never a scan of the ratings).

"Focus at or above (%)" turns it into the focus list of 第二十九条: only the rows whose share of ratings at 基本满意
or below reaches that share, worst first."""

import frappe
from frappe import _
from frappe.utils import getdate

from zhengwu_hall.rules import evaluations as rules
from zhengwu_hall.setup import evaluations as ev
from zhengwu_hall.setup.permissions import get_allowed_halls, get_top_halls

RATES = (
	("good_rate", "Good Rating Rate"),
	("active_good_rate", "Active Good Rating Rate"),
	("unrated_rate", "Unrated Rate"),
	("reply_rate", "Bad Review Reply Rate"),
	("revisit_rate", "Bad Review Revisit Rate"),
	("revisit_satisfaction_rate", "Revisit Satisfaction Rate"),
)
LINK = {
	"Window Staff": "Window Staff",
	"Service Window": "Service Window",
	"Institution": "Stationed Department",
	"Business Line": "Business Line",
	"Region": "Service Hall",
}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	dimension = filters.get("dimension") or "Window Staff"
	rows, message = get_data(filters, dimension)
	return get_columns(dimension), rows, message


def get_columns(dimension):
	return [
		{"fieldname": "value", "label": _(dimension), "fieldtype": "Link", "options": LINK[dimension], "width": 220},
		{"fieldname": "rated", "label": _("Ratings Counted"), "fieldtype": "Int", "width": 90},
		{"fieldname": "average_score", "label": _("Average Score"), "fieldtype": "Float", "precision": 2, "width": 90},
		*[{"fieldname": f, "label": _(label), "fieldtype": "Percent", "width": 110} for f, label in RATES],
		{"fieldname": "low_share", "label": _("Share at Basically Satisfied or Below"), "fieldtype": "Percent", "width": 110},
		{"fieldname": "bad", "label": _("Bad Reviews"), "fieldtype": "Int", "width": 80},
		{"fieldname": "unrated", "label": _("Cases Not Rated"), "fieldtype": "Int", "width": 80},
		{"fieldname": "held", "label": _("Held for Review"), "fieldtype": "Int", "width": 80},
	]  # fmt: skip


def scope_halls(filters) -> tuple[list[str] | None, str | None]:
	"""The halls the report covers (the user's halls, narrowed to the chosen hall's subtree) and the top hall."""
	allowed = get_allowed_halls()
	if filters.get("service_hall"):
		halls = ev.subtree(filters.service_hall)
		top = filters.service_hall
	else:
		halls, top = None, None
		tops = get_top_halls()
		if len(tops) == 1:
			top = tops[0]
	if allowed is not None:
		halls = [h for h in (halls if halls is not None else allowed) if h in allowed]
	return halls, top


def get_data(filters, dimension):
	halls, top = scope_halls(filters)
	pack = ev.pack_for_hall(top) if top else None
	scope = rules.scope_or_none(pack)
	message = (
		None
		if scope
		else _(
			"The rule pack does not say which bad reviews must be revisited: the revisit rates are left blank"
		)
	)
	from_date, to_date = getdate(filters.get("from_date")), getdate(filters.get("to_date"))
	if dimension == "Region":
		groups = region_counts(halls, top, from_date, to_date)
	else:
		groups = ev.grouped_counts(halls, from_date, to_date, ev.DIMENSIONS[dimension])
	rows = []
	for value, counts in groups.items():
		m = rules.metrics(counts, scope)
		rows.append(
			{
				"value": value,
				**{
					f: getattr(m, f)
					for f in ("rated", "average_score", "bad", "unrated", *[r[0] for r in RATES])
				},
				"low_share": None if not counts.rated else round(100.0 * counts.low / counts.rated, 2),
				"held": counts.held,
			}
		)
	min_share = filters.get("focus_min_share")
	if min_share not in (None, ""):
		rows = [r for r in rows if r["low_share"] is not None and r["low_share"] >= float(min_share)]
		rows.sort(key=lambda r: (-r["low_share"], -r["rated"]))
	else:
		rows.sort(key=lambda r: (r["value"] is None, str(r["value"] or "")))
	if min_share not in (None, "") or dimension == "Region":
		return rows, message
	total = ev.grouped_counts(halls, from_date, to_date, None).get(None)
	if total:
		m = rules.metrics(total, scope)
		rows.append(
			{
				"value": _("Total"),
				**{
					f: getattr(m, f)
					for f in ("rated", "average_score", "bad", "unrated", *[r[0] for r in RATES])
				},
				"low_share": None if not total.rated else round(100.0 * total.low / total.rated, 2),
				"held": total.held,
			}
		)
	return rows, message


def region_counts(halls, top, from_date, to_date) -> dict:
	"""第六条 地区: the chosen hall's whole subtree, then each hall directly below it with its own subtree."""
	by_hall = ev.grouped_counts(halls, from_date, to_date, "service_hall")
	if not top:
		regions = get_top_halls() or []
	else:
		regions = [
			top,
			*frappe.get_all(
				"Service Hall", filters={"parent_service_hall": top}, pluck="name", order_by="lft"
			),
		]
	out = {}
	for region in regions:
		members = set(ev.subtree(region))
		counts = rules.Counts()
		for hall, c in by_hall.items():
			if hall in members:
				counts.add(c)
		out[region] = counts
	return out
