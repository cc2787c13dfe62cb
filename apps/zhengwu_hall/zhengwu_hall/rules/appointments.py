"""Appointments (预约服务) and home visits (上门服务): the slots a hall publishes, capacity and priority.
No frappe import; every rule takes plain rows and a WorkingCalendar.

Sources:
- seed 001 预约服务制 第一条: 申请人办理的事项需要与工作人员预约办理; 第三条: 老弱病残 may ask for 上门服务 by one phone
  call or letter; 第四条: 节假日急需办理 — the duty officer (值班人员) notifies the staff, who come at once;
  第五条: 急事急办;
- seed 003 二(五)2 提供预约延时服务: "早晚弹性办""午间不间断""周六日预约办"; 二(五)3 提供绿色服务: 为军人、消防救援人员、
  医护人员、老弱病残孕等群体 ... 优先提供"绿色通道"服务; 上门服务 for 确实行动不便的群众;
- seed 003 二(四) 加强运行管理: 不得强制要求其先到线上预约 — an appointment is an offer: walk-ins are always accepted
  and never count against a slot's capacity.

Slots: a hall publishes, per window, rows (weekday, start, end, capacity, kind). On a date the rows of its weekday
apply, except:
- on a holiday (a statutory day off, a hall's local day off, or a weekend day inside such a break) nothing opens:
  only the 节假日急办 kind (第四条), which books no slot;
- a weekend day (ordinary or a 调休 make-up working Saturday) opens only the rows published for that weekday —
  nothing is carried over from the weekday a make-up day replaces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from zhengwu_hall.rules.calendar import (
	WEEKDAYS,
	UnknownCalendarYear,
	WorkingCalendar,
	_as_date,
	is_working_day,
)

REGULAR = "Regular"
FLEXIBLE = "Flexible Hours"  # 早晚弹性办
LUNCHTIME = "Lunchtime"  # 午间不间断
WEEKEND = "Weekend by Appointment"  # 周六日预约办
HOLIDAY_URGENT = "Holiday Urgent"  # 节假日急办 (seed 001 第四条)
KINDS = (REGULAR, FLEXIBLE, LUNCHTIME, WEEKEND, HOLIDAY_URGENT)
SLOT_KINDS = (REGULAR, FLEXIBLE, LUNCHTIME, WEEKEND)

# 绿色通道 (seed 003 二(五)3), in the seed's order
PRIORITY_GROUPS = (
	"Military",
	"Fire and Rescue",
	"Medical Staff",
	"Elderly, Sick, Disabled or Pregnant",
)

ONLINE, PHONE, WALK_IN = "Online Booking", "Phone Booking", "Walk-in"
CHANNELS = (ONLINE, PHONE, WALK_IN)

BOOKED, CONFIRMED, CANCELLED, NO_SHOW, COMPLETED = (
	"Booked",
	"Confirmed",
	"Cancelled",
	"No-show",
	"Completed",
)
STATUSES = (BOOKED, CONFIRMED, CANCELLED, NO_SHOW, COMPLETED)
# the statuses that hold a place in a slot
HOLDING = (BOOKED, CONFIRMED)
# status -> the statuses it may move to (the desk's buttons; a save never changes the status)
TRANSITIONS = {
	BOOKED: (CONFIRMED, CANCELLED),
	CONFIRMED: (CANCELLED, NO_SHOW, COMPLETED),
	CANCELLED: (),
	NO_SHOW: (),
	COMPLETED: (),
}

# a weekend day's break counts as a holiday when it is longer than a weekend (the run of days off holds a weekday)
MAX_BREAK = 14


class AppointmentRuleError(ValueError):
	"""A booking the rules refuse; ``code`` names the rule, the controller turns it into a Chinese message."""

	def __init__(self, code: str, **details):
		super().__init__(code)
		self.code = code
		self.details = details


@dataclass(frozen=True)
class Slot:
	window: str
	date: dt.date
	start: str  # "HH:MM"
	end: str
	capacity: int
	kind: str

	@property
	def key(self) -> tuple[str, dt.date, str]:
		return (self.window, self.date, self.start)


def hhmm(value) -> str:
	"""'9:00', '09:00:00', a time or a timedelta (as Frappe returns Time fields) -> '09:00'."""
	if value is None or value == "":
		return ""
	if isinstance(value, dt.timedelta):
		minutes = int(value.total_seconds()) // 60
		return f"{minutes // 60:02d}:{minutes % 60:02d}"
	if isinstance(value, dt.time):
		return f"{value.hour:02d}:{value.minute:02d}"
	hh, mm = str(value).split(":")[:2]
	return f"{int(hh):02d}:{int(mm):02d}"


def validate_schedule_row(row: Mapping) -> str | None:
	"""The problem of one published row, or None: 'bad_times', 'bad_capacity', 'weekend_kind', 'holiday_kind'."""
	start, end = hhmm(row.get("start_time")), hhmm(row.get("end_time"))
	if not start or not end or start >= end:
		return "bad_times"
	if int(row.get("capacity") or 0) < 1:
		return "bad_capacity"
	kind = row.get("kind") or REGULAR
	if kind == HOLIDAY_URGENT:
		return "holiday_kind"
	weekend = row.get("weekday") in WEEKDAYS[5:]
	if weekend != (kind == WEEKEND):
		return "weekend_kind"
	return None


def is_holiday(d, cal: WorkingCalendar) -> bool:
	"""A day off that is not an ordinary weekend: a weekday off, or a weekend day in a break holding a weekday off."""
	d = _as_date(d)
	if is_working_day(d, cal):
		return False
	if d.weekday() < 5:
		return True
	for step in (-1, 1):
		day = d
		for _ in range(MAX_BREAK):
			day += dt.timedelta(days=step)
			if is_working_day(day, cal):
				break
			if day.weekday() < 5:
				return True
	return False


def slots_for_day(rows: Iterable[Mapping], d, cal: WorkingCalendar) -> list[Slot]:
	"""The slots the published ``rows`` (window, weekday, start_time, end_time, capacity, kind) open on ``d``."""
	d = _as_date(d)
	if is_holiday(d, cal):
		return []
	weekday = WEEKDAYS[d.weekday()]
	slots = [
		Slot(
			r["window"],
			d,
			hhmm(r["start_time"]),
			hhmm(r["end_time"]),
			int(r["capacity"]),
			r.get("kind") or REGULAR,
		)
		for r in rows
		if r.get("weekday") == weekday and validate_schedule_row(r) is None
	]
	return sorted(slots, key=lambda s: (s.window, s.start))


def generate_slots(rows: Iterable[Mapping], start, end, cal: WorkingCalendar) -> list[Slot]:
	"""Every slot from ``start`` to ``end`` inclusive, by date, window and time. A day whose year (or a
	neighbouring day's, for a weekend) the calendar does not know yet offers nothing: whether it is a holiday
	cannot be told, so it is not offered rather than guessed."""
	rows = list(rows)
	start, end = _as_date(start), _as_date(end)
	out: list[Slot] = []
	d = start
	while d <= end:
		try:
			out.extend(slots_for_day(rows, d, cal))
		except UnknownCalendarYear:
			pass
		d += dt.timedelta(days=1)
	return out


def find_slot(rows: Iterable[Mapping], window: str, d, start, cal: WorkingCalendar) -> Slot | None:
	start = hhmm(start)
	return next((s for s in slots_for_day(rows, d, cal) if s.window == window and s.start == start), None)


def holds_place(appointment: Mapping) -> bool:
	return appointment.get("channel") != WALK_IN and appointment.get("status") in HOLDING


def places_left(slot: Slot, appointments: Iterable[Mapping]) -> int:
	"""Capacity less the bookings that hold a place in the slot (walk-ins and cancelled ones hold none)."""
	taken = sum(
		1
		for a in appointments
		if holds_place(a)
		and a.get("service_window") == slot.window
		and _as_date(a.get("appointment_date")) == slot.date
		and hhmm(a.get("slot_start")) == slot.start
	)
	return slot.capacity - taken


def check_booking(
	appointment: Mapping,
	rows: Iterable[Mapping],
	others: Iterable[Mapping],
	cal: WorkingCalendar,
	today: dt.date,
) -> Slot | None:
	"""The slot a booking takes, or None for one that takes no slot (walk-in, holiday urgent); raises
	AppointmentRuleError: 'past_date', 'not_holiday' (holiday urgent on a working day), 'no_slot', 'slot_full'.

	``others``: the other appointments of the same window and date (this one excluded)."""
	d = _as_date(appointment.get("appointment_date"))
	if appointment.get("channel") == WALK_IN:
		return None  # never refused (seed 003 二(四): 不得强制要求其先到线上预约)
	if d < _as_date(today):
		raise AppointmentRuleError("past_date", date=d)
	if appointment.get("appointment_kind") == HOLIDAY_URGENT:
		if is_working_day(d, cal):
			raise AppointmentRuleError("not_holiday", date=d)
		return None
	slot = find_slot(rows, appointment.get("service_window"), d, appointment.get("slot_start"), cal)
	if slot is None:
		raise AppointmentRuleError("no_slot", date=d, start=hhmm(appointment.get("slot_start")))
	if places_left(slot, others) < 1:
		raise AppointmentRuleError("slot_full", date=d, start=slot.start, capacity=slot.capacity)
	return slot


def check_transition(old: str, new: str) -> bool:
	return old == new or new in TRANSITIONS.get(old, ())


def priority_rank(appointment: Mapping) -> int:
	"""0 for 绿色通道 groups (seed 003 二(五)3 优先提供), 1 for everyone else."""
	return 0 if appointment.get("priority_group") in PRIORITY_GROUPS else 1


def service_order(appointments: Iterable[Mapping]) -> list[Mapping]:
	"""The order a window calls the day's people in: within a slot the 绿色通道 first, then by booking time;
	slots by start time. Walk-ins join their slot by arrival (booked_on)."""
	return sorted(
		appointments,
		key=lambda a: (
			hhmm(a.get("slot_start")) or "99:99",
			priority_rank(a),
			str(a.get("booked_on") or ""),
		),
	)


def response_minutes(notified, assigned) -> int | None:
	"""Minutes from the duty officer's notice to the assignment (节假日急办, seed 001 第四条 迅速赶到)."""
	if not notified or not assigned:
		return None
	return max(0, int((assigned - notified).total_seconds() // 60))


def walk_in_share(appointments: Iterable[Mapping]) -> dict[str, int | float]:
	"""Walk-ins vs bookings among the people served or expected (cancelled ones excluded)."""
	rows = [a for a in appointments if a.get("status") != CANCELLED]
	walk_ins = sum(1 for a in rows if a.get("channel") == WALK_IN)
	bookings = len(rows) - walk_ins
	total = len(rows)
	return {
		"walk_ins": walk_ins,
		"bookings": bookings,
		"total": total,
		"walk_in_share": round(100.0 * walk_ins / total, 1) if total else 0.0,
	}
