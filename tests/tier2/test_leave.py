"""Leave Request on a site: the pack's chains with the right roles, refusals, self-approval, the guards, calendar."""

import frappe
from factories import (
	HallTestCase,
	make_absence_record,
	make_hall,
	make_leave_request,
	make_staff,
	make_user,
	make_window,
	new_absence_record,
	new_extended_service_log,
	new_leave_request,
	pdf_text,
)
from zhengwu_hall.setup.packs import LeaveRuleNotConfigured
from zhengwu_hall.zhengwu_hall.doctype.absence_record.absence_record import (
	AbsenceOnApprovedLeaveError,
	AbsenceTooShortError,
)
from zhengwu_hall.zhengwu_hall.doctype.extended_service_log import extended_service_log as ext
from zhengwu_hall.zhengwu_hall.doctype.leave_request import leave_request as lr

# December 2026: Friday the 4th, the weekend, Monday the 7th …
FRI, MON, TUE, WED = "2026-12-04", "2026-12-07", "2026-12-08", "2026-12-09"

DEPUTY, DIRECTOR, LEADER, LIAISON = (
	"Center Deputy Director",
	"Center Director",
	"Government Leader",
	"Department Liaison",
)


class LeaveTestCase(HallTestCase):
	pack = "qinzhou-qinnan"

	def setUp(self):
		super().setUp()
		key = self.pack
		self.hall = make_hall(f"{key}请假中心", "District Center", rule_pack=self.pack).name
		self.window = make_window(self.hall, 1).name
		self.applicant = make_user(f"{key}-a1", ["Window Staff"], self.hall)
		self.staff = make_staff(self.window, self.applicant).name
		self.b_user = make_user(f"{key}-b1", ["Window Staff"], self.hall)
		self.cover = make_staff(self.window, self.b_user, post="B Post").name
		self.approvers = {
			role: make_user(f"{key}-{frappe.scrub(role)}", [role], self.hall)
			for role in (DEPUTY, DIRECTOR, LEADER, LIAISON)
		}

	def request(self, from_date=FRI, to_date=FRI, **values):
		frappe.set_user(self.applicant)
		doc = new_leave_request(self.staff, self.cover, from_date, to_date, **values).insert()
		frappe.set_user("Administrator")
		return doc

	def decide(self, name, role_or_user, decision="approve", opinion="同意"):
		frappe.set_user(self.approvers.get(role_or_user, role_or_user))
		try:
			return getattr(lr, decision)(name, opinion)
		finally:
			frappe.set_user("Administrator")


