"""Appointment rules: slots on the working-day calendar (2026 National Day and its 调休 Saturday), capacity,
walk-ins, holiday urgent handling and the 绿色通道 order. Every expected value is computed by hand from the 2026
State Council notice (国庆 10-01..10-07 off, Saturday 10-10 worked)."""

import datetime as dt

import pytest
from zhengwu_hall.rules import appointments as ap
from zhengwu_hall.rules.calendar import UnknownCalendarYear, WorkingCalendar

D = dt.date.fromisoformat
CAL = WorkingCalendar()
W1, W2 = "窗口1", "窗口2"


def row(weekday, start="09:00", end="10:00", capacity=2, kind=ap.REGULAR, window=W1):
	return {
		"window": window,
		"weekday": weekday,
		"start_time": start,
		"end_time": end,
		"capacity": capacity,
		"kind": kind,
	}


WEEK = [
	row("Monday"),
	row("Monday", "12:00", "13:30", 1, ap.LUNCHTIME),
	row("Monday", window=W2),
	row("Thursday"),
	row("Friday", "17:30", "19:00", 1, ap.FLEXIBLE),
]
SATURDAY = [row("Saturday", "09:00", "11:00", 3, ap.WEEKEND)]


def booking(start="09:00", date="2026-10-12", window=W1, status=ap.BOOKED, channel=ap.ONLINE, **kw):
	return {
		"service_window": window,
		"appointment_date": date,
		"slot_start": start,
		"status": status,
		"channel": channel,
		**kw,
	}


# --- the calendar ------------------------------------------------------------------------------------------


def test_a_weeks_rows_open_on_their_weekdays_only():
	slots = ap.generate_slots(WEEK, "2026-10-12", "2026-10-18", CAL)
	assert [(s.window, str(s.date), s.start, s.kind) for s in slots] == [
		(W1, "2026-10-12", "09:00", ap.REGULAR),
		(W1, "2026-10-12", "12:00", ap.LUNCHTIME),
		(W2, "2026-10-12", "09:00", ap.REGULAR),
		(W1, "2026-10-15", "09:00", ap.REGULAR),
		(W1, "2026-10-16", "17:30", ap.FLEXIBLE),
	]


def test_no_slot_on_a_statutory_holiday():
	# Thursday 2026-10-01 and Friday 10-02 are 国庆 days off: the Thursday and Friday rows open nothing
	assert ap.slots_for_day(WEEK, "2026-10-01", CAL) == []
	assert ap.slots_for_day(WEEK, "2026-10-02", CAL) == []
	assert ap.slots_for_day(WEEK, "2026-10-05", CAL) == []  # Monday inside the break


def test_a_weekend_inside_the_holiday_break_opens_no_weekend_slot():
	assert ap.is_holiday("2026-10-03", CAL)
	assert ap.slots_for_day(SATURDAY, "2026-10-03", CAL) == []


def test_an_ordinary_weekend_is_no_holiday_and_opens_only_what_is_published():
	assert not ap.is_holiday("2026-10-17", CAL)
	assert ap.slots_for_day(WEEK, "2026-10-17", CAL) == []
	slots = ap.slots_for_day(WEEK + SATURDAY, "2026-10-17", CAL)
	assert [(s.start, s.end, s.capacity, s.kind) for s in slots] == [("09:00", "11:00", 3, ap.WEEKEND)]


def test_the_make_up_saturday_opens_only_if_the_hall_publishes_saturday_rows():
	# 2026-10-10 is a 调休 working Saturday: a working day, but no Monday-to-Friday rows carry over
	assert not ap.is_holiday("2026-10-10", CAL)
	assert ap.slots_for_day(WEEK, "2026-10-10", CAL) == []
	assert [s.start for s in ap.slots_for_day(WEEK + SATURDAY, "2026-10-10", CAL)] == ["09:00"]


def test_a_local_day_off_closes_the_hall():
	local = WorkingCalendar(local_days_off={D("2026-10-12")})
	assert ap.slots_for_day(WEEK, "2026-10-12", local) == []
	# the weekend before a local Monday off becomes part of a break: no Saturday slots either
	assert ap.is_holiday("2026-10-11", local)


def test_a_year_the_calendar_does_not_know_offers_no_slot():
	# 2099: neither the holidays package nor an entered Official Calendar Year knows it
	assert ap.generate_slots(WEEK, "2099-01-05", "2099-01-11", CAL) == []
	with pytest.raises(UnknownCalendarYear):
		ap.slots_for_day(WEEK, "2099-01-05", CAL)


def test_schedule_rows_are_checked():
	assert ap.validate_schedule_row(row("Monday")) is None
	assert ap.validate_schedule_row(row("Monday", "10:00", "09:00")) == "bad_times"
	assert ap.validate_schedule_row(row("Monday", capacity=0)) == "bad_capacity"
	assert ap.validate_schedule_row(row("Saturday")) == "weekend_kind"
	assert ap.validate_schedule_row(row("Monday", kind=ap.WEEKEND)) == "weekend_kind"
	assert ap.validate_schedule_row(row("Monday", kind=ap.HOLIDAY_URGENT)) == "holiday_kind"
	# an invalid row publishes nothing
	assert ap.slots_for_day([row("Monday", capacity=0)], "2026-10-12", CAL) == []


