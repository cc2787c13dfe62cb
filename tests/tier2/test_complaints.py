"""Complaints on a site: the 投诉反馈单 through its whole workflow by the roles seed 001 names, wrong roles and skipped
states refused over REST, deadlines on the form and the daily reminders (frozen time), the confidential complainant
hidden from roles outside the handling office, consequences of verified complaints, the print formats as PDF and a
late appeal refused with nothing saved."""

import os
import subprocess
import tempfile

import frappe
from factories import (
	HallTestCase,
	make_complaint,
	make_hall,
	make_staff,
	make_user,
	make_window,
	new_complaint,
)
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from zhengwu_hall.setup import complaints
from zhengwu_hall.zhengwu_hall.doctype.complaint.complaint import (
	ComplaintAppealLateError,
	ComplaintExtensionIncompleteError,
	ComplaintExtensionNotAllowedError,
	ComplaintRefusalIncompleteError,
	ComplaintStateLockedError,
)
from zhengwu_hall.zhengwu_hall.report.overdue_complaints import overdue_complaints

MONDAY = "2026-03-02 09:00:00"  # a working week: general deadline Thursday 5 March


class ComplaintCase(HallTestCase):
	def setUp(self):
		super().setUp()
		self.hall = make_hall(
			"钦南区测试政务服务中心",
			"District Center",
			rule_pack="qinzhou-qinnan",
			phone="0777-1111111",
			fax="0777-2222222",
		).name
		self.window = make_window(self.hall, 1).name
		self.supervisor = make_user("cmp-supervisor", ["Supervisor"], self.hall)
		self.deputy = make_user("cmp-deputy", ["Center Deputy Director"], self.hall)
		self.director = make_user("cmp-director", ["Center Director"], self.hall)
		self.liaison = make_user("cmp-liaison", ["Department Liaison"], self.hall)
		self.leader = make_user("cmp-leader", ["Government Leader"], self.hall)
		self.staff_user = make_user("cmp-staff", ["Window Staff"], self.hall)
		self.staff = make_staff(self.window, self.staff_user).name

	def as_user(self, user):
		frappe.set_user(user)
		self.addCleanup(frappe.set_user, "Administrator")

	def act(self, user, name, action):
		frappe.set_user(user)
		return apply_workflow(frappe.get_doc("Complaint", name), action)

	def update(self, user, name, **values):
		frappe.set_user(user)
		doc = frappe.get_doc("Complaint", name)
		doc.update(values)
		doc.save()
		return doc

	def register(self, **values):
		self.as_user(self.supervisor)
		doc = frappe.client.insert(
			new_complaint(self.hall, self.window, MONDAY, staff=self.staff, **values).as_dict()
		)
		return doc["name"]


