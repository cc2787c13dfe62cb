"""Tier 2: the desk's live counts (issue 10) on a site — 待我审批 across the workflows and the leave chain, in the
user's halls only; today's checks against the packs' minimum before any record exists; 未评价办件 for supervisors
and leaders; the 六查 chart for supervisors; Complaint printing its 投诉反馈单 by default; what each role family's
workspace shows."""

import json

import frappe
from factories import (
	HallTestCase,
	check_row,
	make_complaint,
	make_hall,
	make_inspection_record,
	make_service_case,
	make_staff,
	make_user,
	make_window,
	new_complaint,
	new_leave_request,
	print_html,
)
from frappe.desk.desktop import get_desktop_page
from frappe.desk.query_report import run as run_report
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate
from zhengwu_hall.setup import desk
from zhengwu_hall.setup import evaluations as ev
from zhengwu_hall.zhengwu_hall.dashboard_chart_source.inspection_findings_by_category import (
	inspection_findings_by_category as findings_source,
)
from zhengwu_hall.zhengwu_hall.doctype.leave_request import leave_request as lr
from zhengwu_hall.zhengwu_hall.report.pending_my_approval import pending_my_approval as report

DEPUTY, DIRECTOR, LEADER = "Center Deputy Director", "Center Director", "Government Leader"
FRI, MON = "2026-12-04", "2026-12-07"  # two working days around a weekend (test_leave.py)
MONDAY, SUNDAY = "2026-03-02", "2026-03-01"


class DeskCase(HallTestCase):
	"""Two districts on the 钦南 pack, each with its leaders, supervisor and window staff: hall A is the user's."""

	def setUp(self):
		super().setUp()
		self.hall = make_hall("桌面甲中心", "District Center", rule_pack="qinzhou-qinnan").name
		self.other = make_hall("桌面乙中心", "District Center", rule_pack="qinzhou-qinnan").name
		self.window = make_window(self.hall, 1).name
		self.other_window = make_window(self.other, 1).name
		self.deputy = make_user("desk-deputy", [DEPUTY], self.hall)
		self.director = make_user("desk-director", [DIRECTOR], self.hall)
		self.other_director = make_user("desk-director-b", [DIRECTOR], self.other)
		self.supervisor = make_user("desk-supervisor", ["Supervisor"], self.hall)
		self.applicant = make_user("desk-staff", ["Window Staff"], self.hall)
		self.staff = make_staff(self.window, self.applicant).name
		self.cover = make_staff(
			self.window, make_user("desk-cover", ["Window Staff"], self.hall), post="B Post"
		).name

	def as_user(self, user, fn, *args):
		frappe.set_user(user)
		try:
			return fn(*args)
		finally:
			frappe.set_user("Administrator")

	def pending(self, user):
		return {
			(r["reference_doctype"], r["name"]): r["state"]
			for r in self.as_user(user, desk.pending_approvals)
		}

	def complaint_in(self, state, hall=None, window=None):
		doc = make_complaint(hall or self.hall, window or self.window)
		frappe.db.set_value("Complaint", doc.name, "workflow_state", state)
		return doc.name


