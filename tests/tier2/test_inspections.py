"""Inspections on a site: the 巡查记录表 day with findings, the 整改告知单 workflow by role, the weekly 巡查情况统计表 in
the email queue before the chengzhong deadline, the compliance and overdue reports, the print formats as PDF."""

import datetime as dt

import frappe
from factories import (
	HallTestCase,
	check_row,
	make_hall,
	make_inspection_record,
	make_staff,
	make_user,
	make_window,
	messages,
	new_inspection_record,
	new_inspection_statistics,
	new_rectification_notice,
	pdf_text,
)
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.utils import getdate
from zhengwu_hall.setup import inspections
from zhengwu_hall.zhengwu_hall.doctype.inspection_record.inspection_record import (
	FindingWithoutCategoryError,
	TooManyInspectionRowsError,
)
from zhengwu_hall.zhengwu_hall.report.inspection_minimum_compliance import inspection_minimum_compliance
from zhengwu_hall.zhengwu_hall.report.inspection_quarterly_review import inspection_quarterly_review
from zhengwu_hall.zhengwu_hall.report.inspection_weekly_statistics import inspection_weekly_statistics
from zhengwu_hall.zhengwu_hall.report.overdue_rectification_notices import overdue_rectification_notices

MONDAY = "2026-03-02"  # a working week: Monday 2 to Friday 6 March 2026


class InspectionCase(HallTestCase):
	def setUp(self):
		super().setUp()
		self.hall = make_hall(
			"城中区政务服务中心",
			"District Center",
			rule_pack="liuzhou-chengzhong",
			inspection_report_to="zgb@example.com",
		).name
		self.window = make_window(self.hall, 1).name
		self.supervisor = make_user("insp-supervisor", ["Supervisor"], self.hall)
		self.staff = make_user("insp-staff", ["Window Staff"], self.hall)
		make_staff(self.window, self.staff)

	def as_user(self, user):
		frappe.set_user(user)
		self.addCleanup(frappe.set_user, "Administrator")


class TestInspectionRecord(InspectionCase):
	def test_supervisor_records_a_day_with_findings(self):
		self.as_user(self.supervisor)
		rows = [
			check_row(1, time_slot="Before Work"),
			check_row(
				2,
				method="Video Monitoring",
				time_slot="During Work",
				record="测试：窗口人员玩手机",
				checklist_item="玩手机",
				service_window=self.window,
			),
		]
		frappe.clear_messages()
		doc = frappe.client.insert(new_inspection_record(self.hall, MONDAY, rows=rows).as_dict())
		doc = frappe.get_doc("Inspection Record", doc["name"])
		# saved, flagged: two checks of three, and none before closing (seed 000 日自检)
		self.assertEqual((doc.checks_done, doc.checks_required, doc.below_minimum), (2, 3, 1))
		self.assertEqual(doc.weekday, "Monday")
		self.assertEqual(doc.checks[1].category, "Discipline")  # from the checklist item
		self.assertEqual([r.half_day for r in doc.checks], ["Morning", "Morning"])
		self.assertTrue(any("3" in m for m in messages()))
		frappe.client.submit(doc.as_dict())

		# a second inspector's record of the same day completes the hall-day
		second = new_inspection_record(
			self.hall, MONDAY, rows=[check_row(6, time_slot="Before Closing")], inspector=self.supervisor
		).insert()
		self.assertEqual((second.checks_done, second.below_minimum), (3, 0))

	def test_a_finding_needs_a_category(self):
		rows = [check_row(1, record="测试：地面有纸屑")]
		with self.assertRaises(FindingWithoutCategoryError):
			new_inspection_record(self.hall, MONDAY, rows=rows).insert(ignore_permissions=True)

	def test_at_most_ten_rows(self):
		with self.assertRaises(TooManyInspectionRowsError):
			new_inspection_record(self.hall, MONDAY, rows=[check_row(i) for i in range(1, 12)]).insert(
				ignore_permissions=True
			)

	def test_a_hall_without_a_minimum_says_so(self):
		hall = make_hall("宝丰县政务服务中心", "District Center", rule_pack="baofeng").name
		doc = new_inspection_record(hall, MONDAY).insert(ignore_permissions=True)
		self.assertEqual(doc.below_minimum, 0)
		self.assertIn("每个工作日最少检查次数", doc.minimum_note)

	def test_submitted_record_is_immutable_and_amendment_keeps_history(self):
		doc = make_inspection_record(self.hall, MONDAY, rows=[check_row(1, remarks="测试")])
		self.as_user(self.staff)
		staff_copy = frappe.get_doc("Inspection Record", doc.name)  # staff may read their hall's records
		staff_copy.checks[0].remarks = "改动"
		with self.assertRaises(frappe.PermissionError):
			staff_copy.save()
		frappe.set_user(self.supervisor)
		supervisor_copy = frappe.get_doc("Inspection Record", doc.name)
		supervisor_copy.kind = "Routine Patrol"
		with self.assertRaises(frappe.UpdateAfterSubmitError):
			supervisor_copy.save()
		cancelled = frappe.get_doc("Inspection Record", doc.name)
		cancelled.cancel()
		amended = frappe.copy_doc(cancelled)
		amended.docstatus = 0  # as the desk's Amend does
		amended.amended_from = doc.name
		amended.insert()
		self.assertEqual(amended.amended_from, doc.name)
		self.assertEqual(frappe.db.get_value("Inspection Record", doc.name, "docstatus"), 2)


