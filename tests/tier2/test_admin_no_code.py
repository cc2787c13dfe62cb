"""A hall administrator changes the system in the desk, without code, through the same Frappe APIs the desk calls:
a custom field on the 巡查记录表 (Customize Form) reaches the form and the PDF; a workflow transition given to
another role (Workflow editor) lets the new role act and refuses the old one; a pack threshold changes the rule's
result; a print format copied and edited (the standard one cannot be edited) changes the PDF. Then `bench migrate`
runs for real and every one of these edits is still there: custom fields, property setters, non-standard print
formats and the edited workflow and pack are records of the site that no sync of the app overwrites (the app's
syncs create only what is missing; `--force` is the administrator's explicit choice)."""

import os
import subprocess

import frappe
from conftest import BENCH, SITE
from factories import (
	HallTestCase,
	check_row,
	make_hall,
	make_inspection_record,
	make_staff,
	make_user,
	make_window,
	new_inspection_record,
	new_rectification_notice,
	pdf_text,
	print_html,
)
from frappe.core.page.permission_manager import permission_manager
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from zhengwu_hall.setup import inspections

MONDAY = "2026-03-02"
PACK = "qinzhou-qinnan"
CUSTOM_FIELD = "custom_天气"  # what Frappe names a field labelled 天气
COPY = "巡查记录表（本厅修订）"


class AdminCase(HallTestCase):
	"""Customize Form alters a table, and MariaDB commits before DDL: a test makes its hall and people (``org``)
	after any such step, so that only the administrator's edits are committed, and undoes those (``undo_all``)."""

	def setUp(self):
		super().setUp()
		reset_edits()
		# the district's system administrator: Customize Form, Workflow and Print Format are System Manager's
		self.admin = make_user("nocode-admin", ["System Manager", "Hall Administrator"])

	def org(self):
		frappe.set_user("Administrator")
		self.hall = make_hall("无代码区政务服务中心", "District Center", rule_pack=PACK).name
		self.window = make_window(self.hall, 1).name
		self.supervisor = make_user("nocode-supervisor", ["Supervisor"], self.hall)
		self.director = make_user("nocode-director", ["Center Director"], self.hall)
		make_staff(self.window, make_user("nocode-staff", ["Window Staff"], self.hall))

	def as_admin(self):
		frappe.set_user(self.admin)
		self.addCleanup(frappe.set_user, "Administrator")


# ---------------------------------------------------------------------------------------------- the edits
def add_weather_field():
	"""Customize Form → 巡查记录表 → a new field 天气 after 巡查类型 → Update."""
	form = frappe.get_doc("Customize Form")
	form.doc_type = "Inspection Record"
	form.fetch_to_customize()
	# a row added in the grid: the desk marks it a custom field (customize_form.js), Frappe names it from the label
	form.append(
		"fields", {"label": "天气", "fieldtype": "Data", "insert_after": "kind", "is_custom_field": 1}
	)
	form.save_customization()


def give_issue_notice_to(role):
	"""Workflow → Rectification Notice → transition Draft --Issue Notice--> Issued: allowed = ``role``; and,
	in the Role Permissions Manager, write on the notice for ``role`` (a transition saves the document)."""
	if role != "Supervisor":
		permission_manager.update("Rectification Notice", role, 0, "write", 1)
	workflow = frappe.get_doc("Workflow", "Rectification Notice")
	for row in workflow.transitions:
		if row.state == "Draft" and row.action == "Issue Notice":
			row.allowed = role
	workflow.save()


def set_daily_minimum(value):
	"""Jurisdiction Rule Pack → 每个工作日最少检查次数 = ``value`` → Save."""
	pack = frappe.get_doc("Jurisdiction Rule Pack", PACK)
	pack.daily_check_min = value
	pack.save()


def copy_print_format_with_new_title():
	"""Print Format → 巡查记录表 → Duplicate, edit the HTML, save as a custom format, make it the default."""
	standard = frappe.get_doc("Print Format", "Inspection Record Sheet")
	with open(os.path.join(os.path.dirname(standard_template_path()), "inspection_record_sheet.html")) as f:
		html = f.read()
	copy = frappe.copy_doc(standard)
	copy.name = COPY
	copy.__newname = COPY
	copy.standard = "No"
	copy.custom_format = 1
	copy.print_format_type = "Jinja"
	copy.html = html.replace("巡查记录表</h1>", "巡查记录表（本厅修订版）</h1>")
	copy.insert()
	form = frappe.get_doc("Customize Form")
	form.doc_type = "Inspection Record"
	form.fetch_to_customize()
	form.default_print_format = COPY
	form.save_customization()


def standard_template_path():
	return frappe.get_module_path(
		"Zhengwu Hall", "print_format", "inspection_record_sheet", "inspection_record_sheet.json"
	)


def undo_all():
	"""Undo the administrator's edits for good; what the test made besides is rolled back, not committed."""
	frappe.db.rollback()
	reset_edits()


def reset_edits():
	"""The site as the app ships it (also before a test, in case an interrupted run left an edit behind)."""
	frappe.set_user("Administrator")
	# Customize Form's "Reset to Defaults" (custom fields and property setters) and the Role Permissions
	# Manager's "Restore Original Permissions"
	form = frappe.get_doc("Customize Form")
	form.doc_type = "Inspection Record"
	form.reset_to_defaults()
	permission_manager.reset("Rectification Notice")
	frappe.db.delete("Print Format", COPY)
	give_issue_notice_to("Supervisor")
	set_daily_minimum(frappe.get_file_json(pack_fixture())[0]["daily_check_min"])
	frappe.db.commit()
	if frappe.db.has_column("Inspection Record", CUSTOM_FIELD):
		frappe.db.sql_ddl(f"alter table `tabInspection Record` drop column `{CUSTOM_FIELD}`")
	frappe.clear_cache(doctype="Inspection Record")


