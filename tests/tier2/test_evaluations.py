"""Tier 2: 好差评 on a site — ratings and their scores, the public endpoint's guards, the bad-review loop by role,
the maintained aggregates against a rebuild, the metrics report on hand-computed numbers, the rating window and
the window QR card (seed 001 “好差评”制度; seed 003 二(六))."""

import datetime as dt
import subprocess
import tempfile

import frappe
from factories import (
	RUN,
	HallTestCase,
	make_hall,
	make_rated_window,
	make_service_evaluation,
	make_user,
	new_service_case,
	new_service_evaluation,
)
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from zhengwu_hall.rating import (
	RatingLinkInvalidError,
	RatingReplayedError,
	issue_nonce,
	submit_rating,
	window_token,
)
from zhengwu_hall.setup import evaluations as ev
from zhengwu_hall.zhengwu_hall.doctype.bad_review_work_order.bad_review_work_order import (
	WorkOrderStepIncompleteError,
)
from zhengwu_hall.zhengwu_hall.doctype.service_evaluation.service_evaluation import (
	BadReviewReasonMissingError,
	BadReviewReasonNotListedError,
	BatchMixesItemsError,
	CaseNotRateableError,
	CountingFieldEditedError,
)
from zhengwu_hall.zhengwu_hall.report.service_evaluation_metrics import service_evaluation_metrics as report

MARCH = "2026-03-02 10:00:00"


def aggregates_agree():
	return ev.compare_aggregates() == []


# the cases below complete in September 2025: received and accepted on Monday 1 September
ACCEPTED = {"received_on": "2025-09-01 09:00:00", "accepted_on": "2025-09-01"}


class RatingCase(HallTestCase):
	def setUp(self):
		super().setUp()
		self.hall = make_hall("评价区政务服务中心", "District Center", rule_pack="qinzhou-qinnan").name
		self.w = make_rated_window(self.hall, 1)
		self.supervisor = make_user("rate-supervisor", ["Supervisor"], self.hall)