class TestPendingMyApproval(DeskCase):
	def test_each_leader_sees_the_documents_at_their_own_step_in_their_own_halls(self):
		signing = self.complaint_in("Findings Issued")
		reviewing = self.complaint_in("Leader Review")
		elsewhere = self.complaint_in("Findings Issued", self.other, self.other_window)
		self.assertEqual(
			self.pending(self.director),
			{("Complaint", signing): "Findings Issued", ("Complaint", reviewing): "Leader Review"},
		)
		self.assertEqual(self.pending(self.deputy), {("Complaint", reviewing): "Leader Review"})
		# the other district's director sees theirs only: Frappe's Workflow Action list would show both
		self.assertEqual(self.pending(self.other_director), {("Complaint", elsewhere): "Findings Issued"})
		# a user bound to no hall sees nothing
		self.assertEqual(self.pending(make_user("desk-nohall", [DIRECTOR])), {})

	def test_the_leave_chain_moves_from_one_approver_to_the_next(self):
		frappe.set_user(self.applicant)
		leave = (
			new_leave_request(self.staff, self.cover, FRI, MON).insert().name
		)  # two days: deputy → director
		frappe.set_user("Administrator")
		self.assertEqual(self.pending(self.deputy), {("Leave Request", leave): f"Awaiting {DEPUTY}"})
		self.assertEqual(self.pending(self.director), {})
		self.as_user(self.deputy, lr.approve, leave, "同意")
		self.assertEqual(self.pending(self.deputy), {})
		self.assertEqual(self.pending(self.director), {("Leave Request", leave): f"Awaiting {DIRECTOR}"})
		self.as_user(self.director, lr.approve, leave, "同意")
		self.assertEqual(self.pending(self.director), {})

	def test_ones_own_leave_never_waits_for_oneself(self):
		deputy_staff = make_user("desk-staff-deputy", ["Window Staff", DEPUTY], self.hall)
		staff = make_staff(self.window, deputy_staff).name
		frappe.set_user(deputy_staff)
		own = new_leave_request(staff, self.cover, FRI, FRI).insert().name
		frappe.set_user("Administrator")
		self.assertNotIn(("Leave Request", own), self.pending(deputy_staff))
		self.assertIn(("Leave Request", own), self.pending(self.deputy))

	def test_window_staff_see_the_notices_addressed_to_them(self):
		notice = frappe.get_doc(
			{
				"doctype": "Rectification Notice",
				"service_hall": self.hall,
				"service_window": self.window,
				"found_on": MONDAY,
				"category": "Discipline",
				"problem": "测试：窗口人员玩手机",
				"deadline_working_days": 3,
			}
		).insert(ignore_permissions=True)
		self.assertIn(("Rectification Notice", notice.name), self.pending(self.supervisor))  # to issue
		frappe.set_user(self.supervisor)
		apply_workflow(frappe.get_doc("Rectification Notice", notice.name), "Issue Notice")
		frappe.set_user("Administrator")
		self.assertNotIn(("Rectification Notice", notice.name), self.pending(self.supervisor))
		self.assertEqual(self.pending(self.applicant).get(("Rectification Notice", notice.name)), "Issued")

	def test_an_administrators_workflow_edit_is_followed(self):
		signing = self.complaint_in("Findings Issued")
		leader = make_user("desk-leader", [LEADER], self.hall)
		workflow = frappe.get_doc("Workflow", frappe.db.get_value("Workflow", {"document_type": "Complaint"}))
		for t in workflow.transitions:
			if t.state == "Findings Issued":
				t.allowed = LEADER
		workflow.save()
		self.assertEqual(self.pending(self.director), {})
		self.assertEqual(self.pending(leader), {("Complaint", signing): "Findings Issued"})

	def test_without_self_approval_ones_own_documents_are_left_out(self):
		workflow = frappe.get_doc("Workflow", frappe.db.get_value("Workflow", {"document_type": "Complaint"}))
		for t in workflow.transitions:
			if t.state == "Registered":
				t.allow_self_approval = 0
		workflow.save()
		others = self.complaint_in("Registered")
		frappe.set_user(self.supervisor)
		own = new_complaint(self.hall, self.window).insert().name
		frappe.set_user("Administrator")
		got = self.pending(self.supervisor)
		self.assertIn(("Complaint", others), got)
		self.assertNotIn(("Complaint", own), got)

	def test_report_and_number_card_agree(self):
		self.complaint_in("Findings Issued")
		self.complaint_in("Findings Issued")
		frappe.local.lang = "zh"
		try:
			columns, rows = self.as_user(self.director, report.execute, {})
			card = self.as_user(self.director, desk.pending_approvals_card)
		finally:
			frappe.local.lang = "en"
		self.assertEqual(card["value"], 2)
		self.assertEqual(card["route"], ["query-report", "Pending My Approval"])
		self.assertEqual(len(rows), 2)
		self.assertEqual(
			[c["fieldname"] for c in columns],
			["reference_doctype", "document_type", "name", "state", "service_hall", "modified"],
		)
		self.assertEqual(
			{(r["document_type"], r["state"], r["service_hall"]) for r in rows},
			{("投诉反馈单", "已出具调查处理意见", self.hall)},
		)

	def test_every_workflow_role_may_run_the_report(self):
		"""Through the desk's own entry point, which checks the report's roles and its reference DocType."""
		self.complaint_in("Leader Review")
		proxy = make_user("desk-proxy", ["Proxy Agent"], self.hall)
		for user, expected in ((self.applicant, 0), (self.supervisor, 0), (self.deputy, 1), (proxy, 0)):
			got = self.as_user(user, run_report, "Pending My Approval", {})
			self.assertEqual(len(got["result"]), expected, user)
		with self.assertRaises(frappe.PermissionError):
			self.as_user(make_user("desk-nobody"), run_report, "Pending My Approval", {})


