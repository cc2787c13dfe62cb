"""Levels of the hall tree (seed 003)."""

import pytest
from zhengwu_hall.rules.halls import (
	BRANCH_HALL,
	DISTRICT_CENTER,
	LEVELS,
	PREFECTURE_CENTER,
	TOWN_CENTER,
	VILLAGE_STATION,
	allowed_child_levels,
	can_have_children,
	is_allowed_parent,
	is_known_level,
)


@pytest.mark.parametrize(
	("level", "parent", "ok"),
	[
		(PREFECTURE_CENTER, None, True),
		(PREFECTURE_CENTER, DISTRICT_CENTER, False),
		(DISTRICT_CENTER, PREFECTURE_CENTER, True),
		(DISTRICT_CENTER, None, True),
		(DISTRICT_CENTER, TOWN_CENTER, False),
		(DISTRICT_CENTER, VILLAGE_STATION, False),  # a 村 station cannot be the parent of a district center
		(DISTRICT_CENTER, DISTRICT_CENTER, False),
		(BRANCH_HALL, DISTRICT_CENTER, True),
		(BRANCH_HALL, PREFECTURE_CENTER, True),
		(BRANCH_HALL, None, False),
		(BRANCH_HALL, TOWN_CENTER, False),
		(TOWN_CENTER, DISTRICT_CENTER, True),
		(TOWN_CENTER, BRANCH_HALL, False),
		(TOWN_CENTER, PREFECTURE_CENTER, False),
		(TOWN_CENTER, None, True),
		(VILLAGE_STATION, TOWN_CENTER, True),
		(VILLAGE_STATION, DISTRICT_CENTER, False),
		(VILLAGE_STATION, VILLAGE_STATION, False),
		(VILLAGE_STATION, None, True),
	],
)
def test_is_allowed_parent(level, parent, ok):
	assert is_allowed_parent(level, parent) is ok


def test_groups_and_leaves():
	assert [lvl for lvl in LEVELS if can_have_children(lvl)] == [
		PREFECTURE_CENTER,
		DISTRICT_CENTER,
		TOWN_CENTER,
	]


def test_child_levels():
	assert allowed_child_levels(DISTRICT_CENTER) == (BRANCH_HALL, TOWN_CENTER)
	assert allowed_child_levels(TOWN_CENTER) == (VILLAGE_STATION,)
	assert allowed_child_levels(VILLAGE_STATION) == ()
	assert allowed_child_levels(None) == (PREFECTURE_CENTER, DISTRICT_CENTER, TOWN_CENTER, VILLAGE_STATION)


def test_unknown_level():
	assert not is_known_level("Province")
	assert not is_allowed_parent("Province", None)