def pack_fixture():
	return os.path.join(frappe.get_app_path("zhengwu_hall", "fixtures"), "packs", f"{PACK}.json")


# ---------------------------------------------------------------------------------------------- tests
class TestAdministratorWithoutCode(AdminCase):
	def test_custom_field_reaches_the_form_and_the_pdf(self):
		self.addCleanup(undo_all)  # Customize Form alters the table, which commits
		self.as_admin()
		add_weather_field()
		self.assertEqual(frappe.get_meta("Inspection Record").get_field(CUSTOM_FIELD).label, "天气")
		self.org()
		record = new_inspection_record(self.hall, MONDAY, rows=[check_row(1)])
		record.set(CUSTOM_FIELD, "小雨")
		record.insert()
		self.assertEqual(frappe.db.get_value("Inspection Record", record.name, CUSTOM_FIELD), "小雨")
		text = pdf_text("Inspection Record", record.name, "Inspection Record Sheet")
		self.assertIn("天气", text)
		self.assertIn("小雨", text)

	def test_workflow_transition_given_to_another_role(self):
		self.org()
		self.as_admin()
		give_issue_notice_to("Center Director")
		notice = new_rectification_notice(self.hall, self.window).insert(ignore_permissions=True)

		frappe.set_user(self.supervisor)  # the role that had it
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(frappe.get_doc("Rectification Notice", notice.name), "Issue Notice")
		self.assertEqual(frappe.db.get_value("Rectification Notice", notice.name, "workflow_state"), "Draft")

		frappe.set_user(self.director)  # the role that has it now
		issued = apply_workflow(frappe.get_doc("Rectification Notice", notice.name), "Issue Notice")
		self.assertEqual(issued.workflow_state, "Issued")

	def test_pack_threshold_changes_the_rule(self):
		self.org()
		make_inspection_record(self.hall, MONDAY, rows=[check_row(i) for i in (1, 2, 6, 7)])
		before = inspections.hall_day_compliance(self.hall, MONDAY)
		self.assertEqual(before.done, 4)
		self.assertFalse(before.below_minimum)  # qinnan: at least 4 a working day (seed 001 日常巡查 第五条)

		self.as_admin()
		set_daily_minimum(5)
		after = inspections.hall_day_compliance(self.hall, MONDAY)
		self.assertEqual(after.requirement.minimum, 5)
		self.assertTrue(after.below_minimum)

	def test_standard_print_format_is_copied_not_edited(self):
		self.as_admin()
		standard = frappe.get_doc("Print Format", "Inspection Record Sheet")
		standard.css = "h1 { color: red; }"
		in_test, frappe.flags.in_test = frappe.flags.in_test, False  # the desk is no test
		try:
			with self.assertRaisesRegex(frappe.ValidationError, "Standard Print Format cannot be updated"):
				standard.save()
		finally:
			frappe.flags.in_test = in_test

		self.addCleanup(undo_all)  # Customize Form commits
		copy_print_format_with_new_title()
		self.org()
		record = make_inspection_record(self.hall, MONDAY, rows=[check_row(1)])
		self.assertIn(
			"巡查记录表（本厅修订版）", pdf_text("Inspection Record", record.name)
		)  # the default now
		self.assertNotIn("本厅修订版", pdf_text("Inspection Record", record.name, "Inspection Record Sheet"))


class TestEditsSurviveMigrate(AdminCase):
	def test_every_edit_survives_bench_migrate(self):
		"""The four edits, committed, then a real `bench migrate` of this site (app syncs included)."""
		self.addCleanup(undo_all)
		self.as_admin()
		add_weather_field()
		give_issue_notice_to("Center Director")
		set_daily_minimum(7)
		copy_print_format_with_new_title()
		frappe.db.commit()

		result = subprocess.run(
			["bench", "--site", SITE, "migrate"], cwd=BENCH, capture_output=True, text=True, timeout=1800
		)
		self.assertEqual(result.returncode, 0, result.stdout[-3000:] + result.stderr[-3000:])
		frappe.clear_cache()
		frappe.db.rollback()  # read what migrate left, not this connection's snapshot

		self.assertTrue(frappe.get_meta("Inspection Record").get_field(CUSTOM_FIELD))
		allowed = {
			row.allowed
			for row in frappe.get_doc("Workflow", "Rectification Notice").transitions
			if row.action == "Issue Notice"
		}
		self.assertEqual(allowed, {"Center Director"})
		self.assertTrue(
			frappe.db.get_value(
				"Custom DocPerm", {"parent": "Rectification Notice", "role": "Center Director"}, "write"
			)
		)
		self.assertEqual(frappe.db.get_value("Jurisdiction Rule Pack", PACK, "daily_check_min"), 7)
		self.assertEqual(frappe.get_meta("Inspection Record").default_print_format, COPY)
		self.assertEqual(frappe.db.get_value("Print Format", COPY, "standard"), "No")
		self.org()
		self.assertIn("本厅修订版", print_html("Inspection Record", make_inspection_record(self.hall).name))
		# and the standard format is still the app's
		self.assertEqual(frappe.db.get_value("Print Format", "Inspection Record Sheet", "standard"), "Yes")
