"""Which workspace a user lands in (rules/desk.py), by hand: one role of each family, mixed roles, none."""

import ast
import json
from pathlib import Path

import pytest
from zhengwu_hall.rules.desk import should_replace_default, workspace_for_roles


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
