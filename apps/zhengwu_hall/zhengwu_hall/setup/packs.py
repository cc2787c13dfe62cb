"""Apply the jurisdiction rule packs of fixtures/packs/ to a site, and read the pack that governs a hall.

Local edits survive a sync. Each pack stores, in hidden fields, the fixture values the last sync applied
(`fixture_state`, JSON) and their hash (`fixture_hash`). For every unit of the pack — an identity field, a
scalar rule together with its Source, or a whole child table — the sync compares three versions:

- current value == new fixture value          → nothing to do;
- current value == value last applied          → the administrator did not touch it: take the new fixture value;
- otherwise (or no record of a last sync)      → a local edit: keep it and report it, unless force=True.

After the sync `fixture_state` holds the new fixture values, so a kept local edit is still recognised as one the
next time. Frappe's own fixture sync is not used for packs because it overwrites records on every migrate.

Reads are never cached (frappe.get_doc / frappe.db.get_value without cache): an edit saved in the desk governs
the very next call.
"""

import hashlib
import json
import os
from glob import glob

import frappe
from frappe import _

from zhengwu_hall.rules import packs as rule_packs

DOCTYPE = rule_packs.DOCTYPE
HALL_DOCTYPE = "Service Hall"
HALL_PARENT_FIELD = "parent_service_hall"
HALL_PACK_FIELD = "rule_pack"


class RulePackNotFound(frappe.ValidationError):
	pass


class LeaveRuleNotConfigured(frappe.ValidationError):
	pass


# --- sync ------------------------------------------------------------------------------------------------


def pack_dir() -> str:
	return frappe.get_app_path("zhengwu_hall", "fixtures", "packs")


def load_fixture_packs(directory: str | None = None) -> list[dict]:
	packs = []
	for path in sorted(glob(os.path.join(directory or pack_dir(), "*.json"))):
		with open(path, encoding="utf-8") as f:
			data = json.load(f)
		for pack in data if isinstance(data, list) else [data]:
			if pack.get("doctype") == DOCTYPE:
				packs.append(pack)
	return packs


