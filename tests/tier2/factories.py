"""The records tier-2 tests make, one factory each, and the few helpers the test modules share.

- ``new_<record>(...)`` builds the document without saving it: the test inserts it as the user it tests;
- ``make_<record>(...)`` inserts it, ignoring permissions (Administrator's setup), and returns the document
  (``make_line`` and ``make_user`` return the name: they reuse a record that exists already).

Names are unique to this run: halls are 测试<RUN><name>, users zw-<RUN>-<key>@example.com with the first name
测试<key>, so a test never meets demo data or what an earlier run left behind. Every test is rolled back
(conftest.py), so a factory never cleans up.
"""

import uuid

import frappe
from frappe.tests.utils import FrappeTestCase
from zhengwu_hall.rules.packs import (
	ROLES as ALL_ROLES,
)  # every role of fixtures/role.json
from zhengwu_hall.setup.permissions import (
	assign_user_to_hall,
	clear_hall_permission_cache,
)

RUN = uuid.uuid4().hex[:6]

# the year the calendar tests enter; its rows below are test data shaped like a State Council notice, not the
# published 2027 arrangement
YEAR = 2027
YEAR_DAYS = (
	("2027-01-01", "Day Off", "元旦"),
	("2027-01-02", "Day Off", "元旦"),
	("2027-01-03", "Day Off", "元旦"),
	("2027-02-20", "Make-up Working Day", "春节"),
)


# ---------------------------------------------------------------------------------------------- people
def make_user(key, roles=(), hall=None):
	"""A System User holding ``roles``, assigned to ``hall`` (and its subtree) when given; returns the e-mail."""
	email = f"zw-{RUN}-{key}@example.com"
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": f"测试{key}",
				"user_type": "System User",
				"send_welcome_email": 0,
				"roles": [{"role": r} for r in roles],
			}
		).insert(ignore_permissions=True)
	if hall:
		assign_user_to_hall(email, hall)
	return email


# ---------------------------------------------------------------------------------------------- organisation
def new_hall(name, level, parent=None, **values):
	return frappe.get_doc(
		{
			"doctype": "Service Hall",
			"hall_name": f"测试{RUN}{name}",
			"hall_level": level,
			"parent_service_hall": parent,
			**values,
		}
	)


def make_hall(name, level, parent=None, **values):
	return new_hall(name, level, parent, **values).insert(ignore_permissions=True)


def new_line(name="综合服务"):
	return frappe.get_doc({"doctype": "Business Line", "business_line_name": name})


def make_line(name="综合服务"):
	if not frappe.db.exists("Business Line", name):
		new_line(name).insert(ignore_permissions=True)
	return name


def new_department(hall, name="市场监督管理局", **values):
	return frappe.get_doc(
		{
			"doctype": "Stationed Department",
			"service_hall": hall,
			"department_name": name,
			**values,
		}
	)


def make_department(hall, name="市场监督管理局", **values):
	return new_department(hall, name, **values).insert(ignore_permissions=True)


def new_window(hall, number, window_type="Comprehensive (All Matters)", **values):
	return frappe.get_doc(
		{
			"doctype": "Service Window",
			"service_hall": hall,
			"window_number": str(number),
			"window_name": f"窗口{number}",
			"window_type": window_type,
			**values,
		}
	)


def make_window(hall, number, window_type="Comprehensive (All Matters)", **values):
	return new_window(hall, number, window_type, **values).insert(ignore_permissions=True)


def new_staff(window, user, post="A Post", employment="Established Staff", **values):
	return frappe.get_doc(
		{
			"doctype": "Window Staff",
			"service_window": window,
			"user": user,
			"post": post,
			"employment": employment,
			**values,
		}
	)


def make_staff(window, user, post="A Post", employment="Established Staff", **values):
	return new_staff(window, user, post, employment, **values).insert(ignore_permissions=True)