class TestRectificationNotice(InspectionCase):
	def finding_record(self, corrected=0):
		rows = [
			check_row(
				1,
				record="测试：窗口人员脱岗",
				category="Discipline",
				service_window=self.window,
				corrected_on_spot=corrected,
			)
		]
		return make_inspection_record(self.hall, MONDAY, rows=rows)

	def test_notice_runs_through_its_workflow_by_role(self):
		record = self.finding_record()
		self.as_user(self.supervisor)
		name = inspections.create_rectification_notice(record.name, record.checks[0].name, 3)
		notice = frappe.get_doc("Rectification Notice", name)
		self.assertEqual(notice.workflow_state, "Draft")
		self.assertEqual(notice.window_head, self.staff)  # the window's A post
		self.assertEqual(
			frappe.db.get_value("Inspection Record Check", record.checks[0].name, "rectification_notice"),
			name,
		)

		frappe.set_user(self.staff)
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(frappe.get_doc("Rectification Notice", name), "Issue Notice")

		frappe.set_user(self.supervisor)
		notice = apply_workflow(frappe.get_doc("Rectification Notice", name), "Issue Notice")
		self.assertEqual(notice.workflow_state, "Issued")
		self.assertGreater(getdate(notice.deadline), getdate(notice.issued_on))

		frappe.set_user(self.staff)
		notice = frappe.get_doc("Rectification Notice", name)
		notice.rectification_report = "测试：已批评教育，制定考勤台账"
		notice.save()
		notice = apply_workflow(notice, "Submit Report")
		self.assertEqual(notice.workflow_state, "Report Submitted")
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(frappe.get_doc("Rectification Notice", name), "Verify Rectification")

		frappe.set_user(self.supervisor)
		notice = apply_workflow(frappe.get_doc("Rectification Notice", name), "Reject")
		self.assertEqual(notice.workflow_state, "Issued")
		frappe.set_user(self.staff)
		notice = apply_workflow(frappe.get_doc("Rectification Notice", name), "Submit Report")
		frappe.set_user(self.supervisor)
		notice = apply_workflow(frappe.get_doc("Rectification Notice", name), "Verify Rectification")
		self.assertEqual(notice.workflow_state, "Verified")
		self.assertTrue(notice.verified_on)

	def test_window_staff_write_only_their_own_report_while_issued(self):
		"""第八条(一): the window writes its 整改报告; the findings, the deadline and the verification are the
		inspector's — over REST too, where Frappe checks only the workflow's transitions."""
		import frappe.client
		from zhengwu_hall.zhengwu_hall.doctype.rectification_notice.rectification_notice import (
			WindowStaffEditRefusedError,
		)

		other_window = make_window(self.hall, 2).name
		other_staff = make_user("insp-staff-2", ["Window Staff"], self.hall)
		make_staff(other_window, other_staff)
		record = self.finding_record()
		self.as_user(self.supervisor)
		name = inspections.create_rectification_notice(record.name, record.checks[0].name, 3)
		apply_workflow(frappe.get_doc("Rectification Notice", name), "Issue Notice")

		def rest_save(user, **changes):
			frappe.set_user(user)
			doc = frappe.parse_json(frappe.as_json(frappe.get_doc("Rectification Notice", name).as_dict()))
			doc.update(changes)  # as the desk sends it: dates and numbers as text
			return frappe.client.save(doc)

		for user, changes in (
			(other_staff, {"rectification_report": "测试：别的窗口代写"}),
			(self.staff, {"problem": "测试：改成没问题"}),
			(self.staff, {"deadline_working_days": "30"}),
			(self.staff, {"verification": "测试：自己核实通过"}),
		):
			with self.assertRaises(WindowStaffEditRefusedError, msg=(user, changes)):
				rest_save(user, **changes)
		saved = rest_save(self.staff, rectification_report="测试：已整改，附考勤台账")
		self.assertEqual(saved["rectification_report"], "测试：已整改，附考勤台账")
		frappe.set_user(other_staff)
		with self.assertRaises(WindowStaffEditRefusedError):
			apply_workflow(frappe.get_doc("Rectification Notice", name), "Submit Report")
		frappe.set_user(self.staff)
		apply_workflow(frappe.get_doc("Rectification Notice", name), "Submit Report")
		with self.assertRaises(
			WindowStaffEditRefusedError
		):  # submitted: the report is the inspector's to judge
			rest_save(self.staff, rectification_report="测试：改一改报告")
		self.assertEqual(
			frappe.db.get_value("Rectification Notice", name, ["problem", "rectification_report"]),
			("测试：窗口人员脱岗", "测试：已整改，附考勤台账"),
		)

	def test_a_finding_corrected_on_the_spot_needs_no_notice(self):
		record = self.finding_record(corrected=1)
		with self.assertRaises(inspections.FindingCorrectedOnSpotError):
			inspections.create_rectification_notice(record.name, record.checks[0].name, 3)

	def test_a_user_who_may_not_create_notices_is_refused(self):
		record = self.finding_record()
		self.as_user(self.staff)
		with self.assertRaises(frappe.PermissionError):
			inspections.create_rectification_notice(record.name, record.checks[0].name, 3)

	def test_the_same_problem_again_escalates_to_a_letter(self):
		first = new_rectification_notice(self.hall, self.window).insert(ignore_permissions=True)
		self.assertEqual(first.escalate_to_letter, 0)
		again = new_rectification_notice(self.hall, self.window, found_on="2026-03-05").insert(
			ignore_permissions=True
		)
		self.assertEqual(again.escalate_to_letter, 1)
		other = new_rectification_notice(self.hall, self.window, category="Environment").insert(
			ignore_permissions=True
		)
		self.assertEqual(other.escalate_to_letter, 0)

	def test_overdue_notice_is_reported_and_marked(self):
		notice = new_rectification_notice(self.hall, self.window).insert(ignore_permissions=True)
		notice.db_set({"workflow_state": "Issued", "issued_on": MONDAY, "deadline": "2026-03-05"})
		rows = overdue_rectification_notices.execute({"as_of": "2026-03-09", "service_hall": self.hall})[1]
		self.assertEqual([r["name"] for r in rows], [notice.name])
		self.assertEqual(rows[0]["working_days_overdue"], 2)  # Friday 6 and Monday 9
		self.assertIn(notice.name, inspections.mark_overdue_notices("2026-03-09"))
		self.assertEqual(frappe.db.get_value("Rectification Notice", notice.name, "escalate_to_letter"), 1)
		self.assertFalse(
			overdue_rectification_notices.execute({"as_of": "2026-03-05", "service_hall": self.hall})[1]
		)

	def test_overdue_notification_goes_to_the_window_head(self):
		notification = frappe.get_doc("Notification", "Rectification Notice Overdue")
		self.assertEqual(notification.document_type, "Rectification Notice")
		self.assertEqual((notification.event, notification.date_changed), ("Days After", "deadline"))
		self.assertEqual(notification.recipients[0].receiver_by_document_field, "window_head")