def test_times_as_frappe_returns_them():
	assert ap.hhmm(dt.timedelta(hours=9, minutes=5)) == "09:05"
	assert ap.hhmm("9:30:00") == "09:30"
	assert ap.hhmm(dt.time(17, 30)) == "17:30"
	assert ap.hhmm(None) == ""


# --- capacity -----------------------------------------------------------------------------------------------

TODAY = D("2026-09-30")


def test_a_booking_takes_a_published_slot():
	slot = ap.check_booking(booking(), WEEK, [], CAL, TODAY)
	assert (slot.window, slot.date, slot.start, slot.capacity) == (W1, D("2026-10-12"), "09:00", 2)


def test_a_full_slot_refuses_the_next_booking():
	others = [booking(), booking()]
	with pytest.raises(ap.AppointmentRuleError) as err:
		ap.check_booking(booking(), WEEK, others, CAL, TODAY)
	assert err.value.code == "slot_full"
	assert err.value.details["capacity"] == 2


def test_cancelled_bookings_and_walk_ins_hold_no_place():
	others = [
		booking(),
		booking(status=ap.CANCELLED),
		booking(channel=ap.WALK_IN),
		booking(status=ap.COMPLETED),
		booking(window=W2),
		booking(start="12:00"),
	]
	slot = ap.find_slot(WEEK, W1, "2026-10-12", "09:00", CAL)
	assert ap.places_left(slot, others) == 1
	assert ap.check_booking(booking(), WEEK, others, CAL, TODAY).start == "09:00"


def test_a_walk_in_is_always_accepted():
	full = [booking(), booking()]
	assert ap.check_booking(booking(channel=ap.WALK_IN), WEEK, full, CAL, TODAY) is None
	# even on a holiday, at a time nobody published
	walk_in = booking("15:00", "2026-10-01", channel=ap.WALK_IN)
	assert ap.check_booking(walk_in, WEEK, full, CAL, TODAY) is None


@pytest.mark.parametrize(
	"values, code",
	[
		({"slot_start": "10:00"}, "no_slot"),
		({"appointment_date": "2026-10-01"}, "no_slot"),
		({"appointment_date": "2026-10-10"}, "no_slot"),
		({"appointment_date": "2026-10-05", "appointment_kind": ap.HOLIDAY_URGENT}, "past_date"),
		({"appointment_kind": ap.HOLIDAY_URGENT}, "not_holiday"),
	],
)
def test_bookings_the_rules_refuse(values, code):
	today = TODAY if code != "past_date" else D("2026-10-06")
	with pytest.raises(ap.AppointmentRuleError) as err:
		ap.check_booking({**booking(), **values}, WEEK, [], CAL, today)
	assert err.value.code == code


def test_holiday_urgent_needs_no_slot_on_a_holiday():
	urgent = booking("20:00", "2026-10-03", appointment_kind=ap.HOLIDAY_URGENT)
	assert ap.check_booking(urgent, WEEK, [], CAL, TODAY) is None


# --- status, priority, response, share ---------------------------------------------------------------------


def test_status_moves_only_along_the_flow():
	assert ap.check_transition(ap.BOOKED, ap.CONFIRMED)
	assert ap.check_transition(ap.CONFIRMED, ap.COMPLETED)
	assert ap.check_transition(ap.BOOKED, ap.BOOKED)
	assert not ap.check_transition(ap.BOOKED, ap.COMPLETED)
	assert not ap.check_transition(ap.CANCELLED, ap.BOOKED)
	assert not ap.check_transition(ap.COMPLETED, ap.NO_SHOW)


def test_the_green_channel_goes_first_within_its_slot():
	people = [
		{"name": "a", "slot_start": "09:00", "booked_on": "2026-10-01 08:00"},
		{"name": "b", "slot_start": "09:00", "booked_on": "2026-10-02 08:00", "priority_group": "Military"},
		{"name": "c", "slot_start": "08:30", "booked_on": "2026-10-03 08:00"},
		{
			"name": "d",
			"slot_start": "09:00",
			"booked_on": "2026-10-01 07:00",
			"priority_group": "Elderly, Sick, Disabled or Pregnant",
		},
		{"name": "e", "slot_start": "09:00", "booked_on": "2026-09-30 08:00", "priority_group": "Other"},
	]
	assert [p["name"] for p in ap.service_order(people)] == ["c", "d", "b", "e", "a"]


def test_response_minutes_of_holiday_urgent_handling():
	notified = dt.datetime(2026, 10, 3, 8, 0)
	assert ap.response_minutes(notified, dt.datetime(2026, 10, 3, 8, 47, 59)) == 47
	assert ap.response_minutes(notified, None) is None
	assert ap.response_minutes(None, notified) is None


def test_walk_in_share():
	rows = [
		{"channel": ap.WALK_IN, "status": ap.COMPLETED},
		{"channel": ap.WALK_IN, "status": ap.COMPLETED},
		{"channel": ap.WALK_IN, "status": ap.COMPLETED},
		{"channel": ap.ONLINE, "status": ap.COMPLETED},
		{"channel": ap.ONLINE, "status": ap.CANCELLED},
		{"channel": ap.PHONE, "status": ap.NO_SHOW},
	]
	assert ap.walk_in_share(rows) == {"walk_ins": 3, "bookings": 2, "total": 5, "walk_in_share": 60.0}
	assert ap.walk_in_share([])["walk_in_share"] == 0.0
