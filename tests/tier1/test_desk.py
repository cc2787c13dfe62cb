"""The desk (rules/desk.py), by hand: which workspace a user lands in (one role of each family, mixed roles,
none), which workflow states wait for a user's roles (待我审批), the day's checks against the packs' minimum, the
六查 findings by category; and the workspaces' parts hang together (cards, charts, shortcuts, their methods)."""

import ast
import json
import re
from pathlib import Path

import pytest
from zhengwu_hall.rules.desk import (
	DayChecks,
	approvable_states,
	day_checks,
	findings_by_category,
	should_replace_default,
	workspace_for_roles,
)


@pytest.mark.parametrize(
	"roles, expected",
	[
		(["Window Staff"], "窗口工作人员"),
		(["Proxy Agent"], "窗口工作人员"),
		(["Department Liaison"], "窗口工作人员"),
		(["Supervisor"], "督查员"),
		(["Center Deputy Director"], "中心领导"),
		(["Center Director"], "中心领导"),
		(["Government Leader"], "中心领导"),
		(["Hall Administrator"], "系统管理员"),
		(["System Manager"], "系统管理员"),
		(["Administrator"], "系统管理员"),
		# mixed: the most senior family wins
		(["Window Staff", "Supervisor"], "督查员"),
		(["Supervisor", "Center Director"], "中心领导"),
		(["Window Staff", "Center Deputy Director", "Hall Administrator"], "系统管理员"),
		# Frappe's automatic roles alone are no family
		(["All", "Guest", "Desk User"], None),
		([], None),
		(None, None),
	],
)
def test_workspace_for_roles(roles, expected):
	assert workspace_for_roles(roles) == expected


@pytest.mark.parametrize(
	"current, replace",
	[
		(None, True),
		("", True),
		("窗口工作人员", True),
		("中心领导", True),
		("Users", False),
		("我的工作台", False),
	],
)
def test_only_our_own_or_empty_default_is_replaced(current, replace):
	assert should_replace_default(current) is replace


# ---------------------------------------------------------------------------------------------- list views
APP = Path(__file__).resolve().parents[2] / "apps" / "zhengwu_hall" / "zhengwu_hall"
LIST_FILTERS = ("service_hall", "service_window", "status", "workflow_state")


def hall_scoped_doctypes():
	tree = ast.parse((APP / "hooks.py").read_text(encoding="utf-8"))
	for node in tree.body:
		if isinstance(node, ast.Assign) and node.targets[0].id == "hall_scoped_doctypes":
			return ast.literal_eval(node.value)
	raise AssertionError("hooks.py has no hall_scoped_doctypes")


def test_every_hall_list_filters_by_hall_window_and_status():
	"""Issue 10: every list view has the filters a user needs (hall, window, status) in its filter bar."""
	missing = []
	for doctype in hall_scoped_doctypes():
		folder = doctype.lower().replace(" ", "_").replace("-", "_")
		meta = json.loads((APP / "zhengwu_hall" / "doctype" / folder / f"{folder}.json").read_text("utf-8"))
		if doctype in RESTRICTED:
			continue
		for field in meta["fields"]:
			if field["fieldname"] in LIST_FILTERS and not field.get("in_standard_filter"):
				missing.append(f"{doctype}.{field['fieldname']}")
	assert not missing, f"not in the list's standard filters: {missing}"


# the complainant's identity is opened from its complaint only (handling office), never browsed as a list
RESTRICTED = {"Complainant Identity"}


# ---------------------------------------------------------------------------------------------- 待我审批
def shipped_transitions():
	"""The transitions of fixtures/workflows/*.json with their workflow's DocType, as the site holds them."""
	out = []
	for path in sorted((APP.parents[2] / "fixtures" / "workflows").glob("*.json")):
		for doc in json.loads(path.read_text("utf-8")):
			if doc.get("doctype") == "Workflow":
				out += [{**t, "document_type": doc["document_type"]} for t in doc["transitions"]]
	return out


