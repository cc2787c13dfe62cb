"""Appointments on the site: the published slots of a hall, the booking check, and the Guest surface.

The pure rules are in ``zhengwu_hall.rules.appointments``; this module reads the hall's Appointment Schedules and
its working-day calendar (``get_working_calendar``) and turns rule errors into Chinese messages.

The Guest surface (no login) is exactly three methods, each rate-limited per IP, plus the pages in www/:
- ``public_slots(hall, from_date)``: the open slots of the hall's published schedules and the places left;
- ``book(...)``: books one slot (an online booking), returns the appointment and its booking code;
- ``cancel(appointment, booking_code)``: cancels with the code given at booking.
Nothing else is readable by a Guest: the records are hall-scoped and Guest holds no permission on them.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import add_days, getdate, now_datetime, today

from zhengwu_hall.rules import appointments as rules
from zhengwu_hall.setup.calendar import get_working_calendar, translated_calendar_errors

APPOINTMENT = "Service Appointment"
SCHEDULE = "Appointment Schedule"
SLOT = "Appointment Schedule Slot"
DEFAULT_AHEAD_DAYS = 14
PHONE_RE = re.compile(r"^[0-9+\-\s]{7,20}$")
# the Guest surface answers in Chinese whatever the browser's Accept-Language says
PUBLIC_LANG = "zh"


class SlotFullError(frappe.ValidationError):
	pass


class SlotNotPublishedError(frappe.ValidationError):
	pass


class PastAppointmentError(frappe.ValidationError):
	pass


class NotAHolidayError(frappe.ValidationError):
	pass


class BookingInvalidError(frappe.ValidationError):
	pass


class BookingCodeWrongError(frappe.ValidationError):
	pass


ERRORS = {
	"slot_full": SlotFullError,
	"no_slot": SlotNotPublishedError,
	"past_date": PastAppointmentError,
	"not_holiday": NotAHolidayError,
}


def rule_message(err: rules.AppointmentRuleError) -> str:
	d = err.details
	if err.code == "slot_full":
		return _(
			"The slot {0} {1} is full ({2} places); choose another slot, or come to the hall: walk-ins are always served"
		).format(d["date"], d["start"], d["capacity"])
	if err.code == "no_slot":
		return _(
			"The hall publishes no appointment slot at {1} on {0}; choose one of the published slots"
		).format(d["date"], d["start"])
	if err.code == "past_date":
		return _("{0} has passed; choose a date from today on").format(d["date"])
	if err.code == "not_holiday":
		return _(
			"{0} is a working day: holiday urgent handling is for days off; book a regular slot instead"
		).format(d["date"])
	return err.code


# ---------------------------------------------------------------------------------------------- schedules
def schedule_rows(hall: str, window: str | None = None) -> list[dict]:
	"""The published rows (window, weekday, start_time, end_time, capacity, kind) of the hall's enabled schedules."""
	schedule, slot = frappe.qb.DocType(SCHEDULE), frappe.qb.DocType(SLOT)
	query = (
		frappe.qb.from_(slot)
		.join(schedule)
		.on(slot.parent == schedule.name)
		.select(
			schedule.service_window.as_("window"),
			slot.weekday,
			slot.start_time,
			slot.end_time,
			slot.capacity,
			slot.kind,
		)
		.where(slot.parenttype == SCHEDULE)
		.where(schedule.service_hall == hall)
		.where(schedule.enabled == 1)
	)
	if window:
		query = query.where(schedule.service_window == window)
	return query.run(as_dict=True)


def holding_appointments(window: str, date, exclude: str | None = None) -> list[dict]:
	"""The appointments of ``window`` on ``date`` (every status; the rules count those holding a place)."""
	appt = frappe.qb.DocType(APPOINTMENT)
	query = (
		frappe.qb.from_(appt)
		.select(
			appt.name, appt.service_window, appt.appointment_date, appt.slot_start, appt.status, appt.channel
		)
		.where(appt.service_window == window)
		.where(appt.appointment_date == getdate(date))
	)
	if exclude:
		query = query.where(appt.name != exclude)
	return query.run(as_dict=True)


def check_booking(doc) -> rules.Slot | None:
	"""The slot ``doc`` takes (None for walk-ins and holiday urgent requests); a Chinese error otherwise.

	Locks the window's schedule row first, so two bookings of the last place cannot both pass."""
	if doc.service_window and doc.channel != rules.WALK_IN:
		frappe.db.get_value(SCHEDULE, {"service_window": doc.service_window}, "name", for_update=True)
	cal = get_working_calendar(doc.service_hall)
	others = (
		holding_appointments(doc.service_window, doc.appointment_date, exclude=doc.name)
		if doc.service_window
		else []
	)
	try:
		with translated_calendar_errors(doc.service_hall):
			return rules.check_booking(
				doc.as_dict(),
				schedule_rows(doc.service_hall, doc.service_window),
				others,
				cal,
				getdate(today()),
			)
	except rules.AppointmentRuleError as e:
		frappe.throw(rule_message(e), ERRORS.get(e.code, BookingInvalidError), title=_("Appointment Refused"))


def ahead_days(hall: str) -> int:
	values = frappe.get_all(SCHEDULE, filters={"service_hall": hall, "enabled": 1}, pluck="book_ahead_days")
	return max([v for v in values if v] or [DEFAULT_AHEAD_DAYS])


