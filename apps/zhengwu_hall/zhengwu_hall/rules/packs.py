"""Jurisdiction rule packs (辖区规则包) as plain data: the schema, the lint, resolution and the rules that read them.

No frappe import. A pack is a dict shaped like the "Jurisdiction Rule Pack" document (fixtures/packs/<slug>.json
or `doc.as_dict()`): one key per scalar rule plus `<rule>_source`, and one list of row dicts per table rule,
each row with a `source`.

Citations ("every value carries its citation"):
- a scalar rule `x` is cited by `x_source`; a table row by its `source` column;
- a citation is "<seed file> <article path>", e.g. "001_17276714a530e7ae.txt 考勤制度 第二条 (二)"; the article
  path quotes the seed's own words (traditional characters in seed 004: "第十六條"), so the lint can find
  each of its parts, in order, in the seed text.

Set or unset ("where a seed is silent the pack leaves the rule unset"):
- a rule is SET exactly when it is cited: a scalar whose `_source` is non-empty (its value may then be 0 —
  e.g. 0 working days = "当场"), a table with at least one row (every row cited);
- a rule is UNSET when its `_source` is empty (and its value empty/0) or its table is empty. A shipped fixture
  must state every rule explicitly: a scalar rule as `"x": null, "x_source": null`, a table as `[]`; a key
  that is absent is a *missing* rule, which `check_pack` reports;
- rule code never defaults an unset rule: it raises `RuleNotConfigured`, whose Chinese message tells the
  administrator what to configure.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from zhengwu_hall.rules.calendar import WEEKDAYS

DOCTYPE = "Jurisdiction Rule Pack"

# The five regulations the packs are built from (../shared/seeds/ next to the repository).
SEED_FILES = {
	"000_600a1a1ad325b3af.txt": "liuzhou-chengzhong",
	"001_17276714a530e7ae.txt": "qinzhou-qinnan",
	"002_3bd9c46eea7ae4d8.txt": "baofeng",
	"003_599979e565e2df18.txt": "alxa",
	"004_dfc6cba7b68b8fa8.txt": "xx-district",
}
SEED_FILE_RE = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")
JURISDICTION_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _fixture_roles() -> tuple[str, ...]:
	"""The app's roles as fixtures/role.json defines them (Frappe syncs them to the site from that file)."""
	path = Path(__file__).resolve().parents[1] / "fixtures" / "role.json"
	return tuple(role["name"] for role in json.loads(path.read_text(encoding="utf-8")))


# The roles a rule may name (approvers, ticket receivers): every role of the app, read from its one source.
ROLES = _fixture_roles()

SOURCE_SUFFIX = "_source"
SOURCE_COLUMN = "source"


# --- the schema -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
	fieldname: str
	fieldtype: str  # Data, Small Text, Int, Float, Percent, Check, Select, Link, Time
	label: str
	label_zh: str
	options: tuple[str, ...] | str = ()  # Select: the options; Link: the target DocType
	reqd: bool = False
	description: str = ""
	description_zh: str = ""
	in_list_view: bool = True
	pattern: str = ""  # a regular expression the value must match (Data columns)


@dataclass(frozen=True)
class ScalarRule:
	fieldname: str
	fieldtype: str
	label: str
	label_zh: str
	section: str
	options: tuple[str, ...] | str = ()
	description: str = ""
	description_zh: str = ""

	@property
	def source_field(self) -> str:
		return self.fieldname + SOURCE_SUFFIX


@dataclass(frozen=True)
class TableRule:
	fieldname: str
	label: str
	label_zh: str
	section: str
	doctype: str
	columns: tuple[Column, ...]
	description: str = ""
	description_zh: str = ""


@dataclass(frozen=True)
class Section:
	key: str
	label: str
	label_zh: str


SECTIONS = (
	Section("daily_checks", "Daily Checks", "日常巡查"),
	Section("reporting", "Reporting Rhythm", "报告与通报节奏"),
	Section("leave", "Leave and Attendance", "请假与考勤"),
	Section("complaints", "Complaints", "投诉处理"),
	Section("consequences", "Consequences and Excellence", "责任后果与评优"),
	Section("evaluation", "Service Evaluation", "好差评"),
	Section("deductions", "Department Deductions", "进驻部门扣分"),
	Section("extended_service", "Extended-Hours Service", "延时服务"),
	Section("notes", "Interpretation Notes", "规则解释说明"),
	Section("service_cases", "Service Cases and Extensions", "办件时限与延期"),
	Section("assessment", "Staff Assessment and Accountability", "考核与责任追究"),
)

# A time of day. Stored as text: a Frappe Time field fills every new row with the current time.
TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$"
EVALUATION_LEVELS = (
	"Very Satisfied",
	"Satisfied",
	"Basically Satisfied",
	"Dissatisfied",
	"Very Dissatisfied",
)
CONSEQUENCES = (
	"Not Eligible for Excellent",
	"Interview Window Head or Replace Staff",
	"One-Month Off-Post Training",
	"Dismissal",
	"Not Eligible for Advanced Window",
)
NOT_ELIGIBLE_FOR_EXCELLENT = "Not Eligible for Excellent"

SOURCE_DESCRIPTION = (
	"Seed file and article, e.g. 001_17276714a530e7ae.txt 考勤制度 第二条 (二). Empty = rule not set."
)
SOURCE_DESCRIPTION_ZH = (
	"出处：文件与条款，如 001_17276714a530e7ae.txt 考勤制度 第二条 (二)。留空表示本辖区未规定此项。"
)