class TestWorkflow(ComplaintCase):
	def test_a_complaint_runs_the_whole_flow_with_the_right_roles(self):
		name = self.register(handler=None)
		doc = frappe.get_doc("Complaint", name)
		self.assertEqual(doc.workflow_state, "Registered")
		self.assertEqual(doc.transfer_no, "〔2026〕1号")
		self.assertEqual(str(doc.acceptance_due), "2026-03-02")  # simple: on the spot
		self.assertEqual(str(doc.resolution_due), "2026-03-05")  # 3 working days
		self.assertEqual(
			doc.stationed_department,
			frappe.db.get_value("Service Window", self.window, "stationed_department"),
		)
		self.assertEqual(
			new_complaint(self.hall, received_on=MONDAY).insert(ignore_permissions=True).transfer_no,
			"〔2026〕2号",
		)

		with self.assertRaises(WorkflowTransitionError):
			self.act(self.deputy, name, "Accept")
		self.act(self.supervisor, name, "Accept")
		self.update(
			self.supervisor,
			name,
			handling_mode="Direct Investigation",
			proposed_handling="测试：直查窗口工作人员服务态度",
		)
		self.act(self.supervisor, name, "Submit for Leader Review")
		with self.assertRaises(WorkflowTransitionError):
			self.act(self.supervisor, name, "Approve Direct Investigation")
		self.update(self.deputy, name, leader_instruction="测试：同意直查")
		self.act(self.deputy, name, "Approve Direct Investigation")
		self.update(
			self.supervisor, name, finding="Found True", handling_result="测试：经调阅监控，情况属实，已约谈"
		)
		doc = self.act(self.supervisor, name, "Issue Findings")
		self.assertEqual(doc.verified, 1)
		with self.assertRaises(WorkflowTransitionError):
			self.act(self.supervisor, name, "Sign and Issue")
		doc = self.act(self.director, name, "Sign and Issue")
		self.assertEqual((doc.workflow_state, doc.signed_by), ("Signed", self.director))
		self.update(
			self.supervisor,
			name,
			reply_to_complainant="测试：经调查属实，已责令整改",
			reply_method="In Writing",
			replied_on="2026-03-05",
			complainant_opinion="Satisfied or Basically Satisfied",
		)
		doc = self.act(self.supervisor, name, "Reply to Complainant")
		self.assertEqual(str(doc.appeal_due), "2026-03-26")  # 15 working days after Thursday 5 March
		doc = self.act(self.supervisor, name, "File in Archive")
		self.assertEqual(doc.workflow_state, "Archived")
		self.assertTrue(doc.archived_on)

	def test_a_transferred_complaint_is_handled_by_the_department(self):
		name = self.register()
		self.act(self.supervisor, name, "Accept")
		department = frappe.db.get_value("Service Window", self.window, "stationed_department")
		self.update(
			self.supervisor,
			name,
			handling_mode="Transfer to Department",
			proposed_handling="测试：转窗口所属部门调查",
			undertaking_window=self.window,
			undertaking_department=department,
		)
		self.act(self.supervisor, name, "Submit for Leader Review")
		doc = self.act(
			self.director, name, "Approve Transfer"
		)  # 第三条: the deputy in charge or the director
		self.assertTrue(doc.transferred_on)
		self.act(self.supervisor, name, "Supervise")
		self.update(self.liaison, name, finding="Not Found True", handling_result="测试：经核实不属实")
		with self.assertRaises(WorkflowTransitionError):
			self.act(self.supervisor, name, "Issue Findings")
		doc = self.act(self.liaison, name, "Issue Findings")
		self.assertEqual((doc.workflow_state, doc.verified), ("Findings Issued", 0))

	def test_skipping_states_or_acting_as_another_role_over_rest_is_refused(self):
		name = self.register()
		for user, state in (
			(self.supervisor, "Archived"),
			(self.supervisor, "Signed"),
			(self.director, "Accepted"),
			(self.director, "Findings Issued"),
		):
			frappe.set_user(user)
			# refused by the workflow, or earlier by the controller naming what the state needs
			with self.assertRaises((frappe.ValidationError, frappe.PermissionError)):
				frappe.client.set_value("Complaint", name, "workflow_state", state)
			doc = frappe.get_doc("Complaint", name).as_dict()
			doc["workflow_state"] = state
			with self.assertRaises((frappe.ValidationError, frappe.PermissionError)):
				frappe.client.save(doc)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Complaint", name, "workflow_state"), "Registered")
		# a new complaint cannot start past registration either
		frappe.set_user(self.supervisor)
		with self.assertRaises(WorkflowPermissionError):
			frappe.client.insert(
				new_complaint(self.hall, received_on=MONDAY, workflow_state="Reply Sent").as_dict()
			)
		# the window staff complained about cannot even read it
		frappe.set_user(self.staff_user)
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Complaint", name)

	def test_only_the_state_editor_fills_in_a_complaint_that_stays_in_its_state(self):
		name = self.register()
		for user in (self.director, self.liaison, self.deputy):
			frappe.set_user(user)
			with self.assertRaises(ComplaintStateLockedError):
				frappe.client.set_value("Complaint", name, "finding", "Found True")
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.get_value("Complaint", name, "finding"))
		self.update(self.supervisor, name, urgency="Urgent")

	def test_not_accepting_needs_a_ground_the_channel_and_a_reply(self):
		name = self.register()
		with self.assertRaises(WorkflowTransitionError):
			self.act(self.supervisor, name, "Do Not Accept")
		frappe.set_user(self.supervisor)
		# over REST the controller refuses first, saying what is missing
		with self.assertRaises(ComplaintRefusalIncompleteError):
			frappe.client.set_value("Complaint", name, "workflow_state", "Not Accepted")
		self.update(
			self.supervisor,
			name,
			refusal_ground="Already in Petition, Review, Arbitration or Court Proceedings",
			competent_channel="测试：请等待信访事项处理结果",
			reply_to_complainant="测试：该事项已进入信访程序，本中心不再受理",
		)
		doc = self.act(self.supervisor, name, "Do Not Accept")
		self.assertEqual(doc.workflow_state, "Not Accepted")
		self.assertTrue(doc.replied_on and doc.accepted_on)
		self.assertEqual(self.act(self.supervisor, name, "File in Archive").workflow_state, "Archived")


