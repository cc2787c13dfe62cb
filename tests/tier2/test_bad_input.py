"""The bad-input catalogue: every entry of CATALOGUE is refused with a Chinese message and leaves the database as
it was (row counts and the latest ``modified`` of every table of the app, child tables included).

An entry is ``(case id, what the regulation or the form says, setup)``: ``setup(env)`` makes what the bad input
needs (as Administrator) and returns the bad action, a callable run with the interface language Chinese, as
the user the entry names. Then HTML/JS typed into the free-text fields of every printed form comes out of the
print view escaped.
"""

import re

import frappe
import frappe.client
import pytest
from factories import (
	VALID_ID_NUMBER,
	case_window,
	make_department,
	make_hall,
	make_service_case,
	make_social_supervisor,
	make_staff,
	make_user,
	make_window,
	new_absence_record,
	new_appointment_schedule,
	new_complaint,
	new_deadline_extension,
	new_department,
	new_exception,
	new_extended_service_log,
	new_hall,
	new_inspection_statistics,
	new_item,
	new_leave_request,
	new_proxy_authorization,
	new_service_case,
	new_social_supervisor,
	new_supervision_visit,
	new_window,
	print_html,
	schedule_row,
)
from zhengwu_hall.setup.permissions import clear_hall_permission_cache

CJK = re.compile(r"[\u4e00-\u9fff]")
FRI = "2026-12-04"  # a Friday; 5 and 6 December 2026 are a weekend
LONG = "测" * 1000


@pytest.fixture
def env():
	clear_hall_permission_cache()
	hall = make_hall("坏输入区政务服务中心", "District Center", rule_pack="qinzhou-qinnan").name
	other = make_hall("坏输入邻区政务服务中心", "District Center", rule_pack="qinzhou-qinnan").name
	window = make_window(hall, 1).name
	applicant = make_user("bad-a1", ["Window Staff"], hall)
	b_user = make_user("bad-b1", ["Window Staff"], hall)
	env = frappe._dict(
		hall=hall,
		other=other,
		window=window,
		other_window=make_window(other, 1).name,
		applicant=applicant,
		staff=make_staff(window, applicant).name,
		cover=make_staff(window, b_user, post="B Post").name,
		b_user=b_user,
		supervisor=make_user("bad-supervisor", ["Supervisor"], hall),
		other_supervisor=make_user("bad-other-supervisor", ["Supervisor"], other),
		admin=make_user("bad-admin", ["Hall Administrator"], hall),
		agent=make_user("bad-agent", ["Proxy Agent"], hall),
	)
	yield env
	frappe.local.lang = "en"
	frappe.set_user("Administrator")
	clear_hall_permission_cache()


def as_(user, fn):
	"""The bad action ``fn`` run as ``user``."""

	def run():
		frappe.set_user(user)
		try:
			return fn()
		finally:
			frappe.set_user("Administrator")

	return run


def insert(doc, user="Administrator"):
	return as_(user, doc.insert)


def rest_save(doctype, name, user, **values):
	"""What the desk's Save sends over REST: the whole document with ``values`` changed, through frappe.client.save."""

	def run():
		doc = frappe.get_doc(doctype, name).as_dict()
		doc.update(values)
		return frappe.client.save(doc)

	return as_(user, run)


def rate(env, nonce=None, token=None, **values):
	"""The public rating page's POST as Guest (zhengwu_hall.rating.submit_rating)."""
	from zhengwu_hall.rating import issue_nonce, submit_rating, window_token

	kwargs = {
		"window": env.window,
		"token": token or window_token(env.window),
		"nonce": nonce or issue_nonce(env.window),
		"level": "Very Satisfied",
		"device": f"bad-input-{frappe.generate_hash(length=6)}",
		**values,
	}
	return as_("Guest", lambda: submit_rating(**kwargs))


def replayed_rating(env):
	"""A rating sent once (counted), then the same form (nonce) sent again."""
	from zhengwu_hall.rating import issue_nonce

	nonce = issue_nonce(env.window)
	rate(env, nonce=nonce)()
	return rate(env, nonce=nonce)


def set_value_over_rest(user, doctype, name, field, value):
	return as_(user, lambda: frappe.client.set_value(doctype, name, field, value))