def fixture_hash(state: dict) -> str:
	return hashlib.sha256(json.dumps(state, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def sync_packs(force: bool = False, verbose: bool = False, directory: str | None = None) -> dict:
	"""Create missing packs and refresh existing ones from fixtures/packs/*.json.

	Returns {"created": [slug], "updated": {slug: [field]}, "kept": {slug: [field]}, "unchanged": [slug],
	"errors": {slug: message}}: "kept" lists the local edits that were not overwritten (force=False).
	"""
	report = {"created": [], "updated": {}, "kept": {}, "unchanged": [], "errors": {}}
	for pack in load_fixture_packs(directory):
		slug = pack.get("jurisdiction")
		savepoint = "zhengwu_sync_pack"
		frappe.db.savepoint(savepoint)
		try:
			sync_pack(pack, force, report)
		except Exception as e:
			frappe.db.rollback(save_point=savepoint)
			report["errors"][slug] = str(e)
			frappe.log_error(title=f"zhengwu-sync-packs: {slug}")
	if verbose:
		for line in report_lines(report, force):
			print(line)
	elif report["errors"]:
		# install and migrate run quietly, but a pack that failed to load must not go unnoticed
		for slug, message in report["errors"].items():
			print(f"同步辖区规则包失败：{slug}：{message}")
	return report


def sync_pack(pack: dict, force: bool, report: dict) -> None:
	slug = pack["jurisdiction"]
	new_state = rule_packs.normalize_pack(pack)
	new_hash = fixture_hash(new_state)

	if not frappe.db.exists(DOCTYPE, slug):
		doc = frappe.new_doc(DOCTYPE)
		for _key, fields in rule_packs.field_groups():
			apply_fields(doc, fields, new_state)
		remember(doc, new_state, new_hash)
		insert_or_save(doc)
		report["created"].append(slug)
		return

	doc = frappe.get_doc(DOCTYPE, slug)
	current = rule_packs.normalize_pack(doc.as_dict())
	last = json.loads(doc.fixture_state) if doc.fixture_state else None
	updated, kept = [], []
	for key, fields in rule_packs.field_groups():
		if key == "jurisdiction":
			continue
		cur = {f: current[f] for f in fields}
		new = {f: new_state[f] for f in fields}
		if cur == new:
			continue
		untouched = untouched_since_sync(cur, last)
		if force or untouched:
			apply_fields(doc, fields, new_state)
			updated.append((key, cur, new))
		else:
			kept.append((key, cur, new))

	if updated or doc.fixture_hash != new_hash:
		remember(doc, new_state, new_hash)
		insert_or_save(doc)
	if updated:
		report["updated"][slug] = updated
	if kept:
		report["kept"][slug] = kept
	if not updated and not kept:
		report["unchanged"].append(slug)


def untouched_since_sync(current: dict, last: dict | None) -> bool:
	"""Whether nobody edited these values since the last sync wrote them. A field the last sync did not know
	(a rule an app update added) is untouched while it is still empty: otherwise a new rule would never reach a
	site that existed before it."""
	if last is None:
		return False
	return all(current[f] == last[f] if f in last else current[f] in (None, "", 0, []) for f in current)


def apply_fields(doc, fields, state: dict) -> None:
	for fieldname in fields:
		value = state[fieldname]
		if fieldname in rule_packs.TABLES:
			doc.set(fieldname, [])
			for row in value:
				doc.append(fieldname, {k: v for k, v in row.items() if v not in ("", None)})
		else:
			doc.set(fieldname, value if value != "" else None)


def remember(doc, state: dict, digest: str) -> None:
	doc.fixture_state = json.dumps(state, ensure_ascii=False, sort_keys=True)
	doc.fixture_hash = digest


def insert_or_save(doc) -> None:
	# Roles are synced from fixtures/role.json after after_install runs, so the approver roles a pack names may
	# not exist yet on a fresh site; the pack lint (tier 1) checks them against the roles fixture instead.
	doc.flags.ignore_links = True
	doc.flags.ignore_permissions = True
	if doc.is_new():
		doc.insert()
	else:
		doc.save()


def report_lines(report: dict, force: bool = False) -> list[str]:
	lines = []
	for slug in report["created"]:
		lines.append(f"已创建辖区规则包：{slug}")
	for slug, changes in report["updated"].items():
		for key, cur, new in changes:
			lines.append(f"已更新 {slug} 的“{label(key)}”：{show(cur)} → {show(new)}")
	for slug, changes in report["kept"].items():
		for key, cur, new in changes:
			lines.append(
				f"保留本地修改 {slug} 的“{label(key)}”：当前 {show(cur)}，规则包文件为 {show(new)}"
				"（如需以文件覆盖，请加 --force）"
			)
	for slug in report["unchanged"]:
		lines.append(f"无变化：{slug}")
	for slug, message in report["errors"].items():
		lines.append(f"同步失败：{slug}：{message}")
	if not lines:
		lines.append("fixtures/packs 中没有辖区规则包")
	return lines


def label(key: str) -> str:
	rule = rule_packs.RULES.get(key)
	return rule.label_zh if rule else key


def show(values: dict) -> str:
	parts = []
	for fieldname, value in values.items():
		if isinstance(value, list):
			parts.append(f"{len(value)}行")
		elif fieldname.endswith(rule_packs.SOURCE_SUFFIX):
			parts.append(f"出处“{value}”" if value else "无出处")
		else:
			parts.append(f"{value!r}" if value not in ("", None) else "未设置")
	return "，".join(parts)


# --- reading --------------------------------------------------------------------------------------------


def get_pack(name: str) -> dict:
	"""The pack as plain data, from Frappe's document cache: a save of the pack (desk, sync, set_value) clears it.

	Loading the pack and its fifteen tables is the main fixed cost of a report (benchmarks/ratings.py)."""
	return frappe.get_cached_doc(DOCTYPE, name).as_dict()


def resolve_pack_for_hall(hall: str) -> rule_packs.PackResolution:
	"""The hall's own pack or its nearest ancestor's (Service Hall.parent_service_hall / .rule_pack)."""

	def row(name):
		return (
			frappe.db.get_value(HALL_DOCTYPE, name, [HALL_PARENT_FIELD, HALL_PACK_FIELD], as_dict=True) or {}
		)

	return rule_packs.resolve_pack(
		hall,
		parent_of=lambda name: row(name).get(HALL_PARENT_FIELD),
		pack_of=lambda name: row(name).get(HALL_PACK_FIELD),
	)


def get_pack_for_hall(hall: str) -> dict:
	"""The rule pack governing `hall`, as plain data for zhengwu_hall.rules.packs; RulePackNotFound when none."""
	resolution = resolve_pack_for_hall(hall)
	if not resolution:
		frappe.throw(resolution.reason, exc=RulePackNotFound, title=_("Jurisdiction Rule Pack"))
	return get_pack(resolution.pack)


def leave_route_for_hall(hall: str, days: float) -> list[dict]:
	"""The ordered leave approval steps for `days` days of leave at `hall`, or LeaveRuleNotConfigured."""
	pack = get_pack_for_hall(hall)
	try:
		steps = rule_packs.leave_route(pack, days)
	except rule_packs.RuleNotConfigured as e:
		frappe.throw(str(e), exc=LeaveRuleNotConfigured, title=_("Leave Approval Steps"))
	return [
		{"step": s.step, "role": s.role, "action": s.action, "is_final": s.is_final, "source": s.source}
		for s in steps
	]