class TestDeadlines(ComplaintCase):
	def test_extension_to_thirty_days_only_by_the_director_with_reason_and_notice(self):
		name = self.register()
		self.act(self.supervisor, name, "Accept")
		with self.assertRaises(ComplaintExtensionNotAllowedError):
			self.update(
				self.supervisor,
				name,
				extension_approved=1,
				extension_reason="测试",
				complainant_notified_on="2026-03-03",
			)
		with self.assertRaises(ComplaintExtensionIncompleteError):
			self.update(self.director, name, extension_approved=1)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Complaint", name, "extension_approved"), 0)
		doc = self.update(
			self.director,
			name,
			extension_approved=1,
			extension_reason="测试：需多部门联合现场勘验",
			complainant_notified_on="2026-03-04",
		)
		self.assertEqual(str(doc.resolution_due), "2026-04-14")  # 30 working days, Qingming 4–6 April off
		self.assertEqual(doc.extension_approved_by, self.director)

	def test_field_investigation_takes_ten_working_days(self):
		name = self.register(complexity="Needs Field Investigation", complex_case=1)
		doc = frappe.get_doc("Complaint", name)
		self.assertEqual((str(doc.acceptance_due), str(doc.resolution_due)), ("2026-03-05", "2026-03-16"))

	def test_a_hall_whose_pack_sets_no_complaint_deadline_says_so(self):
		hall = make_hall("测试区政务服务中心", "District Center", rule_pack="xx-district").name
		doc = make_complaint(hall)
		self.assertIsNone(doc.resolution_due)
		self.assertIn("一般投诉办结期限", doc.deadline_note)

	def test_the_handler_is_warned_the_day_before_and_the_director_when_overdue(self):
		if not frappe.db.exists("Email Account", {"default_outgoing": 1}):
			frappe.get_doc(
				{
					"doctype": "Email Account",
					"email_account_name": "测试投诉发件",
					"email_id": "zhengwu-test-complaints@example.com",
					"enable_outgoing": 1,
					"default_outgoing": 1,
					"smtp_server": "localhost",
					"no_smtp_authentication": 1,
				}
			).insert(ignore_permissions=True)
		name = self.register(handler=self.supervisor)
		self.act(self.supervisor, name, "Accept")
		frappe.set_user("Administrator")

		def logs(user):
			return frappe.get_all(
				"Notification Log", filters={"for_user": user, "document_name": name}, pluck="subject"
			)

		# the daily job runs as the scheduler would on each day (freezegun is not in a v15 bench: the job takes
		# the day as an argument and uses today() otherwise)
		report = complaints.send_deadline_reminders("2026-03-03")  # Tuesday: two working days left
		self.assertNotIn(name, report["warned"])
		self.assertEqual(frappe.db.get_value("Complaint", name, "remaining_working_days"), 2)
		# Wednesday, the working day before Thursday 5: warned once
		self.assertIn(name, complaints.send_deadline_reminders("2026-03-04")["warned"])
		self.assertNotIn(name, complaints.send_deadline_reminders("2026-03-04")["warned"])
		self.assertEqual(len(logs(self.supervisor)), 1)
		self.assertFalse(logs(self.director))
		# Monday 9: Friday 6 and Monday 9 overdue; the director is told once
		self.assertIn(name, complaints.send_deadline_reminders("2026-03-09")["overdue"])
		self.assertNotIn(name, complaints.send_deadline_reminders("2026-03-10")["overdue"])
		self.assertEqual(len(logs(self.director)), 1)
		complaints.send_deadline_reminders("2026-03-09")
		values = frappe.db.get_value(
			"Complaint", name, ["remaining_working_days", "is_overdue"], as_dict=True
		)
		self.assertEqual((values.remaining_working_days, values.is_overdue), (-2, 1))
		queued = frappe.get_all(
			"Email Queue", filters={"reference_doctype": "Complaint", "reference_name": name}, pluck="name"
		)
		self.assertEqual(len(queued), 2)
		recipients = {r.recipient for q in queued for r in frappe.get_doc("Email Queue", q).recipients}
		self.assertEqual(recipients, {self.supervisor, self.director})
		self.assertIn(
			"zhengwu_hall.setup.complaints.send_deadline_reminders",
			frappe.get_hooks("scheduler_events")["daily"],
		)

	def test_overdue_report_lists_open_complaints_past_their_deadline(self):
		name = self.register()
		self.act(self.supervisor, name, "Accept")
		frappe.set_user(self.director)
		rows = overdue_complaints.execute({"as_of": "2026-03-09", "service_hall": self.hall})[1]
		self.assertEqual([(r["name"], r["working_days_overdue"]) for r in rows], [(name, 2)])
		self.assertFalse(overdue_complaints.execute({"as_of": "2026-03-05", "service_hall": self.hall})[1])
		self.assertNotIn("complainant", str(overdue_complaints.get_columns()))