SCALAR_RULES: tuple[ScalarRule, ...] = (
	# daily checks
	ScalarRule(
		"daily_check_kind",
		"Select",
		"Daily Check Kind",
		"日常检查方式",
		"daily_checks",
		("Self-Check", "Random Patrol", "Daily Screening"),
	),
	ScalarRule(
		"daily_check_min", "Int", "Minimum Checks per Working Day", "每个工作日最少检查次数", "daily_checks"
	),
	# leave and attendance
	ScalarRule(
		"leave_max_concurrent_per_window",
		"Int",
		"Maximum Staff of One Window on Leave at Once",
		"同一窗口同时请假人数上限",
		"leave",
	),
	ScalarRule(
		"leave_front_desk_never_all_absent",
		"Check",
		"Front Desk Never Entirely Absent",
		"前台受理岗位不得整体缺岗",
		"leave",
	),
	ScalarRule(
		"leave_advance_notice_days",
		"Int",
		"Days of Advance Notice When an A Post Cannot Work",
		"A岗不能上岗时提前报告天数",
		"leave",
	),
	ScalarRule(
		"staff_min_tenure_months",
		"Int",
		"Minimum Months on a Window Before Transfer",
		"窗口工作人员调换前最短任职月数",
		"leave",
	),
	# complaints
	ScalarRule(
		"complaint_evidence_supplement_wd",
		"Int",
		"Evidence Supplement for Phone or Letter Complaints (Working Days)",
		"电话或信函投诉补充证据期限（工作日）",
		"complaints",
	),
	ScalarRule(
		"complaint_accept_simple_wd",
		"Int",
		"Acceptance Decision, Simple Complaint (Working Days, 0 = On the Spot)",
		"简单投诉作出受理决定期限（工作日，0为当场）",
		"complaints",
	),
	ScalarRule(
		"complaint_accept_complex_wd",
		"Int",
		"Acceptance Decision, Complex Complaint (Working Days)",
		"复杂投诉作出受理决定期限（工作日）",
		"complaints",
	),
	ScalarRule(
		"complaint_resolve_general_wd",
		"Int",
		"Resolution, General Complaint (Working Days)",
		"一般投诉办结期限（工作日）",
		"complaints",
	),
	ScalarRule(
		"complaint_resolve_complex_wd",
		"Int",
		"Resolution, Complaint Needing Field Investigation (Working Days)",
		"需外出调查、现场勘验的投诉办结期限（工作日）",
		"complaints",
	),
	ScalarRule(
		"complaint_resolve_special_wd",
		"Int",
		"Resolution, Special Complaint With Approved Extension (Working Days)",
		"特殊投诉经批准延长后的办结期限（工作日）",
		"complaints",
	),
	ScalarRule(
		"complaint_special_approver_role",
		"Link",
		"Approver of a Special Complaint's Extension",
		"特殊投诉延期批准角色",
		"complaints",
		"Role",
	),
	ScalarRule(
		"complaint_appeal_wd",
		"Int",
		"Appeal Against the Reply (Working Days)",
		"不服处理结果申请复查复核期限（工作日）",
		"complaints",
	),
	# evaluation
	ScalarRule(
		"evaluation_window_wd",
		"Int",
		"Rating Allowed Until (Working Days After Completion)",
		"办结后可评价期限（工作日）",
		"evaluation",
	),
	ScalarRule(
		"evaluation_reminder_hours",
		"Int",
		"Reminder When Not Rated Within (Hours)",
		"未评价提醒时限（小时）",
		"evaluation",
	),
	ScalarRule(
		"bad_review_reply_rate",
		"Percent",
		"Required Reply Rate of Bad Reviews",
		"差评回复率要求",
		"evaluation",
	),
	ScalarRule(
		"bad_review_revisit_rate",
		"Percent",
		"Required Revisit and Rectification Rate of Bad Reviews",
		"差评回访整改率要求",
		"evaluation",
	),
	ScalarRule(
		"bad_review_revisit_scope",
		"Select",
		"Bad Reviews That Must Be Revisited",
		"须回访整改的差评范围",
		"evaluation",
		("Valid Bad Reviews", "Real-Name Bad Reviews"),
	),
	ScalarRule(
		"bad_review_liaison_role",
		"Link",
		"Role Receiving Bad-Review Tickets",
		"差评工单接收角色",
		"evaluation",
		"Role",
	),
	# deductions
	ScalarRule(
		"deduction_annual_budget",
		"Float",
		"Annual Score Budget of a Department",
		"部门年度总分值",
		"deductions",
	),
	ScalarRule("deduction_stop_at_zero", "Check", "Deduct Down to Zero Only", "扣完为止", "deductions"),
	ScalarRule(
		"deduction_scale_with_budget",
		"Check",
		"Scale Deductions When the Budget Changes",
		"总分值变动时按比例计算",
		"deductions",
	),
	# extended-hours service
	ScalarRule(
		"extended_service_comp_threshold_hours",
		"Float",
		"Compensatory Time After Accumulated Extended Hours",
		"延时服务累计达到多少小时安排补休",
		"extended_service",
	),
	# service cases (seed 001 限时办结制, 审管分离 第二十三条)
	ScalarRule(
		"extension_opinion_role",
		"Link",
		"Role Signing the Opinion on a Deadline Extension",
		"办理事项延期申请签署意见角色",
		"service_cases",
		"Role",
	),
	ScalarRule(
		"extension_approver_role",
		"Link",
		"Role Approving a Deadline Extension",
		"办理事项延期申请批准角色",
		"service_cases",
		"Role",
	),
	ScalarRule(
		"case_handover_max_days",
		"Int",
		"Handover to a Department At the Latest (Working Days After Receipt, 0 = Same Day)",
		"需职能部门核办的办件最迟交接期限（收件后工作日，0为当日）",
		"service_cases",
	),
	ScalarRule(
		"case_warning_working_days",
		"Int",
		"Early Warning Before the Promised Date (Working Days)",
		"承诺办结日前预警（工作日）",
		"service_cases",
	),
)