class TestTodayChecks(DeskCase):
	def test_the_minimum_shows_before_the_first_record(self):
		got = self.as_user(self.supervisor, desk.today_checks, MONDAY)
		self.assertEqual((got.done, got.required), (0, 4))  # seed 001 日常巡查 第三条: ≥4 a day
		# a Sunday needs no check
		self.assertEqual(self.as_user(self.supervisor, desk.today_checks, SUNDAY).required, 0)

	def test_checks_of_several_records_of_a_day_count_once(self):
		make_inspection_record(self.hall, MONDAY, rows=[check_row(1), check_row(2)])
		make_inspection_record(self.hall, MONDAY, rows=[check_row(6)])
		make_inspection_record(self.other, MONDAY, rows=[check_row(1)])  # not the supervisor's hall
		got = self.as_user(self.supervisor, desk.today_checks, MONDAY)
		self.assertEqual((got.done, got.required), (3, 4))
		# a town under the district is the district's jurisdiction too, with its own minimum
		make_hall("桌面甲街道", "Town Center", self.hall)
		self.assertEqual(self.as_user(self.supervisor, desk.today_checks, MONDAY).required, 8)

	def test_a_hall_day_off_needs_no_check(self):
		frappe.get_doc(
			{
				"doctype": "Hall Calendar Exception",
				"service_hall": self.hall,
				"date": MONDAY,
				"kind": "Local Day Off",
				"reason": "测试：地方假日",
			}
		).insert(ignore_permissions=True)
		self.assertEqual(self.as_user(self.supervisor, desk.today_checks, MONDAY).required, 0)
		self.assertEqual(self.as_user(self.other_director, desk.today_checks, MONDAY).required, 4)

	def test_the_cards_read_today(self):
		done = self.as_user(self.supervisor, desk.today_checks_card)
		minimum = self.as_user(self.supervisor, desk.today_minimum_card)
		today = self.as_user(self.supervisor, desk.today_checks)
		self.assertEqual((done["value"], minimum["value"]), (today.done, today.required))
		self.assertEqual(minimum["route"], ["query-report", "Inspection Minimum Compliance"])


class TestUnratedCases(DeskCase):
	def unrated(self, hall, window):
		case = make_service_case(
			hall,
			window,
			received_on="2025-09-01 09:00:00",
			accepted_on="2025-09-01",
			completed_on="2025-09-05",
		)
		ev.record_unrated(frappe._dict(case.as_dict()), getdate("2025-09-15"))
		return case.name

	def test_supervisors_and_leaders_count_their_halls_unrated_cases(self):
		self.unrated(self.hall, self.window)
		self.unrated(self.hall, self.window)
		self.unrated(self.other, self.other_window)
		self.assertEqual(self.as_user(self.supervisor, desk.unrated_cases), 2)
		self.assertEqual(self.as_user(self.director, desk.unrated_cases), 2)
		self.assertEqual(self.as_user(self.other_director, desk.unrated_cases), 1)
		self.assertEqual(self.as_user(make_user("desk-nohall-sup", ["Supervisor"]), desk.unrated_cases), 0)
		# the supervisor opens the cases; a leader, who may not list them, the 好差评 metrics with the 未评率
		sup = self.as_user(self.supervisor, desk.unrated_cases_card)
		self.assertEqual(
			(sup["value"], sup["route"], sup["route_options"]),
			(2, ["List", "Case Rating Tracker", "List"], {"unrated": 1}),
		)
		lead = self.as_user(self.director, desk.unrated_cases_card)
		self.assertEqual((lead["value"], lead["route"]), (2, ["query-report", "Service Evaluation Metrics"]))
		# the supervisor's shortcut counts the same cases through Frappe's list count (hall scoping applies)
		self.assertEqual(
			self.as_user(
				self.supervisor, frappe.get_list, "Case Rating Tracker", {"unrated": 1}, ["count(*) as n"]
			)[0].n,
			2,
		)


