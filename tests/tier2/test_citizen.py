"""Citizen-facing services on a site: appointment slots and capacity, the status flow that no save can skip,
holiday urgent handling, walk-ins, home visits, social supervisors' visits reaching rectification like an
inspection, the yearly evaluation, the walk-in report, and the guide and confirmation as PDF.

The Guest's HTTP path (public pages and the three Guest methods) is TestGuestOverHttp at the end: it needs the
web server serving the test site and says loudly when it is skipped."""

import datetime as dt
import os
import subprocess
import tempfile
import unittest

import frappe
import pytest
from factories import (
	HallTestCase,
	check_row,
	make_appointment_schedule,
	make_department,
	make_exception,
	make_hall,
	make_item,
	make_service_appointment,
	make_social_supervisor,
	make_staff,
	make_user,
	make_window,
	new_home_visit,
	new_negative_entry,
	new_service_appointment,
	new_service_case,
	new_social_supervisor,
	new_supervision_visit,
	new_supervisor_evaluation,
	schedule_row,
)
from frappe.utils import add_days, getdate, today
from zhengwu_hall.setup import appointments as site
from zhengwu_hall.setup import inspections
from zhengwu_hall.setup.calendar import is_working_day
from zhengwu_hall.zhengwu_hall.doctype.home_visit.home_visit import HomeVisitStatusError
from zhengwu_hall.zhengwu_hall.doctype.service_appointment.service_appointment import (
	AppointmentStatusError,
	DutyOfficerMissingError,
	ServiceCaseMismatchError,
	StaffNotAssignedError,
)
from zhengwu_hall.zhengwu_hall.doctype.supervision_visit.supervision_visit import SupervisorNotInTermError
from zhengwu_hall.zhengwu_hall.doctype.supervisor_evaluation.supervisor_evaluation import (
	SupervisorEvaluationError,
)
from zhengwu_hall.zhengwu_hall.report.walk_in_and_booking_share import walk_in_and_booking_share

MONDAY = "2026-03-02"  # a working Monday (inspections' week)


def next_working(weekday: int, hall: str, after=None) -> str:
	"""The first date after ``after`` (default today) falling on ``weekday`` (0 Monday) that is a working day."""
	d = getdate(after or today()) + dt.timedelta(days=1)
	while d.weekday() != weekday or not is_working_day(hall, d):
		d += dt.timedelta(days=1)
	return str(d)


def pdf_text(html: str) -> str:
	from weasyprint import HTML

	with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
		HTML(string=html).write_pdf(f.name)
		out = subprocess.run(
			["pdftotext", "-layout", f.name, "-"], capture_output=True, text=True, check=True
		)
	return out.stdout.replace(" ", "")


class CitizenCase(HallTestCase):
	def setUp(self):
		super().setUp()
		frappe.local.lang = "zh"
		self.addCleanup(setattr, frappe.local, "lang", "en")
		self.hall = make_hall("便民服务测试区政务服务中心", "District Center").name
		self.window = make_window(self.hall, 1).name
		self.admin = make_user("cit-admin", ["Hall Administrator"], self.hall)
		self.staff_user = make_user("cit-staff", ["Window Staff"], self.hall)
		self.staff = make_staff(self.window, self.staff_user).name
		self.supervisor = make_user("cit-supervisor", ["Supervisor"], self.hall)
		make_appointment_schedule(
			self.window,
			[
				schedule_row("Monday", "09:00", "10:00", 2),
				schedule_row("Monday", "12:00", "13:30", 1, "Lunchtime"),
				schedule_row("Saturday", "09:00", "11:00", 1, "Weekend by Appointment"),
			],
		)
		self.monday = next_working(0, self.hall)

	def as_user(self, user):
		frappe.set_user(user)
		self.addCleanup(frappe.set_user, "Administrator")