TABLE_RULES: tuple[TableRule, ...] = (
	TableRule(
		"daily_check_slots",
		"Daily Check Time Slots",
		"每日检查时段",
		"daily_checks",
		"Rule Pack Check Slot",
		(
			Column(
				"slot",
				"Select",
				"Time Slot",
				"时段",
				("Before Work", "During Work", "Before Closing", "Morning", "Afternoon"),
				reqd=True,
			),
			Column("at_least_one", "Check", "At Least One Check in This Slot", "本时段至少检查一次"),
		),
	),
	TableRule(
		"inspection_categories",
		"Inspection Categories",
		"检查类别",
		"daily_checks",
		"Rule Pack Inspection Category",
		(
			Column("scheme", "Data", "Scheme", "检查体系", reqd=True),
			Column("category", "Data", "Category", "类别", reqd=True),
		),
	),
	TableRule(
		"reporting_cadence",
		"Reporting Cadence",
		"报告与通报节奏",
		"reporting",
		"Rule Pack Reporting Cadence",
		(
			Column(
				"period",
				"Select",
				"Period",
				"周期",
				("Daily", "Weekly", "Monthly", "Quarterly", "Annual"),
				reqd=True,
			),
			Column(
				"activity",
				"Select",
				"Activity",
				"工作",
				(
					"Self-Check",
					"Screening",
					"Statistics",
					"Report Submission",
					"Analysis",
					"Summary",
					"Circular",
					"Review Meeting",
					"Assessment",
					"Self-Assessment",
					"Patrol",
					"Ranking",
					"Publication",
					"Liaison Meeting",
				),
				reqd=True,
			),
			Column("topic", "Data", "Topic or Form", "内容或表单"),
			Column("due_weekday", "Select", "Due Weekday", "截止星期", ("", *WEEKDAYS)),
			Column(
				"due_time",
				"Data",
				"Due Time",
				"截止时间",
				description="HH:MM, e.g. 16:00",
				description_zh="时:分，如 16:00",
				pattern=TIME_PATTERN,
			),
			Column("unannounced", "Check", "Unannounced", "不打招呼"),
		),
	),
	TableRule(
		"leave_steps",
		"Leave Approval Steps",
		"请假审批",
		"leave",
		"Rule Pack Leave Step",
		(
			Column("more_than_days", "Float", "More Than (Days)", "请假天数大于", reqd=False),
			Column("up_to_days", "Float", "Up To and Including (Days)", "请假天数不超过（含）"),
			Column("no_upper_limit", "Check", "No Upper Limit", "无上限"),
			Column("step", "Int", "Step", "步骤", reqd=True),
			Column("approver_role", "Link", "Approver Role", "审批角色", "Role", reqd=True),
			Column("action", "Select", "Action", "环节", ("Opinion", "Approval"), reqd=True),
		),
		description="Rows with the same day range form one route, in step order; the last step is the Approval.",
		description_zh="天数范围相同的行组成一条审批路径，按步骤顺序进行；最后一步为批准。",
	),
	TableRule(
		"attendance_methods",
		"Attendance Methods",
		"考勤方式",
		"leave",
		"Rule Pack Attendance Method",
		(
			Column(
				"method",
				"Select",
				"Method",
				"方式",
				("Fingerprint", "Face Recognition", "Punch Card", "Paper Sign-in"),
				reqd=True,
			),
		),
	),
	TableRule(
		"consequence_thresholds",
		"Consequence Thresholds",
		"责任后果与评优门槛",
		"consequences",
		"Rule Pack Consequence",
		(
			Column("subject", "Select", "Subject", "对象", ("Staff", "Window", "Department"), reqd=True),
			Column(
				"counted_event",
				"Select",
				"Counted Event",
				"计数事项",
				(
					"Verified Complaint",
					"Verified Complaint on Attitude or Core Systems",
					"Circulated Criticism",
					"Deduction Points",
				),
				reqd=True,
			),
			Column(
				"employment",
				"Select",
				"Employment",
				"用工性质",
				("Any", "Established", "Contract"),
				reqd=True,
			),
			Column("comparison", "Select", "Comparison", "比较方式", ("At Least", "More Than"), reqd=True),
			Column("threshold", "Float", "Threshold", "门槛", reqd=True),
			Column("period", "Select", "Counted Over", "统计期间", ("Year", "Cumulative"), reqd=True),
			Column("consequence", "Select", "Consequence", "后果", CONSEQUENCES, reqd=True),
		),
	),
	TableRule(
		"evaluation_levels",
		"Evaluation Levels",
		"评价等级",
		"evaluation",
		"Rule Pack Evaluation Level",
		(
			Column("level", "Select", "Level", "等级", EVALUATION_LEVELS, reqd=True),
			Column("score", "Int", "Score", "分值"),
			Column("bad_review", "Check", "Bad Review", "差评"),
		),
	),
	TableRule(
		"bad_review_reasons",
		"Bad Review Reason Options",
		"差评原因选项",
		"evaluation",
		"Rule Pack Bad Review Reason",
		(Column("reason", "Data", "Reason", "原因", reqd=True),),
		description="第十八条: the options a rater ticks when choosing a bad level; free text is always allowed besides.",
		description_zh="第十八条：评价人选择差评时勾选的原因选项；另可填写其他原因。",
	),
	TableRule(
		"evaluation_modes",
		"Evaluation Modes",
		"评价方式",
		"evaluation",
		"Rule Pack Evaluation Mode",
		(
			Column(
				"mode",
				"Select",
				"Mode",
				"方式",
				(
					"One Visit One Rating",
					"One Case One Rating",
					"Online Rating",
					"Offline Rating",
					"Public Comment",
					"Supervisory Review",
					"Social Supervisor",
				),
				reqd=True,
			),
			Column("channels", "Data", "Channels", "渠道"),
		),
	),
	TableRule(
		"deduction_items",
		"Deduction Items",
		"扣分项目",
		"deductions",
		"Rule Pack Deduction Item",
		(
			Column("item_code", "Data", "Item Code", "项目代码", reqd=True),
			Column("description", "Data", "Description", "扣分情形", reqd=True),
			Column("points", "Float", "Points", "扣分", reqd=True),
			Column("per_occurrence", "Check", "Per Occurrence", "每次扣分"),
			Column("reassign_staff", "Check", "Staff Reassigned", "重新选派工作人员"),
		),
	),
	TableRule(
		"interpretation_notes",
		"Interpretation Notes",
		"规则解释说明",
		"notes",
		"Rule Pack Note",
		(
			Column("rule", "Data", "Rule", "规则", reqd=True),
			Column("note", "Small Text", "Note", "说明", reqd=True),
		),
		description="How a rule was read where the seed is ambiguous or silent, with the article it rests on.",
		description_zh="文件表述含糊或未作规定时对规则的理解和处理，并注明所依据的条款。",
	),
	# staff assessment and accountability (seed 001 绩效考核制度, 责任追究制): read by rules/assessment.py
	TableRule(
		"assessment_dimensions",
		"Assessment Dimensions",
		"考核内容及权重",
		"assessment",
		"Rule Pack Assessment Dimension",
		(
			Column("dimension", "Data", "Dimension", "考核内容", reqd=True),
			Column("weight", "Float", "Weight", "权重"),
			Column("full_score", "Float", "Full Score", "满分"),
		),
		description="The quarterly self-assessment scores each dimension from 0 to its full score; the total is "
		"the weighted share of 100. An empty weight or full score leaves scoring unconfigured.",
		description_zh="季度考核自查表按各考核内容评分（0至满分），总分为按权重折合的百分制得分；"
		"权重或满分留空表示评分方案未配置。",
	),
	TableRule(
		"assessment_grades",
		"Assessment Grades",
		"考核等次",
		"assessment",
		"Rule Pack Assessment Grade",
		(
			Column("grade", "Data", "Grade", "等次", reqd=True),
			Column("min_total", "Float", "Lowest Total", "最低总分"),
			Column("excellent", "Check", "Excellent Grade", "优秀等次"),
		),
		description="A total reaching a grade's lowest total gets that grade (the highest such). Verified "
		"complaints over the consequence thresholds bar the grade marked excellent.",
		description_zh="总分达到某等次最低总分即评为该等次（取最高者）；投诉查实等达到评优门槛的，不得评为标记为优秀的等次。",
	),
	TableRule(
		"accountability_measures",
		"Accountability Measures",
		"责任追究处理措施",
		"assessment",
		"Rule Pack Accountability Measure",
		(
			Column(
				"severity",
				"Select",
				"Severity",
				"情节",
				("Minor", "Serious", "Severe"),
				reqd=True,
			),
			Column(
				"subject",
				"Select",
				"Person Held Responsible",
				"责任人",
				("Management Leader", "Window Chief Representative", "Post Responsible Person"),
				reqd=True,
			),
			Column("measure", "Data", "Measure", "处理措施", reqd=True),
		),
	),
)

