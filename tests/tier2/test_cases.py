"""Service cases on a site (seed 001 首问负责制, 限时办结制, 审管分离 第二十三条, 帮办代办制度): a case received with
incomplete materials, supplemented, extended through the qinzhou-qinnan chain by the right roles and completed;
an extension after expiry refused with nothing saved; the monthly per-window report; handovers; the proxy
service authorization flow; the three print formats as PDF."""

import os
import subprocess
import tempfile

import frappe
from factories import (
	VALID_ID_NUMBER,
	HallTestCase,
	case_staff,
	case_window,
	make_hall,
	make_service_case,
	make_user,
	new_deadline_extension,
	new_proxy_authorization,
	new_service_case,
)
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.utils import add_days, getdate, now_datetime, today
from zhengwu_hall.setup import cases as case_jobs
from zhengwu_hall.setup.calendar import add_working_days
from zhengwu_hall.zhengwu_hall.doctype.deadline_extension_application.deadline_extension_application import (
	ExtensionNotAllowedError,
)
from zhengwu_hall.zhengwu_hall.doctype.proxy_service_authorization.proxy_service_authorization import (
	InvalidIdNumberError,
)
from zhengwu_hall.zhengwu_hall.doctype.service_case.service_case import (
	MissingMaterialsNotRecordedError,
	RefusalReasonRequiredError,
)
from zhengwu_hall.zhengwu_hall.report.monthly_case_report_by_window import monthly_case_report_by_window

EXTENSION = "Deadline Extension Application"


class CaseTestCase(HallTestCase):
	def setUp(self):
		super().setUp()
		self.hall = make_hall("钦南区政务服务中心", "District Center", rule_pack="qinzhou-qinnan").name
		self.window = case_window(self.hall)
		self.staff_user = make_user("case-window", ["Window Staff"], self.hall)
		self.staff = case_staff(self.window, "case-window")
		self.director = make_user("case-director", ["Center Director"], self.hall)
		self.leader = make_user("case-leader", ["Government Leader"], self.hall)

	def as_user(self, user):
		frappe.set_user(user)
		self.addCleanup(frappe.set_user, "Administrator")