class TestRating(RatingCase):
	def test_score_and_bad_flag_come_from_the_pack(self):
		good = make_service_evaluation(self.hall, self.w.window, "Satisfied", staff=self.w.staff)
		self.assertEqual(
			(good.score, good.is_bad_review, good.stationed_department), (8, 0, self.w.department)
		)
		self.assertEqual(good.business_line, self.w.line)
		self.assertFalse(good.bad_review_work_order)
		bad = make_service_evaluation(self.hall, self.w.window, "Very Dissatisfied")
		self.assertEqual((bad.score, bad.is_bad_review), (0, 1))

	def test_a_bad_review_without_a_reason_is_refused_in_chinese_and_nothing_saved(self):
		frappe.local.lang = "zh"
		before = frappe.db.count("Service Evaluation")
		with self.assertRaises(BadReviewReasonMissingError) as caught:
			new_service_evaluation(self.hall, self.w.window, "Dissatisfied").insert(ignore_permissions=True)
		self.assertIn("请勾选差评原因或填写其他原因", str(caught.exception))
		self.assertEqual(frappe.db.count("Service Evaluation"), before)

	def test_counting_fields_cannot_be_set_over_rest(self):
		admin = make_user("rate-admin", ["Hall Administrator"], self.hall)
		rating = make_service_evaluation(self.hall, self.w.window, "Dissatisfied")
		frappe.set_user(
			admin
		)  # 第二十六条: a recorded rating is nobody's to change, not even the hall's administrator
		for field, value in (("level", "Very Satisfied"), ("excluded", 1), ("replied", 1)):
			with self.assertRaises(frappe.PermissionError):
				frappe.client.set_value("Service Evaluation", rating.name, field, value)
		with self.assertRaises(frappe.PermissionError):
			frappe.client.delete("Service Evaluation", rating.name)
		frappe.set_user(
			"Administrator"
		)  # past the permissions, the counting fields still only move by the code
		doc = frappe.get_doc("Service Evaluation", rating.name)
		doc.revisited = 1
		with self.assertRaises(CountingFieldEditedError):
			doc.save()
		self.assertTrue(aggregates_agree())

	def test_rater_identity_is_hidden_from_window_staff(self):
		rating = make_service_evaluation(
			self.hall,
			self.w.window,
			"Dissatisfied",
			real_name=1,
			rater_name="张三",
			rater_phone="13900000001",
		)
		frappe.set_user(self.w.staff_user)
		seen = frappe.client.get("Service Evaluation", rating.name)
		self.assertEqual(seen["level"], "Dissatisfied")
		self.assertNotIn("rater_phone", {k for k, v in seen.items() if v})
		frappe.set_user(self.w.liaison)  # 第二十五条: the liaison sees the rater on the work order only
		seen = frappe.client.get("Service Evaluation", rating.name)
		self.assertFalse(seen.get("rater_phone"))
		order = frappe.client.get("Bad Review Work Order", seen["bad_review_work_order"])
		self.assertEqual(order["rater_phone"], "13900000001")
		frappe.set_user(self.supervisor)
		self.assertEqual(frappe.client.get("Service Evaluation", rating.name)["rater_phone"], "13900000001")

	def test_batch_of_one_item_and_the_rating_window(self):
		frappe.db.set_value("Service Window", self.w.window, "is_active", 1)
		item_a = frappe.get_doc(
			{"doctype": "Service Item", "stationed_department": self.w.department, "item_name": "甲事项",
			 "has_statutory_limit": 1, "statutory_limit": 20, "promised_limit": 10}
		).insert(ignore_permissions=True).name  # fmt: skip
		item_b = frappe.get_doc(
			{"doctype": "Service Item", "stationed_department": self.w.department, "item_name": "乙事项",
			 "has_statutory_limit": 1, "statutory_limit": 20, "promised_limit": 10}
		).insert(ignore_permissions=True).name  # fmt: skip

		def case(item, completed_on="2025-09-05", **v):
			return (
				new_service_case(
					self.hall, self.w.window, service_item=item, completed_on=completed_on, **ACCEPTED, **v
				)
				.insert(ignore_permissions=True)
				.name
			)

		a1, a2, b1 = case(item_a), case(item_a), case(item_b)
		batch = make_service_evaluation(
			self.hall, self.w.window, "Satisfied", rated_on="2025-09-12 16:00:00",
			batch_cases=[{"service_case": a1}, {"service_case": a2}],
		)  # fmt: skip
		self.assertEqual(batch.service_item, item_a)
		with self.assertRaises(BatchMixesItemsError):
			make_service_evaluation(
				self.hall, self.w.window, "Satisfied", rated_on="2025-09-12 16:00:00",
				batch_cases=[{"service_case": a1}, {"service_case": b1}],
			)  # fmt: skip
		# a theme (一件事) rating may cover both items
		make_service_evaluation(
			self.hall, self.w.window, "Satisfied", rated_on="2025-09-12 16:00:00", is_theme_rating=1,
			batch_cases=[{"service_case": a1}, {"service_case": b1}],
		)  # fmt: skip
		# five working days after Fri 2025-09-05 end on Fri 2025-09-12: the 13th is too late
		with self.assertRaises(CaseNotRateableError):
			make_service_evaluation(
				self.hall, self.w.window, "Satisfied", rated_on="2025-09-13 09:00:00", service_case=b1
			)
		# not completed and not overdue: refused; overdue: allowed
		running = case(item_a, completed_on=None)  # promised within 10 working days: Monday 15 September
		# the case as it stood on 12 September: the daily refresh, run today, has flagged it overdue since
		frappe.db.set_value("Service Case", running, "is_overdue", 0)
		with self.assertRaises(CaseNotRateableError):
			make_service_evaluation(
				self.hall, self.w.window, "Satisfied", rated_on="2025-09-12 09:00:00", service_case=running
			)
		make_service_evaluation(
			self.hall, self.w.window, "Satisfied", rated_on="2025-10-09 09:00:00", service_case=running
		)

	def test_scheduler_reminds_then_records_unrated(self):
		done = (
			new_service_case(
				self.hall, self.w.window, staff=self.w.staff, completed_on="2025-09-05", **ACCEPTED
			)
			.insert(ignore_permissions=True)
			.name
		)
		rated = (
			new_service_case(self.hall, self.w.window, completed_on="2025-09-05", **ACCEPTED)
			.insert(ignore_permissions=True)
			.name
		)
		make_service_evaluation(
			self.hall, self.w.window, "Satisfied", rated_on="2025-09-08 09:00:00", service_case=rated
		)
		report_ = ev.follow_up_cases(now=dt.datetime(2025, 9, 6, 12, 0), since_days=3650)
		self.assertIn(done, report_["reminded"])
		self.assertNotIn(rated, report_["reminded"])
		self.assertTrue(frappe.db.get_value("Case Rating Tracker", done, "reminded_on"))
		report_ = ev.follow_up_cases(now=dt.datetime(2025, 9, 12, 23, 0), since_days=3650)
		self.assertNotIn(done, report_["unrated"])  # still inside the window
		report_ = ev.follow_up_cases(now=dt.datetime(2025, 9, 15, 1, 0), since_days=3650)
		self.assertEqual(report_["unrated"], [done])
		self.assertEqual(ev.grouped_counts([self.hall], "2025-09-01", "2025-09-30", None)[None].unrated, 1)
		self.assertEqual(ev.follow_up_cases(now=dt.datetime(2025, 9, 16), since_days=3650)["unrated"], [])
		self.assertTrue(aggregates_agree())


