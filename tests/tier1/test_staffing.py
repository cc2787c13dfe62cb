"""AB post rules (seed 001 AB岗工作制度 第一条, seed 003 二(二)1, seed 004 第十五条)."""

import pytest
from zhengwu_hall.rules.staffing import (
	B_WITHOUT_A,
	MISSING_B,
	MULTIPLE_B,
	PROBLEM_CITATIONS,
	PROBLEM_DESCRIPTIONS,
	PROBLEM_KINDS,
	SINGLE_B_MAX_A,
	check_window,
	find_ab_problems,
	normalise_post,
)


def kinds(problems):
	return [p.kind for p in problems]


def test_threshold_is_seed_004_article_15():
	# "派驻窗口人员(即A崗)在2人(含2人)以下的 ... 落实1名 ... 替崗人员(即B崗)"
	assert SINGLE_B_MAX_A == 2


@pytest.mark.parametrize(
	("a", "b", "expected"),
	[
		(["a1"], ["b1"], []),
		(["a1", "a2"], ["b1"], []),
		(["a1"], [], [MISSING_B]),
		(["a1", "a2", "a3"], [], [MISSING_B]),
		(["a1"], ["b1", "b2"], [MULTIPLE_B]),
		(["a1", "a2"], ["b1", "b2"], [MULTIPLE_B]),
		# more than 2 A: Art.15 is silent, seed 001 asks one B per post: several B are fine
		(["a1", "a2", "a3"], ["b1", "b2"], []),
		(["a1", "a2", "a3"], ["b1"], []),
		([], ["b1"], [B_WITHOUT_A]),
		([], [], []),
	],
)
def test_check_window(a, b, expected):
	assert kinds(check_window("W", a, b)) == expected


def test_a_holder_cannot_stand_in_for_themself():
	assert kinds(check_window("W", ["u1"], ["u1"])) == [MISSING_B]
	assert kinds(check_window("W", ["u1", "u2"], ["u1", "b1"])) == []


def test_a_person_counts_once():
	assert kinds(check_window("W", ["a1", "a1", "a2"], ["b1", "b1"])) == []
	problems = check_window("W", ["a1", "a1"], [])
	assert problems[0].a_staff == ("a1",)


def test_empty_users_ignored():
	assert kinds(check_window("W", ["a1", None, ""], ["", None])) == [MISSING_B]


def test_problem_carries_staff_and_text():
	(p,) = check_window("W1", ["a1", "a2"], ["b1", "b2"])
	assert p.window == "W1"
	assert p.a_staff == ("a1", "a2")
	assert p.b_staff == ("b1", "b2")
	assert "more than one" in p.description
	assert "第十五条" in p.citation


def test_every_kind_has_text_and_citation():
	for kind in PROBLEM_KINDS:
		assert PROBLEM_DESCRIPTIONS[kind]
		assert "seed" in PROBLEM_CITATIONS[kind]


@pytest.mark.parametrize(
	("raw", "post"),
	[
		("A", "A"),
		("a", "A"),
		("A Post", "A"),
		("B", "B"),
		("B Post", "B"),
		("", None),
		(None, None),
		("C", None),
	],
)
def test_normalise_post(raw, post):
	assert normalise_post(raw) == post


def test_find_ab_problems_groups_by_window():
	rows = [
		("W2", "a1", "A Post"),
		("W1", "a2", "A Post"),
		("W1", "b2", "B Post"),
		("W3", "b3", "B Post"),
		("W4", "a4", "A Post"),
		("W4", "b4", "B Post"),
		("W4", "b5", "B Post"),
		("W5", "x", "Other"),
	]
	problems = find_ab_problems(rows)
	assert [(p.window, p.kind) for p in problems] == [
		("W2", MISSING_B),
		("W3", B_WITHOUT_A),
		("W4", MULTIPLE_B),
	]


def test_find_ab_problems_empty():
	assert find_ab_problems([]) == []