class TestQinzhouQinnanChains(LeaveTestCase):
	def test_weekend_inside_the_range_is_not_counted(self):
		doc = self.request(FRI, MON)
		self.assertEqual(doc.leave_days, 2)
		self.assertEqual([(s.approver_role, s.step_kind) for s in doc.approval_steps], [
			(DEPUTY, "Opinion"),
			(DIRECTOR, "Approval"),
		])  # fmt: skip

	def test_an_administrator_changes_the_route_in_the_pack_without_code(self):
		pack = frappe.get_doc("Jurisdiction Rule Pack", self.pack)
		row = next(r for r in pack.leave_steps if r.up_to_days == 1 and not r.no_upper_limit)
		row.approver_role = DIRECTOR
		pack.save()
		doc = self.request(FRI, FRI)
		self.assertEqual(
			[(s.approver_role, s.step_kind) for s in doc.approval_steps], [(DIRECTOR, "Approval")]
		)
		with self.assertRaises(lr.WrongApproverError):
			self.decide(doc.name, DEPUTY)
		self.assertEqual(self.decide(doc.name, DIRECTOR), "Approved")

	def test_one_day_approved_by_the_deputy(self):
		doc = self.request(FRI, FRI)
		self.assertEqual(doc.awaiting_role, DEPUTY)
		self.assertEqual(self.decide(doc.name, DEPUTY), "Approved")
		doc.reload()
		self.assertEqual((doc.docstatus, doc.status, doc.awaiting_role), (1, "Approved", None))
		step = doc.approval_steps[0]
		self.assertEqual(
			(step.decision, step.approver, step.opinion), ("Approved", self.approvers[DEPUTY], "同意")
		)
		self.assertTrue(step.decided_on)

	def test_three_days_run_the_whole_chain_in_order(self):
		doc = self.request(FRI, TUE)
		self.assertEqual(doc.leave_days, 3)
		# the leader cannot act before the opinions
		with self.assertRaises(lr.WrongApproverError):
			self.decide(doc.name, LEADER)
		self.assertEqual(self.decide(doc.name, DEPUTY, opinion="拟同意"), "Pending")
		with self.assertRaises(lr.WrongApproverError):
			self.decide(doc.name, DEPUTY)
		self.assertEqual(self.decide(doc.name, DIRECTOR, opinion="同意，报镇领导"), "Pending")
		self.assertEqual(frappe.db.get_value("Leave Request", doc.name, "awaiting_role"), LEADER)
		self.assertEqual(self.decide(doc.name, LEADER, opinion="批准"), "Approved")
		doc.reload()
		self.assertEqual(doc.docstatus, 1)
		self.assertEqual(
			[(s.approver, s.decision, s.opinion) for s in doc.approval_steps],
			[
				(self.approvers[DEPUTY], "Approved", "拟同意"),
				(self.approvers[DIRECTOR], "Approved", "同意，报镇领导"),
				(self.approvers[LEADER], "Approved", "批准"),
			],
		)

	def test_a_refusal_ends_the_flow(self):
		doc = self.request(FRI, MON)
		with self.assertRaises(lr.RefusalReasonMissingError):
			self.decide(doc.name, DEPUTY, "refuse", opinion="")
		self.assertEqual(self.decide(doc.name, DEPUTY, "refuse", opinion="窗口业务繁忙"), "Refused")
		doc.reload()
		self.assertEqual((doc.docstatus, doc.status), (1, "Refused"))
		self.assertEqual(doc.approval_steps[1].decision, "Pending")
		with self.assertRaises(lr.LeaveAlreadyDecidedError):
			self.decide(doc.name, DIRECTOR)

	def test_the_applicant_cannot_approve_their_own_request(self):
		boss = make_user("qn-self-approver", ["Window Staff", DEPUTY], self.hall)
		window = make_window(self.hall, 2).name
		staff = make_staff(window, boss).name
		cover = make_staff(
			window, make_user("qn-self-cover", ["Window Staff"], self.hall), post="B Post"
		).name
		frappe.set_user(boss)
		doc = new_leave_request(staff, cover, FRI, FRI).insert()
		frappe.set_user("Administrator")
		with self.assertRaises(lr.SelfApprovalError):
			self.decide(doc.name, boss)
		self.assertEqual(frappe.db.get_value("Leave Request", doc.name, "docstatus"), 0)

	def test_a_colleague_or_an_approver_of_another_hall_cannot_decide(self):
		doc = self.request()
		with self.assertRaises(lr.WrongApproverError):
			self.decide(doc.name, self.b_user)
		other = make_hall("钦南邻镇中心", "District Center", rule_pack=self.pack).name
		outsider = make_user("qn-other-deputy", [DEPUTY], other)
		with self.assertRaises(frappe.PermissionError):
			self.decide(doc.name, outsider)

	def test_window_staff_request_only_their_own_leave(self):
		frappe.set_user(self.b_user)
		with self.assertRaises(lr.NotOwnLeaveRequestError):
			new_leave_request(self.staff, self.cover, FRI, FRI).insert()

	def test_cannot_be_submitted_by_hand(self):
		doc = self.request()
		with self.assertRaises(lr.LeaveNotDecidedError):
			doc.submit()

	def test_range_without_a_working_day_is_refused(self):
		with self.assertRaises(lr.NoWorkingDayInLeaveError):
			self.request("2026-12-05", "2026-12-06")

	def test_cover_must_be_the_b_post_of_the_window_and_present(self):
		a2 = make_staff(self.window, make_user("qn-a2", ["Window Staff"], self.hall)).name
		frappe.set_user(self.applicant)
		with self.assertRaises(lr.InvalidCoverError):
			new_leave_request(self.staff, a2, FRI, FRI).insert()
		frappe.set_user("Administrator")
		b2 = make_staff(self.window, make_user("qn-b2", ["Window Staff"], self.hall), post="B Post").name
		make_leave_request(self.cover, b2, MON, TUE)  # the B post is away on Monday and Tuesday
		with self.assertRaises(lr.InvalidCoverError):
			self.request(FRI, MON)
		self.assertEqual(self.request(FRI, FRI).status, "Pending")
		# and the B post who covers Friday cannot take Friday off: the applicant's cover would be gone
		frappe.set_user(self.b_user)
		with self.assertRaises(lr.ApplicantIsCoverError):
			new_leave_request(self.cover, b2, FRI, FRI).insert()
		frappe.set_user("Administrator")

	def test_approved_leave_shows_on_the_calendar(self):
		doc = self.request(FRI, MON)
		self.decide(doc.name, DEPUTY)
		self.decide(doc.name, DIRECTOR)
		pending = self.request(WED, WED)
		frappe.set_user(self.approvers[DIRECTOR])
		events = lr.get_events("2026-12-01", "2026-12-31", {"service_hall": self.hall})
		frappe.set_user("Administrator")
		self.assertEqual([e.name for e in events], [doc.name])
		self.assertNotIn(pending.name, [e.name for e in events])


