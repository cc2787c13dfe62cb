"""The working-day calendar on a real site: Official Calendar Year, Hall Calendar Exception, zhengwu_hall.setup.calendar.

Run: ZHENGWU_TEST_SITE=cal-test.localhost /root/zhengwu-bench/env/bin/python -m pytest tests/tier2/test_calendar_integration.py
Every test is rolled back (tests/tier2/conftest.py). Hall names start with 测试 so they never meet demo data.
The 2027 rows (factories.YEAR_DAYS) are test data shaped like a State Council notice, not the published 2027
arrangement.
"""

import datetime
import unittest

import frappe
import frappe.translate
from factories import (
	ALL_ROLES,
	YEAR,
	HallTestCase,
	make_hall,
	make_user,
	make_year,
	messages,
	new_exception,
	new_year,
)
from zhengwu_hall.rules.calendar import library_knows_year
from zhengwu_hall.setup import calendar as hall_calendar
from zhengwu_hall.setup.calendar import CalendarYearNotEnteredError
from zhengwu_hall.setup.permissions import clear_hall_permission_cache
from zhengwu_hall.zhengwu_hall.doctype.hall_calendar_exception.hall_calendar_exception import (
	DuplicateHallCalendarExceptionError,
)
from zhengwu_hall.zhengwu_hall.doctype.official_calendar_year.official_calendar_year import (
	CalendarDateOutsideYearError,
	DuplicateCalendarDateError,
	DuplicateCalendarYearError,
	EmptyCalendarYearError,
	MakeUpDayNotOnWeekendError,
	UnnotedWeekendDayOffError,
)


def D(s):
	return datetime.date.fromisoformat(s)


