"""Promised vs statutory limits (seed 001 限时办结制度 第四条)."""

import pytest
from zhengwu_hall.rules.deadlines import (
	PROMISED_MISSING,
	PROMISED_NEGATIVE,
	PROMISED_NOT_SHORTER,
	STATUTORY_NOT_POSITIVE,
	check_promised_limit,
	is_valid_promised_limit,
)


@pytest.mark.parametrize(
	("statutory", "promised", "problem"),
	[
		(20, 10, None),
		(20, 19, None),
		(1, 0, None),  # 即办 against a one-day statutory limit
		(20, 20, PROMISED_NOT_SHORTER),  # "必须少于": equal is refused
		(20, 21, PROMISED_NOT_SHORTER),
		(1, 1, PROMISED_NOT_SHORTER),
		(None, 5, None),  # no statutory limit: any reasonable promise
		(None, 0, None),
		(None, None, PROMISED_MISSING),
		(20, None, PROMISED_MISSING),
		(None, -1, PROMISED_NEGATIVE),
		(20, -1, PROMISED_NEGATIVE),
		(0, 0, STATUTORY_NOT_POSITIVE),
		(-3, 0, STATUTORY_NOT_POSITIVE),
	],
)
def test_check_promised_limit(statutory, promised, problem):
	assert check_promised_limit(statutory, promised) == problem
	assert is_valid_promised_limit(statutory, promised) is (problem is None)


def test_accepts_numeric_strings():
	assert check_promised_limit("20", "10") is None
	assert check_promised_limit("10", "10") == PROMISED_NOT_SHORTER