class TestXxDistrict(LeaveTestCase):
	pack = "xx-district"

	def test_one_and_a_half_days_take_the_department_opinion(self):
		doc = self.request(FRI, MON, to_noon=1)
		self.assertEqual(doc.leave_days, 1.5)
		self.assertEqual([s.approver_role for s in doc.approval_steps], [LIAISON, DIRECTOR])
		self.decide(doc.name, LIAISON, opinion="派驻部门同意")
		self.assertEqual(self.decide(doc.name, DIRECTOR), "Approved")

	def test_a_third_concurrent_leave_at_one_window_is_refused_and_nothing_saved(self):
		for i in (2, 3):
			user = make_user(f"xx-a{i}", ["Window Staff"], self.hall)
			make_leave_request(make_staff(self.window, user).name, self.cover, MON, TUE)
		before = frappe.db.count("Leave Request", {"service_window": self.window})
		frappe.local.lang = "zh"
		with self.assertRaises(lr.WindowLeaveCapError) as err:
			self.request(TUE, WED)
		self.assertIn("不能超过2人", str(err.exception))
		self.assertEqual(frappe.db.count("Leave Request", {"service_window": self.window}), before)
		# after the others' leave, the same person may go
		self.assertEqual(self.request(WED, WED).status, "Pending")


class TestUnsetPack(LeaveTestCase):
	pack = "baofeng"

	def test_no_leave_rule_says_so_in_chinese_and_saves_nothing(self):
		before = frappe.db.count("Leave Request")
		with self.assertRaises(LeaveRuleNotConfigured) as err:
			self.request()
		self.assertIn("请假审批", str(err.exception))
		self.assertEqual(frappe.db.count("Leave Request"), before)


class TestLeaveSlip(LeaveTestCase):
	def test_the_leave_slip_renders_to_pdf_with_the_approval_blocks(self):
		doc = self.request(FRI, MON, from_afternoon=1)
		self.decide(doc.name, DEPUTY, opinion="拟同意，B岗已安排")
		self.decide(doc.name, DIRECTOR, opinion="同意")
		text = pdf_text("Leave Request", doc.name, "Leave Slip")
		hall_name = frappe.db.get_value("Service Hall", self.hall, "hall_name")
		for expected in (
			"请假条",
			hall_name,
			"事假",
			"拟同意，B岗已安排",
			"中心副主任",
			"中心主任",
			"审批人",
			"13800000000",
		):
			self.assertIn(expected, text)