IDENTITY_FIELDS = ("jurisdiction", "title", "source_document", "document_title")
REQUIRED_IDENTITY_FIELDS = ("jurisdiction", "title", "source_document")
STATE_FIELDS = ("fixture_hash", "fixture_state")  # written by the sync only

SCALARS = {r.fieldname: r for r in SCALAR_RULES}
TABLES = {t.fieldname: t for t in TABLE_RULES}
RULES: dict[str, ScalarRule | TableRule] = {**SCALARS, **TABLES}


def pack_fields() -> list[str]:
	"""Every key a fixture pack carries besides "doctype": identity, rules, their sources, tables."""
	keys = list(IDENTITY_FIELDS)
	for rule in SCALAR_RULES:
		keys += [rule.fieldname, rule.source_field]
	keys += [t.fieldname for t in TABLE_RULES]
	return keys


# --- errors ---------------------------------------------------------------------------------------------


class RuleNotConfigured(LookupError):
	"""A rule the caller needs is unset in the hall's pack (the seed is silent, or nobody configured it)."""

	def __init__(self, rule: str, jurisdiction: str | None = None, message: str | None = None):
		self.rule = rule
		self.jurisdiction = jurisdiction
		label = RULES[rule].label_zh if rule in RULES else rule
		self.message = message or f"本大厅所属辖区未配置{label}规则，请管理员在辖区规则包中配置"
		super().__init__(self.message)


class PackInvalid(ValueError):
	"""The pack contradicts itself (e.g. two leave routes for the same number of days)."""


# --- reading rules --------------------------------------------------------------------------------------


def _blank(value) -> bool:
	return value is None or (isinstance(value, str) and not value.strip())


def is_set(pack: Mapping, rule: str) -> bool:
	"""A scalar rule is set when cited; a table rule when it has rows."""
	if rule in TABLES:
		return bool(pack.get(rule))
	return not _blank(pack.get(SCALARS[rule].source_field))