class TestReports(InspectionCase):
	def test_compliance_report_lists_working_days_below_the_minimum(self):
		full_day = [check_row(1, time_slot="Before Work"), check_row(2, time_slot="During Work")]
		full_day.append(check_row(6, time_slot="Before Closing"))
		make_inspection_record(self.hall, MONDAY, rows=full_day)
		make_inspection_record(self.hall, "2026-03-03", rows=full_day[:2])
		_columns, rows, message = inspection_minimum_compliance.execute(
			{"from_date": MONDAY, "to_date": "2026-03-08", "service_hall": self.hall}
		)
		# Tuesday short by a slot; Wednesday to Friday without any record; the weekend is not counted
		self.assertEqual(
			[str(r["date"]) for r in rows], ["2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"]
		)
		self.assertEqual(rows[0]["checks_done"], 2)
		self.assertIsNone(message)

	def test_weekly_statistics_on_demand(self):
		rows = [
			check_row(1, record="测试：玩手机", category="Discipline", corrected_on_spot=1),
			check_row(2, record="测试：地面不洁", category="Environment"),
			check_row(3),
		]
		make_inspection_record(self.hall, MONDAY, rows=rows)
		report = inspection_weekly_statistics.execute(
			{"from_date": MONDAY, "to_date": "2026-03-08", "service_hall": self.hall}
		)[1]
		self.assertEqual(len(report), 1)
		self.assertEqual(
			(
				report[0]["checks"],
				report[0]["problems"],
				report[0]["discipline"],
				report[0]["corrected_on_spot"],
			),
			(3, 2, 1, 1),
		)
		stats = new_inspection_statistics(self.hall).insert(ignore_permissions=True)
		self.assertEqual((stats.checks, stats.problems, stats.environment), (3, 2, 1))

	def test_quarterly_review_ranks_halls_finds_repeat_offenders_and_patrol_gaps(self):
		town = make_hall("测试街道便民服务中心", "Town Center", self.hall).name
		patrolled = make_hall("测试甲社区便民服务站", "Village Station", town).name
		missed = make_hall("测试乙社区便民服务站", "Village Station", town).name
		make_inspection_record(patrolled, MONDAY, kind="Monthly Patrol")
		make_inspection_record(
			self.hall, MONDAY, rows=[check_row(1, record="测试：脱岗", category="Discipline")]
		)
		for day in (MONDAY, "2026-03-04"):
			new_rectification_notice(self.hall, self.window, found_on=day).insert(ignore_permissions=True)
		filters = {"from_date": MONDAY, "to_date": "2026-03-31", "service_hall": self.hall}
		ranking = inspection_quarterly_review.execute({**filters, "view": "Hall Ranking"})[1]
		self.assertEqual(
			(ranking[0]["rank"], ranking[0]["service_hall"], ranking[0]["problems"]), (1, self.hall, 1)
		)
		offenders = inspection_quarterly_review.execute({**filters, "view": "Repeat Offenders"})[1]
		self.assertEqual([(r["service_window"], r["notices"]) for r in offenders], [(self.window, 2)])
		coverage = inspection_quarterly_review.execute({**filters, "view": "Monthly Patrol Coverage"})[1]
		self.assertEqual({r["service_hall"]: r["patrolled"] for r in coverage}, {patrolled: 1, missed: 0})

	def test_findings_for_assessment_lists_problems_without_deducting(self):
		rows = [
			check_row(1),
			check_row(2, record="测试：脱岗", category="Discipline", service_window=self.window),
		]
		make_inspection_record(self.hall, MONDAY, rows=rows)
		findings = inspections.findings_for_assessment([self.hall], MONDAY, MONDAY)
		self.assertEqual(
			[(f.category, f.service_window, f.escalated) for f in findings],
			[("Discipline", self.window, False)],
		)


