"""The public 好差评 surface (no login): the QR code of a window opens /rate?window=…&token=…, which posts to
``submit_rating``. This and the page www/rate.py are the only things a Guest can reach in this app.

Guards (seed 001 “好差评”制度 第二十六条 不得刷好评):
- the token is an HMAC of the window name with the site's encryption key: only the printed QR card opens a
  window's page, nobody rates a window by guessing its name;
- every page view carries a one-time nonce kept in Redis for two hours; a second post of the same nonce (a replayed
  or double-sent form) is refused;
- the endpoint is rate-limited per IP address (``RATE_LIMIT`` posts a minute);
- a device (a random id the page keeps in the browser) or phone that already rated the same window within
  ``rules.evaluations.REPEAT_WINDOW`` gets its rating held for review: stored, not counted (excluded), listed in
  the Rating Fraud Patterns report until a supervisor releases it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import add_to_date, cint, get_url, now_datetime
from frappe.utils.password import get_encryption_key

from zhengwu_hall.rules import evaluations as rules

NONCE_TTL = 2 * 60 * 60
RATE_LIMIT = 20  # posts per IP a minute


class RatingLinkInvalidError(frappe.ValidationError):
	pass


class RatingLevelInvalidError(frappe.ValidationError):
	pass


class RatingReplayedError(frappe.ValidationError):
	pass


def window_token(window: str) -> str:
	key = get_encryption_key().encode()
	return hmac.new(key, f"rate:{window}".encode(), hashlib.sha256).hexdigest()[:20]


def rating_url(window: str) -> str:
	from urllib.parse import urlencode

	return get_url("/rate?" + urlencode({"window": window, "token": window_token(window)}))


def _nonce_key(nonce: str) -> str:
	return frappe.cache.make_key(f"zw-rating-nonce:{nonce}")


def issue_nonce(window: str) -> str:
	nonce = secrets.token_urlsafe(18)
	frappe.cache.set(_nonce_key(nonce), window, ex=NONCE_TTL)
	return nonce


def consume_nonce(nonce: str, window: str) -> bool:
	"""True once per issued nonce of ``window`` (Redis GETDEL: atomic)."""
	if not nonce:
		return False
	value = frappe.cache.execute_command("GETDEL", _nonce_key(nonce))
	return value is not None and (value.decode() if isinstance(value, bytes) else value) == window


def check_link(window: str, token: str) -> dict:
	if not (window and token and hmac.compare_digest(window_token(window), str(token))):
		frappe.throw(
			_("This rating link is not valid; scan the QR code at the window again"), RatingLinkInvalidError
		)
	row = frappe.db.get_value(
		"Service Window",
		window,
		["name", "window_number", "window_name", "service_hall", "stationed_department", "is_active"],
		as_dict=True,
	)
	if not row or not row.is_active:
		frappe.throw(
			_("This rating link is not valid; scan the QR code at the window again"), RatingLinkInvalidError
		)
	return row


def staff_on_duty(window: str) -> str | None:
	"""The window's active A-post staff member (the one the QR card stands for), else its first active staff."""
	return frappe.db.get_value(
		"Window Staff",
		{"service_window": window, "is_active": 1},
		"name",
		order_by="post asc, creation asc",
	)


def device_hash(device: str | None) -> str | None:
	return hashlib.sha256(device.encode()).hexdigest()[:32] if device else None


def earlier_times(window: str, device: str | None, phone: str | None, now) -> list:
	ev = frappe.qb.DocType("Service Evaluation")
	matches = []
	if device:
		matches.append(ev.device_id == device)
	if phone:
		matches.append(ev.rater_phone == phone)
	if not matches:
		return []
	cond = matches[0] if len(matches) == 1 else (matches[0] | matches[1])
	since = add_to_date(now, seconds=-rules.REPEAT_WINDOW.total_seconds())
	return [
		r[0]
		for r in frappe.qb.from_(ev)
		.select(ev.rated_on)
		.where((ev.service_window == window) & (ev.rated_on >= since) & cond)
		.run()
	]


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=RATE_LIMIT, seconds=60)
def submit_rating(
	window: str,
	token: str,
	nonce: str,
	level: str,
	bad_reason: str | None = None,
	bad_reason_options: str | None = None,
	device: str | None = None,
	real_name: int = 0,
	rater_name: str | None = None,
	rater_phone: str | None = None,
	overall_satisfaction: str | None = None,
	service_efficiency: str | None = None,
	service_level: str | None = None,
	service_attitude: str | None = None,
) -> dict:
	row = check_link(window, token)
	if level not in rules.LEVELS:  # a forged post: a clear refusal, not a server error (issue 11)
		frappe.throw(_("Choose one of the five rating levels"), RatingLevelInvalidError)
	if not consume_nonce(nonce, window):
		frappe.throw(
			_("This rating form was already sent or has expired; scan the QR code again to rate"),
			RatingReplayedError,
		)
	real = cint(real_name) and bool((rater_phone or "").strip())
	phone = (rater_phone or "").strip() or None if real else None
	now = now_datetime()
	device_id = device_hash((device or "").strip()[:100] or None)
	held = rules.should_hold(earlier_times(window, device_id, phone, now), now)
	doc = frappe.get_doc(
		{
			"doctype": "Service Evaluation",
			"service_hall": row.service_hall,
			"service_window": window,
			"staff": staff_on_duty(window),
			"channel": "QR Code",
			"level": level,
			"rated_on": now,
			"bad_reason": (bad_reason or "").strip() or None,
			"bad_reason_options": (bad_reason_options or "")[:2000] or None,
			"real_name": int(bool(real)),
			"rater_name": (rater_name or "").strip()[:140] or None if real else None,
			"rater_phone": phone,
			"device_id": device_id,
			"overall_satisfaction": overall_satisfaction or None,
			"service_efficiency": service_efficiency or None,
			"service_level": service_level or None,
			"service_attitude": service_attitude or None,
			"excluded": int(held),
			"held_for_review": int(held),
			"exclusion_reason": _(
				"Repeated rating of this window from the same device or phone within a short time"
			)
			if held
			else None,
		}
	)
	doc.flags.ignore_permissions = True
	doc.flags.counting_set_by_rule = True
	doc.insert()
	return {"ok": 1, "message": _("Thank you for your rating")}


def window_card(window: str) -> dict:
	"""What the printed window card shows: the rating URL and its QR code as inline SVG (Jinja method)."""
	import io

	import pyqrcode

	url = rating_url(window)
	buf = io.BytesIO()
	pyqrcode.create(url, error="M").svg(buf, scale=6, xmldecl=False, svgns=True, quiet_zone=2)
	return {"url": url, "svg": buf.getvalue().decode()}
