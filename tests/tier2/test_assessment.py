"""Assessment on a site: the 季度考核自查表 pre-filled from real records and moved by the right roles; the
department deduction ledger from two findings and one verified complaint; confirmed deductions kept; the
accountability case; the reports and the print formats as PDF."""

import os
import subprocess
import tempfile
from decimal import Decimal

import frappe
from factories import (
	HallTestCase,
	check_row,
	make_absence_record,
	make_department,
	make_hall,
	make_inspection_record,
	make_leave_request,
	make_staff,
	make_user,
	make_window,
	new_accountability_case,
	new_checklist_item,
	new_complaint,
	new_department_deduction,
	new_self_assessment,
	new_service_case,
	new_service_evaluation,
)
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from zhengwu_hall.setup import assessment
from zhengwu_hall.zhengwu_hall.doctype.accountability_case.accountability_case import (
	MeasureNotAllowedError,
	StatementNotHeardError,
)
from zhengwu_hall.zhengwu_hall.doctype.department_deduction.department_deduction import (
	ComplaintNotVerifiedError,
	ConfirmedDeductionError,
	DuplicateDeductionError,
	ReversalReasonMissingError,
)
from zhengwu_hall.zhengwu_hall.doctype.quarterly_self_assessment.quarterly_self_assessment import (
	EditNotAllowedInStateError,
	NotYourAssessmentError,
	SelfReportMissingError,
)
from zhengwu_hall.zhengwu_hall.report.annual_grade_list import annual_grade_list
from zhengwu_hall.zhengwu_hall.report.department_deduction_ledger import department_deduction_ledger
from zhengwu_hall.zhengwu_hall.report.quarterly_assessment_ranking import quarterly_assessment_ranking

QSA = "Quarterly Self-Assessment"
DEDUCTION = "Department Deduction"
DIMENSIONS = ("工作纪律", "服务质量", "廉洁自律", "德", "能", "勤", "绩")
WEIGHTS = {"工作纪律": 20, "服务质量": 20, "廉洁自律": 20, "德": 10, "能": 10, "勤": 10, "绩": 10}
REPORTS = {d: f"测试：{d}方面的自查情况" for d in DIMENSIONS}


def configure_scheme(pack_name="qinzhou-qinnan"):
	"""What a Hall Administrator does in the desk: the seed names the dimensions, the weights and bands are local."""
	pack = frappe.get_doc("Jurisdiction Rule Pack", pack_name)
	for row in pack.assessment_dimensions:
		row.weight, row.full_score = WEIGHTS[row.dimension], 10
	pack.set("assessment_grades", [])
	for grade, low, excellent in (("优秀", 90, 1), ("称职", 70, 0), ("基本称职", 60, 0), ("不称职", 0, 0)):
		pack.append(
			"assessment_grades",
			{"grade": grade, "min_total": low, "excellent": excellent, "source": "测试：本地考核方案"},
		)
	pack.save(ignore_permissions=True)