@pytest.mark.parametrize(
	"roles, expected",
	[
		# the center's leaders sign at their steps only (the director may also approve 直查/转办 in the deputy's
		# place, docs/permission_matrix_review.md)
		(
			["Center Director"],
			{
				"Complaint": {"Leader Review", "Findings Issued"},
				"Deadline Extension Application": {"Awaiting Opinion"},
				"Quarterly Self-Assessment": {"Scored"},
			},
		),
		(["Center Deputy Director"], {"Complaint": {"Leader Review"}}),
		(["Government Leader"], {"Deadline Extension Application": {"Awaiting Approval"}}),
		# window staff: the notices addressed to them and their own drafts
		(
			["Window Staff"],
			{
				"Rectification Notice": {"Issued"},
				"Deadline Extension Application": {"Application Draft"},
				"Quarterly Self-Assessment": {"Self-Assessment Draft"},
			},
		),
		(["Proxy Agent"], {"Proxy Service Authorization": {"Entrusted", "Entrustment Accepted", "In Proxy"}}),
		(
			["Department Liaison"],
			{
				"Complaint": {"Transferred", "Under Supervision"},
				"Bad Review Work Order": {"Pending Verification", "Rectifying", "Replied"},
			},
		),
		(["Hall Administrator"], {"Quarterly Self-Assessment": {"Self-Assessment Submitted"}}),
		# Frappe's automatic roles move nothing on
		(["All", "Desk User"], {}),
		([], {}),
	],
)
def test_approvable_states_of_the_shipped_workflows(roles, expected):
	got = approvable_states(shipped_transitions(), roles)
	assert {doctype: set(states) for doctype, states in got.items()} == expected


def test_supervisor_acts_on_complaints_notices_and_malicious_bad_reviews():
	got = approvable_states(shipped_transitions(), ["Supervisor"])
	assert set(got["Complaint"]) == {
		"Registered",
		"Accepted",
		"Transferred",
		"Direct Investigation",
		"Signed",
		"Reply Sent",
		"Not Accepted",
	}
	assert set(got["Rectification Notice"]) == {"Draft", "Report Submitted"}
	assert set(got["Bad Review Work Order"]) == {"Pending Verification", "Rectifying"}


def test_roles_of_several_families_add_up():
	one = approvable_states(shipped_transitions(), ["Center Director"])
	two = approvable_states(shipped_transitions(), ["Government Leader"])
	both = approvable_states(shipped_transitions(), ["Center Director", "Government Leader"])
	assert set(both["Deadline Extension Application"]) == set(one["Deadline Extension Application"]) | set(
		two["Deadline Extension Application"]
	)


def test_self_approval_follows_the_transitions():
	transitions = [
		{"document_type": "Complaint", "state": "A", "allowed": "Supervisor", "allow_self_approval": 0},
		{"document_type": "Complaint", "state": "B", "allowed": "Supervisor", "allow_self_approval": 0},
		{"document_type": "Complaint", "state": "B", "allowed": "Supervisor", "allow_self_approval": 1},
		{"document_type": "Complaint", "state": "C", "allowed": "Center Director", "allow_self_approval": 1},
	]
	# A: only others' documents; B: one transition allows one's own; C: not the user's role
	assert approvable_states(transitions, ["Supervisor"]) == {"Complaint": {"A": False, "B": True}}
	# Administrator acts on everything it may (frappe.model.workflow.has_approval_access)
	assert approvable_states(transitions, ["Supervisor"], is_administrator=True) == {
		"Complaint": {"A": True, "B": True}
	}


# ---------------------------------------------------------------------------------------------- 今日巡查
def shipped_pack(slug):
	return json.loads((APP.parents[2] / "fixtures" / "packs" / f"{slug}.json").read_text("utf-8"))[0]


QINNAN = shipped_pack("qinzhou-qinnan")  # ≥4 random patrols a day (seed 001 日常巡查 第三条)
LIUZHOU = shipped_pack("liuzhou-chengzhong")  # ≥3 self-checks (seed 000 日自检)


def test_day_checks_before_the_first_record_show_the_minimum():
	"""The card 今日最低巡查次数 reads the packs, not the day's records: 4 + 3 before anything is recorded."""
	got = day_checks({"钦南中心": (QINNAN, True), "城中中心": (LIUZHOU, True)}, [])
	assert got == DayChecks(done=0, required=7, not_configured=())


def test_day_checks_count_performed_rows_of_the_users_halls_only():
	rows = [
		{"hall": "钦南中心", "idx": 1, "method": "On-site Inspection"},
		{"hall": "钦南中心", "idx": 2, "method": "Video Monitoring"},
		{"hall": "钦南中心", "idx": 3, "method": ""},  # a blank row of the form is no check
		{"hall": "别的中心", "idx": 1, "method": "On-site Inspection"},  # a hall the user does not see
	]
	assert day_checks({"钦南中心": (QINNAN, True)}, rows) == DayChecks(2, 4, ())


def test_day_checks_off_day_and_unset_minimum():
	rows = [{"hall": "城中中心", "idx": 1, "method": "On-site Inspection"}]
	got = day_checks(
		{"城中中心": (LIUZHOU, False), "无规则中心": ({"jurisdiction": "x"}, True), "无包中心": (None, True)},
		rows,
	)
	# a day off needs no check (a check made anyway still counts); a hall without a minimum is named
	assert got == DayChecks(done=1, required=0, not_configured=("无规则中心", "无包中心"))