class TestAppointments(CitizenCase):
	def book(self, **values):
		return make_service_appointment(self.hall, self.window, self.monday, **values)

	def test_a_booking_takes_its_slot_and_the_slot_over_capacity_is_refused_in_chinese(self):
		first = self.book()
		self.assertEqual(
			(first.status, first.slot_end, first.appointment_kind), ("Booked", "10:00", "Regular")
		)
		self.assertTrue(first.booking_code)
		self.book()
		before = frappe.db.count("Service Appointment")
		frappe.clear_messages()
		with self.assertRaises(site.SlotFullError) as err:
			self.book()
		self.assertIn("已约满", str(err.exception))
		self.assertIn("现场办理", str(err.exception))
		self.assertEqual(frappe.db.count("Service Appointment"), before)

	def test_a_cancelled_booking_frees_its_place(self):
		self.book()
		second = self.book()
		second.cancel_appointment("测试：改期")
		self.assertEqual(frappe.db.get_value("Service Appointment", second.name, "status"), "Cancelled")
		self.assertEqual(self.book().status, "Booked")

	def test_a_walk_in_is_accepted_even_when_the_slot_is_full(self):
		self.book(start="12:00")
		walk_in = self.book(start="12:00", channel="Walk-in")
		self.assertEqual(walk_in.status, "Confirmed")
		with self.assertRaises(site.SlotFullError):
			self.book(start="12:00")

	def test_no_slot_outside_what_the_hall_publishes_or_on_its_day_off(self):
		with self.assertRaises(site.SlotNotPublishedError):
			self.book(start="15:00")
		tuesday = str(getdate(self.monday) + dt.timedelta(days=1))
		with self.assertRaises(site.SlotNotPublishedError):
			make_service_appointment(self.hall, self.window, tuesday)
		next_monday = next_working(0, self.hall, after=self.monday)
		make_exception(self.hall, next_monday)
		with self.assertRaises(site.SlotNotPublishedError) as err:
			make_service_appointment(self.hall, self.window, next_monday)
		self.assertIn("没有公布预约时段", str(err.exception))

	def test_the_slots_offered_follow_the_calendar_and_the_places_left(self):
		self.book(start="12:00")
		slots = site.open_slots(self.hall, days=13)
		offered = {(s["date"], s["start"]) for s in slots}
		self.assertIn((self.monday, "09:00"), offered)
		self.assertNotIn((self.monday, "12:00"), offered)  # its one place is taken
		weekdays = {getdate(s["date"]).weekday() for s in slots}
		self.assertLessEqual(weekdays, {0, 5})
		self.assertEqual(
			next(s["left"] for s in slots if (s["date"], s["start"]) == (self.monday, "09:00")), 2
		)

	def test_the_status_moves_only_through_the_buttons(self):
		doc = self.book()
		self.as_user(self.staff_user)
		with self.assertRaises(AppointmentStatusError):
			frappe.client.set_value("Service Appointment", doc.name, "status", "Completed")
		doc = frappe.get_doc("Service Appointment", doc.name)
		doc.status = "Confirmed"
		with self.assertRaises(AppointmentStatusError):
			doc.save()
		self.assertEqual(frappe.db.get_value("Service Appointment", doc.name, "status"), "Booked")
		doc = frappe.get_doc("Service Appointment", doc.name)
		with self.assertRaises(AppointmentStatusError):
			doc.complete("anything")  # Booked cannot become Completed

		doc.confirm()
		other_hall = make_hall("便民服务测试邻区", "District Center").name
		frappe.set_user("Administrator")
		foreign_case = new_service_case(other_hall).insert(ignore_permissions=True).name
		case = new_service_case(self.hall, self.window).insert(ignore_permissions=True).name
		frappe.set_user(self.staff_user)
		doc = frappe.get_doc("Service Appointment", doc.name)
		with self.assertRaises(ServiceCaseMismatchError):
			doc.complete(foreign_case)
		doc = frappe.get_doc("Service Appointment", doc.name)
		doc.complete(case)
		stored = frappe.db.get_value(
			"Service Appointment", doc.name, ["status", "service_case"], as_dict=True
		)
		self.assertEqual((stored.status, stored.service_case), ("Completed", case))

	def test_a_request_cannot_be_inserted_already_completed(self):
		case = new_service_case(self.hall, self.window).insert(ignore_permissions=True).name
		doc = new_service_appointment(
			self.hall, self.window, self.monday, status="Completed", service_case=case
		).insert(ignore_permissions=True)
		self.assertEqual((doc.status, doc.service_case), ("Booked", None))

	def test_holiday_urgent_notifies_the_duty_officer_and_counts_the_minutes_to_assignment(self):
		duty = make_user("cit-duty", ["Hall Administrator"], self.hall)
		day_off = next_working(2, self.hall)
		make_exception(self.hall, day_off)
		with self.assertRaises(DutyOfficerMissingError):
			make_service_appointment(self.hall, None, day_off, start="", appointment_kind="Holiday Urgent")
		doc = make_service_appointment(
			self.hall, None, day_off, start="", appointment_kind="Holiday Urgent", duty_officer=duty
		)
		self.assertTrue(doc.notified_on)
		self.assertTrue(
			frappe.db.exists(
				"ToDo",
				{"allocated_to": duty, "reference_type": "Service Appointment", "reference_name": doc.name},
			)
		)
		with self.assertRaises(StaffNotAssignedError):
			frappe.get_doc("Service Appointment", doc.name).confirm()
		frappe.db.set_value(
			"Service Appointment",
			doc.name,
			"notified_on",
			frappe.utils.add_to_date(doc.notified_on, minutes=-25),
		)
		doc = frappe.get_doc("Service Appointment", doc.name)
		doc.staff = self.staff
		doc.save()
		self.assertTrue(doc.assigned_on)
		self.assertEqual(doc.response_minutes, 25)
		doc.confirm()
		self.assertEqual(frappe.db.get_value("Service Appointment", doc.name, "status"), "Confirmed")
		# on a working day there is no holiday urgent handling
		with self.assertRaises(site.NotAHolidayError):
			make_service_appointment(
				self.hall, None, self.monday, start="", appointment_kind="Holiday Urgent", duty_officer=duty
			)

	def test_the_report_shows_walk_ins_against_bookings(self):
		self.book()
		self.book(channel="Walk-in")
		self.book(channel="Walk-in", start="12:00")
		self.book(start="12:00").cancel_appointment()
		_columns, rows = walk_in_and_booking_share.execute(
			{"from_date": self.monday, "to_date": self.monday, "service_hall": self.hall}
		)
		self.assertEqual(len(rows), 1)
		self.assertEqual(
			(rows[0]["walk_ins"], rows[0]["bookings"], rows[0]["total"], rows[0]["walk_in_share"]),
			(2, 1, 3, 66.7),
		)

	def test_the_guest_methods_book_and_cancel_with_the_code(self):
		frappe.set_user("Guest")
		self.addCleanup(frappe.set_user, "Administrator")
		booked = site.book(self.hall, self.window, self.monday, "09:00", "测试网民", "13812345678")
		with self.assertRaises(site.BookingCodeWrongError):
			site.cancel(booked["name"], "WRONG")
		self.assertEqual(site.cancel(booked["name"], booked["booking_code"])["status"], "Cancelled")
		with self.assertRaises(site.BookingInvalidError):
			site.book(self.hall, self.window, self.monday, "09:00", "测试网民", "abc")
		other = make_hall("便民服务测试另区", "District Center").name
		with self.assertRaises(site.BookingInvalidError):
			site.book(other, self.window, self.monday, "09:00", "测试网民", "13812345678")