def pdf_text(doctype, name, print_format):
	"""The print format rendered by Frappe, made a PDF by WeasyPrint, read back with pdftotext."""
	from weasyprint import HTML

	frappe.local.lang = "zh"
	html = frappe.get_print(doctype, name, print_format)
	assert 'lang="zh-CN"' in html
	with tempfile.TemporaryDirectory() as tmp:
		path = os.path.join(tmp, "out.pdf")
		HTML(string=html).write_pdf(path)
		return subprocess.run(
			["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True
		).stdout


class AssessmentCase(HallTestCase):
	pack = "qinzhou-qinnan"

	def setUp(self):
		super().setUp()
		key = self.pack.split("-")[0]
		self.hall = make_hall(f"{key}考核中心", "District Center", rule_pack=self.pack).name
		self.department = make_department(self.hall).name
		self.window = make_window(self.hall, 1, stationed_department=self.department).name
		self.staff_user = make_user(f"{key}-staff", ["Window Staff"], self.hall)
		self.staff = make_staff(self.window, self.staff_user).name
		self.cover_user = make_user(f"{key}-cover", ["Window Staff"], self.hall)
		self.cover = make_staff(self.window, self.cover_user, post="B Post").name
		self.admin = make_user(f"{key}-admin", ["Hall Administrator"], self.hall)
		self.director = make_user(f"{key}-director", ["Center Director"], self.hall)
		self.supervisor = make_user(f"{key}-supervisor", ["Supervisor"], self.hall)

	def as_user(self, user):
		frappe.set_user(user)
		self.addCleanup(frappe.set_user, "Administrator")


class TestQuarterlySelfAssessment(AssessmentCase):
	def make_quarter_records(self):
		"""Q1 2026 of the staff member, as the other features record it."""
		make_inspection_record(
			self.hall,
			"2026-02-10",
			rows=[
				check_row(
					1,
					record="测试：窗口人员脱岗",
					category="Discipline",
					service_window=self.window,
					window_staff=self.staff,
				),
				check_row(2, record="测试：地面有纸屑", category="Environment"),  # names nobody
			],
		)
		new_complaint(
			self.hall, self.window, "2026-02-11 09:00:00", staff=self.staff, finding="Found True"
		).insert(ignore_permissions=True)
		new_complaint(self.hall, self.window, "2026-02-12 09:00:00", staff=self.staff).insert(
			ignore_permissions=True
		)
		new_complaint(
			self.hall, self.window, "2026-04-02 09:00:00", staff=self.staff, finding="Found True"
		).insert(ignore_permissions=True)  # next quarter
		for level, _score, bad, excluded in (
			("Very Dissatisfied", 0, 1, 0),
			("Satisfied", 8, 0, 0),
			("Very Satisfied", 10, 0, 1),  # a held rating: not counted
		):
			rating = new_service_evaluation(
				self.hall,
				self.window,
				level,
				"2026-03-02 10:00:00",
				staff=self.staff,
				bad_reason="测试：等候时间过长" if bad else None,
			).insert(ignore_permissions=True)
			if excluded:  # held for review by the 刷好评 guard: not counted
				frappe.db.set_value("Service Evaluation", rating.name, "excluded", 1)
		make_absence_record(self.staff, "2026-03-03")
		leave = make_leave_request(self.staff, self.cover, "2026-03-09", "2026-03-09")
		frappe.db.set_value("Leave Request", leave.name, "status", "Approved")
		new_service_case(
			self.hall, self.window, staff=self.staff, promised_date="2026-03-10", is_overdue=1
		).insert(ignore_permissions=True)

	def file(self):
		self.as_user(self.staff_user)
		doc = frappe.client.insert(new_self_assessment(self.staff, 2026, 1, REPORTS).as_dict())
		return frappe.get_doc(QSA, doc["name"])

	def test_filed_prefilled_scored_and_confirmed_by_the_right_roles(self):
		configure_scheme()
		self.make_quarter_records()
		doc = self.file()
		self.assertEqual([r.dimension for r in doc.items], list(DIMENSIONS))
		self.assertEqual(doc.workflow_state, "Self-Assessment Draft")
		self.assertEqual((str(doc.from_date), str(doc.to_date)), ("2026-01-01", "2026-03-31"))
		facts = (
			doc.inspection_findings,
			doc.verified_complaints,
			doc.bad_reviews,
			doc.ratings,
			doc.average_rating,
			doc.absent_days,
			doc.leave_days,
			doc.overdue_cases,
		)
		self.assertEqual(facts, (1, 1, 1, 2, 4.0, 1.0, 1.0, 1))
		self.assertIn("窗口人员脱岗", doc.facts_detail)

		# the staff member may not score themselves
		doc.items[0].score = 10
		with self.assertRaises(EditNotAllowedInStateError):
			doc.save()
		doc = frappe.get_doc(QSA, doc.name)
		doc = apply_workflow(doc, "Submit Self-Assessment")
		self.assertEqual(doc.workflow_state, "Self-Assessment Submitted")
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(frappe.get_doc(QSA, doc.name), "Score and Propose Grade")
		doc = frappe.get_doc(QSA, doc.name)
		doc.items[0].self_report = "改写"
		with self.assertRaises(EditNotAllowedInStateError):
			doc.save()

		# the management body scores
		frappe.set_user(self.admin)
		doc = frappe.get_doc(QSA, doc.name)
		for row, score in zip(doc.items, (9, 9, 10, 9, 9, 10, 8), strict=True):
			row.score = score
		doc.scorer_opinion = "测试：脱岗一次，投诉查实一次"
		doc.save()
		doc = apply_workflow(doc, "Score and Propose Grade")
		# 18 + 18 + 20 + 9 + 9 + 10 + 8 = 92
		self.assertEqual((doc.total_score, doc.proposed_grade), (92.0, "优秀"))
		self.assertEqual(doc.scored_by, self.admin)
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(frappe.get_doc(QSA, doc.name), "Confirm Grade")

		# the director confirms
		frappe.set_user(self.director)
		doc = apply_workflow(frappe.get_doc(QSA, doc.name), "Confirm Grade")
		self.assertEqual(
			(doc.docstatus, doc.workflow_state, doc.confirmed_grade), (1, "Grade Confirmed", "优秀")
		)
		self.assertEqual(doc.confirmed_by, self.director)

	def test_the_flow_cannot_be_skipped_over_rest(self):
		configure_scheme()
		doc = self.file()
		for user in (self.staff_user, self.admin):
			frappe.set_user(user)
			with self.assertRaises((WorkflowPermissionError, frappe.ValidationError, frappe.PermissionError)):
				frappe.client.set_value(QSA, doc.name, "workflow_state", "Grade Confirmed")
		frappe.set_user(self.staff_user)
		with self.assertRaises((WorkflowPermissionError, frappe.ValidationError)):
			frappe.client.set_value(QSA, doc.name, "workflow_state", "Scored")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value(QSA, doc.name, "workflow_state"), "Self-Assessment Draft")

	def test_only_ones_own_and_only_with_a_self_report(self):
		configure_scheme()
		self.as_user(self.cover_user)
		with self.assertRaises(NotYourAssessmentError):
			new_self_assessment(self.staff, 2026, 1, REPORTS).insert()
		frappe.set_user(self.staff_user)
		doc = new_self_assessment(self.staff, 2026, 2, {"工作纪律": "测试"}).insert()
		with self.assertRaises(SelfReportMissingError):
			apply_workflow(doc, "Submit Self-Assessment")
		self.assertFalse(frappe.db.exists(QSA, {"staff": self.staff, "quarter": "1"}))

	def test_an_unconfigured_scheme_says_what_to_configure(self):
		# the shipped qinzhou-qinnan pack names the dimensions but no weights
		doc = self.file()
		doc = apply_workflow(doc, "Submit Self-Assessment")
		frappe.set_user(self.admin)
		doc = frappe.get_doc(QSA, doc.name)
		for row in doc.items:
			row.score = 8
		doc.save()
		with self.assertRaises(assessment.AssessmentRuleNotConfigured) as e:
			apply_workflow(doc, "Score and Propose Grade")
		self.assertIn("权重", str(e.exception))
		self.assertEqual(frappe.db.get_value(QSA, doc.name, "workflow_state"), "Self-Assessment Submitted")