def new_item(department, name, statutory, promised):
	"""A Service Item; ``statutory`` None means the law sets no limit."""
	return frappe.get_doc(
		{
			"doctype": "Service Item",
			"stationed_department": department,
			"item_name": name,
			"has_statutory_limit": 0 if statutory is None else 1,
			"statutory_limit": statutory or 0,
			"promised_limit": promised,
		}
	)


def make_item(department, name, statutory, promised):
	return new_item(department, name, statutory, promised).insert(ignore_permissions=True)


# ---------------------------------------------------------------------------------------------- calendar
def new_year(year=YEAR, days=YEAR_DAYS):
	"""An Official Calendar Year; ``days`` are (date, kind, note) rows."""
	return frappe.get_doc(
		{
			"doctype": "Official Calendar Year",
			"year": year,
			"notice_title": f"测试：{year}年部分节假日安排",
			"days": [{"date": d, "kind": k, "note": n} for d, k, n in days],
		}
	)


def make_year(year=YEAR, days=YEAR_DAYS):
	return new_year(year, days).insert(ignore_permissions=True)


def new_exception(
	hall,
	date,
	kind="Local Day Off",
	applies_to_subtree=1,
	reason="测试：县政府通知闭厅",
):
	return frappe.get_doc(
		{
			"doctype": "Hall Calendar Exception",
			"service_hall": hall,
			"date": date,
			"kind": kind,
			"applies_to_subtree": applies_to_subtree,
			"reason": reason,
		}
	)


def make_exception(hall, date, **values):
	return new_exception(hall, date, **values).insert(ignore_permissions=True)


# ---------------------------------------------------------------------------------------------- rule packs
def new_rule_pack(jurisdiction, title="测试辖区规则包"):
	"""A Jurisdiction Rule Pack with every rule unset (a pack as an administrator starts it in the desk)."""
	return frappe.get_doc(
		{
			"doctype": "Jurisdiction Rule Pack",
			"jurisdiction": jurisdiction,
			"title": title,
			"source_document": "测试：本辖区政务服务大厅管理办法",
		}
	)


# ---------------------------------------------------------------------------------------------- attendance
def new_leave_request(staff, cover, from_date, to_date, **values):
	"""A Leave Request of Window Staff ``staff`` covered by Window Staff ``cover`` (both dates included)."""
	return frappe.get_doc(
		{
			"doctype": "Leave Request",
			"staff": staff,
			"cover": cover,
			"leave_kind": "Personal Leave",
			"from_date": from_date,
			"to_date": to_date,
			"reason": "测试：家中有事",
			"contact_phone": "13800000000",
			**values,
		}
	)


def make_leave_request(staff, cover, from_date, to_date, **values):
	doc = new_leave_request(staff, cover, from_date, to_date, **values)
	doc.flags.ignore_permissions = True
	return doc.insert()


def new_absence_record(staff, absence_date, absent_days=1, facts="测试：未请假，全天不在岗"):
	return frappe.get_doc(
		{
			"doctype": "Absence Record",
			"staff": staff,
			"absence_date": absence_date,
			"absent_days": absent_days,
			"facts": facts,
		}
	)


def make_absence_record(staff, absence_date, absent_days=1):
	return new_absence_record(staff, absence_date, absent_days).insert(ignore_permissions=True)


def new_extended_service_log(staff, start="2026-12-07 17:30:00", end="2026-12-07 18:30:00", **values):
	return frappe.get_doc(
		{
			"doctype": "Extended Service Log",
			"staff": staff,
			"situation": "Finishing a Matter at Closing Time",
			"requested_by": "Window",
			"outcome": "Provided",
			"matter": "测试：个体工商户登记",
			"start": start,
			"end": end,
			**values,
		}
	)


# ---------------------------------------------------------------------------------------------- inspections
def check_row(idx, method="On-site Inspection", record="", **values):
	"""A row of the 巡查记录表; ``record`` blank means normal."""
	return {
		"idx": idx,
		"method": method,
		"check_time": f"{8 + idx}:00:00",
		"record": record,
		**values,
	}


