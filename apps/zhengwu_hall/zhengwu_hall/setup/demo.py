"""Demo organisation: `bench --site S zhengwu-demo --jurisdiction qinzhou-qinnan --size 1`.

For size 1 (钦南区, the default) it makes

- the hall tree: 钦南区政务服务中心 (District Center, governed by the jurisdiction's rule pack) with two 分厅
  (不动产登记, 社保医保), three 镇/街道 便民服务中心 and six 社区/村 便民服务站 (two per town);
- business lines, stationed departments with liaisons, and service items with statutory and promised limits in
  working days (promised always shorter, seed 001 限时办结制度 第四条);
- twelve windows of the seed 003 window types, ~40 users with Chinese names in every role, each assigned to
  their hall by a User Permission (they see that hall and its subtree), and A/B posts on the windows.

One window (跨省通办窗口 of the district center) deliberately has an A post and no B post, so that the
"AB Post Violations" report has something to show.

``size`` multiplies the towns (3 per unit), stations (6 per unit) and windows/staff (about 10 windows and
35 users per unit): size 10 is about 100 windows and 400 users.

Users log in with their e-mail, e.g. ``qinzhou-qinnan.d-admin1@example.com`` (the district's Hall
Administrator; ``qinzhou-qinnan.d-sysadmin1@example.com`` is the demo's System Manager, bound to no hall), and
the password given by ``password``, else the environment variable
``ZHENGWU_DEMO_PASSWORD``, else ``DEFAULT_DEMO_PASSWORD`` ("Zhengwu#2025").

Idempotent: every record is looked up by its natural key first (hall name; hall + department name; hall +
window number; department + item name; e-mail; window + user), so a second run creates nothing twice and a
run with a bigger ``size`` only adds what is missing. Existing records are not overwritten (the top hall's
rule pack is the one exception: it is set to the requested jurisdiction's pack).
"""

import os
import zlib
from dataclasses import dataclass, field

import frappe
from frappe import _

from zhengwu_hall.setup.permissions import assign_user_to_hall

DEFAULT_DEMO_PASSWORD = "Zhengwu#2025"
PASSWORD_ENV = "ZHENGWU_DEMO_PASSWORD"
EMAIL_DOMAIN = "example.com"
RULE_PACK_DOCTYPE = "Jurisdiction Rule Pack"

A, B = "A Post", "B Post"
ESTABLISHED, CONTRACTED = "Established Staff", "Contracted Staff"

HALL_ADMIN = "Hall Administrator"
SUPERVISOR = "Supervisor"
DEPUTY = "Center Deputy Director"
DIRECTOR = "Center Director"
LIAISON = "Department Liaison"
LEADER = "Government Leader"
STAFF = "Window Staff"
AGENT = "Proxy Agent"


class DemoRulePackMissingError(frappe.ValidationError):
	pass


# ---------------------------------------------------------------------------------------------- profiles
@dataclass(frozen=True)
class Profile:
	district: str  # 区/旗/县
	city: str  # 市/盟
	area_code: str
	towns: tuple[str, ...]
	prefecture_center: str | None = None  # a 盟/市 level root above the district center (seed 003)
	document_org_name: str | None = None  # the district center's name on official documents
	extra_windows: tuple[tuple[str, str], ...] = field(default_factory=tuple)


