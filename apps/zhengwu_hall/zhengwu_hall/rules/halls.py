"""Levels of the service hall tree (seed 003 阿拉善盟 一, 二(一)1). Pure Python: no frappe import.

Seed 003 names four levels — 盟(市), 旗(区、县), 苏木镇(街道), 嘎查村(社区) — and their places:
"旗(区)政务服务中心", "旗(区)苏木镇(街道)便民服务中心", "苏木镇(街道)嘎查村(社区)便民服务站". A 分厅/分中心 is a
branch of a 政务服务中心 (seed 004 第四条, 第七条: 区政务服务中心分中心), not a level of its own.

Which level may hang under which (decided here):

==================  ===========================================  ===================
level               may be a child of                            may have children
==================  ===========================================  ===================
Prefecture Center   nothing (a root)                             yes
District Center     a Prefecture Center, or a root               yes
Branch Hall         a Prefecture Center or a District Center     no
Town Center         a District Center, or a root                 yes
Village Station     a Town Center, or a root                     no
==================  ===========================================  ===================

Roots below the top level are allowed so that a jurisdiction can model only the levels it runs (seed 001 is a
district's rules for its 镇(街道) centers).
"""

from __future__ import annotations

PREFECTURE_CENTER = "Prefecture Center"
DISTRICT_CENTER = "District Center"
BRANCH_HALL = "Branch Hall"
TOWN_CENTER = "Town Center"
VILLAGE_STATION = "Village Station"

# in the order of the Select field, top level first
LEVELS = (PREFECTURE_CENTER, DISTRICT_CENTER, BRANCH_HALL, TOWN_CENTER, VILLAGE_STATION)

ROOT = None

ALLOWED_PARENTS: dict[str, tuple[str | None, ...]] = {
	PREFECTURE_CENTER: (ROOT,),
	DISTRICT_CENTER: (ROOT, PREFECTURE_CENTER),
	BRANCH_HALL: (PREFECTURE_CENTER, DISTRICT_CENTER),
	TOWN_CENTER: (ROOT, DISTRICT_CENTER),
	VILLAGE_STATION: (ROOT, TOWN_CENTER),
}


def is_known_level(level: str | None) -> bool:
	return level in ALLOWED_PARENTS


def can_have_children(level: str) -> bool:
	return any(level in parents for parents in ALLOWED_PARENTS.values())


def allowed_parent_levels(level: str) -> tuple[str | None, ...]:
	return ALLOWED_PARENTS.get(level, ())


def is_allowed_parent(level: str, parent_level: str | None) -> bool:
	"""May a hall of ``level`` hang under a hall of ``parent_level`` (None: be a root)?"""
	return parent_level in ALLOWED_PARENTS.get(level, ())


def allowed_child_levels(level: str | None) -> tuple[str, ...]:
	"""Levels that may hang under a hall of ``level`` (None: the levels that may be roots)."""
	return tuple(child for child in LEVELS if level in ALLOWED_PARENTS[child])