def new_inspection_record(hall, date="2026-03-02", kind="Self-Check", rows=None, inspector="Administrator"):
	rows = [check_row(1)] if rows is None else rows
	return frappe.get_doc(
		{
			"doctype": "Inspection Record",
			"service_hall": hall,
			"date": date,
			"kind": kind,
			"inspector": inspector,
			"checks": rows,
		}
	)


def make_inspection_record(hall, date="2026-03-02", kind="Self-Check", rows=None, submit=True):
	doc = new_inspection_record(hall, date, kind, rows).insert(ignore_permissions=True)
	if submit:
		doc.submit()
	return doc


def new_rectification_notice(
	hall,
	window,
	category="Discipline",
	problem="测试：窗口人员玩手机",
	days=3,
	**values,
):
	return frappe.get_doc(
		{
			"doctype": "Rectification Notice",
			"service_hall": hall,
			"service_window": window,
			"found_on": "2026-03-02",
			"category": category,
			"problem": problem,
			"deadline_working_days": days,
			**values,
		}
	)


def new_checklist_item(name, category="Discipline"):
	return frappe.get_doc(
		{
			"doctype": "Inspection Checklist Item",
			"item_name": name,
			"category": category,
			"scheme": "测试",
		}
	)


def new_inspection_statistics(hall, from_date="2026-03-02", to_date="2026-03-08"):
	return frappe.get_doc(
		{
			"doctype": "Inspection Statistics",
			"service_hall": hall,
			"from_date": from_date,
			"to_date": to_date,
		}
	)


# ---------------------------------------------------------------------------------------------- helpers
# ---------------------------------------------------------------------------------------------- cases, complaints, ratings
def _first_or_make(doctype, filters, make):
	name = frappe.db.get_value(doctype, filters, "name", order_by="creation asc")
	return name or make().name


def case_window(hall):
	"""The hall's first window, made (with its department) when the hall has none."""
	department = _first_or_make("Stationed Department", {"service_hall": hall}, lambda: make_department(hall))
	return _first_or_make(
		"Service Window",
		{"service_hall": hall},
		lambda: make_window(hall, 1, stationed_department=department, published_phone="0777-1234567"),
	)


def case_staff(window, key="case-staff"):
	"""The window's first staff member (the first-responsible person of a case), made when it has none."""
	hall = frappe.db.get_value("Service Window", window, "service_hall")
	return _first_or_make(
		"Window Staff",
		{"service_window": window},
		lambda: make_staff(window, make_user(key, ["Window Staff"], hall)),
	)


def case_item(hall, name="测试个体工商户登记", statutory=15, promised=5):
	department = _first_or_make("Stationed Department", {"service_hall": hall}, lambda: make_department(hall))
	return _first_or_make(
		"Service Item",
		{"stationed_department": department, "item_name": name},
		lambda: make_item(department, name, statutory, promised),
	)


def new_service_case(hall, window=None, staff=None, item=None, **values):
	"""A complete 办件 accepted on Monday 2 March 2026 (materials complete, promised limit 5 working days), at the
	hall's first window by its first staff member unless given; override any field with ``values``."""
	window = window or case_window(hall)
	return frappe.get_doc(
		{
			"doctype": "Service Case",
			"service_hall": hall,
			"service_window": window,
			"staff": staff or case_staff(window),
			"service_item": item or case_item(hall),
			"applicant_name": "测试申请人",
			"applicant_phone": "13800000000",
			"received_on": "2026-03-02 09:00:00",
			"accepted_on": "2026-03-02",
			"materials": [
				{"material_name": "营业执照申请书", "copies": 1, "original_or_copy": "Original Document"},
				{"material_name": "身份证", "copies": 1, "original_or_copy": "Photocopy"},
			],
			**values,
		}
	)


def make_service_case(hall, window=None, **values):
	return new_service_case(hall, window, **values).insert(ignore_permissions=True)