class TestAnnualGrades(AssessmentCase):
	def test_three_verified_complaints_bar_excellence(self):
		configure_scheme()
		for quarter in (1, 2, 3, 4):
			doc = new_self_assessment(self.staff, 2026, quarter, REPORTS).insert(ignore_permissions=True)
			doc.db_set(
				{
					"docstatus": 1,
					"workflow_state": "Grade Confirmed",
					"total_score": 95,
					"confirmed_grade": "优秀",
				}
			)
		rows = assessment.annual_grades([self.hall], 2026)
		self.assertEqual((rows[0]["annual_total"], rows[0]["proposed_grade"]), (95.0, "优秀"))
		for day in ("2026-02-02", "2026-05-06", "2026-09-09"):
			new_complaint(
				self.hall, self.window, f"{day} 09:00:00", staff=self.staff, finding="Found True"
			).insert(ignore_permissions=True)
		rows = assessment.annual_grades([self.hall], 2026)
		self.assertEqual((rows[0]["computed_grade"], rows[0]["proposed_grade"]), ("优秀", "称职"))
		self.assertEqual(rows[0]["verified_complaints"], 3)
		self.assertIn("不得评为优秀", rows[0]["notes"])
		self.as_user(self.director)
		_columns, rows = annual_grade_list.execute({"year": 2026, "service_hall": self.hall})
		self.assertEqual([r["proposed_grade"] for r in rows], ["称职"])