class TestServiceCase(CaseTestCase):
	def test_received_supplemented_extended_by_the_chain_and_completed(self):
		day = today()
		self.as_user(self.staff_user)
		case = new_service_case(
			self.hall,
			received_on=f"{day} 09:00:00",
			accepted_on=day,
			materials_complete=0,
			missing_materials="测试：缺少经营场所证明",
		).insert()
		self.assertEqual(case.status, "Awaiting Materials")
		self.assertIsNone(case.promised_date)  # the clock waits for the supplement
		self.assertEqual(str(case.notice_given_on), day)  # one-time notice recorded

		case.supplemented_on = day
		case.save()
		promised = add_working_days(
			self.hall, day, 5
		)  # 5 working days from the supplement day, day 1 included
		self.assertEqual(getdate(case.promised_date), promised)
		self.assertEqual(case.status, "In Progress")

		# the window applies; the center head signs; the government approves — each only by its role
		new_date = add_days(promised, 10)
		ext = new_deadline_extension(case.name, new_date).insert()
		self.assertEqual(ext.workflow_state, "Application Draft")
		self.assertEqual(getdate(ext.original_promised_date), promised)
		ext = apply_workflow(ext, "Apply for Extension")
		self.assertEqual(ext.workflow_state, "Awaiting Opinion")

		frappe.set_user(self.leader)  # the government cannot sign the center head's opinion
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(frappe.get_doc(EXTENSION, ext.name), "Sign Opinion")

		frappe.set_user(self.director)
		ext = frappe.get_doc(EXTENSION, ext.name)
		ext.opinion = "测试：情况属实，同意报请延期"
		ext.save()
		ext = apply_workflow(ext, "Sign Opinion")
		self.assertEqual((ext.workflow_state, ext.opinion_by), ("Awaiting Approval", self.director))
		with self.assertRaises(WorkflowTransitionError):  # the center head cannot approve
			apply_workflow(frappe.get_doc(EXTENSION, ext.name), "Approve Extension")

		frappe.set_user(self.staff_user)  # nor can the window skip the chain over REST
		with self.assertRaises((WorkflowPermissionError, frappe.PermissionError)):
			frappe.client.set_value(EXTENSION, ext.name, "workflow_state", "Extension Approved")
		self.assertEqual(frappe.db.get_value(EXTENSION, ext.name, "workflow_state"), "Awaiting Approval")

		frappe.set_user(self.leader)
		ext = apply_workflow(frappe.get_doc(EXTENSION, ext.name), "Approve Extension")
		self.assertEqual((ext.workflow_state, ext.approved_by), ("Extension Approved", self.leader))
		case.reload()
		self.assertEqual(getdate(case.promised_date), getdate(new_date))
		self.assertEqual(getdate(case.original_promised_date), promised)
		self.assertEqual((case.extended, case.deadline_extension), (1, ext.name))

		# the window tells the applicant before the original deadline, then completes and delivers
		frappe.set_user(self.staff_user)
		ext = frappe.get_doc(EXTENSION, ext.name)
		ext.applicant_notified_on = now_datetime()
		ext.notification_method = "Phone"
		ext.save()
		self.assertEqual(ext.notified_in_time, 1)

		case = frappe.get_doc("Service Case", case.name)
		case.completed_on = case.delivered_on = add_days(
			promised, 3
		)  # after the original date, within the new one
		case.save()
		self.assertEqual((case.status, case.is_overdue), ("Completed", 0))

		# the promised date is computed, never typed, also over REST
		frappe.client.set_value("Service Case", case.name, "promised_date", "2030-01-01")
		self.assertEqual(
			getdate(frappe.db.get_value("Service Case", case.name, "promised_date")), getdate(new_date)
		)

	def test_extension_after_expiry_is_refused_in_chinese_and_nothing_saved(self):
		case = make_service_case(self.hall)  # accepted 2 March 2026, promised 6 March 2026
		self.assertEqual(str(case.promised_date), "2026-03-06")
		self.assertEqual(case.is_overdue, 1)
		frappe.local.lang = "zh"
		self.addCleanup(setattr, frappe.local, "lang", "en")
		self.as_user(self.staff_user)
		frappe.clear_messages()
		with self.assertRaises(ExtensionNotAllowedError) as raised:
			new_deadline_extension(case.name, "2026-12-31").insert()
		self.assertIn("时限届满前提出", str(raised.exception))
		self.assertIn("视为超时办结", str(raised.exception))
		self.assertFalse(frappe.db.exists(EXTENSION, {"service_case": case.name}))
		self.assertIn("Article 10", frappe.db.get_value("Service Case", case.name, "overdue_reason"))

	def test_incomplete_materials_need_the_one_time_notice_and_refusal_needs_a_reason(self):
		with self.assertRaises(MissingMaterialsNotRecordedError):
			make_service_case(self.hall, materials_complete=0)
		with self.assertRaises(RefusalReasonRequiredError):
			make_service_case(self.hall, refused=1)
		self.assertFalse(frappe.db.exists("Service Case", {"service_hall": self.hall}))

	def test_overdue_cases_of_article_ten_and_eleven(self):
		late = make_service_case(self.hall, completed_on="2026-03-09", delivered_on="2026-03-09")
		self.assertEqual(late.is_overdue, 1)
		excused = make_service_case(
			self.hall,
			completed_on="2026-03-20",
			delivered_on="2026-03-20",
			applicant_delay=1,
			applicant_delay_note="测试：申请人未按告知时间到窗口领取",
		)
		self.assertEqual(excused.is_overdue, 0)
		undelivered = make_service_case(self.hall, completed_on="2026-03-05")
		self.assertEqual(undelivered.is_overdue, 1)
		self.assertIn("(4)", undelivered.overdue_reason)
		refused = make_service_case(
			self.hall, refused=1, refusal_reason="测试：不属于本窗口职责", refusal_unjustified=1
		)
		self.assertEqual((refused.status, refused.is_overdue), ("Not Accepted", 1))

	def test_handover_next_working_day_at_the_latest(self):
		department = frappe.db.get_value("Service Window", self.window, "stationed_department")
		on_time = make_service_case(
			self.hall,
			received_on="2026-03-06 10:00:00",  # Friday
			accepted_on="2026-03-06",
			needs_field_work=1,
			handover_department=department,
			handed_over_on="2026-03-09 09:00:00",  # Monday: the next working day
		)
		self.assertEqual((str(on_time.handover_due), on_time.handover_late), ("2026-03-09", 0))
		self.assertEqual(on_time.status, "Handed Over")
		late = make_service_case(
			self.hall,
			received_on="2026-03-06 10:00:00",
			accepted_on="2026-03-06",
			needs_field_work=1,
			handover_department=department,
			handed_over_on="2026-03-10 09:00:00",
			handed_back_on="2026-03-11 16:00:00",
		)
		self.assertEqual(late.handover_late, 1)
		self.assertEqual(late.status, "In Progress")

	def test_monthly_report_per_window(self):
		make_service_case(self.hall, completed_on="2026-03-05", delivered_on="2026-03-05")  # on time
		make_service_case(self.hall, completed_on="2026-03-09", delivered_on="2026-03-09")  # late
		make_service_case(  # late, but the applicant's own delay (第十一条)
			self.hall, completed_on="2026-03-20", delivered_on="2026-03-20", applicant_delay=1
		)
		make_service_case(
			self.hall, accepted_on="2026-03-16", received_on="2026-03-16 09:00:00"
		)  # open, overdue
		make_service_case(self.hall, completed_on="2026-04-01", delivered_on="2026-04-01")  # April
		department = frappe.db.get_value("Service Window", self.window, "stationed_department")
		make_service_case(
			self.hall,
			received_on="2026-03-06 10:00:00",
			accepted_on="2026-03-06",
			needs_field_work=1,
			handover_department=department,
			handed_over_on="2026-03-10 09:00:00",
			completed_on="2026-03-12",
			delivered_on="2026-03-12",
		)  # on time, handed over late
		_columns, rows = monthly_case_report_by_window.execute(
			{"month": "2026-03-15", "service_hall": self.hall}
		)
		self.assertEqual(len(rows), 1)
		row = rows[0]
		self.assertEqual(row["service_window"], self.window)
		self.assertEqual(
			{k: row[k] for k in ("total", "completed", "on_time", "overdue", "open", "late_handovers")},
			{"total": 5, "completed": 4, "on_time": 3, "overdue": 2, "open": 1, "late_handovers": 1},
		)
		self.assertEqual(row["on_time_rate"], 75.0)

	def test_daily_job_marks_open_cases_overdue(self):
		day = today()
		case = make_service_case(self.hall, received_on=f"{day} 09:00:00", accepted_on=day)
		self.assertEqual(case.is_overdue, 0)
		promised = getdate(case.promised_date)
		self.assertNotIn(case.name, case_jobs.refresh_open_cases(promised))
		self.assertIn(case.name, case_jobs.refresh_open_cases(add_days(promised, 1)))
		self.assertEqual(frappe.db.get_value("Service Case", case.name, "is_overdue"), 1)

	def test_early_warning_when_the_pack_sets_its_days(self):
		day = today()
		case = make_service_case(self.hall, received_on=f"{day} 09:00:00", accepted_on=day)
		promised = getdate(case.promised_date)
		self.assertEqual(case_jobs.warn_due_cases(promised), [])  # qinzhou-qinnan leaves the days unset
		frappe.db.set_value(
			"Jurisdiction Rule Pack",
			"qinzhou-qinnan",
			{
				"case_warning_working_days": 2,
				"case_warning_working_days_source": "001_17276714a530e7ae.txt 限时办结制 第九条",
			},
		)
		self.assertEqual(case_jobs.warn_due_cases(day), [])  # five working days away
		self.assertEqual(case_jobs.warn_due_cases(promised), [case.name])
		self.assertEqual(case_jobs.warn_due_cases(promised), [])  # once a day
		user = frappe.db.get_value("Window Staff", case.staff, "user")
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{"document_name": case.name, "for_user": user, "document_type": "Service Case"},
			)
		)

	def test_supervisor_records_an_unjustified_refusal(self):
		supervisor = make_user("case-supervisor", ["Supervisor"], self.hall)
		case = make_service_case(self.hall, refused=1, refusal_reason="测试：材料不全")
		self.assertEqual(case.is_overdue, 0)
		frappe.set_user(self.staff_user)
		case = frappe.get_doc("Service Case", case.name)
		self.assertFalse(case.has_permlevel_access_to("refusal_unjustified", permission_type="write"))
		self.as_user(supervisor)
		case = frappe.get_doc("Service Case", case.name)
		case.refusal_unjustified = 1
		case.save()
		self.assertEqual(case.is_overdue, 1)