class TestAppeal(ComplaintCase):
	def replied(self, replied_on="2026-03-05"):
		name = self.register()
		frappe.set_user("Administrator")
		frappe.db.set_value("Complaint", name, {"workflow_state": "Reply Sent", "replied_on": replied_on})
		doc = frappe.get_doc("Complaint", name)
		doc.save(ignore_permissions=True)
		return name

	def test_a_late_appeal_is_refused_in_chinese_and_nothing_is_saved(self):
		name = self.replied()
		self.assertEqual(str(frappe.db.get_value("Complaint", name, "appeal_due")), "2026-03-26")
		frappe.local.lang = "zh"
		self.addCleanup(setattr, frappe.local, "lang", "en")
		frappe.set_user(self.supervisor)
		doc = frappe.get_doc("Complaint", name).as_dict()
		doc.update({"appeal_filed_on": "2026-03-27", "appeal_content": "测试：不服处理结果"})
		with self.assertRaises(ComplaintAppealLateError) as raised:
			frappe.client.save(doc)
		self.assertIn("已超过复查、复核申请期限", str(raised.exception))
		self.assertIn("2026-03-26", str(raised.exception))
		frappe.set_user("Administrator")
		self.assertIsNone(frappe.db.get_value("Complaint", name, "appeal_filed_on"))
		self.assertIsNone(frappe.db.get_value("Complaint", name, "appeal_content"))

	def test_an_appeal_on_the_last_day_is_recorded(self):
		name = self.replied()
		doc = self.update(
			self.supervisor, name, appeal_filed_on="2026-03-26", appeal_content="测试：申请复查"
		)
		self.assertEqual(str(doc.appeal_filed_on), "2026-03-26")


class TestConfidentiality(ComplaintCase):
	def listed(self, name, fields):
		"""What frappe.get_list (the list, report view and export query) returns; an error returns nothing."""
		frappe.db.savepoint("listed")
		try:
			return str(frappe.get_list("Complaint", filters={"name": name}, fields=fields))
		except Exception as e:  # a forbidden virtual column that Frappe lets through is an SQL error
			frappe.db.rollback(save_point="listed")
			return type(e).__name__

	def test_a_confidential_complainant_is_hidden_outside_the_handling_office(self):
		name = self.register(confidential=1, complainant_name="测试保密人", contact_phone="13911112222")
		secret = {"complainant_name", "incoming_phone", "contact_phone", "complainant_title"}
		frappe.set_user(self.supervisor)
		self.assertEqual(frappe.client.get("Complaint", name)["complainant_name"], "测试保密人")
		for user in (self.director, self.deputy, self.leader, self.liaison):
			frappe.set_user(user)
			doc = frappe.client.get("Complaint", name)
			self.assertEqual(doc.get("complainant"), "保密", user)
			for field in secret:
				self.assertIsNone(doc.get(field), f"{user} reads {field}")
			for fields in (
				["name", "complainant_name", "contact_phone"],
				["name", "contact_phone", "contact_phone", "incoming_phone"],
			):
				self.assertNotIn("测试保密人", self.listed(name, fields), user)
				self.assertNotIn("13911112222", self.listed(name, fields), user)
			with self.assertRaises(frappe.PermissionError):
				frappe.client.get("Complainant Identity", name)
			with self.assertRaises(frappe.PermissionError):
				frappe.get_list("Complainant Identity", fields=["complainant_name"])
		# the report view (and its export) goes through the same query
		frappe.set_user(self.director)
		from frappe.desk.reportview import get as reportview_get

		self.addCleanup(setattr, frappe.local, "form_dict", frappe.local.form_dict)
		frappe.local.form_dict = frappe._dict(
			doctype="Complaint",
			fields=["`tabComplaint`.`name`", "`tabComplaint`.`complainant_name`"],
			filters=[["Complaint", "name", "=", name]],
		)
		frappe.db.savepoint("reportview")
		try:
			shown = str(reportview_get())
		except Exception as e:
			frappe.db.rollback(save_point="reportview")
			shown = type(e).__name__
		self.assertNotIn("测试保密人", shown)
		# a director saving the complaint cannot overwrite or reveal the hidden fields
		self.update(
			self.director,
			name,
			extension_approved=1,
			extension_reason="测试：需现场勘验",
			complainant_notified_on="2026-03-03",
		)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Complainant Identity", name, "complainant_name"), "测试保密人")

	def test_a_complaint_that_is_not_confidential_shows_the_name(self):
		name = self.register(complainant_name="测试公开人", complainant_title="Ms.")
		frappe.set_user(self.director)
		self.assertTrue(frappe.client.get("Complaint", name)["complainant"].startswith("测试公开人"))