class TestPublicEndpoint(RatingCase):
	def submit(self, level="Very Satisfied", nonce=None, token=None, **kw):
		frappe.set_user("Guest")
		try:
			return submit_rating(
				window=self.w.window,
				token=token or window_token(self.w.window),
				nonce=nonce or issue_nonce(self.w.window),
				level=level,
				**kw,
			)
		finally:
			frappe.set_user("Administrator")

	def ratings(self):
		return frappe.get_all(
			"Service Evaluation",
			filters={"service_window": self.w.window},
			fields=[
				"name",
				"level",
				"excluded",
				"held_for_review",
				"staff",
				"channel",
				"bad_review_work_order",
			],
			order_by="creation asc",
		)

	def test_guest_rates_with_the_window_prefilled(self):
		self.assertEqual(self.submit("Satisfied", device="dev-1")["ok"], 1)
		(row,) = self.ratings()
		self.assertEqual(
			(row.level, row.staff, row.channel, row.excluded), ("Satisfied", self.w.staff, "QR Code", 0)
		)

	def test_bad_review_from_the_page_opens_a_work_order(self):
		self.submit("Very Dissatisfied", device="dev-2", bad_reason="态度冷淡")
		(row,) = self.ratings()
		order = frappe.get_doc("Bad Review Work Order", row.bad_review_work_order)
		self.assertEqual((order.liaison, order.workflow_state), (self.w.liaison, "Pending Verification"))
		with self.assertRaises(BadReviewReasonMissingError):
			self.submit("Dissatisfied", device="dev-3")

	def test_ticked_reasons_are_the_packs_options(self):
		from zhengwu_hall.www import rate

		pack = frappe.get_doc("Jurisdiction Rule Pack", "qinzhou-qinnan")
		for reason in ("等候时间过长", "办事指南不清楚"):
			pack.append(
				"bad_review_reasons",
				{"reason": reason, "source": "001_17276714a530e7ae.txt “好差评”制度 第十八条"},
			)
		pack.save()
		frappe.set_user("Guest")
		form_dict = frappe.local.form_dict
		frappe.local.form_dict = frappe._dict(window=self.w.window, token=window_token(self.w.window))
		try:
			context = rate.get_context(frappe._dict())
		finally:
			frappe.local.form_dict = form_dict
			frappe.set_user("Administrator")
		self.assertEqual(
			context.reasons, ["等候时间过长", "办事指南不清楚"]
		)  # the page ticks these (第十八条)
		self.submit("Dissatisfied", device="dev-r1", bad_reason_options="办事指南不清楚\n等候时间过长")
		(row,) = self.ratings()
		rating = frappe.get_doc("Service Evaluation", row.name)
		self.assertEqual(rating.bad_reason_options, "办事指南不清楚\n等候时间过长")
		order = frappe.get_doc("Bad Review Work Order", row.bad_review_work_order)
		self.assertEqual(order.bad_reason_options, rating.bad_reason_options)
		frappe.local.lang = "zh"
		with self.assertRaisesRegex(BadReviewReasonNotListedError, "不在本辖区的原因选项中"):
			self.submit("Dissatisfied", device="dev-r2", bad_reason_options="随便写的原因")
		frappe.local.lang = "en"
		self.assertEqual(len(self.ratings()), 1)

	def test_forged_link_and_replayed_form_are_refused(self):
		with self.assertRaises(RatingLinkInvalidError):
			self.submit(token="0" * 20)
		nonce = issue_nonce(self.w.window)
		self.submit(nonce=nonce, device="dev-4")
		with self.assertRaises(RatingReplayedError):
			self.submit(nonce=nonce, device="dev-5")
		with self.assertRaises(RatingReplayedError):
			self.submit(nonce="made-up")
		self.assertEqual(len(self.ratings()), 1)

	def test_repeat_from_one_device_or_phone_is_held_not_counted(self):
		self.submit(device="dev-6")
		self.submit(device="dev-6")
		self.submit(device="dev-7", real_name=1, rater_name="李四", rater_phone="13900000002")
		self.submit(device="dev-8", real_name=1, rater_name="李四", rater_phone="13900000002")
		held = [r.held_for_review for r in self.ratings()]
		self.assertEqual(held, [0, 1, 0, 1])
		counts = ev.grouped_counts([self.hall], "2000-01-01", "2100-01-01", None)[None]
		self.assertEqual((counts.rated, counts.held), (2, 2))
		self.assertTrue(aggregates_agree())
		# the fraud report lists the window; a supervisor releases one held rating
		from zhengwu_hall.zhengwu_hall.report.rating_fraud_patterns import rating_fraud_patterns as fraud

		today = frappe.utils.today()
		rows = fraud.execute({"from_date": today, "to_date": today, "service_hall": self.hall})[1]
		self.assertEqual([(r["service_window"], r["held"]) for r in rows], [(self.w.window, 2)])
		from zhengwu_hall.zhengwu_hall.doctype.service_evaluation.service_evaluation import (
			release_held_rating,
		)

		frappe.set_user(self.supervisor)
		release_held_rating(self.ratings()[1].name)
		frappe.set_user("Administrator")
		counts = ev.grouped_counts([self.hall], "2000-01-01", "2100-01-01", None)[None]
		self.assertEqual((counts.rated, counts.held), (3, 1))
		self.assertTrue(aggregates_agree())