class TestProxyServiceAuthorization(CaseTestCase):
	def setUp(self):
		super().setUp()
		self.agent = make_user("case-proxy-agent", ["Proxy Agent"], self.hall)

	def test_id_number_is_checked_and_masked(self):
		self.as_user(self.agent)
		with self.assertRaises(InvalidIdNumberError):
			new_proxy_authorization(
				self.hall, agent=self.agent, client_id_number="110105194912310021"
			).insert()
		doc = new_proxy_authorization(self.hall, agent=self.agent).insert()
		self.assertEqual(doc.client_id_masked, "110105********002X")
		meta = frappe.get_meta("Proxy Service Authorization")
		self.assertEqual(meta.get_field("client_id_number").permlevel, 1)
		self.assertNotIn("client_id_number", [f.fieldname for f in meta.fields if f.in_list_view])
		frappe.set_user(self.staff_user)
		seen = frappe.get_doc("Proxy Service Authorization", doc.name)
		seen.apply_fieldlevel_read_permissions()
		self.assertFalse(seen.get("client_id_number"))  # the window sees the masked number only
		self.assertEqual(seen.client_id_masked, "110105********002X")
		# nor does the printed 委托书 give it away (a Jinja print gets the whole document)
		sheet = frappe.get_print(doc.doctype, doc.name, print_format="Proxy Service Authorization Sheet")
		self.assertIn("110105********002X", sheet)
		self.assertNotIn(VALID_ID_NUMBER, sheet)
		frappe.set_user(self.agent)
		sheet = frappe.get_print(doc.doctype, doc.name, print_format="Proxy Service Authorization Sheet")
		self.assertIn(VALID_ID_NUMBER, sheet)  # the agent's copy carries the full number

	def test_flow_entrust_accept_proxy_return_and_termination(self):
		self.as_user(self.agent)
		doc = new_proxy_authorization(self.hall, agent=self.agent).insert()
		self.assertEqual(doc.workflow_state, "Entrusted")
		frappe.set_user(self.staff_user)
		with self.assertRaises((WorkflowTransitionError, frappe.PermissionError)):
			apply_workflow(frappe.get_doc("Proxy Service Authorization", doc.name), "Accept Entrustment")
		frappe.set_user(self.agent)
		doc = apply_workflow(frappe.get_doc("Proxy Service Authorization", doc.name), "Accept Entrustment")
		self.assertEqual((doc.workflow_state, str(doc.receipt_issued_on)), ("Entrustment Accepted", today()))
		doc = apply_workflow(doc, "Start Proxy Service")
		frappe.set_user("Administrator")
		case = make_service_case(self.hall, proxy_authorization=doc.name)
		self.assertEqual(case.proxy_authorization, doc.name)
		frappe.set_user(self.agent)
		doc = apply_workflow(frappe.get_doc("Proxy Service Authorization", doc.name), "Return to Client")
		self.assertEqual((doc.workflow_state, str(doc.returned_on)), ("Returned to Client", today()))

		other = new_proxy_authorization(
			self.hall, agent=self.agent, priority_group="Military Personnel"
		).insert()
		with self.assertRaises(
			WorkflowTransitionError
		):  # no cause chosen: the Terminate action is not offered
			apply_workflow(other, "Terminate")
		other.termination_cause = "Client Requested Termination in Writing"
		other.save()
		other = apply_workflow(other, "Terminate")
		self.assertEqual((other.workflow_state, str(other.terminated_on)), ("Service Terminated", today()))