PROFILES = {
	"qinzhou-qinnan": Profile(
		district="钦南区",
		city="钦州市",
		area_code="0777",
		towns=(
			"尖山街道",
			"沙埠镇",
			"康熙岭镇",
			"向阳街道",
			"水东街道",
			"文峰街道",
			"南珠街道",
			"黄屋屯镇",
			"大番坡镇",
			"龙门港镇",
			"犀牛脚镇",
			"东场镇",
			"那丽镇",
			"那彭镇",
			"那思镇",
			"久隆镇",
		),
		document_org_name="钦南区政务服务和政务公开工作领导小组办公室",
	),
	"liuzhou-chengzhong": Profile(
		district="城中区",
		city="柳州市",
		area_code="0772",
		towns=("城中街道", "公园街道", "中南街道", "水上街道", "潭中街道", "河东街道", "静兰街道"),
	),
	"baofeng": Profile(
		district="宝丰县",
		city="平顶山市",
		area_code="0375",
		towns=("城关镇", "周庄镇", "闹店镇", "石桥镇", "商酒务镇", "杨庄镇", "赵庄镇", "大营镇", "张八桥镇"),
	),
	"alxa": Profile(
		district="阿拉善左旗",
		city="阿拉善盟",
		area_code="0483",
		towns=(
			"巴彦浩特镇",
			"吉兰泰镇",
			"宗别立镇",
			"敖伦布拉格镇",
			"温都尔勒图镇",
			"巴润别立镇",
			"嘉尔嘎勒赛汉镇",
			"腾格里额里斯镇",
			"乌力吉苏木",
			"银根苏木",
		),
		prefecture_center="阿拉善盟政务服务中心",
		extra_windows=(("盟域通办窗口", "Prefecture-wide Service"),),
	),
	"xx-district": Profile(
		district="XX区",
		city="XX市",
		area_code="0000",
		towns=("城关街道", "东城街道", "西城街道", "北关镇", "南湖镇", "新庄镇"),
	),
}

GENERIC_PROFILE = Profile(
	district="示范区", city="示范市", area_code="0000", towns=("城关街道", "东城街道", "西城街道", "北关镇")
)

COMMUNITY_ROOTS = (
	"新华",
	"和平",
	"光明",
	"建设",
	"团结",
	"东风",
	"向阳",
	"幸福",
	"胜利",
	"民主",
	"红星",
	"长青",
)

BUSINESS_LINES = (
	("综合服务", "综合咨询、无差别综合受理、帮办代办"),
	("市场监管", "市场主体登记、食品药品许可"),
	("人力资源和社会保障", "就业、社会保险、退休"),
	("医疗保障", "医保参保、异地就医"),
	("税务", "发票、税务登记"),
	("公安", "户籍、居住证"),
	("民政", "婚姻登记、社会救助、津贴补贴"),
	("不动产登记", "不动产首次、转移、抵押登记"),
	("农业农村", "宅基地、农业补贴"),
)

# (department, business line, liaison key or None, [(item, statutory limit or None, promised limit)])
# Limits are working days; 0 promised = 即办.
DISTRICT_DEPARTMENTS = (
	(
		"{district}市场监督管理局",
		"市场监管",
		"liaison1",
		(("个体工商户设立登记", 3, 1), ("食品经营许可", 10, 5), ("药品零售企业许可", 20, 10)),
	),
	(
		"{district}人力资源和社会保障局",
		"人力资源和社会保障",
		"liaison2",
		(("就业创业证申领", None, 3), ("失业保险金申领", None, 5), ("职工正常退休审批", None, 10)),
	),
	(
		"{district}医疗保障局",
		"医疗保障",
		None,
		(("异地就医备案", None, 0), ("城乡居民基本医疗保险参保登记", None, 0)),
	),
	(
		"国家税务总局{city}{district}税务局",
		"税务",
		None,
		(("发票领用", None, 0), ("税务登记信息变更", None, 1)),
	),
	("{city}公安局{district}分局", "公安", None, (("居住证申领", 15, 7),)),
	("{district}民政局", "民政", None, (("婚姻登记", None, 0), ("最低生活保障审批", None, 15))),
)

BRANCHES = (
	(
		"不动产登记分厅",
		(
			"{district}不动产登记中心",
			"不动产登记",
			(("不动产首次登记", 30, 5), ("不动产转移登记", 30, 3), ("不动产抵押登记", 30, 1)),
		),
		(
			"不动产登记综合窗口",
			(("staff01", A, ESTABLISHED), ("staff02", A, CONTRACTED), ("staff03", B, ESTABLISHED)),
		),
	),
	(
		"社保医保分厅",
		(
			"{district}社会保险事业管理中心",
			"人力资源和社会保障",
			(("养老保险关系转移接续", 15, 10), ("社会保障卡申领", None, 0)),
		),
		("社保医保综合窗口", (("staff01", A, ESTABLISHED), ("staff02", B, CONTRACTED))),
	),
)