def replied_complaint(env):
	"""A complaint of the hall, replied on Thursday 5 March 2026 (appeal due 26 March, 15 working days)."""
	doc = new_complaint(env.hall, env.window)
	doc.insert(ignore_permissions=True)
	frappe.db.set_value("Complaint", doc.name, {"workflow_state": "Reply Sent", "replied_on": "2026-03-05"})
	frappe.get_doc("Complaint", doc.name).save(ignore_permissions=True)
	return doc.name


def department(env):
	return (
		frappe.db.get_value("Stationed Department", {"service_hall": env.hall})
		or make_department(env.hall).name
	)


CATALOGUE = [
	# ---- service cases (seed 001 限时办结制)
	(
		"case-accepted-before-received",
		"受理日期早于收件时间",
		lambda e: insert(
			new_service_case(e.hall, received_on="2026-03-05 09:00:00", accepted_on="2026-03-02"), e.admin
		),
	),
	(
		"case-incomplete-materials-without-notice",
		"材料不全须一次性告知 (限时办结制 第五条)",
		lambda e: insert(new_service_case(e.hall, materials_complete=0), e.admin),
	),
	(
		"case-refused-without-reason",
		"不予受理须说明理由",
		lambda e: insert(new_service_case(e.hall, refused=1), e.admin),
	),
	(
		"case-window-of-another-hall",
		"窗口须属本大厅",
		lambda e: insert(new_service_case(e.hall, window=e.other_window), e.admin),
	),
	(
		"case-over-long-applicant",
		"超长文本",
		lambda e: insert(new_service_case(e.hall, applicant_name=LONG), e.admin),
	),
	(
		"case-wrong-hall-for-user",
		"他区工作人员不得登记本区办件 (属地管理)",
		lambda e: insert(new_service_case(e.hall), e.other_supervisor),
	),
	# ---- service items: promised < statutory (seed 001 限时办结制 第三条)
	(
		"item-promised-equals-statutory",
		"承诺时限须短于法定时限",
		lambda e: insert(new_item(department(e), "测试坏承诺事项", 10, 10)),
	),
	(
		"item-promised-over-statutory",
		"承诺时限须短于法定时限",
		lambda e: insert(new_item(department(e), "测试坏承诺事项", 10, 12)),
	),
	(
		"item-negative-promised",
		"承诺时限不得为负",
		lambda e: insert(new_item(department(e), "测试负承诺事项", 10, -1)),
	),
	# ---- extension after expiry (seed 001 限时办结制 第十条)
	(
		"extension-after-expiry",
		"延期须在时限届满前提出",
		lambda e: insert(new_deadline_extension(make_service_case(e.hall).name, "2026-12-31"), e.applicant),
	),
	# ---- leave (seed 001 请销假制度)
	(
		"leave-dates-out-of-order",
		"结束日期早于开始日期",
		lambda e: insert(new_leave_request(e.staff, e.cover, "2026-12-08", "2026-12-07"), e.applicant),
	),
	(
		"leave-no-working-day",
		"请假区间无工作日",
		lambda e: insert(new_leave_request(e.staff, e.cover, "2026-12-05", "2026-12-06"), e.applicant),
	),
	(
		"leave-missing-cover",
		"请假须有B岗顶岗",
		lambda e: insert(new_leave_request(e.staff, None, FRI, FRI), e.applicant),
	),
	(
		"leave-cover-not-b-post",
		"顶岗须为本窗口B岗",
		lambda e: insert(
			new_leave_request(
				e.staff, make_staff(e.window, make_user("bad-a2", ["Window Staff"], e.hall)).name, FRI, FRI
			),
			e.applicant,
		),
	),
	(
		"leave-of-someone-else",
		"窗口人员只能为本人请假",
		lambda e: insert(new_leave_request(e.staff, e.cover, FRI, FRI), e.b_user),
	),
	(
		"leave-over-long-reason",
		"超长文本",
		lambda e: insert(new_leave_request(e.staff, e.cover, FRI, FRI, contact_phone=LONG), e.applicant),
	),
	# ---- absence and extended service (seed 001 考勤、延时服务制度)
	(
		"absence-zero-days",
		"缺勤天数须大于零",
		lambda e: insert(new_absence_record(e.staff, "2026-12-07", 0), e.supervisor),
	),
	(
		"extended-service-end-before-start",
		"结束时间早于开始时间",
		lambda e: insert(new_extended_service_log(e.staff, end="2026-12-07 17:00:00"), e.applicant),
	),
	(
		"extended-service-fee-charged",
		"延时服务不得收费",
		lambda e: insert(new_extended_service_log(e.staff, no_fee_charged=0), e.applicant),
	),
	(
		"extended-service-refusal-not-told",
		"不能提供延时服务须告知理由",
		lambda e: insert(
			new_extended_service_log(e.staff, end=None, outcome="Not Provided", refusal_reason="系统维护"),
			e.applicant,
		),
	),
	# ---- complaints (seed 001 行政效能投诉管理制度)
	(
		"complaint-appeal-after-15-working-days",
		"复查、复核申请超过15个工作日",
		lambda e: rest_save(
			"Complaint",
			replied_complaint(e),
			e.supervisor,
			appeal_filed_on="2026-03-27",
			appeal_content="测试：不服处理结果",
		),
	),
	(
		"complaint-window-of-another-hall",
		"被投诉窗口须属本大厅",
		lambda e: insert(new_complaint(e.hall, e.other_window), e.supervisor),
	),
	(
		"complaint-wrong-hall-for-user",
		"他区督查人员不得登记本区投诉",
		lambda e: insert(new_complaint(e.hall, e.window), e.other_supervisor),
	),
	(
		"complaint-over-long-phone",
		"超长文本",
		lambda e: insert(new_complaint(e.hall, e.window, contact_phone=LONG), e.supervisor),
	),
	(
		"complaint-workflow-state-set-over-rest",
		"流程状态不得经REST直接修改",
		lambda e: set_value_over_rest(
			e.supervisor,
			"Complaint",
			new_complaint(e.hall, e.window).insert(ignore_permissions=True).name,
			"workflow_state",
			"Archived",
		),
	),
	# ---- proxy service (帮办代办)
	(
		"proxy-bad-id-number",
		"身份证号码校验位错误",
		lambda e: insert(
			new_proxy_authorization(e.hall, agent=e.agent, client_id_number=VALID_ID_NUMBER[:-1] + "1"),
			e.agent,
		),
	),
	(
		"proxy-no-materials",
		"委托书须列明材料",
		lambda e: insert(new_proxy_authorization(e.hall, agent=e.agent, materials=[]), e.agent),
	),
	# ---- organisation
	(
		"window-duplicate-number",
		"同一大厅窗口编号重复",
		lambda e: insert(new_window(e.hall, 1), e.admin),
	),
	(
		"department-duplicate",
		"同一部门重复进驻",
		lambda e: (
			make_department(e.hall, "测试重复部门"),
			insert(new_department(e.hall, "测试重复部门"), e.admin),
		)[1],
	),
	(
		"hall-town-under-town",
		"层级错误：镇中心下不能再设镇中心",
		lambda e: insert(
			new_hall(
				"坏层级镇", "Town Center", make_hall("坏输入镇便民服务中心", "Town Center", e.hall).name
			),
			"Administrator",
		),
	),
	(
		"calendar-exception-duplicate",
		"同一天重复设置例外",
		lambda e: (
			new_exception(e.hall, "2026-04-15").insert(ignore_permissions=True),
			insert(new_exception(e.hall, "2026-04-15"), e.admin),
		)[1],
	),
	# ---- inspections and supervision
	(
		"statistics-period-reversed",
		"统计区间颠倒",
		lambda e: insert(new_inspection_statistics(e.hall, "2026-03-08", "2026-03-02"), e.supervisor),
	),
	(
		"social-supervisor-term-reversed",
		"聘期结束早于开始",
		lambda e: insert(
			new_social_supervisor(e.hall, term_start="2027-01-01", term_end="2026-01-01"), e.admin
		),
	),
	(
		"supervision-visit-supervisor-out-of-term",
		"监督员不在聘期内",
		lambda e: insert(
			new_supervision_visit(
				e.hall,
				[make_social_supervisor(e.hall, term_start="2020-01-01", term_end="2021-12-31").name],
			),
			e.supervisor,
		),
	),
	# ---- 好差评: the public QR rating page, as Guest (seed 003, issue 9)
	(
		"rating-level-out-of-range",
		"评价等级只能是五级之一",
		lambda e: rate(e, level="Superb"),
	),
	(
		"rating-bad-review-without-reason",
		"差评须说明原因",
		lambda e: rate(e, level="Dissatisfied"),
	),
	(
		"rating-replayed",
		"同一评价表单重复提交",
		lambda e: replayed_rating(e),
	),
	(
		"rating-forged-link",
		"伪造的评价链接",
		lambda e: rate(e, token="0" * 20),
	),
	# ---- appointments
	(
		"schedule-slot-ends-before-start",
		"预约时段结束早于开始",
		lambda e: insert(
			new_appointment_schedule(e.window, [schedule_row(start="10:00", end="09:00")]), e.admin
		),
	),
]


