"""The desk of each role family (pure: no frappe import).

- ``workspace_for_roles``: which shipped workspace a user lands in. Each workspace serves one role family of the
  hall (issue 10: 窗口工作人员, 督查员, 中心领导, 系统管理员); a user holding roles of several families lands in
  the most senior one, administrators first, then the center's leaders, then supervisors, then window staff.
- ``approvable_states``: 待我审批 — the workflow states from which a user's roles may move a document on.
- ``day_checks``: 今日巡查 — the checks done today against the packs' minimum, over the halls a user sees.
- ``findings_by_category``: 六查问题分类 — findings counted by category, in the 六查 order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from zhengwu_hall.rules.inspections import SIX_CHECKS, daily_requirement, is_performed
from zhengwu_hall.rules.packs import RuleNotConfigured

ADMIN_WORKSPACE = "系统管理员"
LEADERSHIP_WORKSPACE = "中心领导"
SUPERVISOR_WORKSPACE = "督查员"
WINDOW_WORKSPACE = "窗口工作人员"

# most senior family first
ROLE_FAMILIES = (
	(ADMIN_WORKSPACE, ("Administrator", "System Manager", "Hall Administrator")),
	(LEADERSHIP_WORKSPACE, ("Center Director", "Center Deputy Director", "Government Leader")),
	(SUPERVISOR_WORKSPACE, ("Supervisor",)),
	(WINDOW_WORKSPACE, ("Window Staff", "Department Liaison", "Proxy Agent")),
)
SHIPPED_WORKSPACES = tuple(name for name, _roles in ROLE_FAMILIES)


def workspace_for_roles(roles) -> str | None:
	"""The workspace of the most senior role family among ``roles``; None for a user of none of them."""
	held = set(roles or ())
	for workspace, family in ROLE_FAMILIES:
		if held.intersection(family):
			return workspace
	return None


def should_replace_default(current: str | None) -> bool:
	"""An empty default or one of our own is ours to keep in step with the roles; a workspace the user or an
	administrator chose elsewhere is kept."""
	return not current or current in SHIPPED_WORKSPACES


# ---------------------------------------------------------------------------------------------- 待我审批
def approvable_states(
	transitions: Iterable[Mapping], roles: Iterable[str], is_administrator: bool = False
) -> dict[str, dict[str, bool]]:
	"""{doctype: {state: own_documents_too}} of the workflow states a holder of ``roles`` may act on.

	``transitions`` are Workflow Transition rows with their workflow's ``document_type``: a document waits for the
	user when a transition out of its current ``state`` is ``allowed`` to one of the user's roles. Like Frappe
	(frappe.model.workflow.has_approval_access), a user acts on a document they created only through a transition
	with ``allow_self_approval``; ``own_documents_too`` says whether any of the user's transitions out of the state
	allows it (Administrator always may). Transition conditions are not evaluated: a document whose next step
	needs more data is still the user's open work.
	"""
	held = set(roles or ())
	out: dict[str, dict[str, bool]] = {}
	for t in transitions or ():
		if t.get("allowed") not in held or not t.get("document_type") or not t.get("state"):
			continue
		states = out.setdefault(t["document_type"], {})
		own = is_administrator or bool(t.get("allow_self_approval"))
		states[t["state"]] = states.get(t["state"], False) or own
	return out


# ---------------------------------------------------------------------------------------------- 今日巡查
@dataclass(frozen=True)
class DayChecks:
	done: int  # checks performed that day in the halls
	required: int  # the sum of the packs' daily minimum over the halls working that day
	not_configured: tuple[str, ...]  # halls working that day whose pack sets no minimum


def day_checks(halls: Mapping[str, tuple[Mapping | None, bool]], rows: Iterable[Mapping]) -> DayChecks:
	"""One day of inspections over several halls: ``halls`` maps each hall to (its pack, whether the day is a
	working day there); ``rows`` are that day's check rows with their ``hall``. A hall off that day needs no check
	(its checks still count as done); a working hall whose pack sets no minimum is named, not given a default."""
	done = sum(1 for r in rows if r.get("hall") in halls and is_performed(r))
	required, unset = 0, []
	for hall, (pack, working) in halls.items():
		if not working:
			continue
		try:
			required += daily_requirement(pack or {}).minimum
		except RuleNotConfigured:
			unset.append(hall)
	return DayChecks(done, required, tuple(unset))


# ---------------------------------------------------------------------------------------------- 六查问题分类
def findings_by_category(rows: Iterable[Mapping]) -> list[tuple[str, int]]:
	"""[(category, findings)] of the rows with a category: the 六查 in their order (seed 000 一(三)), then any
	other category alphabetically; categories without a finding are left out."""
	counts = Counter(r["category"] for r in rows if r.get("category"))
	order = [c for c in SIX_CHECKS if c in counts] + sorted(c for c in counts if c not in SIX_CHECKS)
	return [(c, counts[c]) for c in order]
