"""Jurisdiction rule packs: the shipped fixtures, the lint, resolution and the rules reading them."""

import copy
import json
from pathlib import Path

import pytest
from zhengwu_hall.rules import packs as P
from zhengwu_hall.rules.packs import (
	RuleNotConfigured,
	check_pack,
	excellence_blockers,
	leave_route,
	resolve_pack,
	rule_value,
)

REPO = Path(__file__).resolve().parents[2]
PACK_DIR = REPO / "fixtures" / "packs"
DOCTYPE_DIR = REPO / "apps" / "zhengwu_hall" / "zhengwu_hall" / "zhengwu_hall" / "doctype"
SLUGS = ("liuzhou-chengzhong", "qinzhou-qinnan", "baofeng", "alxa", "xx-district")


def load(slug):
	data = json.loads((PACK_DIR / f"{slug}.json").read_text(encoding="utf-8"))
	assert isinstance(data, list) and len(data) == 1
	return data[0]


@pytest.fixture(scope="module")
def packs():
	return {slug: load(slug) for slug in SLUGS}


def route(pack, days):
	return [(s.step, s.role, s.action) for s in leave_route(pack, days)]


# --- the shipped packs ------------------------------------------------------------------------------------


def test_exactly_the_five_packs_ship():
	assert sorted(p.stem for p in PACK_DIR.glob("*.json")) == sorted(SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_shipped_pack_passes_the_lint(slug):
	pack = load(slug)
	assert pack["jurisdiction"] == slug
	assert P.SEED_FILES[pack["source_document"]] == slug
	problems = check_pack(pack)
	assert problems == [], "\n".join(map(str, problems))


@pytest.mark.parametrize("slug", SLUGS)
def test_shipped_pack_cites_only_its_own_seed(slug):
	pack = load(slug)
	for key, value in pack.items():
		if key.endswith("_source") and value:
			assert value.startswith(pack["source_document"] + " "), (key, value)
	for table in P.TABLE_RULES:
		for row in pack[table.fieldname]:
			assert row["source"].startswith(pack["source_document"] + " "), (table.fieldname, row)


def test_seed_texts_are_checked_when_available():
	seed_dir = P.find_seed_dir()
	if seed_dir is None:
		pytest.skip("seed folder (../shared/seeds) not present")
	assert {p.name for p in seed_dir.glob("*.txt")} >= set(P.SEED_FILES)
	pack = load("xx-district")
	# simplified characters where seed 004 has traditional ones: the article is not found
	pack["leave_steps"][0]["source"] = "004_dfc6cba7b68b8fa8.txt 第十六条"
	assert [p.code for p in check_pack(pack)] == ["article_not_found"]


def test_roles_match_the_roles_fixture():
	roles = {
		r["role_name"] for r in json.loads((REPO / "fixtures" / "role.json").read_text(encoding="utf-8"))
	}
	assert set(P.ROLES) <= roles


def test_seed_silence_is_unset_not_defaulted(packs):
	baofeng = packs["baofeng"]
	assert not P.is_set(baofeng, "daily_check_min")
	assert not P.is_set(baofeng, "leave_steps")
	with pytest.raises(RuleNotConfigured):
		rule_value(baofeng, "complaint_resolve_general_wd")
	# but a cited 0 is a value: 当场 = 0 working days
	assert rule_value(packs["qinzhou-qinnan"], "complaint_accept_simple_wd") == 0


def test_key_values_from_the_brief(packs):
	qn, lz, xx, alxa = (
		packs["qinzhou-qinnan"],
		packs["liuzhou-chengzhong"],
		packs["xx-district"],
		packs["alxa"],
	)
	assert rule_value(lz, "daily_check_min") == 3
	assert [r["slot"] for r in lz["daily_check_slots"]] == ["Before Work", "During Work", "Before Closing"]
	weekly = [r for r in lz["reporting_cadence"] if r["period"] == "Weekly"]
	assert [(r["due_weekday"], r["due_time"]) for r in weekly] == [("Friday", "16:00")]
	assert rule_value(qn, "daily_check_min") == 4
	assert [rule_value(qn, f"complaint_resolve_{k}_wd") for k in ("general", "complex", "special")] == [
		3,
		10,
		30,
	]
	assert rule_value(qn, "complaint_appeal_wd") == 15
	assert [(r["score"], r["bad_review"]) for r in qn["evaluation_levels"]] == [
		(10, 0),
		(8, 0),
		(6, 0),
		(3, 1),
		(0, 1),
	]
	assert P.evaluation_score(qn, "Basically Satisfied") == 6
	assert P.is_bad_review(qn, "Dissatisfied")
	assert rule_value(qn, "evaluation_window_wd") == 5
	assert rule_value(qn, "evaluation_reminder_hours") == 24
	assert rule_value(xx, "leave_max_concurrent_per_window") == 2
	assert rule_value(xx, "deduction_annual_budget") == 2
	assert len(xx["deduction_items"]) == 12
	assert rule_value(alxa, "bad_review_liaison_role") == "Department Liaison"


# --- leave routes -----------------------------------------------------------------------------------------


def test_leave_routes_qinzhou_qinnan(packs):
	qn = packs["qinzhou-qinnan"]
	deputy = [(1, "Center Deputy Director", "Approval")]
	assert route(qn, 0.5) == deputy
	assert route(qn, 1) == deputy
	two_level = [(1, "Center Deputy Director", "Opinion"), (2, "Center Director", "Approval")]
	assert route(qn, 1.5) == two_level
	assert route(qn, 2) == two_level
	assert route(qn, 3) == [
		(1, "Center Deputy Director", "Opinion"),
		(2, "Center Director", "Opinion"),
		(3, "Government Leader", "Approval"),
	]
	assert route(qn, 30)[-1] == (3, "Government Leader", "Approval")
	steps = leave_route(qn, 3)
	assert steps[-1].is_final and not steps[0].is_final
	assert steps[0].source == "001_17276714a530e7ae.txt 考勤制度 第二条 (二)"


def test_leave_routes_xx_district(packs):
	xx = packs["xx-district"]
	assert route(xx, 1) == [(1, "Center Director", "Approval")]
	department_then_center = [(1, "Department Liaison", "Opinion"), (2, "Center Director", "Approval")]
	assert route(xx, 2) == department_then_center
	assert route(xx, 5) == department_then_center


def test_xx_district_between_one_and_two_days_is_decided_and_documented(packs):
	"""Seed 004 第十六條 is silent between 1 and 2 days; the pack takes the stricter route and says why."""
	xx = packs["xx-district"]
	assert route(xx, 1.5) == [(1, "Department Liaison", "Opinion"), (2, "Center Director", "Approval")]
	notes = [n for n in xx["interpretation_notes"] if n["rule"] == "leave_steps"]
	assert len(notes) == 1
	assert notes[0]["source"] == "004_dfc6cba7b68b8fa8.txt 第十六條"
	assert "1.5天" in notes[0]["note"]


def test_leave_route_unset_for_baofeng(packs):
	with pytest.raises(RuleNotConfigured) as err:
		leave_route(packs["baofeng"], 1)
	assert str(err.value) == "本大厅所属辖区未配置请假审批规则，请管理员在辖区规则包中配置"
	assert err.value.rule == "leave_steps"
	assert err.value.jurisdiction == "baofeng"


def test_leave_route_refuses_non_positive_days(packs):
	with pytest.raises(ValueError):
		leave_route(packs["qinzhou-qinnan"], 0)


def test_leave_route_gap_is_reported_at_run_time_and_by_the_lint(packs):
	pack = copy.deepcopy(packs["xx-district"])
	# the literal reading of 第十六條: ≤1 and ≥2 days, nothing in between
	for row in pack["leave_steps"]:
		if row["no_upper_limit"]:
			row["more_than_days"] = 1.5
	with pytest.raises(RuleNotConfigured) as err:
		leave_route(pack, 1.5)
	assert "1.5天" in str(err.value)
	assert route(pack, 2)[0] == (1, "Department Liaison", "Opinion")
	assert "gap" in {p.code for p in check_pack(pack)}


# --- excellence and consequences -------------------------------------------------------------------------


def test_excellence_thresholds(packs):
	qn, xx = packs["qinzhou-qinnan"], packs["xx-district"]
	# seed 001 第四条: 3次以上 (3 included), established staff
	assert excellence_blockers(qn, {"Verified Complaint": 2}, "Established") == []
	assert len(excellence_blockers(qn, {"Verified Complaint": 3}, "Established")) == 1
	# seed 004 第二十二條: 超過2次 (more than 2)
	assert excellence_blockers(xx, {"Verified Complaint": 2}) == []
	assert len(excellence_blockers(xx, {"Verified Complaint": 3})) == 1
	assert len(excellence_blockers(xx, {"Circulated Criticism": 3, "Verified Complaint": 3})) == 2
	with pytest.raises(RuleNotConfigured):
		excellence_blockers(packs["baofeng"], {"Verified Complaint": 9})


def test_attitude_complaints_by_employment(packs):
	qn = packs["qinzhou-qinnan"]
	counts = {"Verified Complaint on Attitude or Core Systems": 3}
	assert [r["consequence"] for r in P.triggered_consequences(qn, "Staff", counts, "Established")] == [
		"One-Month Off-Post Training"
	]
	assert [r["consequence"] for r in P.triggered_consequences(qn, "Staff", counts, "Contract")] == [
		"Dismissal"
	]
	window = P.triggered_consequences(qn, "Window", {"Verified Complaint": 3})
	assert [r["consequence"] for r in window] == ["Interview Window Head or Replace Staff"]


def test_department_deductions(packs):
	xx = packs["xx-district"]
	assert P.deduction_points(xx, "schedule_violation") == pytest.approx(0.1)
	assert P.deduction_points(xx, "late_or_absent_found") == pytest.approx(0.2)
	# 第二十條: the budget changes → proportional
	assert P.deduction_points(xx, "late_or_absent_found", budget=3) == pytest.approx(0.3)
	hits = P.triggered_consequences(xx, "Department", {"Deduction Points": 0.35})
	assert [r["consequence"] for r in hits] == ["Not Eligible for Advanced Window"]
	assert P.triggered_consequences(xx, "Department", {"Deduction Points": 0.3}) == []
	with pytest.raises(RuleNotConfigured):
		P.deduction_points(xx, "no_such_item")


# --- the lint catches broken packs -----------------------------------------------------------------------


def codes(pack):
	return {(p.where, p.code) for p in check_pack(pack)}


def test_missing_citation_is_reported(packs):
	pack = copy.deepcopy(packs["qinzhou-qinnan"])
	pack["daily_check_min_source"] = None
	assert ("daily_check_min", "uncited") in codes(pack)
	pack = copy.deepcopy(packs["qinzhou-qinnan"])
	pack["leave_steps"][2]["source"] = ""
	assert ("leave_steps[3].source", "uncited") in codes(pack)


def test_missing_rule_is_reported(packs):
	pack = copy.deepcopy(packs["qinzhou-qinnan"])
	del pack["complaint_appeal_wd"]
	del pack["complaint_appeal_wd_source"]
	del pack["deduction_items"]
	found = codes(pack)
	assert ("complaint_appeal_wd", "missing") in found
	assert ("complaint_appeal_wd_source", "missing") in found
	assert ("deduction_items", "missing") in found


def test_bad_seed_file_name_is_reported(packs):
	pack = copy.deepcopy(packs["qinzhou-qinnan"])
	pack["daily_check_min_source"] = "001_0000000000000000.txt 日常巡查工作制度 第五条"
	pack["complaint_appeal_wd_source"] = "行政效能投诉管理制度 第三条"
	pack["source_document"] = "009_0000000000000000.txt"
	found = codes(pack)
	assert ("daily_check_min_source", "unknown_seed") in found
	assert ("complaint_appeal_wd_source", "bad_citation") in found
	assert ("source_document", "unknown_seed") in found


def test_citation_without_article_and_without_value(packs):
	pack = copy.deepcopy(packs["baofeng"])
	pack["daily_check_min_source"] = "002_3bd9c46eea7ae4d8.txt"
	assert ("daily_check_min_source", "orphan_citation") in codes(pack)
	pack["daily_check_min"] = 2
	assert ("daily_check_min_source", "bad_citation") in codes(pack)


def test_bad_values_and_unknown_fields(packs):
	pack = copy.deepcopy(packs["qinzhou-qinnan"])
	pack["daily_check_kind"] = "Sometimes"
	pack["complaint_special_approver_role"] = "Mayor"
	pack["daily_check_mn"] = 3
	pack["evaluation_levels"][0]["level"] = "Satisfied"  # duplicate, and Very Satisfied now missing
	pack["leave_steps"][0]["action"] = "Opinion"  # the ≤1 day route loses its approval
	found = codes(pack)
	assert ("daily_check_kind", "bad_value") in found
	assert ("complaint_special_approver_role", "bad_value") in found
	assert ("daily_check_mn", "unknown_field") in found
	assert ("evaluation_levels", "duplicate") in found
	assert ("evaluation_levels", "incomplete") in found
	assert ("leave_steps (0, 1]", "bad_steps") in found
	pack["reporting_cadence"][0]["due_time"] = "4 pm"
	assert ("reporting_cadence[1].due_time", "bad_value") in codes(pack)


def test_desk_mode_reads_absent_keys_as_unset(packs):
	pack = {"jurisdiction": "local-town", "title": "某镇", "source_document": "本镇管理办法"}
	assert check_pack(pack, fixture=False) == []
	pack["daily_check_min"] = 2
	assert [(p.where, p.code) for p in check_pack(pack, fixture=False)] == [("daily_check_min", "uncited")]
	pack["daily_check_min_source"] = "本镇管理办法 第三条"  # a local document, not a seed: fine in the desk
	assert check_pack(pack, fixture=False) == []
	# a site may add its own roles (Frappe checks the link itself); shipped fixtures use the app's roles only
	pack["complaint_special_approver_role"] = "Town Leader"
	pack["complaint_special_approver_role_source"] = "本镇管理办法 第九条"
	assert check_pack(pack, fixture=False) == []


# --- resolution -------------------------------------------------------------------------------------------

TREE = {
	"阿拉善盟政务服务中心": None,
	"阿拉善左旗政务服务中心": "阿拉善盟政务服务中心",
	"巴彦浩特镇便民服务中心": "阿拉善左旗政务服务中心",
	"某社区便民服务站": "巴彦浩特镇便民服务中心",
	"孤立大厅": None,
}


def test_resolve_own_pack():
	res = resolve_pack(
		"阿拉善左旗政务服务中心",
		TREE,
		{"阿拉善左旗政务服务中心": "alxa-left", "阿拉善盟政务服务中心": "alxa"},
	)
	assert res.pack == "alxa-left"
	assert res.hall == "阿拉善左旗政务服务中心"
	assert res.reason == "本大厅指定的辖区规则包"


def test_resolve_nearest_ancestor():
	pack_of = {"阿拉善盟政务服务中心": "alxa"}
	res = resolve_pack("某社区便民服务站", TREE, pack_of)
	assert res and res.pack == "alxa"
	assert res.hall == "阿拉善盟政务服务中心"
	assert res.path == (
		"某社区便民服务站",
		"巴彦浩特镇便民服务中心",
		"阿拉善左旗政务服务中心",
		"阿拉善盟政务服务中心",
	)
	# a nearer pack wins
	pack_of["阿拉善左旗政务服务中心"] = "alxa-left"
	assert resolve_pack("某社区便民服务站", TREE, pack_of).pack == "alxa-left"


def test_resolve_none_with_reason():
	res = resolve_pack("孤立大厅", TREE, {})
	assert not res
	assert res.pack is None
	assert "均未指定辖区规则包" in res.reason
	assert not resolve_pack("", TREE, {})


def test_resolve_with_callables_and_a_cycle():
	parents = {"a": "b", "b": "a"}
	res = resolve_pack("a", parents.get, lambda hall: None)
	assert res.pack is None
	assert "循环" in res.reason


# --- the DocType matches the schema ----------------------------------------------------------------------


def doctype_json(name):
	folder = DOCTYPE_DIR / name.lower().replace(" ", "_")
	return json.loads((folder / (folder.name + ".json")).read_text(encoding="utf-8"))


def test_doctype_fields_match_the_schema():
	meta = doctype_json(P.DOCTYPE)
	fields = {f["fieldname"]: f for f in meta["fields"]}
	assert meta["autoname"] == "field:jurisdiction"
	assert fields["jurisdiction"]["unique"] == 1
	for rule in P.SCALAR_RULES:
		assert fields[rule.fieldname]["fieldtype"] == rule.fieldtype, rule.fieldname
		assert fields[rule.source_field]["fieldtype"] == "Data", rule.source_field
		if rule.fieldtype == "Select":
			assert fields[rule.fieldname]["options"].split("\n") == ["", *rule.options]
		if rule.fieldtype == "Link":
			assert fields[rule.fieldname]["options"] == rule.options
	for table in P.TABLE_RULES:
		assert fields[table.fieldname]["fieldtype"] == "Table"
		assert fields[table.fieldname]["options"] == table.doctype
		child = doctype_json(table.doctype)
		assert child["istable"] == 1
		columns = {f["fieldname"]: f for f in child["fields"]}
		assert columns["source"]["fieldtype"] == "Data"
		assert columns["source"]["reqd"] == 1
		for column in table.columns:
			assert columns[column.fieldname]["fieldtype"] == column.fieldtype, (
				table.doctype,
				column.fieldname,
			)
			if column.fieldtype == "Select":
				assert [o for o in columns[column.fieldname]["options"].split("\n") if o] == [
					o for o in column.options if o
				]
	for key in P.STATE_FIELDS:
		assert fields[key]["hidden"] == 1