def published_halls() -> list[dict]:
	"""Halls with at least one published schedule or one published guide (for the public index)."""
	halls = set(frappe.get_all(SCHEDULE, filters={"enabled": 1}, pluck="service_hall"))
	halls |= set(
		frappe.get_all("Service Item", filters={"published_in_guide": 1, "enabled": 1}, pluck="service_hall")
	)
	return frappe.get_all(
		"Service Hall",
		filters={"name": ("in", list(halls) or [""])},
		fields=["name", "hall_name"],
		order_by="lft",
	)


def open_slots(hall: str, from_date=None, days: int | None = None) -> list[dict]:
	"""The slots of ``hall`` from ``from_date`` (default today) on, with the places left (only those with one)."""
	start = max(getdate(from_date or today()), getdate(today()))
	end = getdate(add_days(today(), days if days is not None else ahead_days(hall)))
	if start > end:
		return []
	rows = schedule_rows(hall)
	if not rows:
		return []
	cal = get_working_calendar(hall)
	appt = frappe.qb.DocType(APPOINTMENT)
	booked = (
		frappe.qb.from_(appt)
		.select(appt.service_window, appt.appointment_date, appt.slot_start, appt.status, appt.channel)
		.where(appt.service_hall == hall)
		.where(appt.appointment_date[start:end])
		.run(as_dict=True)
	)
	names = dict(
		frappe.get_all(
			"Service Window", filters={"service_hall": hall}, fields=["name", "window_name"], as_list=True
		)
	)
	out = []
	for slot in rules.generate_slots(rows, start, end, cal):
		left = rules.places_left(slot, booked)
		if left > 0:
			out.append(
				{
					"window": slot.window,
					"window_name": names.get(slot.window) or slot.window,
					"date": str(slot.date),
					"weekday": _(rules.WEEKDAYS[slot.date.weekday()]),
					"start": slot.start,
					"end": slot.end,
					"kind": _(slot.kind),
					"left": left,
				}
			)
	return out


# ---------------------------------------------------------------------------------------------- Guest API
def _require_hall(hall: str) -> None:
	if not hall or not frappe.db.exists("Service Hall", hall):
		frappe.throw(_("No such service hall"), BookingInvalidError)


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=300, seconds=600)
def public_slots(hall: str, from_date: str | None = None) -> list[dict]:
	frappe.local.lang = PUBLIC_LANG
	_require_hall(hall)
	return open_slots(hall, from_date)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=100, seconds=600)
def book(
	hall: str,
	window: str,
	date: str,
	start: str,
	applicant_name: str,
	contact_phone: str,
	service_item: str | None = None,
	priority_group: str | None = None,
) -> dict:
	"""An online booking of one published slot; returns the appointment, its booking code and the slot."""
	frappe.local.lang = PUBLIC_LANG
	_require_hall(hall)
	applicant_name = (applicant_name or "").strip()
	contact_phone = (contact_phone or "").strip()
	if not applicant_name or len(applicant_name) > 40:
		frappe.throw(_("Enter your name (at most 40 characters)"), BookingInvalidError)
	if not PHONE_RE.match(contact_phone):
		frappe.throw(_("Enter a contact phone number of 7 to 20 digits"), BookingInvalidError)
	if priority_group and priority_group not in rules.PRIORITY_GROUPS:
		frappe.throw(_("Unknown green channel group {0}").format(priority_group), BookingInvalidError)
	if frappe.db.get_value("Service Window", window, "service_hall") != hall:
		frappe.throw(_("Window {0} is not a window of this hall").format(window), BookingInvalidError)
	if getdate(date) > getdate(add_days(today(), ahead_days(hall))):
		frappe.throw(
			_("Appointments open at most {0} days ahead").format(ahead_days(hall)), BookingInvalidError
		)
	if service_item and frappe.db.get_value("Service Item", service_item, "service_hall") != hall:
		service_item = None
	doc = frappe.get_doc(
		{
			"doctype": APPOINTMENT,
			"service_hall": hall,
			"service_window": window,
			"service_item": service_item,
			"appointment_date": getdate(date),
			"slot_start": rules.hhmm(start),
			"appointment_kind": rules.REGULAR,
			"channel": rules.ONLINE,
			"applicant_name": applicant_name,
			"contact_phone": contact_phone,
			"priority_group": priority_group or "",
		}
	)
	doc.flags.ignore_permissions = True  # the Guest's one way in, checked above and in validate
	doc.insert()
	return {
		"name": doc.name,
		"booking_code": doc.booking_code,
		"date": str(doc.appointment_date),
		"start": doc.slot_start,
		"end": doc.slot_end,
		"kind": _(doc.appointment_kind),
	}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=100, seconds=600)
def cancel(appointment: str, booking_code: str) -> dict:
	"""Cancel a booking with the code given when it was made."""
	frappe.local.lang = PUBLIC_LANG
	stored = frappe.db.get_value(APPOINTMENT, appointment, ["booking_code", "status"], as_dict=True)
	if not stored or not booking_code or not secrets.compare_digest(stored.booking_code or "", booking_code):
		frappe.throw(_("No booking matches this number and code"), BookingCodeWrongError)
	doc = frappe.get_doc(APPOINTMENT, appointment)
	doc.change_status(rules.CANCELLED, cancel_reason=_("Cancelled by the applicant online"), check=False)
	return {"name": doc.name, "status": doc.status}


def new_booking_code() -> str:
	return secrets.token_hex(4).upper()


def now() -> dt.datetime:
	return now_datetime()