class TestHomeVisit(CitizenCase):
	def test_request_assignment_visit_and_case(self):
		self.as_user(self.staff_user)
		doc = new_home_visit(self.hall, status="Visited").insert()
		self.assertEqual(doc.status, "Requested")
		with self.assertRaises(HomeVisitStatusError):
			frappe.client.set_value("Home Visit", doc.name, "status", "Visited")
		doc = frappe.get_doc("Home Visit", doc.name)
		with self.assertRaises(HomeVisitStatusError):
			doc.record_visit("测试：提前登记")  # not assigned yet
		doc = frappe.get_doc("Home Visit", doc.name)
		doc.assign(self.staff)
		self.assertEqual(doc.service_window, self.window)
		frappe.set_user("Administrator")
		case = new_service_case(self.hall, self.window).insert(ignore_permissions=True).name
		frappe.set_user(self.staff_user)
		doc = frappe.get_doc("Home Visit", doc.name)
		doc.record_visit("测试：上门收取材料并当场受理", case)
		stored = frappe.db.get_value(
			"Home Visit", doc.name, ["status", "service_case", "visited_on"], as_dict=True
		)
		self.assertEqual((stored.status, stored.service_case), ("Visited", case))
		self.assertTrue(stored.visited_on)


class TestSocialSupervision(CitizenCase):
	def setUp(self):
		super().setUp()
		self.sup = make_social_supervisor(self.hall, "测试人大代表").name

	def undercover_visit(self):
		rows = [
			check_row(
				1,
				record="测试：暗访发现窗口人员玩手机",
				category="Discipline",
				service_window=self.window,
				window_staff=self.staff,
			)
		]
		self.as_user(self.supervisor)
		visit = new_supervision_visit(self.hall, [self.sup], MONDAY, rows=rows).insert()
		visit.submit()
		return visit

	def test_an_undercover_finding_produces_a_rectification_notice_as_an_inspection_finding_does(self):
		visit = self.undercover_visit()
		name = inspections.create_notice_for_finding("Supervision Visit", visit.name, visit.checks[0].name, 3)
		notice = frappe.get_doc("Rectification Notice", name)
		self.assertEqual(notice.supervision_visit, visit.name)
		self.assertEqual(
			(
				notice.service_window,
				notice.category,
				notice.problem,
				str(notice.found_on),
				notice.window_staff,
			),
			(self.window, "Discipline", "测试：暗访发现窗口人员玩手机", MONDAY, self.staff),
		)
		self.assertEqual(notice.workflow_state, "Draft")
		self.assertEqual(notice.window_head, self.staff_user)  # the window's A post, as for an inspection
		self.assertEqual(
			frappe.db.get_value("Inspection Record Check", visit.checks[0].name, "rectification_notice"), name
		)
		with self.assertRaises(inspections.NoticeExistsError):
			inspections.create_notice_for_finding("Supervision Visit", visit.name, visit.checks[0].name, 3)
		# and it reaches the deduction ledger's input with the inspections' findings
		findings = inspections.findings_for_assessment([self.hall], MONDAY, MONDAY)
		mine = [f for f in findings if f.inspection_record == visit.name]
		self.assertEqual(len(mine), 1)
		self.assertEqual((mine[0].source_doctype, mine[0].rectification_notice), ("Supervision Visit", name))

	def test_a_second_notice_for_the_same_window_and_category_escalates(self):
		visit = self.undercover_visit()
		frappe.set_user("Administrator")
		inspection = frappe.get_doc(
			{
				"doctype": "Inspection Record",
				"service_hall": self.hall,
				"date": "2026-02-27",
				"kind": "Routine Patrol",
				"inspector": "Administrator",
				"checks": [
					check_row(
						1, record="测试：巡查发现玩手机", category="Discipline", service_window=self.window
					)
				],
			}
		).insert(ignore_permissions=True)
		inspections.create_rectification_notice(inspection.name, inspection.checks[0].name, 3)
		name = inspections.create_notice_for_finding("Supervision Visit", visit.name, visit.checks[0].name, 3)
		self.assertEqual(frappe.db.get_value("Rectification Notice", name, "escalate_to_letter"), 1)

	def test_a_finding_needs_its_category_and_a_supervisor_in_term(self):
		self.as_user(self.supervisor)
		with self.assertRaises(inspections.FindingWithoutCategoryError):
			new_supervision_visit(self.hall, [self.sup], rows=[check_row(1, record="测试：未分类")]).insert()
		frappe.set_user("Administrator")
		old = new_social_supervisor(
			self.hall, "测试往届代表", term_start="2020-01-01", term_end="2022-12-31"
		).insert(ignore_permissions=True)
		frappe.set_user(self.supervisor)
		with self.assertRaises(SupervisorNotInTermError):
			new_supervision_visit(self.hall, [old.name]).insert()
		with self.assertRaises(inspections.NotAFindingSourceError):
			inspections.create_notice_for_finding("Service Case", "X", "Y", 3)

	def test_the_yearly_evaluation_once_per_supervisor_and_year(self):
		self.as_user(self.admin)
		new_supervisor_evaluation(self.hall, self.sup, 2026, opinion="测试：窗口服务有改进").insert()
		with self.assertRaises(SupervisorEvaluationError):
			new_supervisor_evaluation(self.hall, self.sup, 2026).insert()
		with self.assertRaises(SupervisorEvaluationError):
			new_supervisor_evaluation(self.hall, self.sup, 2030).insert()  # out of term