def snapshot():
	"""(rows, latest modified) of every table of the app, child tables included."""
	doctypes = frappe.get_all("DocType", filters={"module": "Zhengwu Hall", "issingle": 0}, pluck="name")
	out = {}
	for doctype in doctypes:
		table = frappe.qb.DocType(doctype)
		out[doctype] = (
			frappe.qb.from_(table)
			.select(
				frappe.query_builder.functions.Count("*"), frappe.query_builder.functions.Max(table.modified)
			)
			.run()[0]
		)
	return out


def test_catalogue_has_thirty_cases():
	assert len(CATALOGUE) >= 30
	assert len({case for case, _, _ in CATALOGUE}) == len(CATALOGUE)


@pytest.mark.parametrize("case", [c[0] for c in CATALOGUE])
def test_bad_input_is_refused_in_chinese_and_nothing_changes(case, env):
	_, what, setup = next(c for c in CATALOGUE if c[0] == case)
	action = setup(env)
	before = snapshot()
	frappe.local.lang = "zh"
	frappe.clear_messages()
	with pytest.raises((frappe.ValidationError, frappe.PermissionError)) as raised:
		action()
	frappe.local.lang = "en"
	# what the user reads: the exception's text, or the dialog Frappe showed (a missing mandatory field)
	shown = " ".join(frappe.parse_json(m).get("message", "") for m in frappe.local.message_log)
	message = f"{raised.value} {shown}"
	assert CJK.search(message), f"{case} ({what}): not a Chinese message: {message!r}"
	assert "Traceback" not in message
	# checked before any rollback: nothing was written before the refusal, not even inside the transaction
	assert snapshot() == before, f"{case} ({what}): the database changed"