def rule_value(pack: Mapping, rule: str):
	"""The value of a scalar rule, or RuleNotConfigured when the rule is unset."""
	spec = SCALARS[rule]
	if not is_set(pack, rule):
		raise RuleNotConfigured(rule, pack.get("jurisdiction"))
	value = pack.get(rule)
	if spec.fieldtype in ("Int", "Check"):
		return int(value or 0)
	if spec.fieldtype in ("Float", "Percent"):
		return float(value or 0)
	return value


def rule_rows(pack: Mapping, rule: str) -> list[Mapping]:
	"""The rows of a table rule in order, or RuleNotConfigured when it has none."""
	if rule not in TABLES:
		raise KeyError(rule)
	rows = list(pack.get(rule) or [])
	if not rows:
		raise RuleNotConfigured(rule, pack.get("jurisdiction"))
	return sorted(rows, key=lambda r: r.get("idx") or 0) if any(r.get("idx") for r in rows) else rows


def rule_source(pack: Mapping, rule: str) -> str | None:
	if rule in TABLES:
		return None
	return pack.get(SCALARS[rule].source_field) or None


@dataclass(frozen=True)
class LeaveStep:
	step: int
	role: str
	action: str  # "Opinion" or "Approval"
	source: str

	@property
	def is_final(self) -> bool:
		return self.action == "Approval"


def _range_key(row: Mapping) -> tuple[float, float | None]:
	lower = float(row.get("more_than_days") or 0)
	upper = None if int(row.get("no_upper_limit") or 0) else float(row.get("up_to_days") or 0)
	return lower, upper


def _in_range(days: float, key: tuple[float, float | None]) -> bool:
	lower, upper = key
	return days > lower and (upper is None or days <= upper)


def leave_route(pack: Mapping, days) -> list[LeaveStep]:
	"""Ordered approval steps for a leave of `days` days (may be fractional, e.g. 1.5).

	Raises RuleNotConfigured when the pack has no leave rule or no route covers `days`; PackInvalid when two
	routes cover it.
	"""
	days = float(days)
	if days <= 0:
		raise ValueError(f"请假天数必须大于0，收到 {days}")
	rows = rule_rows(pack, "leave_steps")
	routes: dict[tuple, list[Mapping]] = {}
	for row in rows:
		routes.setdefault(_range_key(row), []).append(row)
	matching = [key for key in routes if _in_range(days, key)]
	if not matching:
		raise RuleNotConfigured(
			"leave_steps",
			pack.get("jurisdiction"),
			f"本大厅所属辖区的请假审批规则未覆盖请假{_days_text(days)}天的情形，请管理员在辖区规则包中配置",
		)
	if len(matching) > 1:
		raise PackInvalid(f"请假{_days_text(days)}天同时符合多条审批路径，请管理员检查辖区规则包")
	steps = sorted(routes[matching[0]], key=lambda r: int(r.get("step") or 0))
	return [
		LeaveStep(int(r.get("step") or 0), r.get("approver_role"), r.get("action"), r.get("source") or "")
		for r in steps
	]


def _days_text(days: float) -> str:
	return str(int(days)) if float(days).is_integer() else f"{days:g}"


def _evaluation_level(pack: Mapping, level: str) -> Mapping:
	"""The evaluation_levels row of ``level``, or RuleNotConfigured when the pack does not list it."""
	for row in rule_rows(pack, "evaluation_levels"):
		if row.get("level") == level:
			return row
	raise RuleNotConfigured("evaluation_levels", pack.get("jurisdiction"))


def bad_review_reasons(pack: Mapping | None) -> list[str]:
	"""第十八条: the reason options of the pack, in order; [] when the pack lists none (free text only)."""
	try:
		return [
			str(r.get("reason")).strip()
			for r in rule_rows(pack or {}, "bad_review_reasons")
			if r.get("reason")
		]
	except RuleNotConfigured:
		return []


def evaluation_score(pack: Mapping, level: str) -> int:
	return int(_evaluation_level(pack, level).get("score") or 0)


def is_bad_review(pack: Mapping, level: str) -> bool:
	return bool(int(_evaluation_level(pack, level).get("bad_review") or 0))


def triggered_consequences(
	pack: Mapping, subject: str, counts: Mapping[str, float], employment: str | None = None
) -> list[Mapping]:
	"""Rows of consequence_thresholds that `counts` (counted_event -> number) reach for `subject`.

	`employment` ("Established" / "Contract") filters rows limited to one kind of staff; None matches "Any" rows
	only. Raises RuleNotConfigured when the pack has no thresholds.
	"""
	hits = []
	for row in rule_rows(pack, "consequence_thresholds"):
		if row.get("subject") != subject:
			continue
		row_employment = row.get("employment") or "Any"
		if row_employment != "Any" and row_employment != employment:
			continue
		count = counts.get(row.get("counted_event"))
		if count is None:
			continue
		threshold = float(row.get("threshold") or 0)
		reached = count > threshold if row.get("comparison") == "More Than" else count >= threshold
		if reached:
			hits.append(row)
	return hits


def excellence_blockers(
	pack: Mapping, counts: Mapping[str, float], employment: str | None = None
) -> list[Mapping]:
	"""Threshold rows that make a staff member ineligible for the annual 优秀 grade."""
	return [
		row
		for row in triggered_consequences(pack, "Staff", counts, employment)
		if row.get("consequence") == NOT_ELIGIBLE_FOR_EXCELLENT
	]