class TestConsequences(ComplaintCase):
	def verified(self, n, problem_type="Service Attitude"):
		for i in range(n):
			doc = make_complaint(
				self.hall,
				self.window,
				f"2026-03-0{i + 2} 09:00:00",
				staff=self.staff,
				problem_type=problem_type,
			)
			doc.finding = "Found True"
			doc.save(ignore_permissions=True)

	def consequences(self, **filters):
		return sorted(frappe.get_all("Complaint Consequence", filters=filters, pluck="consequence"))

	def test_two_verified_complaints_have_no_consequence(self):
		self.verified(2)
		self.assertEqual(self.consequences(service_window=self.window), [])
		self.assertEqual(
			complaints.verified_complaint_counts(2026, staff=self.staff),
			{"Verified Complaint": 2, "Verified Complaint on Attitude or Core Systems": 2},
		)

	def test_three_on_attitude_lead_to_proposals_and_a_task_for_the_director(self):
		self.verified(3)
		self.assertEqual(
			self.consequences(staff=self.staff, subject="Staff"),
			["Not Eligible for Excellent", "One-Month Off-Post Training"],
		)
		window = frappe.get_all(
			"Complaint Consequence",
			filters={"subject": "Window", "service_window": self.window},
			fields=["name", "consequence", "status", "verified_count"],
		)
		self.assertEqual(
			[(w.consequence, w.status, w.verified_count) for w in window],
			[("Interview Window Head or Replace Staff", "Awaiting Decision", 3)],
		)
		todos = frappe.get_all(
			"ToDo",
			filters={"reference_type": "Complaint Consequence", "reference_name": window[0].name},
			pluck="allocated_to",
		)
		self.assertEqual(todos, [self.director])
		# a proposal, never an automatic action: the staff member stays on post
		self.assertEqual(frappe.db.get_value("Window Staff", self.staff, "is_active"), 1)
		# a fourth does not duplicate the proposals
		self.verified(1)
		self.assertEqual(len(self.consequences(service_window=self.window)), 3)

	def test_contract_staff_are_proposed_for_dismissal(self):
		frappe.db.set_value("Window Staff", self.staff, "employment", "Contracted Staff")
		self.verified(3)
		self.assertEqual(self.consequences(staff=self.staff, subject="Staff"), ["Dismissal"])


def offline(url, *args, **kwargs):
	raise ValueError(f"not fetched: {url}")


class TestPrintFormats(ComplaintCase):
	def pdf_text(self, name, print_format):
		from weasyprint import HTML

		frappe.local.lang = "zh"
		self.addCleanup(setattr, frappe.local, "lang", "en")
		html = frappe.get_print("Complaint", name, print_format=print_format)
		self.assertIn('lang="zh-CN"', html)
		with tempfile.TemporaryDirectory() as tmp:
			path = os.path.join(tmp, "out.pdf")
			HTML(string=html, url_fetcher=offline).write_pdf(path)
			text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
		return "".join(text.split())

	def test_feedback_form_and_reply_letter_render_to_pdf_with_chinese_text(self):
		name = self.register(complainant_name="测试公开人")
		text = self.pdf_text(name, "Complaint Feedback Form")
		for word in (
			"行政效能投诉反馈单",
			"转办文号",
			"〔2026〕1号",
			"来电人",
			"测试公开人",
			"反馈期限",
			"盖公章处",
			"传真电话",
			"0777-2222222",
			"满意或基本满意",
		):
			self.assertIn(word, text)
		frappe.set_user("Administrator")
		frappe.db.set_value(
			"Complaint",
			name,
			{
				"handling_result": "测试：已整改",
				"reply_to_complainant": "测试：经调查属实",
				"replied_on": "2026-03-05",
				"appeal_due": "2026-03-26",
			},
		)
		letter = self.pdf_text(name, "Complaint Reply Letter")
		for word in ("投诉处理答复书", "测试公开人", "经调查属实", "复查、复核", "2026年3月26日"):
			self.assertIn(word, letter)

	def test_a_confidential_complaint_prints_no_name_or_phone(self):
		name = self.register(confidential=1, complainant_name="测试保密人", contact_phone="13911112222")
		for print_format in ("Complaint Feedback Form", "Complaint Reply Letter"):
			text = self.pdf_text(name, print_format)
			self.assertNotIn("测试保密人", text)
			self.assertNotIn("13911112222", text)
		self.assertIn("保密", self.pdf_text(name, "Complaint Feedback Form"))