TOWN_DEPARTMENTS = (
	(
		"{town}社会事务办公室",
		"民政",
		(
			("高龄津贴申请", None, 5),
			("城乡居民基本养老保险参保登记", None, 0),
			("残疾人两项补贴申请", None, 10),
		),
	),
	("{town}农业农村服务中心", "农业农村", (("农村宅基地和建房(规划许可)申请", 20, 10),)),
)

# District center windows: (number, name, type, [(person key, post, employment)]).
# Window 6 has no B on purpose: the AB Post Violations report shows it.
DISTRICT_WINDOWS = (
	("1", "综合咨询窗口", "General Consultation", (("staff01", A, ESTABLISHED), ("staff02", B, CONTRACTED))),
	(
		"2",
		"综合受理窗口(一)",
		"Comprehensive (All Matters)",
		(("staff03", A, ESTABLISHED), ("staff04", A, CONTRACTED), ("staff05", B, ESTABLISHED)),
	),
	(
		"3",
		"综合受理窗口(二)",
		"Comprehensive (All Matters)",
		(("staff06", A, ESTABLISHED), ("staff05", B, ESTABLISHED)),
	),
	(
		"4",
		"帮办代办窗口",
		"Assisted and Proxy Service",
		(("agent01", A, CONTRACTED), ("staff07", B, CONTRACTED)),
	),
	(
		"5",
		"办不成事反映窗口",
		"Unresolved Matters",
		(("staff08", A, ESTABLISHED), ("deputy1", B, ESTABLISHED)),
	),
	("6", "跨省通办窗口", "Inter-provincial Service", (("staff09", A, ESTABLISHED),)),
)

# Roles of each person key (the digits do not matter).
ROLE_BY_KEY_PREFIX = (
	("admin", (HALL_ADMIN,)),
	("supervisor", (SUPERVISOR,)),
	("director", (DIRECTOR,)),
	("deputy", (DEPUTY, STAFF)),
	("liaison", (LIAISON,)),
	("leader", (LEADER,)),
	("agent", (AGENT, STAFF)),
	("staff", (STAFF,)),
)
STATION_AGENT_ROLES = (AGENT,)
SYSTEM_ADMIN_ROLES = ("System Manager",)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐韦覃蒙莫陆"
GIVEN_FIRST = "志建海秀丽伟晓明国春玉小永金文红德俊雪佳"
GIVEN_SECOND = "强华军芳敏平燕琳杰斌洁婷涛辉静霞峰勇娟宁"