def deduction_points(pack: Mapping, item_code: str, budget: float | None = None) -> float:
	"""Points one occurrence of a deduction item costs; scaled when the year's budget differs from the pack's
	and the pack says deductions scale with the budget (seed 004 第二十條)."""
	for row in rule_rows(pack, "deduction_items"):
		if row.get("item_code") == item_code:
			points = float(row.get("points") or 0)
			if budget is None:
				return points
			base = rule_value(pack, "deduction_annual_budget")
			if float(budget) == base:
				return points
			if not rule_value(pack, "deduction_scale_with_budget"):
				raise RuleNotConfigured("deduction_scale_with_budget", pack.get("jurisdiction"))
			return points * float(budget) / base
	raise RuleNotConfigured(
		"deduction_items",
		pack.get("jurisdiction"),
		f"本大厅所属辖区的扣分规则中没有“{item_code}”项目，请管理员在辖区规则包中配置",
	)


# --- resolution -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackResolution:
	pack: str | None
	hall: str | None  # the hall whose pack applies (the hall itself or an ancestor)
	path: tuple[str, ...]  # halls visited, from `hall` upwards
	reason: str

	def __bool__(self) -> bool:
		return self.pack is not None


def _lookup(source: Mapping | Callable, key):
	if callable(source):
		return source(key)
	return source.get(key)


def resolve_pack(hall: str, parent_of: Mapping | Callable, pack_of: Mapping | Callable) -> PackResolution:
	"""The pack governing `hall`: its own, else the nearest ancestor's (seed 000 属地管理、分级负责).

	`parent_of(hall)` gives the parent hall or None at the root; `pack_of(hall)` the pack it names or None.
	Either may be a mapping or a callable. When no hall on the way up names a pack, `pack` is None and `reason`
	says why, in Chinese.
	"""
	if not hall:
		return PackResolution(None, None, (), "未指定大厅，无法确定辖区规则包")
	path: list[str] = []
	current = hall
	while current:
		if current in path:
			chain = " → ".join([*path, current])
			return PackResolution(
				None, None, tuple(path), f"大厅上下级关系出现循环（{chain}），无法确定辖区规则包"
			)
		path.append(current)
		pack = _lookup(pack_of, current)
		if pack:
			reason = "本大厅指定的辖区规则包" if current == hall else f"继承上级大厅“{current}”的辖区规则包"
			return PackResolution(pack, current, tuple(path), reason)
		current = _lookup(parent_of, current)
	return PackResolution(
		None,
		None,
		tuple(path),
		f"大厅“{hall}”及其上级大厅均未指定辖区规则包，请管理员为本大厅或其上级大厅指定辖区规则包",
	)


# --- the lint -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
	where: str  # "daily_check_min", "leave_steps[2].source", ...
	code: str  # missing, uncited, orphan_citation, bad_value, bad_citation, unknown_seed, ...
	message: str

	def __str__(self) -> str:
		return f"{self.where}: {self.message}"


def find_seed_dir() -> Path | None:
	"""The folder holding the seed regulations: $ZHENGWU_SEEDS_DIR, else shared/seeds next to a parent folder."""
	env = os.environ.get("ZHENGWU_SEEDS_DIR")
	if env and Path(env).is_dir():
		return Path(env)
	for parent in Path(__file__).resolve().parents:
		candidate = parent / "shared" / "seeds"
		if candidate.is_dir():
			return candidate
	return None


@lru_cache(maxsize=16)
def _seed_text(path: str) -> str:
	return Path(path).read_text(encoding="utf-8")


_SPLIT_BEFORE_PAREN = re.compile(r"(?<=[^\s(（])(?=[(（])")


def citation_parts(citation: str) -> tuple[str, list[str]]:
	"""("<seed file>", [article path parts]) of a citation; "第二条(二)" is split into "第二条", "(二)"."""
	tokens = citation.split()
	if not tokens:
		return "", []
	parts: list[str] = []
	for token in tokens[1:]:
		parts += [p for p in _SPLIT_BEFORE_PAREN.split(token) if p]
	return tokens[0], parts


def check_citation(citation, where: str, seed_dir: Path | None, seed_files: Iterable[str]) -> list[Problem]:
	problems: list[Problem] = []
	if not isinstance(citation, str) or not citation.strip():
		return [Problem(where, "uncited", "value has no citation")]
	seed, parts = citation_parts(citation)
	if not SEED_FILE_RE.match(seed):
		return [Problem(where, "bad_citation", f"citation must start with a seed file name, got {seed!r}")]
	if seed not in seed_files:
		return [Problem(where, "unknown_seed", f"no seed file named {seed}")]
	if not parts:
		return [Problem(where, "bad_citation", f"citation names {seed} but no article")]
	if seed_dir is not None:
		path = Path(seed_dir) / seed
		if not path.is_file():
			return [Problem(where, "unknown_seed", f"seed file {seed} not found in {seed_dir}")]
		text = _seed_text(str(path))
		pos = 0
		for part in parts:
			found = text.find(part, pos)
			if found < 0:
				where_else = "earlier in the seed" if part in text else "anywhere in the seed"
				problems.append(
					Problem(
						where,
						"article_not_found",
						f"{part!r} of {citation!r} not found {where_else} (in order)",
					)
				)
				break
			pos = found + len(part)
	return problems


def _check_value(value, fieldtype: str, options, where: str, known_roles: bool = True) -> list[Problem]:
	bad = None
	if fieldtype == "Int":
		if isinstance(value, bool) or not isinstance(value, int) or value < 0:
			bad = "a non-negative integer"
	elif fieldtype in ("Float", "Percent"):
		if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
			bad = "a non-negative number"
		elif fieldtype == "Percent" and value > 100:
			bad = "a percentage (0-100)"
	elif fieldtype == "Check":
		if value not in (0, 1, True, False):
			bad = "0 or 1"
	elif fieldtype == "Select":
		if value not in options:
			bad = f"one of {', '.join(repr(o) for o in options if o)}"
	elif fieldtype == "Link":
		if options == "Role" and known_roles and value not in ROLES:
			bad = f"one of the roles {', '.join(ROLES)}"
	elif fieldtype == "Time":
		if not isinstance(value, str) or not re.match(r"^\d{2}:\d{2}(:\d{2})?$", value):
			bad = "a time HH:MM:SS"
	elif fieldtype in ("Data", "Small Text"):
		if not isinstance(value, str) or not value.strip():
			bad = "non-empty text"
	if bad:
		return [Problem(where, "bad_value", f"{value!r} is not {bad}")]
	return []