def new_deadline_extension(case, requested_date, reason="测试：需职能部门现场核查，无法按期办结", **values):
	return frappe.get_doc(
		{
			"doctype": "Deadline Extension Application",
			"service_case": case,
			"requested_date": requested_date,
			"reason": reason,
			**values,
		}
	)


VALID_ID_NUMBER = "11010519491231002X"  # GB 11643 check character X


def new_proxy_authorization(hall, window=None, agent=None, **values):
	"""A 帮办代办服务委托书 of an elderly client, at the hall's first window, for one matter and two materials."""
	return frappe.get_doc(
		{
			"doctype": "Proxy Service Authorization",
			"service_hall": hall,
			"proxy_window": window or case_window(hall),
			"priority_group": "Elderly",
			"client_kind": "Individual",
			"client_name": "测试委托人",
			"client_contact": "测试委托人",
			"client_phone": "13900000000",
			"client_id_number": VALID_ID_NUMBER,
			"service_items": [{"item_name": "测试城乡居民养老保险待遇申领"}],
			"materials": [
				{"material_name": "户口簿", "copies": 1, "original_or_copy": "Original Document"},
				{"material_name": "身份证", "copies": 2, "original_or_copy": "Photocopy"},
			],
			"agent": agent or make_user("proxy-agent", ["Proxy Agent"], hall),
			"agent_phone": "13700000000",
			**values,
		}
	)


def new_complaint(hall, window=None, received_on="2026-03-02 09:00:00", **values):
	"""A 投诉反馈单 as registered (登记) by the handling office; ``values`` override any field."""
	return frappe.get_doc(
		{
			"doctype": "Complaint",
			"service_hall": hall,
			"service_window": window,
			"received_on": received_on,
			"tabulated_on": str(received_on)[:10],
			"source_channel": "Phone Call",
			"problem_type": "Service Attitude",
			"complainant_name": "测试投诉人",
			"complainant_title": "Mr.",
			"incoming_phone": "0777-1234567",
			"contact_phone": "13900000000",
			"complaint_content": "测试：窗口工作人员态度生硬，未一次性告知所需材料",
			**values,
		}
	)


def make_complaint(hall, window=None, received_on="2026-03-02 09:00:00", **values):
	return new_complaint(hall, window, received_on, **values).insert(ignore_permissions=True)


def new_complaint_consequence(hall, window=None, **values):
	return frappe.get_doc(
		{
			"doctype": "Complaint Consequence",
			"service_hall": hall,
			"subject": "Window",
			"service_window": window,
			"year": 2026,
			"consequence": "Interview Window Head or Replace Staff",
			"counted_event": "Verified Complaint",
			"verified_count": 3,
			**values,
		}
	)


RATING_PACK = "qinzhou-qinnan"  # the pack with the 第八条 levels and scores (seed 001 “好差评”制度)


def ensure_rating_pack(hall):
	"""A rating needs the levels and scores of a pack: a test hall governed by no pack gets qinzhou-qinnan's."""
	from zhengwu_hall.setup.packs import resolve_pack_for_hall

	if not resolve_pack_for_hall(hall):
		frappe.db.set_value("Service Hall", hall, "rule_pack", RATING_PACK)
	return hall


def new_service_evaluation(
	hall, window=None, level="Very Satisfied", rated_on="2026-03-02 10:00:00", **values
):
	"""A Service Evaluation (one QR rating). The hall gets the qinzhou-qinnan pack when it is governed by none; a
	bad level needs ``bad_reason``."""
	ensure_rating_pack(hall)
	return frappe.get_doc(
		{
			"doctype": "Service Evaluation",
			"service_hall": hall,
			"service_window": window,
			"level": level,
			"rated_on": rated_on,
			**values,
		}
	)


# ---------------------------------------------------------------------------------------------- print
def _offline(url, *args, **kwargs):
	"""No network in the tests: the desk's print CSS is left out (each template carries its own style)."""
	raise ValueError(f"not fetched: {url}")