def person_name(index: int) -> str:
	"""The index-th name of a fixed pool of 30 × 400 Chinese names (numbered beyond that)."""
	s, g = len(SURNAMES), len(GIVEN_FIRST) * len(GIVEN_SECOND)
	surname = SURNAMES[index % s]
	given_index = (index // s) % g
	given = GIVEN_FIRST[given_index // len(GIVEN_SECOND)] + GIVEN_SECOND[given_index % len(GIVEN_SECOND)]
	cycle = index // (s * g)
	return surname + given + (str(cycle + 1) if cycle else "")


def roles_for_key(key: str) -> tuple[str, ...]:
	for prefix, roles in ROLE_BY_KEY_PREFIX:
		if key.startswith(prefix):
			return roles
	raise ValueError(key)


# ---------------------------------------------------------------------------------------------- the builder
class DemoBuilder:
	def __init__(self, jurisdiction: str, size: int, verbose: bool, password: str):
		self.jurisdiction = jurisdiction
		self.size = max(1, int(size or 1))
		self.verbose = verbose
		self.password = password
		self.profile = PROFILES.get(jurisdiction, GENERIC_PROFILE)
		self.created: dict[str, int] = {}
		self.existing: dict[str, int] = {}
		self.used_names: set[str] = set()
		self.seen: set[tuple[str, str | None]] = set()
		# messages in the site's language (a bench command runs in English otherwise)
		self.lang = frappe.db.get_single_value("System Settings", "language") or "zh"
		self.pool_size = len(SURNAMES) * len(GIVEN_FIRST) * len(GIVEN_SECOND)

	# -------------------------------------------------------------------------------- output
	def say(self, message: str):
		if self.verbose:
			print(message)

	def count(self, doctype: str, created: bool, name: str | None = None):
		if created:
			self.created[doctype] = self.created.get(doctype, 0) + 1
		elif (doctype, name) not in self.seen:
			# existed before this run (a record met twice in one run counts once)
			self.existing[doctype] = self.existing.get(doctype, 0) + 1
		self.seen.add((doctype, name))

	# -------------------------------------------------------------------------------- generic get-or-create
	def ensure(self, doctype: str, key: dict, values: dict) -> str:
		name = frappe.db.get_value(doctype, key, "name")
		if name:
			self.count(doctype, False, name)
			return name
		doc = frappe.get_doc({"doctype": doctype, **key, **values})
		doc.insert(ignore_permissions=True)
		self.count(doctype, True, doc.name)
		return doc.name

	# -------------------------------------------------------------------------------- rule pack
	def get_rule_pack(self) -> str:
		pack = None
		if frappe.db.exists("DocType", RULE_PACK_DOCTYPE):
			pack = frappe.db.get_value(RULE_PACK_DOCTYPE, {"jurisdiction": self.jurisdiction}, "name")
		if not pack:
			frappe.throw(
				_(
					"Jurisdiction rule pack {0} does not exist. Load the rule packs first (bench --site SITE zhengwu-sync-packs) or choose one of the existing packs.",
					lang=self.lang,
				).format(self.jurisdiction),
				DemoRulePackMissingError,
				title=_("Rule Pack Not Found", lang=self.lang),
			)
		return pack

	# -------------------------------------------------------------------------------- records
	def hall(self, name, level, parent=None, **values) -> str:
		existed = frappe.db.exists("Service Hall", name)
		if existed:
			self.count("Service Hall", False, name)
			return name
		doc = frappe.get_doc(
			{
				"doctype": "Service Hall",
				"hall_name": name,
				"hall_level": level,
				"parent_service_hall": parent,
				**values,
			}
		)
		doc.insert(ignore_permissions=True)
		self.count("Service Hall", True, doc.name)
		self.say(f"  新建场所: {name}")
		return doc.name

	def phone(self, key: str) -> str:
		number = zlib.crc32(f"{self.jurisdiction}:{key}".encode()) % 9_000_000 + 1_000_000
		return f"{self.profile.area_code}-{number}"

	def user(self, hall_key: str, key: str, hall: str | None, roles=None) -> str:
		email = f"{self.jurisdiction}.{hall_key}-{key}@{EMAIL_DOMAIN}"
		roles = tuple(roles or roles_for_key(key))
		if frappe.db.exists("User", email):
			self.count("User", False, email)
			user = frappe.get_doc("User", email)
			missing = [r for r in roles if r not in {d.role for d in user.roles}]
			if missing:
				user.add_roles(*missing)
		else:
			full_name = self.new_person_name(email)
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": full_name,
					"language": "zh",
					"time_zone": "Asia/Shanghai",
					"user_type": "System User",
					"send_welcome_email": 0,
					"new_password": self.password,
					"roles": [{"role": role} for role in roles],
				}
			)
			user.insert(ignore_permissions=True)
			self.count("User", True, email)
			self.say(f"    新建用户: {full_name} <{email}> ({'、'.join(_(r, lang='zh') for r in roles)})")
		if hall and not frappe.db.exists(
			"User Permission",
			{"user": email, "allow": "Service Hall", "for_value": hall, "apply_to_all_doctypes": 1},
		):
			self.count("User Permission", True, assign_user_to_hall(email, hall))
		return email

	def new_person_name(self, email: str) -> str:
		if not self.used_names:
			self.used_names = set(
				frappe.get_all(
					"User",
					filters={"name": ["like", f"%@{EMAIL_DOMAIN}"]},
					pluck="first_name",
					limit_page_length=0,
				)
			)
		index = zlib.crc32(email.encode()) % self.pool_size
		while person_name(index) in self.used_names:
			index += 1
		name = person_name(index)
		self.used_names.add(name)
		return name

	def department(self, hall: str, name: str, line: str, liaison: str | None = None) -> str:
		return self.ensure(
			"Stationed Department",
			{"service_hall": hall, "department_name": name},
			{
				"business_line": line,
				"liaison_user": liaison,
				"liaison_phone": self.phone(name) if liaison else None,
			},
		)

	def items(self, department: str, items):
		for item_name, statutory, promised in items:
			self.ensure(
				"Service Item",
				{"stationed_department": department, "item_name": item_name},
				{
					"has_statutory_limit": 1 if statutory else 0,
					"statutory_limit": statutory or 0,
					"promised_limit": promised,
				},
			)

	def window(self, hall: str, number: str, name: str, window_type: str, department=None, line=None) -> str:
		return self.ensure(
			"Service Window",
			{"service_hall": hall, "window_number": number},
			{
				"window_name": name,
				"window_type": window_type,
				"stationed_department": department,
				"business_line": line,
				"published_phone": self.phone(f"{hall}-{number}"),
				"is_active": 1,
			},
		)

	def staff(self, window: str, user: str, post: str, employment: str):
		self.ensure(
			"Window Staff",
			{"service_window": window, "user": user},
			{"post": post, "employment": employment, "posted_on": "2024-01-02", "is_active": 1},
		)

	def staff_window(self, hall: str, hall_key: str, window: str, people):
		for key, post, employment in people:
			self.staff(window, self.user(hall_key, key, hall), post, employment)

	# -------------------------------------------------------------------------------- the organisation
	def build(self) -> dict:
		p = self.profile
		pack = self.get_rule_pack()
		self.say(f"创建演示组织: {p.district} (规则包 {pack}, 规模 {self.size})")

		# Frappe makes the first system user of a site a System Manager when there is none; the demo names one
		# itself, unrestricted (no hall), so that no hall's administrator gets that role by accident.
		self.user("d", "sysadmin1", None, roles=SYSTEM_ADMIN_ROLES)

		self.say("业务条线")
		for line, description in BUSINESS_LINES:
			self.ensure("Business Line", {"business_line_name": line}, {"description": description})

		top = parent = None
		if p.prefecture_center:
			top = parent = self.hall(
				p.prefecture_center, "Prefecture Center", address=f"{p.city}", phone=self.phone("pref")
			)
		district = self.hall(
			f"{p.district}政务服务中心",
			"District Center",
			parent,
			address=f"{p.city}{p.district}政务服务中心大楼",
			phone=self.phone("district"),
			fax=self.phone("district-fax"),
			document_org_name=p.document_org_name,
		)
		top = top or district
		if frappe.db.get_value("Service Hall", top, "rule_pack") != pack:
			frappe.db.set_value("Service Hall", top, "rule_pack", pack)
			self.say(f"  {top} 的规则包设为 {pack}")

		self.build_district(district)
		for index, (suffix, dept, win) in enumerate(BRANCHES, start=1):
			self.build_branch(district, f"b{index}", suffix, dept, win)
		for t in range(3 * self.size):
			self.build_town(district, t)

		self.say(f"完成: 新建 {self.tally(self.created) or '无'}; 已存在 {self.tally(self.existing) or '无'}")
		return {
			"created": dict(self.created),
			"existing": dict(self.existing),
			"top_hall": top,
			"rule_pack": pack,
		}

	@staticmethod
	def tally(counts: dict) -> str:
		return ", ".join(f"{_(doctype, lang='zh')} {n}" for doctype, n in sorted(counts.items()))

	def build_district(self, district: str):
		p = self.profile
		self.say(f"{district}: 部门、事项、窗口与人员")
		for key in ("admin1", "supervisor1", "supervisor2", "director1", "deputy1"):
			self.user("d", key, district)
		for name, line, liaison_key, items in DISTRICT_DEPARTMENTS:
			liaison = self.user("d", liaison_key, district) if liaison_key else None
			department = self.department(
				district, name.format(district=p.district, city=p.city), line, liaison
			)
			self.items(department, items)

		windows = list(DISTRICT_WINDOWS)
		for number_offset, (name, window_type) in enumerate(p.extra_windows, start=7):
			windows.append(
				(
					str(number_offset),
					name,
					window_type,
					((f"staff{number_offset + 3:02d}", A, ESTABLISHED), ("staff05", B, ESTABLISHED)),
				)
			)
		for k in range(6 * (self.size - 1)):
			number = str(100 + k)
			windows.append(
				(
					number,
					f"综合受理窗口({number})",
					"Comprehensive (All Matters)",
					((f"staff{200 + 2 * k}", A, ESTABLISHED), (f"staff{201 + 2 * k}", B, CONTRACTED)),
				)
			)
		for number, name, window_type, people in windows:
			line = "综合服务"
			window = self.window(district, number, name, window_type, None, line)
			self.staff_window(district, "d", window, people)

	def build_branch(self, district: str, hall_key: str, suffix: str, dept, win):
		p = self.profile
		hall = self.hall(
			f"{p.district}政务服务中心{suffix}",
			"Branch Hall",
			district,
			address=f"{p.city}{p.district}{suffix}",
			phone=self.phone(hall_key),
		)
		dept_name, line, items = dept
		department = self.department(hall, dept_name.format(district=p.district, city=p.city), line)
		self.items(department, items)
		window_name, people = win
		window = self.window(hall, "1", window_name, "Comprehensive (By Sector)", department, line)
		self.staff_window(hall, hall_key, window, people)

	def town_name(self, t: int) -> str:
		towns = self.profile.towns
		return towns[t] if t < len(towns) else f"示范{t + 1}镇"

	def build_town(self, district: str, t: int):
		p = self.profile
		town = self.town_name(t)
		hall_key = f"t{t + 1:03d}"
		hall = self.hall(
			f"{p.district}{town}便民服务中心",
			"Town Center",
			district,
			address=f"{p.city}{p.district}{town}便民服务中心",
			phone=self.phone(hall_key),
		)
		self.say(f"{hall}: 部门、事项、窗口与人员")
		for key in ("director1", "deputy1", "leader1"):
			self.user(hall_key, key, hall)
		for name, line, items in TOWN_DEPARTMENTS:
			department = self.department(hall, name.format(town=town), line)
			self.items(department, items)

		window = self.window(hall, "1", "一站式综合服务窗口", "Comprehensive (All Matters)", None, "综合服务")
		self.staff_window(hall, hall_key, window, (("staff01", A, ESTABLISHED), ("deputy1", B, ESTABLISHED)))
		if t % 3 == 0:
			window = self.window(hall, "2", "帮办代办窗口", "Assisted and Proxy Service", None, "综合服务")
			self.staff_window(
				hall, hall_key, window, (("agent1", A, CONTRACTED), ("staff01", B, ESTABLISHED))
			)

		for j in range(2):
			self.build_station(hall, town, t, j)

	def build_station(self, town_hall: str, town: str, t: int, j: int):
		root = COMMUNITY_ROOTS[(2 * t + j) % len(COMMUNITY_ROOTS)]
		unit = (
			"社区"
			if town.endswith("街道")
			else ("嘎查" if town.endswith("苏木") or self.jurisdiction == "alxa" else "村")
		)
		name = f"{town}{root}{unit}便民服务站"
		hall_key = f"s{2 * t + j + 1:04d}"
		hall = self.hall(name, "Village Station", town_hall, address=name, phone=self.phone(hall_key))
		self.user(hall_key, "agent1", hall, roles=STATION_AGENT_ROLES)


def make_demo(jurisdiction="qinzhou-qinnan", size=1, verbose=False, password=None) -> dict:
	"""Create (or complete) the demo organisation of ``jurisdiction``; returns what was created and what existed."""
	password = password or os.environ.get(PASSWORD_ENV) or DEFAULT_DEMO_PASSWORD
	builder = DemoBuilder(jurisdiction, size, verbose, password)
	muted = frappe.flags.mute_messages
	throttle = frappe.local.conf.get("throttle_user_limit")
	frappe.flags.mute_messages = True  # no AB post pop-ups while the windows fill up one person at a time
	# Frappe refuses more than 60 new users an hour (a guard against sign-up floods); the demo makes more
	frappe.local.conf.throttle_user_limit = 10**9
	try:
		return builder.build()
	finally:
		frappe.flags.mute_messages = muted
		if throttle is None:
			frappe.local.conf.pop("throttle_user_limit", None)
		else:
			frappe.local.conf.throttle_user_limit = throttle
