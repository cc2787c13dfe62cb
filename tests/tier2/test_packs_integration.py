"""Jurisdiction rule packs on a real site: loaded on install, desk edits apply at once, sync keeps local edits."""

import copy
import json
import os
import shutil
import subprocess
import tempfile

import frappe
from factories import make_hall
from frappe.tests.utils import FrappeTestCase
from zhengwu_hall.rules import packs as rule_packs
from zhengwu_hall.setup import packs as pack_sync

SLUGS = ("liuzhou-chengzhong", "qinzhou-qinnan", "baofeng", "alxa", "xx-district")
DOCTYPE = rule_packs.DOCTYPE


def fixture(slug):
	with open(os.path.join(pack_sync.pack_dir(), f"{slug}.json"), encoding="utf-8") as f:
		return json.load(f)[0]


def route(pack, days):
	return [(s.step, s.role, s.action) for s in rule_packs.leave_route(pack, days)]


class TestPacksInstalled(FrappeTestCase):
	def test_five_packs_exist_after_install(self):
		self.assertEqual(sorted(frappe.get_all(DOCTYPE, pluck="name")), sorted(SLUGS))

	def test_installed_packs_hold_the_fixture_values(self):
		for slug in SLUGS:
			doc = frappe.get_doc(DOCTYPE, slug)
			self.assertEqual(
				rule_packs.normalize_pack(doc.as_dict()), rule_packs.normalize_pack(fixture(slug)), slug
			)
			self.assertEqual(
				doc.fixture_hash, pack_sync.fixture_hash(rule_packs.normalize_pack(fixture(slug)))
			)
			self.assertEqual(rule_packs.check_pack(doc.as_dict(), seed_dir=None, fixture=False), [], slug)

	def test_rules_read_from_the_database(self):
		qn = pack_sync.get_pack("qinzhou-qinnan")
		self.assertEqual(route(qn, 3)[-1], (3, "Government Leader", "Approval"))
		self.assertEqual(rule_packs.rule_value(qn, "complaint_appeal_wd"), 15)
		lz = pack_sync.get_pack("liuzhou-chengzhong")
		weekly = next(r for r in lz["reporting_cadence"] if r["period"] == "Weekly")
		self.assertEqual((weekly["due_weekday"], weekly["due_time"]), ("Friday", "16:00"))
		with self.assertRaises(rule_packs.RuleNotConfigured):
			rule_packs.rule_value(lz, "complaint_appeal_wd")  # stored as 0 with no citation: unset, not 0

	def test_sync_twice_changes_nothing(self):
		report = pack_sync.sync_packs()
		self.assertEqual(report["created"], [])
		self.assertEqual(report["updated"], {})
		self.assertEqual(report["kept"], {})
		self.assertEqual(sorted(report["unchanged"]), sorted(SLUGS))


class TestDeskEditsApplyAtOnce(FrappeTestCase):
	def test_editing_a_leave_step_changes_the_next_route(self):
		self.assertEqual(
			route(pack_sync.get_pack("qinzhou-qinnan"), 1), [(1, "Center Deputy Director", "Approval")]
		)
		doc = frappe.get_doc(DOCTYPE, "qinzhou-qinnan")
		first = next(r for r in doc.leave_steps if r.step == 1 and r.up_to_days == 1)
		first.approver_role = "Center Director"
		first.source = "本镇请销假规定 第三条"
		doc.save()
		self.assertEqual(route(pack_sync.get_pack("qinzhou-qinnan"), 1), [(1, "Center Director", "Approval")])

	def test_clearing_the_leave_rule_makes_it_unset(self):
		doc = frappe.get_doc(DOCTYPE, "xx-district")
		doc.set("leave_steps", [])
		doc.save()
		with self.assertRaises(rule_packs.RuleNotConfigured) as err:
			rule_packs.leave_route(pack_sync.get_pack("xx-district"), 1)
		self.assertEqual(str(err.exception), "本大厅所属辖区未配置请假审批规则，请管理员在辖区规则包中配置")

	def test_value_without_source_is_refused(self):
		doc = frappe.get_doc(DOCTYPE, "baofeng")
		doc.daily_check_min = 2
		with self.assertRaises(frappe.ValidationError):
			doc.save()
		self.assertEqual(frappe.db.get_value(DOCTYPE, "baofeng", "daily_check_min"), 0)
		doc = frappe.get_doc(DOCTYPE, "baofeng")
		doc.daily_check_min = 2
		doc.daily_check_min_source = "宝丰县政务服务中心巡查办法 第二条"
		doc.save()
		self.assertEqual(rule_packs.rule_value(pack_sync.get_pack("baofeng"), "daily_check_min"), 2)

	def test_inconsistent_leave_route_is_refused(self):
		doc = frappe.get_doc(DOCTYPE, "qinzhou-qinnan")
		for row in doc.leave_steps:
			if row.no_upper_limit:
				row.more_than_days = 3  # leaves (2, 3] without a route
		with self.assertRaises(frappe.ValidationError):
			doc.save()