def offline(url, *args, **kwargs):
	"""No network in the test: the desk's print CSS is left out (each template carries its own style)."""
	raise ValueError(f"not fetched: {url}")


class TestCasePrintFormats(CaseTestCase):
	def pdf_text(self, doctype, name, print_format):
		from weasyprint import HTML

		frappe.local.lang = "zh"
		self.addCleanup(setattr, frappe.local, "lang", "en")
		html = frappe.get_print(doctype, name, print_format=print_format)
		self.assertIn('lang="zh-CN"', html)
		with tempfile.TemporaryDirectory() as tmp:
			path = os.path.join(tmp, "out.pdf")
			HTML(string=html, url_fetcher=offline).write_pdf(path)
			return subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout

	def test_each_document_renders_to_pdf_with_chinese_text(self):
		day = today()
		case = make_service_case(
			self.hall,
			received_on=f"{day} 09:00:00",
			accepted_on=day,
			materials_complete=0,
			missing_materials="测试：缺少经营场所证明",
			supplemented_on=day,
		)
		ext = new_deadline_extension(case.name, add_days(case.promised_date, 10)).insert(
			ignore_permissions=True
		)
		ext.db_set(
			{"opinion": "测试：同意报请延期", "opinion_by": self.director, "opinion_on": now_datetime()}
		)
		proxy = new_proxy_authorization(self.hall).insert(ignore_permissions=True)
		cases = (
			("Service Case", case.name, "Service Case Receipt", ["收件回执", "营业执照申请书", "复印件", "首问责任人", "申请人签字", "0777-1234567", "缺少经营场所证明"]),
			(EXTENSION, ext.name, "Deadline Extension Application Sheet", ["办理事项延期申请表", "负责人意见", "本级政府", "同意报请延期", "需职能部门现场核查"]),
			("Proxy Service Authorization", proxy.name, "Proxy Service Authorization Sheet", ["帮办代办服务委托书", "委托方留存", "帮办代办窗口留存", "户口簿", "原件", "一式贰份", VALID_ID_NUMBER]),
		)  # fmt: skip
		for doctype, name, print_format, expected in cases:
			text = "".join(self.pdf_text(doctype, name, print_format).split())
			for word in expected:
				self.assertIn(word, text, f"{print_format}: {word}")
		self.assertEqual(text.count("帮办代办服务委托书"), 2)  # two copies