class TestBadReviewLoop(RatingCase):
	def order_of(self, rating):
		return frappe.get_doc(
			"Bad Review Work Order",
			frappe.db.get_value("Service Evaluation", rating, "bad_review_work_order"),
		)

	def test_the_loop_runs_by_the_liaison_and_moves_the_metrics(self):
		rating = make_service_evaluation(
			self.hall, self.w.window, "Dissatisfied", real_name=1, rater_phone="139"
		)
		order = self.order_of(rating.name)
		self.assertEqual(order.liaison, self.w.liaison)
		# the window staff and the supervisor may not take the liaison's steps
		for user in (self.w.staff_user, self.supervisor):
			frappe.set_user(user)
			order = self.order_of(rating.name)
			order.verification = "测试：核实属实"
			with self.assertRaises(
				(WorkflowPermissionError, WorkflowTransitionError, frappe.PermissionError)
			):
				apply_workflow(order, "Confirm Verification")
		frappe.set_user(self.w.liaison)
		order = self.order_of(rating.name)
		with self.assertRaises(WorkflowTransitionError):  # condition: findings first
			apply_workflow(order, "Confirm Verification")
		order.verification = "测试：核实属实，窗口人员解释不耐心"
		order.save()
		order = apply_workflow(order, "Confirm Verification")
		self.assertEqual(order.workflow_state, "Rectifying")
		# skipping the reply over REST is refused
		with self.assertRaises((WorkflowPermissionError, WorkflowTransitionError, frappe.ValidationError)):
			frappe.client.set_value("Bad Review Work Order", order.name, "workflow_state", "Revisited")
		order = self.order_of(rating.name)
		order.update(
			{
				"rectification_type": "Rectification by Deadline",
				"rectification": "测试：组织业务培训",
				"reply": "测试：已整改",
			}
		)
		with self.assertRaises(WorkOrderStepIncompleteError):  # a deadline is needed
			order.workflow_state = "Replied"
			order.save()
		order = self.order_of(rating.name)
		order.update(
			{
				"rectification_type": "Immediate Rectification",
				"rectification": "测试：当场纠正",
				"reply": "测试：已整改",
			}
		)
		order.save()
		order = apply_workflow(order, "Reply to the Rater")
		self.assertEqual(frappe.db.get_value("Service Evaluation", rating.name, "replied"), 1)
		order.update({"revisit_notes": "测试：电话回访", "rater_satisfaction": "Satisfied"})
		order.save()
		order = apply_workflow(order, "Record Revisit")
		frappe.set_user("Administrator")
		self.assertEqual(order.workflow_state, "Revisited")
		values = frappe.db.get_value(
			"Service Evaluation", rating.name, ["replied", "revisited", "revisit_satisfied"]
		)
		self.assertEqual(values, (1, 1, 1))
		m = ev.rules.metrics(
			ev.grouped_counts([self.hall], "2026-03-01", "2026-03-31", None)[None], "Valid Bad Reviews"
		)
		self.assertEqual((m.reply_rate, m.revisit_rate, m.revisit_satisfaction_rate), (100.0, 100.0, 100.0))
		self.assertTrue(aggregates_agree())

	def test_without_a_department_liaison_the_packs_role_receives_the_order(self):
		"""第二十一条: the order goes to the department's liaison; failing one, to the pack's receiving role at the hall."""
		frappe.db.set_value("Stationed Department", self.w.department, "liaison_user", None)
		other_hall = make_hall("评价区另一中心", "District Center", rule_pack="qinzhou-qinnan").name
		outsider = make_user("rate-liaison-elsewhere", ["Department Liaison"], other_hall)

		def todos(order):
			return frappe.get_all(
				"ToDo",
				filters={
					"reference_type": "Bad Review Work Order",
					"reference_name": order,
					"status": "Open",
				},
				pluck="allocated_to",
			)

		# qinzhou-qinnan's seed names no role (the pack leaves it unset): nobody is assigned
		first = self.order_of(make_service_evaluation(self.hall, self.w.window, "Dissatisfied").name)
		self.assertEqual((first.liaison, todos(first.name)), (None, []))
		pack = frappe.get_doc("Jurisdiction Rule Pack", "qinzhou-qinnan")
		pack.bad_review_liaison_role = "Department Liaison"
		pack.bad_review_liaison_role_source = "001_17276714a530e7ae.txt “好差评”制度 第二十一条"
		pack.save()
		second = self.order_of(make_service_evaluation(self.hall, self.w.window, "Dissatisfied").name)
		self.assertEqual(second.liaison, self.w.liaison)
		self.assertEqual(todos(second.name), [self.w.liaison])  # not the liaison of another hall
		self.assertNotIn(outsider, todos(second.name))
		frappe.set_user(self.w.liaison)
		self.assertTrue(frappe.has_permission("Bad Review Work Order", "write", second.name))

	def test_supervisor_excludes_a_malicious_bad_review(self):
		rating = make_service_evaluation(self.hall, self.w.window, "Very Dissatisfied")
		make_service_evaluation(self.hall, self.w.window, "Satisfied")
		before = ev.grouped_counts([self.hall], "2026-03-01", "2026-03-31", None)[None]
		self.assertEqual((before.rated, before.bad), (2, 1))
		frappe.set_user(self.w.liaison)
		order = self.order_of(rating.name)
		order.malicious_reason = "测试：评价人与窗口无业务往来，系恶意差评"
		order.save()
		with self.assertRaises((WorkflowPermissionError, WorkflowTransitionError, frappe.PermissionError)):
			apply_workflow(self.order_of(rating.name), "Exclude as Malicious")
		frappe.set_user(self.supervisor)
		order = apply_workflow(self.order_of(rating.name), "Exclude as Malicious")
		frappe.set_user("Administrator")
		self.assertEqual(order.workflow_state, "Excluded as Malicious")
		self.assertEqual(frappe.db.get_value("Service Evaluation", rating.name, "excluded"), 1)
		after = ev.grouped_counts([self.hall], "2026-03-01", "2026-03-31", None)[None]
		self.assertEqual((after.rated, after.bad, after.excluded_malicious, after.score_sum), (1, 0, 1, 8))
		self.assertTrue(aggregates_agree())