def print_html(doctype, name, print_format=None):
	"""The HTML the desk's Print view sends to the PDF renderer, in Chinese."""
	lang = frappe.local.lang
	frappe.local.lang = "zh"
	try:
		return frappe.get_print(doctype, name, print_format=print_format)
	finally:
		frappe.local.lang = lang


def pdf_text(doctype, name, print_format=None):
	"""The text of the record's PDF (WeasyPrint, then pdftotext) with all white space removed, so a phrase the
	layout wraps over two lines is still found."""
	import subprocess
	import tempfile

	from weasyprint import HTML

	html = print_html(doctype, name, print_format)
	assert 'lang="zh-CN"' in html, f"{print_format}: the document is not marked lang=zh-CN"
	with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
		HTML(string=html, url_fetcher=_offline).write_pdf(f.name)
		text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True, check=True).stdout
	return "".join(text.split())


# ---------------------------------------------------------------------------------------------- assessment
def new_self_assessment(staff, year=2026, quarter=1, reports=None, **values):
	"""A 季度考核自查表 of Window Staff ``staff``; ``reports`` maps a dimension to its self-report (the rows are
	filled from the hall's pack on save)."""
	return frappe.get_doc(
		{
			"doctype": "Quarterly Self-Assessment",
			"staff": staff,
			"year": year,
			"quarter": str(quarter),
			"summary": "测试：本季度工作小结",
			"items": [{"dimension": d, "self_report": r} for d, r in (reports or {}).items()],
			**values,
		}
	)


def new_department_deduction(department, item_code="late_or_absent_found", date="2026-03-02", **values):
	return frappe.get_doc(
		{
			"doctype": "Department Deduction",
			"stationed_department": department,
			"deduction_date": date,
			"item_code": item_code,
			"found_by": "Other",
			"facts": "测试：扣分事实",
			**values,
		}
	)


def new_accountability_case(hall, window, **values):
	return frappe.get_doc(
		{
			"doctype": "Accountability Case",
			"service_hall": hall,
			"service_window": window,
			"person_held_responsible": "Post Responsible Person",
			"occurred_on": "2026-03-02",
			"violation": "Leaving the Window Without Permission",
			"facts": "测试：值班时擅自离岗30分钟",
			"severity": "Minor",
			**values,
		}
	)


def make_service_evaluation(
	hall, window=None, level="Very Satisfied", rated_on="2026-03-02 10:00:00", **values
):
	if level in ("Dissatisfied", "Very Dissatisfied"):
		values.setdefault("bad_reason", "测试：等候时间过长")
	return new_service_evaluation(hall, window, level, rated_on, **values).insert(ignore_permissions=True)


def make_rated_window(hall, number=1, key="rate"):
	"""A window of a stationed department (with its liaison user) and a business line, and its A-post staff
	member; returns a dict of the names (department, window, staff, liaison, staff_user, line)."""
	liaison = make_user(f"{key}-liaison{number}", ["Department Liaison"], hall)
	line = make_line(f"测试{RUN}条线{number}")
	department = make_department(hall, f"测试部门{number}", liaison_user=liaison, business_line=line).name
	window = make_window(hall, number, stationed_department=department, business_line=line).name
	staff_user = make_user(f"{key}-staff{number}", ["Window Staff"], hall)
	staff = make_staff(window, staff_user).name
	return frappe._dict(
		department=department, window=window, staff=staff, liaison=liaison, staff_user=staff_user, line=line
	)


def new_bad_review_work_order(evaluation, **values):
	"""A work order for a bad-review Service Evaluation (one is made automatically when the rating is saved; this
	builds another for tests of the form itself)."""
	return frappe.get_doc({"doctype": "Bad Review Work Order", "service_evaluation": evaluation, **values})


def messages():
	"""The messages Frappe showed (msgprint) since the last frappe.clear_messages()."""
	return [frappe.parse_json(m).get("message", "") for m in frappe.local.message_log]