def _empty_value(value, fieldtype: str) -> bool:
	if _blank(value):
		return True
	return fieldtype in ("Int", "Float", "Percent", "Check") and value in (0, False)


def check_pack(
	pack: Mapping,
	seed_dir: Path | str | None = "auto",
	seed_files: Iterable[str] | None = None,
	fixture: bool = True,
) -> list[Problem]:
	"""Everything wrong with a pack: completeness against the schema, citations, values, consistency.

	fixture=True (a shipped fixtures/packs/*.json): every rule key must be present (set, or explicitly null /
	[]), unknown keys are reported, and citations must name a seed file. fixture=False (a document from the
	desk): absent keys read as unset, extra keys are ignored, and only non-empty citations are required.
	seed_dir="auto" finds ../shared/seeds; with a seed folder each article path is looked up in the seed text.
	"""
	problems: list[Problem] = []
	seed_files = set(seed_files or SEED_FILES)
	if seed_dir == "auto":
		seed_dir = find_seed_dir()

	def cite(citation, where):
		if fixture:
			return check_citation(citation, where, seed_dir and Path(seed_dir), seed_files)
		if _blank(citation):
			return [Problem(where, "uncited", "value has no citation")]
		return []

	if fixture and pack.get("doctype") != DOCTYPE:
		problems.append(Problem("doctype", "bad_value", f"doctype must be {DOCTYPE!r}"))

	# identity
	for key in REQUIRED_IDENTITY_FIELDS:
		if _blank(pack.get(key)):
			problems.append(Problem(key, "missing", "required"))
	slug = pack.get("jurisdiction")
	if isinstance(slug, str) and slug and not JURISDICTION_RE.match(slug):
		problems.append(
			Problem("jurisdiction", "bad_value", f"{slug!r} is not a lowercase slug like qinzhou-qinnan")
		)
	document = pack.get("source_document")
	if fixture and isinstance(document, str) and document and document not in seed_files:
		problems.append(Problem("source_document", "unknown_seed", f"no seed file named {document}"))

	if fixture:
		allowed = {"doctype", *pack_fields(), *STATE_FIELDS}
		for key in pack:
			if key not in allowed:
				problems.append(Problem(key, "unknown_field", "not a field of the pack schema"))

	# scalar rules
	for rule in SCALAR_RULES:
		name, source_field = rule.fieldname, rule.source_field
		if fixture:
			for key in (name, source_field):
				if key not in pack:
					problems.append(
						Problem(
							key,
							"missing",
							"rule missing: set it with a citation, or state it unset with null",
						)
					)
			if name not in pack or source_field not in pack:
				continue
		value, source = pack.get(name), pack.get(source_field)
		if _blank(source):
			# unset: the value must be empty too (a fixture states it as null, the desk leaves 0 or nothing)
			has_value = (value is not None) if fixture else not _empty_value(value, rule.fieldtype)
			if has_value:
				problems.append(
					Problem(name, "uncited", f"value {value!r} has no citation ({source_field} is empty)")
				)
			continue
		if value is None or (rule.fieldtype not in ("Int", "Float", "Percent", "Check") and _blank(value)):
			problems.append(
				Problem(source_field, "orphan_citation", "citation given but the rule has no value")
			)
			continue
		problems += _check_value(value, rule.fieldtype, rule.options, name, known_roles=fixture)
		problems += cite(source, source_field)

	# table rules
	for table in TABLE_RULES:
		if table.fieldname not in pack:
			if fixture:
				problems.append(
					Problem(
						table.fieldname, "missing", "rule missing: list its rows, or state it unset with []"
					)
				)
			continue
		rows = pack.get(table.fieldname)
		if rows is None and not fixture:
			continue
		if not isinstance(rows, list):
			problems.append(Problem(table.fieldname, "bad_value", "must be a list of rows"))
			continue
		columns = {c.fieldname: c for c in table.columns}
		for i, row in enumerate(rows, 1):
			where = f"{table.fieldname}[{i}]"
			if not isinstance(row, Mapping):
				problems.append(Problem(where, "bad_value", "row must be an object"))
				continue
			if fixture:
				for key in row:
					if key not in columns and key not in (SOURCE_COLUMN, "doctype"):
						problems.append(
							Problem(f"{where}.{key}", "unknown_field", f"not a column of {table.doctype}")
						)
			for column in table.columns:
				value = row.get(column.fieldname)
				if _blank(value):
					if column.reqd:
						problems.append(Problem(f"{where}.{column.fieldname}", "missing", "required column"))
					continue
				problems += _check_value(
					value,
					column.fieldtype,
					column.options,
					f"{where}.{column.fieldname}",
					known_roles=fixture,
				)
				if column.pattern and isinstance(value, str) and not re.match(column.pattern, value):
					problems.append(
						Problem(
							f"{where}.{column.fieldname}",
							"bad_value",
							f"{value!r} does not match {column.pattern}",
						)
					)
			problems += cite(row.get(SOURCE_COLUMN), f"{where}.{SOURCE_COLUMN}")

	problems += _check_consistency(pack)
	return problems