class CalendarTestCase(HallTestCase):
	"""Messages in Chinese, as the hall's administrators read them."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.local.lang = "zh"
		frappe.translate.clear_cache()

	def setUp(self):
		super().setUp()
		frappe.local.lang = "zh"
		frappe.clear_messages()


# ---------------------------------------------------------------------------------------------- a new year
@unittest.skipIf(library_knows_year(YEAR), "the installed holidays package knows 2027 already")
class TestOfficialCalendarYear(CalendarTestCase):
	def setUp(self):
		super().setUp()
		self.assertFalse(frappe.db.exists("Official Calendar Year", str(YEAR)), "a 2027 record is left over")

	def test_unknown_year_is_a_chinese_error_pointing_to_the_doctype(self):
		with self.assertRaises(CalendarYearNotEnteredError) as caught:
			hall_calendar.add_working_days(None, "2026-12-30", 3)
		message = str(caught.exception)
		self.assertIn("2027年的法定节假日安排尚未录入", message)
		self.assertIn("国务院办公厅", message)
		self.assertIn('href="/app/official-calendar-year/new?year=2027"', message)
		self.assertIn("法定节假日年度安排", message)
		# the year before is known: counting inside 2026 is not affected
		self.assertEqual(hall_calendar.add_working_days(None, "2026-12-28", 3), D("2026-12-30"))

	def test_entering_the_year_makes_deadlines_across_new_year_work(self):
		make_year()
		# Wed 12-30 (1), Thu 12-31 (2), Fri 01-01 元旦, Sat/Sun off, Mon 01-04 (3)
		self.assertEqual(hall_calendar.add_working_days(None, "2026-12-30", 3), D("2027-01-04"))
		self.assertFalse(hall_calendar.is_working_day(None, "2027-01-01"))
		self.assertTrue(hall_calendar.is_working_day(None, "2027-02-20"))  # make-up Saturday
		self.assertEqual(hall_calendar.working_days_between(None, "2026-12-28", "2027-01-08"), 9)
		# a hall counts on the same year
		hall = make_hall("元旦区政务服务中心", "District Center").name
		self.assertEqual(hall_calendar.add_working_days(hall, "2026-12-30", 3), D("2027-01-04"))
		self.assertEqual(hall_calendar.case_deadline(hall, "2026-12-31", 2), D("2027-01-04"))

	def test_an_edit_applies_on_the_next_call(self):
		year = make_year()
		self.assertEqual(hall_calendar.add_working_days(None, "2026-12-30", 3), D("2027-01-04"))
		year.append("days", {"date": "2027-01-04", "kind": "Day Off", "note": "测试：补充放假"})
		year.save(ignore_permissions=True)
		self.assertEqual(hall_calendar.add_working_days(None, "2026-12-30", 3), D("2027-01-05"))
		year.days = [row for row in year.days if str(row.date) != "2027-01-04"]
		year.save(ignore_permissions=True)
		self.assertEqual(hall_calendar.add_working_days(None, "2026-12-30", 3), D("2027-01-04"))
		frappe.delete_doc("Official Calendar Year", year.name, ignore_permissions=True)
		with self.assertRaises(CalendarYearNotEnteredError):
			hall_calendar.add_working_days(None, "2026-12-30", 3)

	def test_rows_are_sorted_and_weekdays_filled(self):
		year = make_year(
			days=[
				("2027-02-20", "Make-up Working Day", "春节"),
				("2027-01-01", "Day Off", "元旦"),
			]
		)
		self.assertEqual([str(r.date) for r in year.days], ["2027-01-01", "2027-02-20"])
		self.assertEqual([r.weekday for r in year.days], ["Friday", "Saturday"])
		self.assertEqual([r.idx for r in year.days], [1, 2])

	def assert_refused(self, error, days, *needles):
		doc = new_year(days=days)
		with self.assertRaises(error) as caught:
			doc.insert(ignore_permissions=True)
		for needle in needles:
			self.assertIn(needle, str(caught.exception))
		self.assertFalse(frappe.db.exists("Official Calendar Year", str(YEAR)), "nothing saved")
		with self.assertRaises(CalendarYearNotEnteredError):
			hall_calendar.add_working_days(None, "2026-12-30", 3)

	def test_make_up_day_on_a_wednesday_is_refused(self):
		self.assert_refused(
			MakeUpDayNotOnWeekendError,
			[("2027-01-01", "Day Off", "元旦"), ("2027-03-10", "Make-up Working Day", "调休")],
			"第2行",
			"2027-03-10是星期三",
			"调休上班日是因调休而上班的星期六或星期日",
		)

	def test_date_outside_the_year_is_refused(self):
		self.assert_refused(
			CalendarDateOutsideYearError,
			[("2027-01-01", "Day Off", "元旦"), ("2028-01-03", "Day Off", "元旦")],
			"第2行",
			"2028-01-03不在2027年内",
		)

	def test_duplicate_date_is_refused(self):
		self.assert_refused(
			DuplicateCalendarDateError,
			[("2027-01-01", "Day Off", "元旦"), ("2027-01-01", "Day Off", "元旦")],
			"2027-01-01已在第1行列出",
		)

	def test_plain_weekend_day_off_without_note_is_refused(self):
		self.assert_refused(
			UnnotedWeekendDayOffError,
			[("2027-01-01", "Day Off", "元旦"), ("2027-03-13", "Day Off", "")],
			"2027-03-13是星期六，本来就是休息日",
		)

	def test_year_without_days_off_is_refused(self):
		self.assert_refused(
			EmptyCalendarYearError,
			[("2027-02-20", "Make-up Working Day", "春节")],
			"请按通知录入2027年的放假日",
		)

	def test_a_year_is_entered_once(self):
		make_year()
		with self.assertRaises(DuplicateCalendarYearError) as caught:
			make_year()
		self.assertIn("2027年的法定节假日安排已经录入", str(caught.exception))
		self.assertEqual(frappe.db.count("Official Calendar Year", {"year": YEAR}), 1)

	def test_forgotten_statutory_weekday_is_warned_about(self):
		make_year()
		text = " ".join(messages())
		self.assertIn("以下法定节假日落在工作日，但未列为放假日", text)
		self.assertIn("2027-02-08", text)  # 春节 初三, a Monday


# ---------------------------------------------------------------------------------------------- a hall's days
class TestHallCalendarException(CalendarTestCase):
	"""Tree: 区 → 镇A → 村A1, and the sibling 镇B. A 5-working-day limit accepted Monday 2026-04-13 ends Friday
	04-17; a day off on Wednesday 04-15 moves it to Monday 04-20."""

	ACCEPTED = "2026-04-13"
	DAY = "2026-04-15"
	ON_TIME = D("2026-04-17")
	MOVED = D("2026-04-20")

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.district = make_hall("日历区政务服务中心", "District Center").name
		cls.town = make_hall("日历甲镇便民服务中心", "Town Center", cls.district).name
		cls.village = make_hall("日历甲村便民服务站", "Village Station", cls.town).name
		cls.sibling = make_hall("日历乙镇便民服务中心", "Town Center", cls.district).name

	def deadlines(self):
		return {
			hall: hall_calendar.case_deadline(hall, self.ACCEPTED, 5)
			for hall in (self.district, self.town, self.village, self.sibling)
		}

	def assert_moved(self, *moved):
		expected = {
			hall: self.MOVED if hall in moved else self.ON_TIME
			for hall in (self.district, self.town, self.village, self.sibling)
		}
		self.assertEqual(self.deadlines(), expected)

	def test_no_exception_no_move(self):
		self.assert_moved()

	def test_local_day_off_moves_the_hall_and_its_subtree_not_the_sibling(self):
		new_exception(self.town, self.DAY).insert()
		self.assert_moved(self.town, self.village)
		self.assertFalse(hall_calendar.is_working_day(self.village, self.DAY))
		self.assertTrue(hall_calendar.is_working_day(self.sibling, self.DAY))

	def test_closure_of_one_hall_only(self):
		new_exception(self.district, self.DAY, applies_to_subtree=0).insert()
		self.assert_moved(self.district)

	def test_district_day_off_reaches_every_hall_but_a_town_may_work(self):
		new_exception(self.district, self.DAY).insert()
		self.assert_moved(self.district, self.town, self.village, self.sibling)
		new_exception(self.town, self.DAY, kind="Extra Working Day", reason="测试：镇照常办公").insert()
		self.assert_moved(self.district, self.sibling)

	def test_extra_working_day_shortens_the_limit(self):
		# Saturday 04-18 worked: the 5th working day is that Saturday
		new_exception(self.sibling, "2026-04-18", kind="Extra Working Day").insert()
		self.assertEqual(hall_calendar.case_deadline(self.sibling, "2026-04-14", 5), D("2026-04-18"))
		self.assertEqual(hall_calendar.case_deadline(self.town, "2026-04-14", 5), D("2026-04-20"))

	def test_an_edit_applies_on_the_next_call(self):
		doc = new_exception(self.town, self.DAY).insert()
		self.assert_moved(self.town, self.village)
		doc.applies_to_subtree = 0
		doc.save()
		self.assert_moved(self.town)
		doc.kind = "Extra Working Day"
		doc.save()
		self.assert_moved()
		frappe.delete_doc("Hall Calendar Exception", doc.name)
		new_exception(self.town, self.DAY).insert()
		self.assert_moved(self.town, self.village)

	def test_working_days_between_and_overdue_follow_the_hall(self):
		new_exception(self.town, self.DAY).insert()
		self.assertEqual(hall_calendar.working_days_between(self.town, "2026-04-13", "2026-04-17"), 4)
		self.assertEqual(hall_calendar.working_days_between(self.sibling, "2026-04-13", "2026-04-17"), 5)
		self.assertEqual(hall_calendar.working_days_overdue(self.town, "2026-04-14", "2026-04-17"), 2)

	def test_duplicate_date_is_refused_in_chinese(self):
		new_exception(self.town, self.DAY).insert()
		before = frappe.db.count("Hall Calendar Exception", {"service_hall": self.town})
		with self.assertRaises(DuplicateHallCalendarExceptionError) as caught:
			new_exception(self.town, self.DAY, kind="Extra Working Day").insert()
		self.assertIn("已有2026-04-15的设置", str(caught.exception))
		self.assertEqual(frappe.db.count("Hall Calendar Exception", {"service_hall": self.town}), before)

	def test_entry_without_effect_is_warned_about(self):
		new_exception(self.town, "2026-04-18").insert()  # a Saturday
		self.assertIn("本来就是休息日", " ".join(messages()))
		doc = frappe.get_last_doc("Hall Calendar Exception", {"service_hall": self.town})
		self.assertEqual(doc.weekday, "Saturday")

	@unittest.skipIf(library_knows_year(YEAR), "the installed holidays package knows 2027 already")
	def test_day_off_in_a_year_not_entered_yet_saves(self):
		new_exception(self.town, "2027-04-20").insert()
		self.assertTrue(frappe.db.exists("Hall Calendar Exception", {"service_hall": self.town}))
		# the local day off is known; the days around it wait for the year's notice
		self.assertFalse(hall_calendar.is_working_day(self.town, "2027-04-20"))
		with self.assertRaises(CalendarYearNotEnteredError):
			hall_calendar.is_working_day(self.town, "2027-04-21")

	def test_unknown_hall_is_refused(self):
		with self.assertRaises(hall_calendar.CalendarHallNotFoundError):
			hall_calendar.add_working_days("测试不存在的大厅", self.ACCEPTED, 5)


# ---------------------------------------------------------------------------------------------- permissions
class TestCalendarPermissions(CalendarTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.district = make_hall("权限区政务服务中心", "District Center").name
		cls.town = make_hall("权限甲镇便民服务中心", "Town Center", cls.district).name
		cls.sibling = make_hall("权限乙镇便民服务中心", "Town Center", cls.district).name

	def test_hall_administrator_enters_days_in_the_own_subtree_only(self):
		admin = make_user("town-admin", ["Hall Administrator"], hall=self.town)
		clear_hall_permission_cache()
		frappe.set_user(admin)
		new_exception(self.town, "2026-04-15").insert()
		with self.assertRaises(frappe.PermissionError):
			new_exception(self.sibling, "2026-04-15").insert()
		self.assertEqual(
			frappe.get_list("Hall Calendar Exception", pluck="service_hall", limit=0), [self.town]
		)
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Hall Calendar Exception", {"service_hall": self.sibling}))

	def test_staff_read_but_do_not_write(self):
		staff = make_user("staff", ["Window Staff"], hall=self.town)
		new_exception(self.district, "2026-04-15").insert(ignore_permissions=True)
		clear_hall_permission_cache()
		frappe.set_user(staff)
		for doctype in ("Official Calendar Year", "Hall Calendar Exception"):
			self.assertTrue(frappe.has_permission(doctype, "read"), doctype)
			self.assertFalse(frappe.has_permission(doctype, "create"), doctype)
			self.assertFalse(frappe.has_permission(doctype, "write"), doctype)
		with self.assertRaises(frappe.PermissionError):
			new_exception(self.town, "2026-04-16").insert()
		# the district's day off counts for the town's staff although they cannot open the district's record
		self.assertEqual(hall_calendar.case_deadline(self.town, "2026-04-13", 5), D("2026-04-20"))

	def test_every_role_may_read_and_only_administrators_write(self):
		for doctype in ("Official Calendar Year", "Hall Calendar Exception"):
			perms = frappe.get_meta(doctype).permissions
			writers = {p.role for p in perms if p.write}
			readers = {p.role for p in perms if p.read}
			self.assertEqual(writers, {"System Manager", "Hall Administrator"}, doctype)
			self.assertTrue(set(ALL_ROLES) <= readers, doctype)