class TestHallResolution(FrappeTestCase):
	def test_hall_inherits_the_nearest_ancestors_pack(self):
		city = make_hall("钦州市政务服务中心", "Prefecture Center", rule_pack="qinzhou-qinnan").name
		district = make_hall("钦南区政务服务中心", "District Center", parent=city).name
		town = make_hall("尖山街道便民服务中心", "Town Center", parent=district).name
		station = make_hall("社区便民服务站", "Village Station", parent=town).name
		resolution = pack_sync.resolve_pack_for_hall(station)
		self.assertEqual((resolution.pack, resolution.hall), ("qinzhou-qinnan", city))
		self.assertEqual(pack_sync.get_pack_for_hall(station)["jurisdiction"], "qinzhou-qinnan")
		self.assertEqual(pack_sync.leave_route_for_hall(station, 1.5)[-1]["role"], "Center Director")
		# a nearer pack wins
		frappe.db.set_value("Service Hall", town, pack_sync.HALL_PACK_FIELD, "xx-district")
		self.assertEqual(pack_sync.leave_route_for_hall(station, 1.5)[0]["role"], "Department Liaison")

	def test_hall_without_any_pack_gets_an_explicit_error(self):
		orphan = make_hall("无规则包大厅", "Prefecture Center").name
		self.assertIsNone(pack_sync.resolve_pack_for_hall(orphan).pack)
		with self.assertRaises(pack_sync.RulePackNotFound):
			pack_sync.get_pack_for_hall(orphan)

	def test_leave_route_unset_for_a_baofeng_hall(self):
		hall = make_hall("宝丰县政务服务中心", "Prefecture Center", rule_pack="baofeng").name
		with self.assertRaises(pack_sync.LeaveRuleNotConfigured):
			pack_sync.leave_route_for_hall(hall, 1)


