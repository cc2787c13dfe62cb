"""The foundation on a real site: install defaults, roles, standard print formats read from print_formats/."""

import json
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase

ROOT = Path(__file__).resolve().parents[2]


class TestInstall(FrappeTestCase):
	def test_app_is_installed(self):
		self.assertIn("zhengwu_hall", frappe.get_installed_apps())

	def test_site_speaks_chinese_on_beijing_time(self):
		settings = frappe.get_single("System Settings")
		self.assertEqual(settings.language, "zh")
		self.assertEqual(settings.time_zone, "Asia/Shanghai")
		self.assertEqual(settings.date_format, "yyyy-mm-dd")
		self.assertEqual(frappe.db.get_default("currency"), "CNY")

	def test_setup_wizard_is_complete(self):
		self.assertEqual(frappe.db.get_single_value("System Settings", "setup_complete"), 1)
		self.assertEqual(frappe.db.get_default("desktop:home_page"), "workspace")

	def test_roles_of_the_brief_exist_with_desk_access(self):
		roles = [doc["name"] for doc in json.loads((ROOT / "fixtures" / "role.json").read_text())]
		self.assertEqual(len(roles), 8)
		for role in roles:
			self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), 1, role)

	def test_labels_are_translated_for_a_chinese_user(self):
		frappe.local.lang = "zh"
		try:
			self.assertEqual(frappe._("Window Staff"), "窗口工作人员")
			self.assertEqual(frappe._("Jurisdiction Rule Pack"), "辖区规则包")
		finally:
			frappe.local.lang = "en"


class TestStandardPrintFormats(FrappeTestCase):
	def print_formats(self):
		return sorted(p.parent.name for p in (ROOT / "print_formats").glob("*/*.json"))

	def test_every_template_is_a_standard_print_format(self):
		self.assertTrue(self.print_formats())
		for folder in self.print_formats():
			spec = json.loads((ROOT / "print_formats" / folder / f"{folder}.json").read_text())
			pf = frappe.get_doc("Print Format", spec["name"])
			self.assertEqual(pf.standard, "Yes")
			self.assertEqual(pf.module, "Zhengwu Hall")
			# one source: the template stays in the .html file, not copied into the record
			self.assertFalse(pf.html)

	def test_rule_pack_sheet_prints_in_chinese(self):
		frappe.local.lang = "zh"
		try:
			html = frappe.get_print(
				"Jurisdiction Rule Pack", "qinzhou-qinnan", print_format="Jurisdiction Rule Pack Sheet"
			)
		finally:
			frappe.local.lang = "en"
		self.assertIn('lang="zh-CN"', html)
		self.assertIn("日常巡查", html)
		self.assertIn("001_17276714a530e7ae.txt", html)
		# a value the seed leaves unset prints as such, never as a made-up default
		self.assertIn("未规定", html)


class TestHallScopeIndexes(FrappeTestCase):
	def test_strict_user_permissions_are_on(self):
		self.assertEqual(frappe.db.get_single_value("System Settings", "apply_strict_user_permissions"), 1)

	def test_every_hall_scoped_doctype_has_the_list_index(self):
		for doctype in frappe.get_hooks("hall_scoped_doctypes"):
			if doctype == "Service Hall":
				continue
			self.assertTrue(
				frappe.db.has_index(f"tab{doctype}", "service_hall_modified_index"),
				f"{doctype} lacks the index",
			)


class TestSweepCheckpoint(FrappeTestCase):
	def test_a_daily_sweep_commits_every_batch_outside_tests(self):
		"""A sweep over 100,000 records must not pass Frappe's cap of writes in one transaction: it commits every
		SWEEP_BATCH records when run by the scheduler, and never in tests or the one-transaction benchmark."""
		from unittest.mock import patch

		from zhengwu_hall.utils import SWEEP_BATCH, sweep_checkpoint

		with patch.object(frappe.db, "commit") as commit:
			frappe.flags.in_test = False  # as the scheduler runs it
			try:
				for done in range(1, 2 * SWEEP_BATCH + 2):
					sweep_checkpoint(done)
				self.assertEqual(commit.call_count, 2)
				frappe.flags.sweep_in_one_transaction = True
				sweep_checkpoint(SWEEP_BATCH)
				self.assertEqual(commit.call_count, 2)
			finally:
				frappe.flags.in_test = True
				frappe.flags.sweep_in_one_transaction = False
		with patch.object(frappe.db, "commit") as commit:
			sweep_checkpoint(SWEEP_BATCH)  # frappe.flags.in_test
			commit.assert_not_called()
