"""Shipped workflows (fixtures/workflows/) are created when missing and never overwrite a desk edit unless forced."""

import json
import os
import tempfile

import frappe
from frappe.tests.utils import FrappeTestCase
from zhengwu_hall.setup.records import sync_records

STATE = "测试巡查状态"


class TestSyncRecords(FrappeTestCase):
	def setUp(self):
		self.root = tempfile.mkdtemp()
		os.makedirs(os.path.join(self.root, "workflows"))
		with open(os.path.join(self.root, "workflows", "sample.json"), "w", encoding="utf-8") as f:
			json.dump(
				[{"doctype": "Workflow State", "name": STATE, "workflow_state_name": STATE, "style": "Info"}],
				f,
			)

	def test_missing_record_is_created(self):
		report = sync_records(root=self.root)
		self.assertIn(("Workflow State", STATE), report["created"])
		self.assertEqual(frappe.db.get_value("Workflow State", STATE, "style"), "Info")

	def test_desk_edit_is_kept_unless_forced(self):
		sync_records(root=self.root)
		frappe.db.set_value("Workflow State", STATE, "style", "Danger")
		report = sync_records(root=self.root)
		self.assertIn(("Workflow State", STATE), report["kept"])
		self.assertEqual(frappe.db.get_value("Workflow State", STATE, "style"), "Danger")
		report = sync_records(root=self.root, force=True)
		self.assertIn(("Workflow State", STATE), report["replaced"])
		self.assertEqual(frappe.db.get_value("Workflow State", STATE, "style"), "Info")