class TestSyncKeepsLocalEdits(FrappeTestCase):
	def setUp(self):
		self.tmp = tempfile.mkdtemp()
		for name in os.listdir(pack_sync.pack_dir()):
			shutil.copy(os.path.join(pack_sync.pack_dir(), name), self.tmp)

	def tearDown(self):
		shutil.rmtree(self.tmp)

	def write_fixture(self, slug, pack):
		with open(os.path.join(self.tmp, f"{slug}.json"), "w", encoding="utf-8") as f:
			json.dump([pack], f, ensure_ascii=False)

	def test_local_edit_kept_untouched_fields_follow_the_fixture_force_overwrites(self):
		doc = frappe.get_doc(DOCTYPE, "qinzhou-qinnan")
		doc.daily_check_min = 6
		doc.daily_check_min_source = "钦南区政务服务中心 2026年巡查工作安排 第二条"
		doc.save()

		# a new release of the fixture changes two rules; the administrator edited only one of them
		pack = copy.deepcopy(fixture("qinzhou-qinnan"))
		pack["daily_check_min"] = 5
		pack["complaint_appeal_wd"] = 20
		self.write_fixture("qinzhou-qinnan", pack)

		report = pack_sync.sync_packs(directory=self.tmp)
		self.assertEqual([k for k, _cur, _new in report["kept"]["qinzhou-qinnan"]], ["daily_check_min"])
		self.assertEqual(
			[k for k, _cur, _new in report["updated"]["qinzhou-qinnan"]], ["complaint_appeal_wd"]
		)
		doc.reload()
		self.assertEqual(doc.daily_check_min, 6)
		self.assertEqual(doc.complaint_appeal_wd, 20)

		# the kept edit is still recognised as local on the next sync
		report = pack_sync.sync_packs(directory=self.tmp)
		self.assertIn("qinzhou-qinnan", report["kept"])
		self.assertNotIn("qinzhou-qinnan", report["updated"])

		report = pack_sync.sync_packs(force=True, directory=self.tmp)
		self.assertEqual([k for k, _cur, _new in report["updated"]["qinzhou-qinnan"]], ["daily_check_min"])
		doc.reload()
		self.assertEqual(doc.daily_check_min, 5)
		self.assertEqual(doc.daily_check_min_source, fixture("qinzhou-qinnan")["daily_check_min_source"])

	def test_a_rule_added_by_an_app_update_reaches_an_existing_site(self):
		"""A site synced before the rule existed: its last sync does not know the rule, which is still empty."""
		doc = frappe.get_doc(DOCTYPE, "qinzhou-qinnan")
		last = json.loads(doc.fixture_state)
		last.pop("complaint_appeal_wd"), last.pop("complaint_appeal_wd_source")
		doc.db_set(
			{
				"fixture_state": json.dumps(last),
				"complaint_appeal_wd": 0,
				"complaint_appeal_wd_source": None,
			}
		)

		report = pack_sync.sync_packs(directory=self.tmp)
		self.assertEqual(
			[k for k, _cur, _new in report["updated"]["qinzhou-qinnan"]], ["complaint_appeal_wd"]
		)
		self.assertEqual(frappe.db.get_value(DOCTYPE, "qinzhou-qinnan", "complaint_appeal_wd"), 15)

		# the same, but an administrator filled it in before the update arrived: kept
		doc.reload()
		last = json.loads(doc.fixture_state)
		last.pop("complaint_appeal_wd"), last.pop("complaint_appeal_wd_source")
		doc.db_set({"fixture_state": json.dumps(last), "complaint_appeal_wd": 12})
		report = pack_sync.sync_packs(directory=self.tmp)
		self.assertEqual([k for k, _cur, _new in report["kept"]["qinzhou-qinnan"]], ["complaint_appeal_wd"])

	def test_local_edit_of_a_table_is_kept(self):
		doc = frappe.get_doc(DOCTYPE, "xx-district")
		doc.append(
			"attendance_methods", {"method": "Face Recognition", "source": "XX区大厅考勤补充规定 第一条"}
		)
		doc.save()
		report = pack_sync.sync_packs()
		self.assertEqual([k for k, _cur, _new in report["kept"]["xx-district"]], ["attendance_methods"])
		self.assertEqual(len(frappe.get_doc(DOCTYPE, "xx-district").attendance_methods), 2)

	def test_missing_pack_is_created(self):
		frappe.delete_doc(DOCTYPE, "alxa", force=True)
		report = pack_sync.sync_packs()
		self.assertEqual(report["created"], ["alxa"])
		self.assertEqual(
			rule_packs.rule_value(pack_sync.get_pack("alxa"), "bad_review_liaison_role"), "Department Liaison"
		)

	def test_report_lines_are_chinese(self):
		lines = pack_sync.report_lines(
			{
				"created": ["alxa"],
				"updated": {
					"qinzhou-qinnan": [
						("complaint_appeal_wd", {"complaint_appeal_wd": 15}, {"complaint_appeal_wd": 20})
					]
				},
				"kept": {
					"qinzhou-qinnan": [("daily_check_min", {"daily_check_min": 6}, {"daily_check_min": 5})]
				},
				"unchanged": ["baofeng"],
				"errors": {},
			}
		)
		self.assertIn("已创建辖区规则包：alxa", lines)
		self.assertTrue(
			any(line.startswith("保留本地修改 qinzhou-qinnan 的“每个工作日最少检查次数”") for line in lines)
		)
		self.assertTrue(any("--force" in line for line in lines))


class TestSyncCommand(FrappeTestCase):
	"""`bench --site S zhengwu-sync-packs [--force]` in a subprocess (it commits, so this class restores)."""

	def bench(self, *args):
		bench_dir = os.environ.get("ZHENGWU_BENCH", "/root/zhengwu-bench")
		site = frappe.local.site
		return subprocess.run(
			["bench", "--site", site, "zhengwu-sync-packs", *args],
			cwd=bench_dir,
			capture_output=True,
			text=True,
			timeout=300,
		)

	def test_command_keeps_a_local_edit_and_force_overwrites_it(self):
		if not shutil.which("bench"):
			self.skipTest("bench CLI not on PATH")
		frappe.db.set_value(
			DOCTYPE, "baofeng", {"daily_check_min": 3, "daily_check_min_source": "宝丰县巡查补充规定 第一条"}
		)
		frappe.db.commit()
		try:
			result = self.bench()
			self.assertEqual(result.returncode, 0, result.stderr)
			self.assertIn("保留本地修改 baofeng", result.stdout)
			frappe.db.rollback()  # see the subprocess's commits
			self.assertEqual(frappe.db.get_value(DOCTYPE, "baofeng", "daily_check_min"), 3)

			result = self.bench("--force")
			self.assertEqual(result.returncode, 0, result.stderr)
			self.assertIn("已更新 baofeng", result.stdout)
			frappe.db.rollback()
			self.assertEqual(frappe.db.get_value(DOCTYPE, "baofeng", "daily_check_min"), 0)
			self.assertFalse(frappe.db.get_value(DOCTYPE, "baofeng", "daily_check_min_source"))
		finally:
			pack_sync.sync_packs(force=True)
			frappe.db.commit()
