"""AB post rules (AB岗) for the staff of one service window. Pure Python: no frappe import.

What the seeds say
------------------
- seed 001 钦南区 AB岗工作制度 第一条: every post of a window has a regular A-post holder (经常性在岗位的A岗责任人)
  and one B-post holder who knows the post's business (熟悉该岗位业务的临时性预备上岗的B岗责任人) and takes the
  post when the A holder cannot.
- seed 003 阿拉善盟 二(二)1: 设置AB岗制度, the absent A is replaced by a named B (由明确的B岗责任人代替).
- seed 004 XX区 第十五条: where a window has 2 or fewer A staff (含2人), the department names 1 stand-in (B岗)
  who can handle all of the window's business (落实1名能够通办派驻窗口业务的替崗人员).

What counts as a problem (decided here, and what the "AB Post Violations" report lists)
---------------------------------------------------------------------------------------
Only active staff of the window count, and each person counts once (a person holds one post on a window).

1. ``missing_b`` — the window has at least one A and no B. All three seeds.
2. ``multiple_b`` — the window has 1 or 2 A and more than one B. Seed 004 Art.15 asks for exactly one B (落实1名),
   seed 003 for a named, unambiguous one (明确的B岗责任人): with two stand-ins nobody knows who covers.
   A window with more than 2 A may have several B: Art.15 does not cover it and seed 001 asks one B per post.
3. ``b_without_a`` — the window has B staff but no A: a B is a stand-in (临时性预备上岗, seed 001 第一条); a window
   held only by stand-ins has no regular holder.

A window with no staff at all is not an AB problem (it is unstaffed, which other checks may report).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

POST_A = "A"
POST_B = "B"

# seed 004 第十五条: "在2人(含2人)以下的" — up to this many A staff, exactly one B
SINGLE_B_MAX_A = 2

MISSING_B = "missing_b"
MULTIPLE_B = "multiple_b"
B_WITHOUT_A = "b_without_a"

PROBLEM_KINDS = (MISSING_B, MULTIPLE_B, B_WITHOUT_A)

# English text of each problem (translated to Chinese by the app's zh.csv) and the articles it rests on.
PROBLEM_DESCRIPTIONS = {
	MISSING_B: "Window has A-post staff but no B-post stand-in",
	MULTIPLE_B: "Window with at most 2 A-post staff has more than one B-post stand-in",
	B_WITHOUT_A: "Window has B-post stand-ins but no A-post staff",
}
PROBLEM_CITATIONS = {
	MISSING_B: "seed 001 AB岗工作制度 第一条; seed 003 二(二)1; seed 004 第十五条",
	MULTIPLE_B: "seed 004 第十五条; seed 003 二(二)1",
	B_WITHOUT_A: "seed 001 AB岗工作制度 第一条",
}


@dataclass(frozen=True)
class AbProblem:
	window: str
	kind: str
	a_staff: tuple[str, ...] = field(default_factory=tuple)
	b_staff: tuple[str, ...] = field(default_factory=tuple)

	@property
	def description(self) -> str:
		return PROBLEM_DESCRIPTIONS[self.kind]

	@property
	def citation(self) -> str:
		return PROBLEM_CITATIONS[self.kind]


def normalise_post(post: str | None) -> str | None:
	"""'A', 'A Post', 'a' -> 'A'; 'B', 'B Post' -> 'B'; anything else -> None."""
	if not post:
		return None
	head = str(post).strip()[:1].upper()
	return head if head in (POST_A, POST_B) else None


def check_window(window: str, a_staff: Iterable[str], b_staff: Iterable[str]) -> list[AbProblem]:
	"""Problems of one window given the (active) users on its A and B posts."""
	a = tuple(dict.fromkeys(u for u in a_staff if u))
	# a person cannot stand in for themself: an A holder listed as B too does not count as B
	b = tuple(dict.fromkeys(u for u in b_staff if u and u not in a))

	problems = []
	if a and not b:
		problems.append(AbProblem(window, MISSING_B, a, b))
	elif a and len(a) <= SINGLE_B_MAX_A and len(b) > 1:
		problems.append(AbProblem(window, MULTIPLE_B, a, b))
	elif b and not a:
		problems.append(AbProblem(window, B_WITHOUT_A, a, b))
	return problems


def find_ab_problems(assignments: Iterable[tuple[str, str, str | None]]) -> list[AbProblem]:
	"""Problems of every window among ``(window, user, post)`` rows of active staff, in window order.

	Rows with an unknown post are ignored; windows without any A or B row do not appear.
	"""
	posts: dict[str, dict[str, list[str]]] = {}
	for window, user, post in assignments:
		kind = normalise_post(post)
		if not window or kind is None:
			continue
		posts.setdefault(window, {POST_A: [], POST_B: []})[kind].append(user)

	problems: list[AbProblem] = []
	for window in sorted(posts):
		problems.extend(check_window(window, posts[window][POST_A], posts[window][POST_B]))
	return problems
