"""帮办代办服务委托书 (seed 001 帮办代办制度 and its annex): the flow and the contact's ID number. Pure Python.

Flow (帮办代办制度 第三条): 委托 (Entrusted) → 受理 (Accepted: first check of the materials, receipt issued) →
代理 (In Proxy) → 回交 (Returned); or 终止 (Terminated) with one of the five causes of the annex 第四条.
The ID number (身份证号, annex 第三条) is a resident identity number of GB 11643-1999: 17 digits and a check
character (ISO 7064 MOD 11-2).
"""

from __future__ import annotations

import re

ENTRUSTED, ACCEPTED, IN_PROXY, RETURNED, TERMINATED = (
	"Entrusted",
	"Entrustment Accepted",
	"In Proxy",
	"Returned to Client",
	"Service Terminated",
)
# annex 第四条 1.–5.
TERMINATION_CAUSES = (
	"Client Requested Termination in Writing",
	"False or Unremediable Materials",
	"Conditions for Completion Not Met",
	"Long Stall Caused by the Client",
	"Other Cause",
)

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")


def normalize_id_number(value: str | None) -> str:
	return (value or "").strip().replace(" ", "").upper()


def id_number_problem(value: str | None) -> str | None:
	"""None when ``value`` is a valid 18-character resident ID number, else "format" or "checksum"."""
	value = normalize_id_number(value)
	if not _ID_RE.match(value):
		return "format"
	total = sum(int(c) * w for c, w in zip(value[:17], _WEIGHTS, strict=True))
	if _CHECK[total % 11] != value[17]:
		return "checksum"
	return None


def mask_id_number(value: str | None) -> str:
	"""The first 6 and last 4 characters, the rest hidden: 450702********1234."""
	value = normalize_id_number(value)
	if len(value) <= 10:
		return "*" * len(value)
	return value[:6] + "*" * (len(value) - 10) + value[-4:]


def termination_problem(state: str | None, cause: str | None) -> str | None:
	"""A termination needs one of the five causes (annex 第四条); the cause is chosen before terminating."""
	if state == TERMINATED and cause not in TERMINATION_CAUSES:
		return "cause_missing"
	return None