class TestFindingsChart(DeskCase):
	def test_supervisors_see_the_six_checks_of_their_halls(self):
		rows = [
			check_row(1, record="测试：脱岗", category="Discipline", service_window=self.window),
			check_row(2, record="测试：玩手机", category="Discipline", service_window=self.window),
			check_row(3, record="测试：桌面杂乱", category="Environment", service_window=self.window),
			check_row(4),
		]
		make_inspection_record(self.hall, MONDAY, rows=rows)
		make_inspection_record(
			self.other,
			MONDAY,
			rows=[check_row(1, record="测试：着装", category="Appearance", service_window=self.other_window)],
		)
		self.assertTrue(
			self.as_user(self.supervisor, frappe.has_permission, "Dashboard Chart", "read", "六查问题分类")
		)
		self.assertFalse(
			self.as_user(self.applicant, frappe.has_permission, "Dashboard Chart", "read", "六查问题分类")
		)
		frappe.local.lang = "zh"
		try:
			data = self.as_user(
				self.supervisor,
				findings_source.get,
				"六查问题分类",
				None,
				None,
				json.dumps({"from_date": "2026-01-01", "to_date": "2026-12-31"}),
			)
		finally:
			frappe.local.lang = "en"
		self.assertEqual(data["labels"], ["环境", "纪律"])
		self.assertEqual(data["datasets"][0]["values"], [1, 2])
		# a year without findings: no data, which the widget shows as such
		last_year = json.dumps({"from_date": "2025-01-01", "to_date": "2025-12-31"})
		self.assertIsNone(
			self.as_user(self.supervisor, findings_source.get, "六查问题分类", None, None, last_year)
		)
		# a user who may not read inspection records is refused, as their list
		with self.assertRaises(frappe.PermissionError):
			self.as_user(make_user("desk-proxy2", ["Proxy Agent"], self.hall), desk.findings)


class TestComplaintPrintFormat(DeskCase):
	def test_the_feedback_form_is_the_default(self):
		self.assertEqual(frappe.get_meta("Complaint").default_print_format, "Complaint Feedback Form")
		html = print_html("Complaint", make_complaint(self.hall, self.window).name)
		self.assertIn("投诉反馈单", html)
		self.assertIn("态度生硬", html)


class TestWorkspaces(DeskCase):
	def page(self, user, workspace):
		frappe.set_user(user)
		frappe.clear_cache(user=user)
		try:
			got = get_desktop_page(json.dumps({"name": workspace, "title": workspace, "public": 1}))
		finally:
			frappe.set_user("Administrator")
		return {
			"cards": {c.number_card_name for c in got["number_cards"]["items"]},
			"charts": {c.chart_name for c in got["charts"]["items"]},
			"shortcuts": {s["label"] for s in got["shortcuts"]["items"]},
		}

	def test_each_family_sees_its_pending_approvals_and_counts(self):
		lead = self.page(self.director, "中心领导")
		self.assertLessEqual({"待我审批", "未评价办件", "今日已巡查次数"}, lead["cards"])
		self.assertLessEqual({"六查问题分类", "各窗口超期办件"}, lead["charts"])
		self.assertLessEqual({"待我审批", "待我审批的请假"}, lead["shortcuts"])
		sup = self.page(self.supervisor, "督查员")
		self.assertLessEqual({"待我审批", "未评价办件", "今日最低巡查次数", "今日已巡查次数"}, sup["cards"])
		self.assertLessEqual({"六查问题分类"}, sup["charts"])
		self.assertLessEqual({"待我审批", "未评价办件"}, sup["shortcuts"])
		staff = self.page(self.applicant, "窗口工作人员")
		self.assertIn("待我审批", staff["cards"])
		self.assertIn("待我审批", staff["shortcuts"])
		self.assertNotIn("未评价办件", staff["cards"] | staff["shortcuts"])
