"""Which workspace a user lands in (rules/desk.py), by hand: one role of each family, mixed roles, none."""

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