# ---------------------------------------------------------------------------------------------- HTML in print
PAYLOAD = '<script>alert("zw")</script><img src=x onerror=alert(1)>'
FREE_TEXT = ("Data", "Small Text", "Text", "Long Text", "Text Editor")


def print_formats():
	return frappe.get_all(
		"Print Format", filters={"module": "Zhengwu Hall", "standard": "Yes"}, fields=["name", "doc_type"]
	)


def test_print_formats_are_listed():
	assert len(print_formats()) >= 10


@pytest.mark.parametrize("index", range(14))
def test_user_html_is_escaped_in_print(index, env):
	"""HTML/JS typed into every free-text field of a printed form (and its child rows) prints as text."""
	from test_smoke import SMOKE

	formats = sorted(print_formats(), key=lambda f: f.name)
	if index >= len(formats):
		pytest.skip("fewer print formats")
	fmt = formats[index]
	# a town of its own (the factories number their window 1); the deduction statement needs xx-district's total
	pack = "xx-district" if fmt.doc_type == "Stationed Department" else "qinzhou-qinnan"
	town = make_hall(f"坏输入打印{index}镇便民服务中心", "Town Center", env.hall, rule_pack=pack).name
	doc = SMOKE[fmt.doc_type][0](town)
	doc.flags.ignore_permissions = True
	doc.insert()
	filled = []
	for meta, name in [(frappe.get_meta(doc.doctype), doc.name)] + [
		(frappe.get_meta(row.doctype), row.name) for row in doc.get_all_children()
	]:
		values = {
			f.fieldname: PAYLOAD[: f.length or 140] if f.fieldtype == "Data" else PAYLOAD
			for f in meta.fields
			if f.fieldtype in FREE_TEXT
			and not f.is_virtual
			and f.fieldname not in ("naming_series", "amended_from")
		}
		if values:
			frappe.db.set_value(meta.name, name, values, update_modified=False)
			filled += list(values)
	if doc.doctype == "Complaint":  # the complainant's identity is kept apart (Complainant Identity)
		frappe.db.set_value(
			"Complainant Identity",
			{"complaint": doc.name},
			{"complainant_name": PAYLOAD},
			update_modified=False,
		)
	assert filled, f"{fmt.doc_type} has no free-text field"
	html = print_html(fmt.doc_type, doc.name, fmt.name)
	assert "<script>alert" not in html, fmt.name
	assert "onerror=alert" not in html.replace("&lt;img src=x onerror=alert(1)&gt;", ""), fmt.name