class TestDepartmentDeduction(AssessmentCase):
	pack = "xx-district"

	def findings(self):
		item = new_checklist_item(f"测试脱岗{self.hall}")
		item.deduction_item_code = "late_or_absent_found"
		item.insert(ignore_permissions=True)
		return make_inspection_record(
			self.hall,
			"2026-03-02",
			rows=[
				check_row(
					1,
					record="测试：窗口人员脱岗",
					checklist_item=item.name,
					service_window=self.window,
					window_staff=self.staff,
				),
				check_row(
					2,
					record="测试：桌面凌乱，经提醒不改正",
					category="Environment",
					service_window=self.window,
				),
			],
		)

	def ledger(self):
		return assessment.department_ledger(self.department, 2026)

	def test_two_findings_and_a_verified_complaint(self):
		record = self.findings()
		self.as_user(self.supervisor)
		# the first finding's checklist item maps to a code: proposed when the record was submitted, then confirmed
		proposed = frappe.get_all(DEDUCTION, filters={"inspection_record": record.name}, pluck="name")
		self.assertEqual(len(proposed), 1)
		first = frappe.get_doc(DEDUCTION, proposed[0])
		self.assertEqual((first.status, first.points, first.staff), ("Proposed", 0.2, self.staff))
		self.assertEqual(assessment.propose_deductions(self.hall, "2026-03-01", "2026-03-31"), [])
		first.submit()
		self.assertEqual(frappe.db.get_value(DEDUCTION, first.name, "status"), "Confirmed")

		# the second recorded by hand
		second = new_department_deduction(
			self.department,
			"messy_desk",
			found_by="Inspection",
			inspection_record=record.name,
			inspection_row=record.checks[1].name,
		)
		frappe.client.insert(second.as_dict())
		second = frappe.get_last_doc(DEDUCTION, filters={"item_code": "messy_desk"})
		second.submit()
		ledger = self.ledger()
		self.assertEqual((ledger.deducted, ledger.balance), (Decimal("0.25"), Decimal("1.75")))
		self.assertTrue(ledger.eligible_for_advanced)

		# the same finding is not counted twice
		with self.assertRaises(DuplicateDeductionError):
			new_department_deduction(
				self.department,
				"messy_desk",
				found_by="Inspection",
				inspection_record=record.name,
				inspection_row=record.checks[1].name,
			).insert()

		# a complaint counts once verified
		frappe.set_user("Administrator")
		complaint = new_complaint(self.hall, self.window, staff=self.staff).insert(ignore_permissions=True)
		frappe.set_user(self.supervisor)
		with self.assertRaises(ComplaintNotVerifiedError):
			new_department_deduction(
				self.department,
				"quarrel_or_verified_complaint",
				found_by="Complaint",
				complaint=complaint.name,
			).insert()
		frappe.db.set_value("Complaint", complaint.name, "verified", 1)
		new_department_deduction(
			self.department,
			"quarrel_or_verified_complaint",
			found_by="Complaint",
			complaint=complaint.name,
		).insert().submit()
		# 0.2 + 0.05 + 0.1 = 0.35 > 0.3 (seed 004 第二十三條)
		ledger = self.ledger()
		self.assertEqual((ledger.deducted, ledger.balance), (Decimal("0.35"), Decimal("1.65")))
		self.assertFalse(ledger.eligible_for_advanced)

		# a budget change rescales: 0.35 * 3 / 2 = 0.525
		frappe.set_user("Administrator")
		frappe.db.set_value("Jurisdiction Rule Pack", "xx-district", "deduction_annual_budget", 3)
		ledger = self.ledger()
		self.assertEqual((ledger.budget, ledger.deducted), (Decimal("3"), Decimal("0.525")))

		# the ledger report and the annual statement
		frappe.set_user(self.supervisor)
		_columns, rows = department_deduction_ledger.execute({"year": 2026, "service_hall": self.hall})
		row = next(r for r in rows if r["stationed_department"] == self.department)
		self.assertEqual((row["entries"], row["deducted"], row["balance"]), (3, 0.525, 2.475))
		self.assertEqual(row["eligible"], "Not Eligible for Recommendation")
		frappe.set_user("Administrator")
		frappe.form_dict.year = 2026
		text = pdf_text("Stationed Department", self.department, "Department Deduction Statement")
		for expected in ("进驻部门年度扣分情况表", "不得推荐", "2.475", "窗口人员脱岗", "摆放凌乱"):
			self.assertIn(expected, text)

	def test_a_confirmed_deduction_is_reversed_never_deleted(self):
		self.as_user(self.supervisor)
		doc = new_department_deduction(self.department).insert()
		doc.submit()
		with self.assertRaises(frappe.ValidationError):
			frappe.client.delete(DEDUCTION, doc.name)
		with self.assertRaises(frappe.PermissionError):  # a Supervisor may not cancel
			frappe.get_doc(DEDUCTION, doc.name).cancel()
		frappe.set_user("Administrator")
		with self.assertRaises(ConfirmedDeductionError):  # nor may anyone else
			frappe.get_doc(DEDUCTION, doc.name).cancel()
		frappe.set_user(self.supervisor)
		with self.assertRaises(frappe.ValidationError):
			frappe.client.set_value(DEDUCTION, doc.name, "status", "Reversed")
		self.assertTrue(frappe.db.exists(DEDUCTION, doc.name))
		self.assertEqual(self.ledger().deducted, Decimal("0.2"))

		with self.assertRaises(ReversalReasonMissingError):
			frappe.get_doc(DEDUCTION, doc.name).reverse(" ")
		frappe.get_doc(DEDUCTION, doc.name).reverse("测试：经复核，该员工当日已请假")
		doc.reload()
		self.assertEqual((doc.status, doc.reversed_by), ("Reversed", self.supervisor))
		self.assertEqual(self.ledger().deducted, Decimal("0"))
		with self.assertRaises(frappe.ValidationError):
			frappe.client.delete(DEDUCTION, doc.name)

	def test_window_staff_may_not_record_deductions(self):
		self.as_user(self.staff_user)
		with self.assertRaises(frappe.PermissionError):
			new_department_deduction(self.department).insert()

	def test_an_item_the_pack_does_not_list_is_refused_in_chinese(self):
		with self.assertRaises(assessment.AssessmentRuleNotConfigured) as e:
			new_department_deduction(self.department, "no_such_item").insert(ignore_permissions=True)
		self.assertIn("no_such_item", str(e.exception))


