"""The organisation on a real site: hall tree, hall scoping, AB posts, time limits, per-DocType permissions, demo.

Run: ZHENGWU_TEST_SITE=org-test.localhost /root/zhengwu-bench/env/bin/python -m pytest tests/tier2/test_organization.py
Every class rolls its records back (FrappeTestCase). The records come from factories.py, with names that start
with 测试 so they never meet demo data.
"""

import os

import frappe
import pytest
from factories import (
	ALL_ROLES,
	RUN,
	HallTestCase,
	make_department,
	make_hall,
	make_item,
	make_line,
	make_staff,
	make_user,
	make_window,
	messages,
	new_hall,
	new_item,
	new_staff,
	new_window,
)
from frappe.utils.nestedset import get_ancestors_of, get_descendants_of
from zhengwu_hall.rules import staffing
from zhengwu_hall.setup.permissions import (
	assign_user_to_hall,
	get_allowed_halls,
	get_top_halls,
)
from zhengwu_hall.zhengwu_hall.doctype.service_hall.service_hall import (
	HallOutsideJurisdictionError,
	HallParentLevelError,
	get_children,
)
from zhengwu_hall.zhengwu_hall.doctype.service_item.service_item import (
	InvalidStatutoryLimitError,
	NegativePromisedLimitError,
	PromisedLimitNotShorterError,
)
from zhengwu_hall.zhengwu_hall.doctype.service_window.service_window import (
	DuplicateWindowNumberError,
	WindowDepartmentHallError,
)
from zhengwu_hall.zhengwu_hall.doctype.stationed_department.stationed_department import (
	DuplicateStationedDepartmentError,
)
from zhengwu_hall.zhengwu_hall.doctype.window_staff.window_staff import DuplicateWindowStaffError
from zhengwu_hall.zhengwu_hall.report.ab_post_violations import ab_post_violations