def _check_consistency(pack: Mapping) -> list[Problem]:
	problems: list[Problem] = []

	# leave routes: one Approval, last; steps 1..n; ranges cover (0, ∞) without overlap
	rows = pack.get("leave_steps") or []
	routes: dict[tuple, list[Mapping]] = {}
	for row in rows:
		if isinstance(row, Mapping):
			routes.setdefault(_range_key(row), []).append(row)
	for (lower, upper), steps in routes.items():
		label = f"leave_steps ({lower:g}, {'∞' if upper is None else f'{upper:g}'}]"
		if upper is not None and upper <= lower:
			problems.append(Problem(label, "bad_range", "upper bound must be above the lower bound"))
		numbers = sorted(int(r.get("step") or 0) for r in steps)
		if numbers != list(range(1, len(steps) + 1)):
			problems.append(
				Problem(label, "bad_steps", f"steps must be numbered 1..{len(steps)}, got {numbers}")
			)
		ordered = sorted(steps, key=lambda r: int(r.get("step") or 0))
		actions = [r.get("action") for r in ordered]
		if actions.count("Approval") != 1 or actions[-1] != "Approval":
			problems.append(
				Problem(label, "bad_steps", f"exactly one Approval, as the last step; got {actions}")
			)
	if routes:
		keys = sorted(routes, key=lambda k: k[0])
		expected = 0.0
		for lower, upper in keys:
			if lower > expected:
				problems.append(
					Problem(
						"leave_steps",
						"gap",
						f"no route for leave of more than {expected:g} up to {lower:g} days",
					)
				)
			elif lower < expected:
				problems.append(Problem("leave_steps", "overlap", f"routes overlap above {lower:g} days"))
			if upper is None:
				expected = float("inf")
				continue
			expected = max(expected, upper)
		if expected != float("inf"):
			problems.append(
				Problem("leave_steps", "gap", f"no route for leave of more than {expected:g} days")
			)

	# unique keys within tables
	for table, column in (
		("evaluation_levels", "level"),
		("daily_check_slots", "slot"),
		("deduction_items", "item_code"),
		("attendance_methods", "method"),
		("evaluation_modes", "mode"),
		("assessment_dimensions", "dimension"),
		("assessment_grades", "grade"),
	):
		seen = set()
		for row in pack.get(table) or []:
			if not isinstance(row, Mapping):
				continue
			value = row.get(column)
			if value in seen:
				problems.append(Problem(table, "duplicate", f"{column} {value!r} appears twice"))
			seen.add(value)

	levels = [r.get("level") for r in pack.get("evaluation_levels") or [] if isinstance(r, Mapping)]
	if levels and set(levels) != set(EVALUATION_LEVELS):
		missing = [lv for lv in EVALUATION_LEVELS if lv not in levels]
		problems.append(
			Problem("evaluation_levels", "incomplete", f"all five levels needed, missing {missing}")
		)

	for i, row in enumerate(pack.get("interpretation_notes") or [], 1):
		if isinstance(row, Mapping) and row.get("rule") and row.get("rule") not in RULES:
			problems.append(
				Problem(f"interpretation_notes[{i}].rule", "bad_value", f"{row.get('rule')!r} is not a rule")
			)

	for i, row in enumerate(pack.get("deduction_items") or [], 1):
		if isinstance(row, Mapping) and isinstance(row.get("points"), int | float) and row.get("points") <= 0:
			problems.append(Problem(f"deduction_items[{i}].points", "bad_value", "points must be above 0"))
	return problems


# --- normalisation (shared with the sync) ---------------------------------------------------------------


def normalize_value(value, fieldtype: str):
	"""A field value in a comparable form: numbers as numbers (None → 0), text as text (None → "")."""
	if fieldtype in ("Int", "Check"):
		return int(value or 0)
	if fieldtype in ("Float", "Percent"):
		return float(value or 0)
	if fieldtype == "Time":
		if value is None or value == "":
			return ""
		if isinstance(value, dt.timedelta):
			seconds = int(value.total_seconds())
			return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
		if isinstance(value, dt.time):
			return value.strftime("%H:%M:%S")
		text = str(value)
		return text + ":00" if re.match(r"^\d{2}:\d{2}$", text) else text
	return "" if value is None else str(value)


def normalize_rows(rows, table: TableRule) -> list[dict]:
	out = []
	for row in rows or []:
		item = {c.fieldname: normalize_value(row.get(c.fieldname), c.fieldtype) for c in table.columns}
		item[SOURCE_COLUMN] = normalize_value(row.get(SOURCE_COLUMN), "Data")
		out.append(item)
	return out


def normalize_pack(pack: Mapping) -> dict:
	"""The pack's rule content (identity, scalars with sources, tables) in comparable form."""
	out: dict = {}
	for key in IDENTITY_FIELDS:
		out[key] = normalize_value(pack.get(key), "Data")
	for rule in SCALAR_RULES:
		out[rule.fieldname] = normalize_value(pack.get(rule.fieldname), rule.fieldtype)
		out[rule.source_field] = normalize_value(pack.get(rule.source_field), "Data")
	for table in TABLE_RULES:
		out[table.fieldname] = normalize_rows(pack.get(table.fieldname), table)
	return out


def field_groups() -> list[tuple[str, tuple[str, ...]]]:
	"""The units the sync compares and updates: each identity field, each scalar rule with its source, each table."""
	groups = [(key, (key,)) for key in IDENTITY_FIELDS]
	groups += [(rule.fieldname, (rule.fieldname, rule.source_field)) for rule in SCALAR_RULES]
	groups += [(table.fieldname, (table.fieldname,)) for table in TABLE_RULES]
	return groups