class TestAccountabilityCase(AssessmentCase):
	def test_heard_before_decided_with_a_measure_of_the_pack(self):
		self.as_user(self.supervisor)
		case = new_accountability_case(self.hall, self.window, staff=self.staff).insert()
		self.assertEqual(case.case_status, "Case Open")
		frappe.set_user(self.director)

		def decide(**values):
			doc = frappe.get_doc("Accountability Case", case.name)
			doc.update({"measure": "告诫", "decision": "测试：予以告诫", **values})
			return doc.save()

		with self.assertRaises(StatementNotHeardError):
			decide()
		heard = {"statement": "测试：当时去取材料，已认识到错误", "statement_heard_on": "2026-03-05"}
		with self.assertRaises(MeasureNotAllowedError):
			decide(measure="辞退", **heard)  # not for a minor case
		case = decide(**heard)
		self.assertEqual((case.case_status, case.decided_by), ("Decided", self.director))
		case.appeal = "测试：申诉"
		case.save()
		self.assertEqual(case.case_status, "Appealed")

	def test_a_criticism_counts_towards_the_excellence_bar(self):
		self.as_user(self.supervisor)
		case = new_accountability_case(self.hall, self.window, staff=self.staff, severity="Serious").insert()
		frappe.set_user(self.director)
		case = frappe.get_doc("Accountability Case", case.name)
		case.update(
			{
				"statement": "测试：陈述",
				"statement_heard_on": "2026-03-05",
				"measure": "通报批评",
				"decision": "测试：通报批评",
			}
		)
		case.save()
		counts = assessment.year_counts(self.staff, int(str(case.decided_on)[:4]))
		self.assertEqual(counts["Circulated Criticism"], 1)

	def test_only_the_director_decides(self):
		self.as_user(self.supervisor)
		case = new_accountability_case(
			self.hall,
			self.window,
			statement="测试：陈述",
			statement_heard_on="2026-03-05",
			measure="告诫",
			decision="测试",
		)
		with self.assertRaises(frappe.ValidationError):
			case.insert()