# ---------------------------------------------------------------------------------------------- the tree
class TestHallTree(HallTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.district = make_hall("区政务服务中心", "District Center").name
		cls.branch = make_hall("区不动产分厅", "Branch Hall", cls.district).name
		cls.town1 = make_hall("甲镇便民服务中心", "Town Center", cls.district).name
		cls.town2 = make_hall("乙街道便民服务中心", "Town Center", cls.district).name
		cls.station = make_hall("甲镇新华村便民服务站", "Village Station", cls.town1).name

	def bounds(self, name):
		return frappe.db.get_value("Service Hall", name, ["lft", "rgt"])

	def test_lft_rgt_nest_the_subtrees(self):
		d, t1, t2, s, b = (
			self.bounds(n) for n in (self.district, self.town1, self.town2, self.station, self.branch)
		)
		for lft, rgt in (d, t1, t2, s, b):
			self.assertLess(lft, rgt)
		self.assertTrue(d[0] < t1[0] < s[0] < s[1] < t1[1] < d[1])
		self.assertTrue(d[0] < t2[0] < t2[1] < d[1])
		self.assertFalse(t1[0] < t2[0] < t1[1], "a sibling is not inside the other")
		self.assertEqual(s[1] - s[0], 1, "a station is a leaf")
		self.assertEqual(
			set(get_descendants_of("Service Hall", self.district)),
			{self.branch, self.town1, self.town2, self.station},
		)
		self.assertEqual(get_ancestors_of("Service Hall", self.station), [self.town1, self.district])

	def test_moving_a_hall_moves_its_bounds_and_nothing_else(self):
		station = make_hall("甲镇光明村便民服务站", "Village Station", self.town1)
		pack_before = frappe.db.get_value("Service Hall", self.town2, ["rule_pack", "address", "phone"])
		station.parent_service_hall = self.town2
		station.save()
		s, t1, t2 = self.bounds(station.name), self.bounds(self.town1), self.bounds(self.town2)
		self.assertTrue(t2[0] < s[0] < s[1] < t2[1])
		self.assertFalse(t1[0] < s[0] < t1[1])
		self.assertEqual(frappe.db.get_value("Service Hall", station.name, "old_parent"), self.town2)
		self.assertEqual(
			frappe.db.get_value("Service Hall", self.town2, ["rule_pack", "address", "phone"]), pack_before
		)
		self.assertIn(station.name, get_descendants_of("Service Hall", self.town2))
		self.assertNotIn(station.name, get_descendants_of("Service Hall", self.town1))

	def test_children_inherit_no_field_from_the_parent(self):
		pack = frappe.db.get_value("Jurisdiction Rule Pack", {}, "name")
		frappe.db.set_value("Service Hall", self.district, {"rule_pack": pack, "address": "区府路1号"})
		town = make_hall("丙镇便民服务中心", "Town Center", self.district)
		self.assertFalse(town.rule_pack, "a pack is resolved from the ancestors, never copied")
		self.assertFalse(town.address)
		self.assertEqual(town.document_org_name, town.hall_name)

	def test_is_group_follows_the_level(self):
		self.assertEqual(frappe.db.get_value("Service Hall", self.district, "is_group"), 1)
		self.assertEqual(frappe.db.get_value("Service Hall", self.town1, "is_group"), 1)
		self.assertEqual(frappe.db.get_value("Service Hall", self.station, "is_group"), 0)
		self.assertEqual(frappe.db.get_value("Service Hall", self.branch, "is_group"), 0)

	def test_level_order_is_enforced(self):
		count = frappe.db.count("Service Hall")
		cases = [
			(
				"错区",
				"District Center",
				self.station,
			),  # a 村 station cannot be the parent of a district center
			("错镇", "Town Center", self.branch),
			("错站", "Village Station", self.district),
			("错分厅", "Branch Hall", None),
			("错盟", "Prefecture Center", self.district),
		]
		for name, level, parent in cases:
			with self.assertRaises(HallParentLevelError, msg=f"{level} under {parent}"):
				make_hall(name, level, parent)
		self.assertEqual(frappe.db.count("Service Hall"), count)

	def test_level_change_must_fit_the_children(self):
		town = frappe.get_doc("Service Hall", self.town1)
		town.hall_level = "Village Station"
		with self.assertRaises(HallParentLevelError):
			town.save()

	def test_tree_view_nodes(self):
		nodes = get_children("Service Hall", self.district)
		self.assertEqual({n.value for n in nodes}, {self.branch, self.town1, self.town2})
		self.assertEqual({n.value: n.expandable for n in nodes}[self.branch], 0)


# ---------------------------------------------------------------------------------------------- windows and departments
class TestWindowsAndDepartments(HallTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.district = make_hall("窗口区政务服务中心", "District Center").name
		cls.branch = make_hall("窗口区不动产分厅", "Branch Hall", cls.district).name
		cls.town1 = make_hall("窗口甲镇便民服务中心", "Town Center", cls.district).name
		cls.town2 = make_hall("窗口乙镇便民服务中心", "Town Center", cls.district).name
		cls.district_dept = make_department(cls.district, "不动产登记中心").name
		cls.town2_dept = make_department(cls.town2, "社会事务办公室").name

	def test_a_department_above_the_hall_may_staff_its_window(self):
		window = make_window(
			self.branch, 1, "Comprehensive (By Sector)", stationed_department=self.district_dept
		)
		self.assertEqual(window.stationed_department, self.district_dept)

	def test_a_department_of_another_hall_may_not(self):
		with self.assertRaises(WindowDepartmentHallError):
			make_window(self.town1, 1, stationed_department=self.town2_dept)
		with self.assertRaises(WindowDepartmentHallError):
			make_window(self.district, 9, stationed_department=self.town2_dept)

	def test_window_numbers_and_departments_are_unique_per_hall(self):
		make_window(self.town1, 5)
		with self.assertRaises(DuplicateWindowNumberError):
			make_window(self.town1, 5)
		make_window(self.town2, 5)  # the same number in another hall is fine
		with self.assertRaises(DuplicateStationedDepartmentError):
			make_department(self.town2, "社会事务办公室")
		make_department(self.town1, "社会事务办公室")


# ---------------------------------------------------------------------------------------------- scoping
class TestHallScoping(HallTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.district = make_hall("区政务服务中心", "District Center").name
		cls.other_district = make_hall("邻区政务服务中心", "District Center").name
		cls.town1 = make_hall("甲镇便民服务中心", "Town Center", cls.district).name
		cls.town2 = make_hall("乙镇便民服务中心", "Town Center", cls.district).name
		cls.station1 = make_hall("甲镇新华社区便民服务站", "Village Station", cls.town1).name

		cls.w_district = make_window(cls.district, 1).name
		cls.w_town1 = make_window(cls.town1, 1).name
		cls.w_town2 = make_window(cls.town2, 1).name
		cls.w_station1 = make_window(cls.station1, 1, "Assisted and Proxy Service").name
		cls.w_other = make_window(cls.other_district, 1).name

		cls.staff1 = make_user("staff1", ["Window Staff"], cls.town1)
		cls.staff2 = make_user("staff2", ["Window Staff"], cls.town2)
		cls.director = make_user("director", ["Center Director", "Supervisor"], cls.district)
		cls.admin_d = make_user("admin-d", ["Hall Administrator"], cls.district)
		cls.admin_t1 = make_user("admin-t1", ["Hall Administrator"], cls.town1)

		cls.s_town1 = make_staff(cls.w_town1, cls.staff1).name
		cls.s_town2 = make_staff(cls.w_town2, cls.staff2).name
		cls.s_district = make_staff(cls.w_district, cls.director, "B Post").name
		cls.s_other = make_staff(cls.w_other, cls.admin_d).name

	def as_user(self, user):
		frappe.set_user(user)

	def test_assignment_is_a_user_permission_on_service_hall_for_all_doctypes(self):
		first = assign_user_to_hall(self.staff1, self.town1)
		self.assertEqual(assign_user_to_hall(self.staff1, self.town1), first, "idempotent")
		perm = frappe.get_doc("User Permission", first)
		self.assertEqual(
			(perm.allow, perm.for_value, perm.apply_to_all_doctypes, perm.hide_descendants, perm.is_default),
			("Service Hall", self.town1, 1, 0, 1),
		)

	def test_staff_lists_only_their_halls_windows_and_staff(self):
		self.as_user(self.staff1)
		self.assertEqual(
			set(frappe.get_list("Service Window", pluck="name")), {self.w_town1, self.w_station1}
		)
		self.assertEqual(set(frappe.get_list("Window Staff", pluck="name")), {self.s_town1})
		self.assertEqual(set(frappe.get_list("Service Hall", pluck="name")), {self.town1, self.station1})

	def test_staff_cannot_open_another_halls_window_or_staff(self):
		self.as_user(self.staff1)
		for doctype, name in (
			("Service Window", self.w_town2),
			("Window Staff", self.s_town2),
			("Service Window", self.w_other),
		):
			self.assertFalse(frappe.has_permission(doctype, "read", doc=name), name)
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc(doctype, name).check_permission("read")
			with self.assertRaises(frappe.PermissionError):
				frappe.client.get(doctype, name)
		self.assertTrue(frappe.has_permission("Service Window", "read", doc=self.w_town1))
		self.assertTrue(frappe.has_permission("Window Staff", "read", doc=self.s_town1))

	def test_staff_can_open_their_own_hall_although_its_parent_is_outside(self):
		self.as_user(self.staff1)
		self.assertTrue(frappe.has_permission("Service Hall", "read", doc=self.town1))
		self.assertFalse(frappe.has_permission("Service Hall", "read", doc=self.district))
		self.assertFalse(frappe.has_permission("Service Hall", "read", doc=self.town2))

	def test_rest_resource_handlers_apply_the_scope(self):
		"""What GET /api/resource/Service Window[/name] runs (frappe.api.v1), as the user."""
		from frappe.api import v1

		self.as_user(self.staff1)
		frappe.local.form_dict = frappe._dict({"limit_page_length": 0})
		names = {row["name"] for row in v1.document_list("Service Window")}
		self.assertEqual(names, {self.w_town1, self.w_station1})
		frappe.local.form_dict = frappe._dict({"limit_page_length": 0})
		self.assertEqual({r["name"] for r in v1.document_list("Window Staff")}, {self.s_town1})
		frappe.local.form_dict = frappe._dict()
		self.assertEqual(v1.read_doc("Service Window", self.w_town1).name, self.w_town1)
		with self.assertRaises(frappe.PermissionError):
			v1.read_doc("Service Window", self.w_town2)
		with self.assertRaises(frappe.PermissionError):
			v1.read_doc("Window Staff", self.s_town2)
		rows = frappe.client.get_list(
			"Service Window", filters={"service_hall": self.town2}, limit_page_length=0
		)
		self.assertEqual(rows, [])

	def test_district_user_sees_the_whole_subtree(self):
		self.as_user(self.director)
		self.assertEqual(
			set(frappe.get_list("Service Window", pluck="name")),
			{self.w_district, self.w_town1, self.w_town2, self.w_station1},
		)
		self.assertEqual(
			set(frappe.get_list("Window Staff", pluck="name")), {self.s_town1, self.s_town2, self.s_district}
		)
		self.assertFalse(frappe.has_permission("Service Window", "read", doc=self.w_other))
		self.assertEqual(get_top_halls(), [self.district])

	def test_a_new_hall_is_visible_at_once_to_the_users_above_it(self):
		self.assertNotIn("x", get_allowed_halls(self.director) or {"x"})  # warms the cache
		town3 = make_hall("丙镇便民服务中心", "Town Center", self.district).name
		window = make_window(town3, 1).name
		self.as_user(self.director)
		self.assertIn(window, frappe.get_list("Service Window", pluck="name"))
		self.assertTrue(frappe.has_permission("Service Hall", "read", doc=town3))

	def test_district_administrator_manages_the_subtree_only(self):
		self.as_user(self.admin_d)
		town = new_hall("丁镇便民服务中心", "Town Center", self.district).insert()
		window = new_window(town.name, 1, window_name="一站式窗口").insert()
		new_staff(window.name, self.staff1).insert()
		with self.assertRaises(frappe.PermissionError):
			new_hall("外区镇", "Town Center", self.other_district).insert()
		with self.assertRaises(frappe.PermissionError):
			new_hall("新区", "District Center").insert()
		with self.assertRaises(frappe.PermissionError):
			new_window(self.other_district, 9, "General Consultation", window_name="越权窗口").insert()

	def test_town_administrator_cannot_reach_above_or_sideways(self):
		self.as_user(self.admin_t1)
		station = new_hall("甲镇光明社区便民服务站", "Village Station", self.town1).insert()
		with self.assertRaises(frappe.PermissionError):
			new_hall("越权镇", "Town Center", self.district).insert()
		station.parent_service_hall = self.town2
		with self.assertRaises((HallOutsideJurisdictionError, frappe.PermissionError)):
			station.save()
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Service Window", self.w_town2).save()

	def test_report_lists_only_the_users_halls(self):
		self.as_user(self.director)
		windows = {row["service_window"] for row in ab_post_violations.execute({})[1]}
		self.assertIn(self.w_town1, windows)  # A and no B
		self.assertNotIn(self.w_other, windows)  # outside the jurisdiction


# ---------------------------------------------------------------------------------------------- unassigned users
class TestUnassignedUsers(HallTestCase):
	"""Frappe does not restrict a user who holds no User Permission; these hooks make such a user see nothing."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.hall = make_hall("无属地区政务服务中心", "District Center").name
		cls.window = make_window(cls.hall, 1).name
		cls.loose = make_user("loose-staff", ["Window Staff"])
		cls.sysman = make_user("loose-sysman", ["System Manager"])
		cls.assigned = make_user("assigned-staff", ["Window Staff"], cls.hall)

	def visible(self, user):
		frappe.set_user(user)
		return (
			set(frappe.get_list("Service Window", pluck="name", limit=0)),
			frappe.has_permission("Service Window", "read", doc=self.window),
		)

	def test_hooks_wire_every_hall_scoped_doctype(self):
		scoped = set(frappe.get_hooks("hall_scoped_doctypes"))
		self.assertTrue({"Service Hall", "Service Window", "Window Staff", "Service Item"} <= scoped)
		for doctype in scoped:
			self.assertIn(
				"zhengwu_hall.setup.permissions.get_permission_query_conditions",
				frappe.get_hooks("permission_query_conditions").get(doctype, []),
				doctype,
			)
			self.assertIn(
				"zhengwu_hall.setup.permissions.has_hall_permission",
				frappe.get_hooks("has_permission").get(doctype, []),
				doctype,
			)

	def test_an_unassigned_user_sees_nothing(self):
		self.assertEqual(self.visible(self.loose), (set(), False))
		frappe.set_user(self.loose)
		for doctype in frappe.get_hooks("hall_scoped_doctypes"):
			if not frappe.has_permission(doctype, "read"):
				continue  # refused by role (e.g. Absence Record for Window Staff): sees nothing either
			self.assertEqual(frappe.get_list(doctype, limit=1), [], doctype)

	def test_system_manager_and_assigned_users_are_not_affected(self):
		windows, can_read = self.visible(self.sysman)
		self.assertIn(self.window, windows)
		self.assertTrue(can_read)
		self.assertEqual(self.visible(self.assigned), ({self.window}, True))


# ---------------------------------------------------------------------------------------------- AB posts
class TestABPosts(HallTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.hall = make_hall("AB区政务服务中心", "District Center").name
		cls.town = make_hall("AB镇便民服务中心", "Town Center", cls.hall).name
		u = [make_user(f"ab{i}", ["Window Staff"]) for i in range(8)]
		cls.users = u

		cls.ok = make_window(cls.hall, 1).name
		make_staff(cls.ok, u[0])
		make_staff(cls.ok, u[1])
		make_staff(cls.ok, u[2], "B Post")

		cls.no_b = make_window(cls.hall, 2).name
		make_staff(cls.no_b, u[0])

		cls.two_b = make_window(cls.hall, 3).name
		make_staff(cls.two_b, u[3])
		make_staff(cls.two_b, u[4], "B Post")
		make_staff(cls.two_b, u[5], "B Post")

		cls.b_only = make_window(cls.town, 1).name
		make_staff(cls.b_only, u[6], "B Post")

		cls.three_a = make_window(cls.hall, 4).name
		for user in u[0:3]:
			make_staff(cls.three_a, user)
		make_staff(cls.three_a, u[6], "B Post")
		make_staff(cls.three_a, u[7], "B Post")

		cls.inactive_b = make_window(cls.hall, 5).name
		make_staff(cls.inactive_b, u[3])
		make_staff(cls.inactive_b, u[4], "B Post", is_active=0)

		cls.closed = make_window(cls.hall, 6, is_active=0).name
		make_staff(cls.closed, u[5])

		cls.unstaffed = make_window(cls.hall, 7).name

	def report(self, **filters):
		return {(r["service_window"], r["problem_kind"]) for r in ab_post_violations.execute(filters)[1]}

	def test_report_lists_exactly_the_violations(self):
		self.assertEqual(
			self.report(service_hall=self.hall),
			{
				(self.no_b, staffing.MISSING_B),
				(self.two_b, staffing.MULTIPLE_B),
				(self.b_only, staffing.B_WITHOUT_A),
				(self.inactive_b, staffing.MISSING_B),
			},
		)

	def test_report_filters(self):
		self.assertEqual(self.report(service_hall=self.town), {(self.b_only, staffing.B_WITHOUT_A)})
		self.assertEqual(
			self.report(service_hall=self.hall, problem=staffing.MULTIPLE_B),
			{(self.two_b, staffing.MULTIPLE_B)},
		)

	def test_report_rows_name_people_and_rules(self):
		columns, rows, _message, _chart, summary = ab_post_violations.execute({"service_hall": self.hall})
		row = next(r for r in rows if r["service_window"] == self.two_b)
		self.assertEqual((row["a_count"], row["b_count"]), (1, 2))
		self.assertIn("测试ab4", row["b_staff"])
		self.assertIn("第十五条", row["rule"])
		self.assertEqual(
			{c["fieldname"] for c in columns} >= {"service_hall", "service_window", "problem"}, True
		)
		self.assertEqual(sum(s["value"] for s in summary), len(rows))

	def test_saving_a_window_without_b_warns_and_saves(self):
		window = make_window(self.hall, 8).name
		frappe.clear_messages()
		staff = make_staff(window, self.users[0])
		self.assertTrue(frappe.db.exists("Window Staff", staff.name), "a warning, not a refusal")
		shown = messages()
		self.assertTrue(any(window in m for m in shown), shown)
		frappe.clear_messages()
		make_staff(window, self.users[1], "B Post")
		self.assertEqual(frappe.local.message_log, [])

	def test_one_post_per_person_and_window(self):
		with self.assertRaises(DuplicateWindowStaffError):
			make_staff(self.ok, self.users[0], "B Post")

	def test_staff_hall_follows_the_window(self):
		staff = frappe.get_all(
			"Window Staff", filters={"service_window": self.b_only}, fields=["service_hall"]
		)
		self.assertEqual(staff[0].service_hall, self.town)


# ---------------------------------------------------------------------------------------------- time limits
class TestServiceItemLimits(HallTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.hall = make_hall("时限区政务服务中心", "District Center").name
		cls.department = make_department(cls.hall, business_line=make_line("市场监管")).name
		frappe.translate.clear_cache()

	def count(self):
		return frappe.db.count("Service Item", {"stationed_department": self.department})

	def test_promised_not_shorter_than_statutory_is_refused_in_chinese(self):
		frappe.local.lang = "zh"
		for promised in (20, 21):
			before = self.count()
			with self.assertRaises(PromisedLimitNotShorterError) as caught:
				new_item(self.department, f"食品经营许可{promised}", 20, promised).insert()
			self.assertIn("承诺办结时限", str(caught.exception))
			self.assertIn("必须少于法定时限", str(caught.exception))
			self.assertEqual(self.count(), before, "nothing saved")

	def test_shorter_promise_saves(self):
		item = new_item(self.department, "个体工商户设立登记", 3, 1).insert()
		self.assertEqual(
			frappe.db.get_value("Service Item", item.name, ["statutory_limit", "promised_limit"]), (3, 1)
		)
		self.assertEqual(item.service_hall, self.hall)
		self.assertEqual(item.business_line, "市场监管")

	def test_no_statutory_limit_allows_any_promise(self):
		item = new_item(self.department, "异地就医备案", None, 0).insert()
		self.assertIsNone(item.get_statutory_limit())
		item = new_item(self.department, "职工退休审批", None, 30).insert()
		self.assertEqual(item.promised_limit, 30)

	def test_editing_an_item_to_a_longer_promise_is_refused(self):
		item = new_item(self.department, "药品零售企业许可", 20, 10).insert()
		item.promised_limit = 20
		with self.assertRaises(PromisedLimitNotShorterError):
			item.save()
		self.assertEqual(frappe.db.get_value("Service Item", item.name, "promised_limit"), 10)

	def test_invalid_limits(self):
		with self.assertRaises(InvalidStatutoryLimitError):
			new_item(self.department, "法定零", 0, 0).insert()
		with self.assertRaises(NegativePromisedLimitError):
			new_item(self.department, "负数", None, -1).insert()


# ---------------------------------------------------------------------------------------------- permissions per DocType
class TestDocTypePermissions(HallTestCase):
	"""Hall Administrator manages the organisation records; the others read what they need, role by role.

	That a Hall Administrator inserts each record and reads it back, and that the user it is not meant for is
	refused, is the smoke test of every DocType (test_smoke.py); here each role of the app is checked.
	"""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.hall = make_hall("权限区政务服务中心", "District Center").name
		cls.users = {role: make_user(f"perm-{i}", [role], cls.hall) for i, role in enumerate(ALL_ROLES)}
		cls.nobody = make_user("perm-nobody", [], cls.hall)
		cls.line = make_line("民政")

	def assert_readers(self, doctype, name, readers):
		for role, user in self.users.items():
			frappe.set_user(user)
			can = frappe.has_permission(doctype, "read", doc=name)
			self.assertEqual(can, role in readers, f"{role} reading {doctype}")
			if can:
				self.assertEqual(frappe.get_doc(doctype, name).name, name)
			else:
				with self.assertRaises(frappe.PermissionError):
					frappe.get_list(doctype, pluck="name")
		frappe.set_user(self.nobody)
		self.assertFalse(frappe.has_permission(doctype, "read", doc=name))
		frappe.set_user("Administrator")

	def assert_only_admin_creates(self, doctype):
		for role, user in self.users.items():
			frappe.set_user(user)
			self.assertEqual(frappe.has_permission(doctype, "create"), role == "Hall Administrator", role)
		frappe.set_user("Administrator")

	def test_service_hall(self):
		town = make_hall("权限镇", "Town Center", self.hall)
		self.assertEqual(frappe.db.get_value("Service Hall", town.name, "parent_service_hall"), self.hall)
		self.assert_readers("Service Hall", town.name, ALL_ROLES)
		self.assert_only_admin_creates("Service Hall")

	def test_business_line(self):
		line = make_line(f"测试{RUN}条线")
		self.assert_readers("Business Line", line, ALL_ROLES)
		self.assert_only_admin_creates("Business Line")

	def test_stationed_department(self):
		dept = make_department(
			self.hall, "民政局", business_line=self.line, liaison_user=self.users["Department Liaison"]
		)
		self.assertEqual(frappe.db.get_value("Stationed Department", dept.name, "liaison_name"), "测试perm-4")
		self.assert_readers("Stationed Department", dept.name, ALL_ROLES)
		self.assert_only_admin_creates("Stationed Department")

	def test_service_window(self):
		window = make_window(self.hall, 1, "General Consultation", window_name="综合咨询窗口")
		self.assert_readers("Service Window", window.name, ALL_ROLES)
		self.assert_only_admin_creates("Service Window")

	def test_window_staff(self):
		window = make_window(self.hall, 2).name
		staff = make_staff(window, self.users["Window Staff"], employment="Contracted Staff")
		self.assertEqual(staff.service_hall, self.hall)
		self.assert_readers("Window Staff", staff.name, set(ALL_ROLES) - {"Proxy Agent"})
		self.assert_only_admin_creates("Window Staff")

	def test_service_item(self):
		dept = make_department(self.hall, "医疗保障局").name
		item = make_item(dept, "异地就医备案", None, 0)
		self.assert_readers("Service Item", item.name, ALL_ROLES)
		self.assert_only_admin_creates("Service Item")

	def test_readers_cannot_write(self):
		window = make_window(self.hall, 3)
		for role in set(ALL_ROLES) - {"Hall Administrator"}:
			frappe.set_user(self.users[role])
			self.assertFalse(frappe.has_permission("Service Window", "write", doc=window.name), role)
		frappe.set_user(self.users["Window Staff"])
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Service Window", window.name).save()


# ---------------------------------------------------------------------------------------------- demo
class TestDemo(HallTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		from zhengwu_hall.setup.demo import make_demo

		cls.make_demo = staticmethod(make_demo)
		cls.admin_existed = frappe.db.exists("User", "qinzhou-qinnan.d-admin1@example.com")
		cls.first = make_demo("qinzhou-qinnan", size=1, password="Demo#Pass1")
		cls.second = make_demo("qinzhou-qinnan", size=1, password="Demo#Pass1")

	def test_organisation_of_qinnan(self):
		top = self.first["top_hall"]
		self.assertEqual(top, "钦南区政务服务中心")
		pack = frappe.db.get_value("Service Hall", top, "rule_pack")
		self.assertEqual(
			frappe.db.get_value("Jurisdiction Rule Pack", pack, "jurisdiction"), "qinzhou-qinnan"
		)
		halls = frappe.get_all(
			"Service Hall",
			filters={
				"lft": [">=", frappe.db.get_value("Service Hall", top, "lft")],
				"rgt": ["<=", frappe.db.get_value("Service Hall", top, "rgt")],
			},
			fields=["hall_level"],
		)
		levels = [h.hall_level for h in halls]
		# size 1 unless the site already held a bigger demo: 3 towns, 6 stations, 10 windows per unit, plus 2
		size = self.demo_size()
		self.assertEqual(
			(
				levels.count("District Center"),
				levels.count("Branch Hall"),
				levels.count("Town Center"),
				levels.count("Village Station"),
			),
			(1, 2, 3 * size, 6 * size),
		)
		self.assertEqual(len(self.demo_windows()), 10 * size + 2)
		users = frappe.get_all(
			"User", filters={"name": ["like", "qinzhou-qinnan.%@example.com"]}, pluck="name"
		)
		self.assertGreaterEqual(len(users), 30)
		roles = set(frappe.get_all("Has Role", filters={"parent": ["in", users]}, pluck="role"))
		self.assertTrue(set(ALL_ROLES) <= roles, set(ALL_ROLES) - roles)
		unassigned = [
			u for u in users if not frappe.db.exists("User Permission", {"user": u, "allow": "Service Hall"})
		]
		self.assertEqual(unassigned, ["qinzhou-qinnan.d-sysadmin1@example.com"])
		managers = set(
			frappe.get_all(
				"Has Role", filters={"parent": ["in", users], "role": "System Manager"}, pluck="parent"
			)
		)
		self.assertEqual(managers, {"qinzhou-qinnan.d-sysadmin1@example.com"})

	def demo_windows(self):
		return frappe.get_all(
			"Service Window",
			filters={"service_hall": ["descendants of (inclusive)", self.first["top_hall"]]},
			pluck="name",
		)

	def demo_size(self):
		towns = frappe.db.count(
			"Service Hall", {"parent_service_hall": self.first["top_hall"], "hall_level": "Town Center"}
		)
		return towns // 3

	def test_second_run_creates_nothing(self):
		self.assertEqual(self.second["created"], {})
		self.assertGreater(sum(self.second["existing"].values()), 100)

	def test_users_can_log_in(self):
		from frappe.utils.password import check_password

		if self.admin_existed:
			self.skipTest("the demo was loaded on this site before the test, with its own password")
		self.assertEqual(
			check_password("qinzhou-qinnan.d-admin1@example.com", "Demo#Pass1"),
			"qinzhou-qinnan.d-admin1@example.com",
		)

	def test_demo_users_are_scoped(self):
		frappe.set_user("qinzhou-qinnan.t001-staff01@example.com")
		halls = {w.service_hall for w in frappe.get_list("Service Window", fields=["service_hall"])}
		self.assertEqual(halls, {"钦南区尖山街道便民服务中心"})
		frappe.set_user("qinzhou-qinnan.d-director1@example.com")
		self.assertEqual(
			set(frappe.get_list("Service Window", pluck="name", limit=0)), set(self.demo_windows())
		)

	def test_the_deliberate_ab_violation_is_reported(self):
		rows = ab_post_violations.execute({"service_hall": self.first["top_hall"]})[1]
		self.assertEqual(
			[(r["service_window"], r["problem_kind"]) for r in rows],
			[("钦南区政务服务中心-6", staffing.MISSING_B)],
		)

	def test_every_item_promises_less_than_the_law(self):
		items = frappe.get_all(
			"Service Item",
			filters={"service_hall": ["descendants of (inclusive)", self.first["top_hall"]]},
			fields=["has_statutory_limit", "statutory_limit", "promised_limit"],
		)
		self.assertGreater(len(items), 10)
		for item in items:
			if item.has_statutory_limit:
				self.assertLess(item.promised_limit, item.statutory_limit)

	def test_missing_pack_is_a_clear_chinese_error(self):
		from zhengwu_hall.setup.demo import DemoRulePackMissingError

		frappe.local.lang = "zh"
		frappe.translate.clear_cache()
		before = frappe.db.count("Service Hall")
		with self.assertRaises(DemoRulePackMissingError) as caught:
			self.make_demo("no-such-place")
		self.assertIn("辖区规则包 no-such-place 不存在", str(caught.exception))
		self.assertEqual(frappe.db.count("Service Hall"), before)


# ---------------------------------------------------------------------------------------------- real HTTP (optional)
@pytest.mark.skipif(
	not os.environ.get("ZHENGWU_TEST_URL"),
	reason="set ZHENGWU_TEST_URL to a server of this site with the demo loaded",
)
def test_rest_over_http_is_scoped():
	"""GET /api/resource/Service Window over HTTP as two demo users of sibling towns (demo data must be committed)."""
	import requests

	url = os.environ["ZHENGWU_TEST_URL"].rstrip("/")
	password = os.environ.get("ZHENGWU_DEMO_PASSWORD", "Zhengwu#2025")

	def windows(user):
		session = requests.Session()
		r = session.post(f"{url}/api/method/login", data={"usr": user, "pwd": password}, timeout=30)
		assert r.status_code == 200, r.text
		r = session.get(
			f"{url}/api/resource/Service Window",
			params={"fields": '["name","service_hall"]', "limit_page_length": 0},
			timeout=30,
		)
		assert r.status_code == 200, r.text
		return r.json()["data"], session

	rows, session = windows("qinzhou-qinnan.t001-staff01@example.com")
	assert rows and {r["service_hall"] for r in rows} == {"钦南区尖山街道便民服务中心"}
	other = "钦南区沙埠镇便民服务中心-1"
	r = session.get(f"{url}/api/resource/Service Window/{other}", timeout=30)
	assert r.status_code == 403, r.status_code
	rows, _ = windows("qinzhou-qinnan.d-director1@example.com")
	assert len(rows) >= 12