# ---------------------------------------------------------------------------------------------- 六查问题分类
def test_findings_by_category_in_the_six_checks_order():
	rows = [
		{"category": "Duty Performance"},
		{"category": "Discipline"},
		{"category": "Environment"},
		{"category": "Discipline"},
		{"category": ""},  # a check without a finding
		{"category": None},
		{"category": "Hall Ten Prohibitions"},  # a category of another pack, after the 六查
	]
	assert findings_by_category(rows) == [
		("Environment", 1),
		("Discipline", 2),
		("Duty Performance", 1),
		("Hall Ten Prohibitions", 1),
	]
	assert findings_by_category([]) == []


# ---------------------------------------------------------------------------------------------- the workspaces' parts
MODULE = APP / "zhengwu_hall"


def load(kind):
	return {
		doc["name"]: doc
		for doc in (json.loads(p.read_text("utf-8")) for p in sorted((MODULE / kind).glob("*/*.json")))
	}


def defined(dotted):
	"""Whether ``dotted`` names a whitelisted function of the app."""
	module, _, func = dotted.rpartition(".")
	path = APP.parent.joinpath(*module.split(".")).with_suffix(".py")
	if not path.exists():
		return False
	tree = ast.parse(path.read_text("utf-8"))
	for node in tree.body:
		if isinstance(node, ast.FunctionDef) and node.name == func:
			return any(ast.unparse(d).startswith("frappe.whitelist") for d in node.decorator_list)
	return False


def test_every_workspace_widget_exists_and_is_laid_out():
	cards, charts = load("number_card"), load("dashboard_chart")
	for name, ws in load("workspace").items():
		content = json.loads(ws["content"])
		laid_out = {
			kind: [b["data"][f"{kind}_name"] for b in content if b["type"] == kind]
			for kind in ("number_card", "shortcut", "chart")
		}
		assert laid_out["number_card"] == [c["number_card_name"] for c in ws["number_cards"]], name
		assert laid_out["shortcut"] == [s["label"] for s in ws["shortcuts"]], name
		assert laid_out["chart"] == [c["chart_name"] for c in ws["charts"]], name
		assert set(laid_out["number_card"]) <= set(cards), name
		assert set(laid_out["chart"]) <= set(charts), name
		assert len({b["id"] for b in content}) == len(content), f"{name}: block ids repeat"


def test_custom_cards_and_chart_sources_call_whitelisted_functions():
	"""A Custom card names the DocType whose readers Frappe shows it to (number_card.has_permission)."""
	for name, card in load("number_card").items():
		if card["type"] == "Custom":
			assert defined(card["method"]), f"{name}: {card['method']}"
			assert card["document_type"], f"{name}: a Custom card without document_type is shown to no one"
	sources = load("dashboard_chart_source")
	for name, chart in load("dashboard_chart").items():
		if chart["chart_type"] == "Custom":
			assert chart["source"] in sources, name
			assert chart["roles"], f"{name}: a Custom chart without roles is shown to System Managers only"
			js = MODULE / "dashboard_chart_source" / scrub(chart["source"]) / f"{scrub(chart['source'])}.js"
			method = re.search(r'method:\s*"([^"]+)"', js.read_text("utf-8")).group(1)
			assert defined(method), f"{name}: {method}"


def test_pending_approvals_open_where_each_family_works():
	"""待我审批 (card and report) on the workspaces of everyone who approves; the leave shortcut is the user's own."""
	for name, ws in load("workspace").items():
		assert "待我审批" in [c["number_card_name"] for c in ws["number_cards"]], name
		assert "Pending My Approval" in [s["link_to"] for s in ws["shortcuts"] if s["type"] == "Report"], name
	leadership = load("workspace")["中心领导"]
	(leave,) = [s for s in leadership["shortcuts"] if s["label"] == "待我审批的请假"]
	assert "awaiting_role" in leave["stats_filter"] and "frappe.user_roles" in leave["stats_filter"]
	for name in ("中心领导", "督查员"):
		assert "未评价办件" in [c["number_card_name"] for c in load("workspace")[name]["number_cards"]], name


def test_complaint_prints_its_feedback_form_by_default():
	meta = json.loads((MODULE / "doctype" / "complaint" / "complaint.json").read_text("utf-8"))
	assert meta["default_print_format"] == "Complaint Feedback Form"


def scrub(name):
	return name.replace(" ", "_").replace("-", "_").lower()