class TestMetricsReport(RatingCase):
	def test_report_matches_hand_computed_numbers_in_four_dimensions(self):
		town = make_hall("评价镇便民服务中心", "Town Center", self.hall, rule_pack=None).name
		w2 = make_rated_window(town, 2, key="rate-town")
		# district window 1: 10, 8, 3 (bad, replied); town window 2: 6, 0 (bad) + one held repeat + one in April
		make_service_evaluation(self.hall, self.w.window, "Very Satisfied", staff=self.w.staff)
		make_service_evaluation(self.hall, self.w.window, "Satisfied", staff=self.w.staff)
		bad = make_service_evaluation(self.hall, self.w.window, "Dissatisfied", staff=self.w.staff)
		make_service_evaluation(town, w2.window, "Basically Satisfied", staff=w2.staff)
		make_service_evaluation(town, w2.window, "Very Dissatisfied", staff=w2.staff)
		make_service_evaluation(
			town, w2.window, "Very Satisfied", rated_on="2026-04-02 10:00:00", staff=w2.staff
		)
		ev.set_loop_flags(bad.name, replied=1)
		frappe.set_user(self.supervisor)

		def run(dimension, **f):
			filters = {
				"from_date": "2026-03-01",
				"to_date": "2026-03-31",
				"service_hall": self.hall,
				"dimension": dimension,
				**f,
			}
			_cols, rows, _message = report.execute(filters)
			return {r["value"]: r for r in rows}

		staff = run("Window Staff")
		self.assertEqual(staff[self.w.staff]["average_score"], 7.0)  # (10+8+3)/3
		self.assertEqual(staff[w2.staff]["average_score"], 3.0)  # (6+0)/2
		total = staff["合计"] if "合计" in staff else staff["Total"]
		self.assertEqual(total["rated"], 5)
		self.assertEqual(total["average_score"], 5.4)  # 27/5
		self.assertEqual(total["good_rate"], 60.0)  # 3/5
		self.assertEqual(total["reply_rate"], 50.0)  # 1 of 2 bad
		self.assertEqual(total["revisit_rate"], 0.0)
		self.assertIsNone(total["revisit_satisfaction_rate"])  # nothing revisited
		inst = run("Institution")
		self.assertEqual(inst[self.w.department]["average_score"], 7.0)
		line = run("Business Line")
		self.assertEqual(line[w2.line]["average_score"], 3.0)
		region = run("Region")
		self.assertEqual(region[self.hall]["average_score"], 5.4)  # the district and its town
		self.assertEqual(region[town]["average_score"], 3.0)
		focus = run("Window Staff", focus_min_share=100)
		self.assertEqual(list(focus), [w2.staff])  # 6 and 0: both at 基本满意 or below
		april = report.execute(
			{"from_date": "2026-03-01", "to_date": "2026-04-30", "service_hall": town, "dimension": "Region"}
		)[1]
		self.assertEqual(april[0]["rated"], 3)

	def test_a_user_of_another_hall_sees_nothing(self):
		make_service_evaluation(self.hall, self.w.window, "Satisfied")
		other = make_hall("评价邻区政务服务中心", "District Center").name
		frappe.set_user(make_user("rate-other-sup", ["Supervisor"], other))
		rows = report.execute(
			{"from_date": "2026-03-01", "to_date": "2026-03-31", "dimension": "Window Staff"}
		)[1]
		self.assertEqual(rows, [])

	def test_rebuild_gives_the_maintained_aggregates(self):
		for level in ("Very Satisfied", "Dissatisfied", "Basically Satisfied"):
			make_service_evaluation(self.hall, self.w.window, level, staff=self.w.staff)
		self.assertTrue(aggregates_agree())
		maintained = ev.grouped_counts([self.hall], "2026-03-01", "2026-03-31", "staff")
		ev.rebuild_aggregates()
		self.assertEqual(ev.grouped_counts([self.hall], "2026-03-01", "2026-03-31", "staff"), maintained)
		# a hand edit of an aggregate is found
		name = frappe.get_all(
			"Service Evaluation Aggregate", filters={"service_hall": self.hall}, pluck="name"
		)[0]
		frappe.db.set_value("Service Evaluation Aggregate", name, "rated", 99)
		self.assertFalse(aggregates_agree())


class TestWindowCard(RatingCase):
	def test_the_window_qr_card_prints_with_its_rating_link(self):
		from weasyprint import HTML

		frappe.local.lang = "zh"
		html = frappe.get_print("Service Window", self.w.window, "Window Rating Card")
		with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
			HTML(string=html).write_pdf(f.name)
			text = subprocess.run(
				["pdftotext", f.name, "-"], capture_output=True, text=True, check=True
			).stdout
		self.assertIn("请用手机扫描二维码", text)
		self.assertIn("非常满意", text)
		self.assertIn(window_token(self.w.window), text.replace("\n", ""))
		html = frappe.get_print("Service Window", self.w.window, "Window Rating Card")
		self.assertIn("<svg", html)
		self.assertIn('lang="zh-CN"', html)
		self.assertIn(RUN, html)