class TestWeeklyReportInEmailQueue(InspectionCase):
	def setUp(self):
		super().setUp()
		# the site's outgoing account (no mail server is reached: the queue entry is the proof)
		if not frappe.db.exists("Email Account", {"default_outgoing": 1}):
			frappe.get_doc(
				{
					"doctype": "Email Account",
					"email_account_name": "测试发件",
					"email_id": "zhengwu-test-outgoing@example.com",
					"enable_outgoing": 1,
					"default_outgoing": 1,
					"smtp_server": "localhost",
					"no_smtp_authentication": 1,
				}
			).insert(ignore_permissions=True)

	def queued(self):
		return frappe.get_all(
			"Email Queue",
			filters={
				"reference_doctype": "Inspection Statistics",
				"reference_name": ("like", f"%{self.hall}%"),
			},
			pluck="name",
		)

	def test_scheduled_hourly(self):
		hourly = frappe.get_hooks("scheduler_events")["hourly"]
		self.assertIn("zhengwu_hall.setup.inspections.send_weekly_statistics", hourly)

	def test_chengzhong_report_is_queued_before_friday_four_pm_only(self):
		make_inspection_record(
			self.hall, MONDAY, rows=[check_row(1, record="测试：脱岗", category="Discipline")]
		)
		for wrong in ("2026-03-05 15:30:00", "2026-03-06 14:30:00", "2026-03-06 16:00:00"):
			self.assertNotIn(self.hall, inspections.send_weekly_statistics(now=wrong), wrong)
		self.assertFalse(self.queued())

		self.assertIn(self.hall, inspections.send_weekly_statistics(now="2026-03-06 15:10:00"))
		queued = self.queued()
		self.assertEqual(len(queued), 1)
		email = frappe.get_doc("Email Queue", queued[0])
		self.assertEqual([r.recipient for r in email.recipients], ["zgb@example.com"])
		stats = frappe.get_doc("Inspection Statistics", email.reference_name)
		self.assertEqual((str(stats.from_date), stats.problems), (MONDAY, 1))
		# the next hourly run in the same hour window does not send twice
		inspections.send_weekly_statistics(now="2026-03-06 15:50:00")
		self.assertEqual(len(self.queued()), 1)


class TestPrintFormats(InspectionCase):
	def test_each_document_renders_to_pdf_with_chinese_text(self):
		record = make_inspection_record(
			self.hall,
			MONDAY,
			rows=[check_row(1), check_row(7, record="测试：窗口人员脱岗", category="Discipline")],
		)
		notice = new_rectification_notice(self.hall, self.window).insert(ignore_permissions=True)
		stats = new_inspection_statistics(self.hall).insert(ignore_permissions=True)
		cases = (
			("Inspection Record", record.name, "Inspection Record Sheet", ["巡查记录表", "上午", "下午", "视频监控", "窗口人员脱岗"]),
			("Rectification Notice", notice.name, "Rectification Notice Sheet", ["整改告知单", "整改报告", "玩手机"]),
			("Inspection Statistics", stats.name, "Inspection Statistics Sheet", ["巡查情况统计表", "立行立改", "履职"]),
		)  # fmt: skip
		for doctype, name, print_format, expected in cases:
			text = pdf_text(doctype, name, print_format)
			for word in expected:
				self.assertIn(word, text, f"{print_format}: {word}")