class TestAttendanceRecords(LeaveTestCase):
	def test_monthly_summary_shows_the_approved_days_and_absenteeism(self):
		from zhengwu_hall.zhengwu_hall.report.monthly_attendance_summary import (
			monthly_attendance_summary as report,
		)

		# Monday 30 November to Tuesday 1 December, from the afternoon of the 30th: 0.5 in November, 1 in December
		doc = self.request("2026-11-30", "2026-12-01", from_afternoon=1)
		self.decide(doc.name, DEPUTY)
		self.decide(doc.name, DIRECTOR)
		self.request(WED, WED)  # pending: not counted
		supervisor = make_user("qn-supervisor", ["Supervisor"], self.hall)
		frappe.set_user(supervisor)
		make_absence_record(self.cover, "2026-12-10", 0.5)
		with self.assertRaises(AbsenceOnApprovedLeaveError):
			new_absence_record(self.staff, "2026-12-01").insert()
		with self.assertRaises(AbsenceTooShortError):
			new_absence_record(self.cover, "2026-12-11", 0.2).insert()

		def rows(month):
			return {r["staff"]: r for r in report.execute({"service_hall": self.hall, "month": month})[1]}

		december = rows("2026-12-15")
		frappe.set_user("Administrator")
		self.assertEqual(december[self.staff]["working_days"], 23)
		self.assertEqual(december[self.staff]["leave_days"], 1)
		self.assertEqual(december[self.staff]["days_on_duty"], 22)
		self.assertEqual(december[self.cover]["absent_days"], 0.5)
		self.assertEqual(december[self.cover]["leave_days"], 0)
		frappe.set_user(supervisor)
		self.assertEqual(rows("2026-11-01")[self.staff]["leave_days"], 0.5)


class TestExtendedService(LeaveTestCase):
	def log(self, start, end, **values):
		frappe.set_user(self.applicant)
		try:
			return new_extended_service_log(self.staff, start, end, **values).insert()
		finally:
			frappe.set_user("Administrator")

	def test_hours_and_running_total_with_the_threshold_unset_or_set(self):
		frappe.local.lang = "zh"
		first = self.log("2026-12-07 17:30:00", "2026-12-07 18:15:00")
		self.assertEqual(first.duration_hours, 0.75)
		self.assertFalse(first.comp_time_due)
		self.assertIn(
			"补休", first.comp_time_note
		)  # qinzhou-qinnan's seed names no threshold: said, not assumed
		frappe.db.set_value(
			"Jurisdiction Rule Pack",
			"qinzhou-qinnan",
			{
				"extended_service_comp_threshold_hours": 1,
				"extended_service_comp_threshold_hours_source": "测试",
			},
		)
		second = self.log("2026-12-08 17:30:00", "2026-12-08 18:00:00")
		self.assertEqual(second.cumulative_hours, 1.25)
		self.assertTrue(second.comp_time_due)

	def test_no_fee_and_times(self):
		with self.assertRaises(ext.FeeChargedError):
			self.log("2026-12-07 17:30:00", "2026-12-07 18:00:00", no_fee_charged=0)
		with self.assertRaises(ext.ExtendedServiceTimeError):
			self.log("2026-12-07 17:30:00", "2026-12-07 17:00:00")

	def test_a_refusal_needs_the_reason_told_and_the_heads_approval(self):
		refusal = {"outcome": "Not Provided", "refusal_reason": "系统维护，无法办理"}
		with self.assertRaises(ext.RefusalReasonNotToldError):
			self.log("2026-12-07 17:30:00", None, **refusal)
		doc = self.log("2026-12-07 17:30:00", None, reason_told_to_requester=1, **refusal)
		self.assertEqual(doc.duration_hours, 0)
		for user in (self.applicant, self.approvers[DEPUTY]):
			frappe.set_user(user)
			with self.assertRaises(ext.RefusalApproverError):
				ext.approve_refusal(doc.name)
		frappe.set_user(self.approvers[DIRECTOR])
		self.assertEqual(ext.approve_refusal(doc.name), self.approvers[DIRECTOR])
		frappe.set_user("Administrator")