class TestGuideAndPrint(CitizenCase):
	def guide_item(self):
		dept = make_department(self.hall, "测试民政局").name
		item = make_item(dept, "测试：最低生活保障申请", 20, 10)
		item.update(
			{
				"published_in_guide": 1,
				"eligible_applicants": "本辖区户籍居民",
				"legal_basis": "《社会救助暂行办法》",
				"handling_process": "申请—受理—审核—审批",
				"result": "低保证",
				"materials": [
					{
						"material_name": "居民身份证",
						"material_type": "Original and Copy",
						"copies": 1,
						"format_spec": "A4",
						"source_channel": "公安机关",
						"acceptance_standard": "在有效期内",
						"electronic_copy_required": 1,
					}
				],
			}
		)
		item.save(ignore_permissions=True)
		return item

	def test_the_guide_prints_to_pdf_with_chinese_text(self):
		item = self.guide_item()
		html = frappe.get_print("Service Item", item.name, "Service Guide Sheet")
		self.assertIn('lang="zh-CN"', html)
		text = pdf_text(html)
		for expected in (
			"办事指南",
			"测试：最低生活保障申请",
			"办理主体",
			"本辖区户籍居民",
			"申请材料",
			"居民身份证",
			"原件和复印件",
		):
			self.assertIn(expected, text)

	def test_the_appointment_confirmation_prints_to_pdf_with_chinese_text(self):
		doc = make_service_appointment(self.hall, self.window, self.monday, priority_group="Military")
		html = frappe.get_print("Service Appointment", doc.name, "Appointment Confirmation")
		self.assertIn('lang="zh-CN"', html)
		text = pdf_text(html)
		for expected in ("预约确认单", "测试办事人", "09:00", "军人", "不预约也可直接到大厅办理"):
			self.assertIn(expected, text)