class HallTestCase(FrappeTestCase):
	"""A FrappeTestCase for hall-scoped records.

	The cached lists of the halls a user may see live in Redis, which no rollback undoes: they are cleared around
	every test and class. (conftest.py lifts Frappe's user throttle and names a System Manager for the session.)
	"""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		clear_hall_permission_cache()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"
		super().tearDownClass()
		clear_hall_permission_cache()

	def setUp(self):
		clear_hall_permission_cache()

	def tearDown(self):
		frappe.set_user("Administrator")
		clear_hall_permission_cache()


# ---------------------------------------------------------------------------------------------- citizen services
def new_negative_entry(hall, item_name="测试：涉密事项", reason="State Secrets", **values):
	return frappe.get_doc(
		{
			"doctype": "Negative List Entry",
			"service_hall": hall,
			"item_name": item_name,
			"reason": reason,
			**values,
		}
	)


def schedule_row(weekday="Monday", start="09:00", end="10:00", capacity=2, kind="Regular"):
	return {"weekday": weekday, "start_time": start, "end_time": end, "capacity": capacity, "kind": kind}


def new_appointment_schedule(window, rows=None, book_ahead_days=60):
	return frappe.get_doc(
		{
			"doctype": "Appointment Schedule",
			"service_window": window,
			"book_ahead_days": book_ahead_days,
			"slots": [schedule_row()] if rows is None else rows,
		}
	)


def make_appointment_schedule(window, rows=None, book_ahead_days=60):
	return new_appointment_schedule(window, rows, book_ahead_days).insert(ignore_permissions=True)


def new_service_appointment(hall, window=None, date=None, start="09:00", **values):
	return frappe.get_doc(
		{
			"doctype": "Service Appointment",
			"service_hall": hall,
			"service_window": window,
			"appointment_date": date or frappe.utils.today(),
			"slot_start": start,
			"channel": "Phone Booking",
			"applicant_name": "测试办事人",
			"contact_phone": "13900000000",
			**values,
		}
	)


def make_service_appointment(hall, window=None, date=None, start="09:00", **values):
	return new_service_appointment(hall, window, date, start, **values).insert(ignore_permissions=True)


def new_home_visit(hall, **values):
	return frappe.get_doc(
		{
			"doctype": "Home Visit",
			"service_hall": hall,
			"applicant_name": "测试老人",
			"contact_phone": "13700000000",
			"address": "测试社区1号楼",
			"reason": "Elderly",
			"requested_via": "Phone Call",
			"requested_on": frappe.utils.now_datetime(),
			**values,
		}
	)


def new_social_supervisor(hall, name="测试监督员", term_start="2026-01-01", term_end="2028-12-31", **values):
	return frappe.get_doc(
		{
			"doctype": "Social Supervisor",
			"service_hall": hall,
			"supervisor_name": name,
			"category": "NPC Deputy",
			"term_start": term_start,
			"term_end": term_end,
			**values,
		}
	)


def make_social_supervisor(hall, name="测试监督员", **values):
	return new_social_supervisor(hall, name, **values).insert(ignore_permissions=True)


def new_supervision_visit(hall, supervisors, date="2026-03-02", visit_type="Undercover Visit", rows=None):
	return frappe.get_doc(
		{
			"doctype": "Supervision Visit",
			"service_hall": hall,
			"date": date,
			"visit_type": visit_type,
			"supervisors": [{"social_supervisor": s} for s in supervisors],
			"checks": [check_row(1)] if rows is None else rows,
		}
	)


def new_supervisor_evaluation(hall, supervisor, year=2026, rating="Satisfied", **values):
	return frappe.get_doc(
		{
			"doctype": "Supervisor Evaluation",
			"service_hall": hall,
			"social_supervisor": supervisor,
			"year": year,
			"rating": rating,
			"evaluated_on": f"{year}-12-20",
			**values,
		}
	)
