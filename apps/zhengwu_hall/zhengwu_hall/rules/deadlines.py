"""Time limits of a service item (政务服务事项). Pure Python: no frappe import.

seed 001 钦南区 限时办结制度 第四条: where a law, regulation or rule fixes a time limit for an item (法定时限), the
limit the window promises (承诺时限) must be LESS than it (必须少于规定的时限); where the law fixes none, the
window sets a reasonable promised limit itself.

Both limits are counted in working days. A promised limit of 0 means 即办 (finished on the acceptance day,
counting starts that day — 限时办结制度 第六条). A statutory limit, when the law sets one, is at least 1
working day; "no statutory limit" is ``None``, never 0.
"""

from __future__ import annotations

PROMISED_MISSING = "promised_missing"
PROMISED_NEGATIVE = "promised_negative"
STATUTORY_NOT_POSITIVE = "statutory_not_positive"
PROMISED_NOT_SHORTER = "promised_not_shorter"


def check_promised_limit(statutory: int | None, promised: int | None) -> str | None:
	"""Return the problem with a (statutory, promised) pair of working-day limits, or None when it is valid.

	>>> check_promised_limit(20, 10) is None
	True
	>>> check_promised_limit(20, 20)
	'promised_not_shorter'
	>>> check_promised_limit(None, 5) is None
	True
	"""
	if promised is None:
		return PROMISED_MISSING
	if int(promised) < 0:
		return PROMISED_NEGATIVE
	if statutory is None:
		return None
	if int(statutory) < 1:
		return STATUTORY_NOT_POSITIVE
	if int(promised) >= int(statutory):
		return PROMISED_NOT_SHORTER
	return None


def is_valid_promised_limit(statutory: int | None, promised: int | None) -> bool:
	return check_promised_limit(statutory, promised) is None