# ---------------------------------------------------------------------------------------------- HTTP, Guest
BASE_URL = os.environ.get("ZHENGWU_TEST_URL", "")


@pytest.fixture(scope="module", autouse=True)
def http_server(request):
	"""The HTTP tests talk to conftest's live server of the test site (or ZHENGWU_TEST_URL) instead of skipping."""
	global BASE_URL
	if any(getattr(item, "cls", None) is TestGuestOverHttp for item in request.session.items):
		BASE_URL = request.getfixturevalue("live_server")


def server_up() -> str:
	"""'' when the server answers at ZHENGWU_TEST_URL, else why not."""
	if not BASE_URL:
		return (
			"ZHENGWU_TEST_URL is not set (the web server serving the test site, e.g. http://127.0.0.1:8105)"
		)
	import requests

	try:
		requests.get(f"{BASE_URL}/api/method/ping", timeout=5).raise_for_status()
	except Exception as e:
		return f"no server at {BASE_URL}: {e}"
	return ""


class TestGuestOverHttp(unittest.TestCase):
	"""A Guest books, cancels and re-books through the public page's methods, reads a guide, and reaches nothing
	else. The server reads committed data: the records are committed here and deleted afterwards."""

	@classmethod
	def setUpClass(cls):
		why = server_up()
		if why:
			print(f"\n!!! TestGuestOverHttp SKIPPED: {why} !!!\n")
			raise unittest.SkipTest(why)
		frappe.set_user("Administrator")
		cls.hall = make_hall("HTTP测试政务服务中心", "District Center").name
		cls.window = make_window(cls.hall, 1).name
		make_appointment_schedule(cls.window, [schedule_row("Monday", "09:00", "10:00", 1)])
		dept = make_department(cls.hall, "测试人社局").name
		item = make_item(dept, "测试：社保卡补办", 10, 3)
		item.update(
			{"published_in_guide": 1, "eligible_applicants": "参保人员本人", "handling_process": "现场申请"}
		)
		item.materials = []
		item.append("materials", {"material_name": "测试身份证明", "material_type": "Original"})
		item.save(ignore_permissions=True)
		cls.item = item.name
		new_negative_entry(cls.hall, "测试：涉密审批").insert(ignore_permissions=True)
		cls.monday = next_working(0, cls.hall)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.delete("Service Item Material", {"parent": cls.item})
		for doctype in ("Service Appointment", "Appointment Schedule", "Negative List Entry", "Service Item"):
			frappe.db.delete(doctype, {"service_hall": cls.hall})
		frappe.db.delete("Stationed Department", {"service_hall": cls.hall})
		frappe.db.delete("Service Window", {"service_hall": cls.hall})
		frappe.delete_doc("Service Hall", cls.hall, force=True, ignore_permissions=True)
		frappe.db.commit()

	def setUp(self):
		import requests

		self.http = requests.Session()
		self.http.headers["Accept-Language"] = "en-US,en;q=0.9"  # the pages answer in Chinese all the same

	def method(self, name, verb="post", **data):
		url = f"{BASE_URL}/api/method/zhengwu_hall.setup.appointments.{name}"
		if verb == "get":
			return self.http.get(url, params=data, timeout=30)
		return self.http.post(url, data=data, timeout=30)

	def book(self, name="测试网民"):
		return self.method(
			"book",
			hall=self.hall,
			window=self.window,
			date=self.monday,
			start="09:00",
			applicant_name=name,
			contact_phone="13812345678",
		)

	def test_a_guest_books_cancels_and_rebooks(self):
		page = self.http.get(f"{BASE_URL}/book_appointment", params={"hall": self.hall}, timeout=30)
		self.assertEqual(page.status_code, 200)
		self.assertIn('lang="zh-CN"', page.text)
		self.assertIn("预约办理", page.text)
		r = self.method("public_slots", verb="get", hall=self.hall)
		self.assertEqual(r.status_code, 200, r.text[:300])
		slots = r.json()["message"]
		self.assertIn((self.monday, "09:00"), {(s["date"], s["start"]) for s in slots})

		first = self.book()
		self.assertEqual(first.status_code, 200, first.text)
		booked = first.json()["message"]
		frappe.db.rollback()  # see what the server committed
		self.assertEqual(frappe.db.get_value("Service Appointment", booked["name"], "status"), "Booked")

		before = frappe.db.count("Service Appointment", {"service_hall": self.hall})
		full = self.book("测试第二人")
		self.assertEqual(full.status_code, 417)
		self.assertIn("已约满", full.json()["exception"])
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Service Appointment", {"service_hall": self.hall}), before)

		wrong = self.method("cancel", appointment=booked["name"], booking_code="WRONG")
		self.assertNotEqual(wrong.status_code, 200)
		cancelled = self.method("cancel", appointment=booked["name"], booking_code=booked["booking_code"])
		self.assertEqual(cancelled.json()["message"]["status"], "Cancelled")
		again = self.book("测试第二人")
		self.assertEqual(again.status_code, 200, again.text)

	def test_a_guest_reads_the_item_list_and_a_guide(self):
		listing = self.http.get(f"{BASE_URL}/hall_services", params={"hall": self.hall}, timeout=30)
		self.assertEqual(listing.status_code, 200)
		for expected in ("事项清单", "测试：社保卡补办", "负面清单", "测试：涉密审批"):
			self.assertIn(expected, listing.text)
		guide = self.http.get(f"{BASE_URL}/service_guide", params={"item": self.item}, timeout=30)
		self.assertEqual(guide.status_code, 200)
		self.assertIn('lang="zh-CN"', guide.text)
		for expected in ("办事指南", "参保人员本人", "现场申请", "测试身份证明", 'name="viewport"'):
			self.assertIn(expected, guide.text)

	def test_a_guest_reaches_nothing_else(self):
		for doctype in ("Service Appointment", "Service Item", "Service Hall", "Social Supervisor", "User"):
			r = self.http.get(f"{BASE_URL}/api/resource/{doctype}", timeout=30)
			self.assertIn(r.status_code, (401, 403), doctype)
			if r.status_code == 200:
				self.assertEqual(r.json().get("data"), [])
		for method in (
			"frappe.client.get_list?doctype=Service%20Appointment",
			"zhengwu_hall.setup.appointments.open_slots?hall=x",
			"zhengwu_hall.setup.inspections.create_notice_for_finding",
		):
			r = self.http.post(f"{BASE_URL}/api/method/{method}", timeout=30)
			self.assertIn(r.status_code, (401, 403), method)
		# an unpublished item has no public guide
		dept = frappe.db.get_value("Service Item", self.item, "stationed_department")
		hidden = make_item(dept, "测试：未公布事项", 10, 3).name
		frappe.db.commit()
		self.addCleanup(lambda: (frappe.delete_doc("Service Item", hidden, force=True), frappe.db.commit()))
		r = self.http.get(f"{BASE_URL}/service_guide", params={"item": hidden}, timeout=30)
		self.assertEqual(r.status_code, 404)
		self.assertNotIn("测试：未公布事项", r.text)
		r = self.http.get(f"{BASE_URL}/app/service-appointment", timeout=30, allow_redirects=False)
		self.assertNotEqual(r.status_code, 200)
