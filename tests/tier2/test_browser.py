"""Browser end-to-end (issue 10): real users log in to a live server of the test site and click through.

Debian's /usr/bin/chromium driven by the `playwright` package (executable_path: no browser is ever downloaded);
skipped with a message when either is missing. The server is another process (conftest.live_server), so the
data each flow starts from is COMMITTED here and purged afterwards (the halls are unique to this run).
Screenshots of every step go to a temporary folder printed at the start; any JS error in the console fails.
"""

import os
import re
import subprocess
import sys
import tempfile
from urllib.parse import quote, unquote

import frappe
import pytest
from factories import (
	RUN,
	check_row,
	make_complaint,
	make_hall,
	make_inspection_record,
	make_rated_window,
	make_service_case,
	make_staff,
	make_user,
	make_window,
	new_rectification_notice,
)
from frappe.utils import getdate
from frappe.utils.password import update_password
from zhengwu_hall.hooks import hall_scoped_doctypes
from zhengwu_hall.setup import desk
from zhengwu_hall.setup.evaluations import record_unrated
from zhengwu_hall.setup.permissions import clear_hall_permission_cache

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "Zhengwu#Browser1"
FRIDAY = "2026-12-04"  # a working day (test_leave.py uses it too)
INSPECTION_DAY = "2026-11-20"  # a Friday

try:
	from playwright.sync_api import TimeoutError as PlaywrightTimeout
	from playwright.sync_api import sync_playwright
except ImportError:
	sync_playwright = None

if not os.path.exists(CHROMIUM):
	pytestmark = pytest.mark.skip(
		reason=f"!!! {CHROMIUM} is absent: browser tests skipped (apt-get install chromium) !!!"
	)
elif sync_playwright is None:
	pytestmark = pytest.mark.skip(
		reason="!!! playwright is not installed in the bench env: browser tests skipped !!!"
	)

# Chinese labels the flows click (zh.csv)
DECISION, APPROVE, CREATE, NOTICE, ISSUE = "审批结果", "批准", "创建", "整改告知单", "下发整改告知单"


# ---------------------------------------------------------------------------------------------- the browser
@pytest.fixture(scope="module")
def shots():
	folder = tempfile.mkdtemp(prefix="zhengwu-browser-")
	print(f"\n[browser] screenshots in {folder}", file=sys.stderr)
	return folder


@pytest.fixture(scope="module")
def chromium():
	with sync_playwright() as p:
		browser = p.chromium.launch(
			executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"]
		)
		yield browser
		browser.close()


class Session:
	"""One user's browser context: logs in through the login page, records JS errors, takes numbered shots."""

	def __init__(self, browser, base, shots, name, **context):
		self.base, self.shots, self.name, self.step = base, shots, name, 0
		self.context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **context)
		self.page = self.context.new_page()
		self.page.set_default_timeout(30_000)
		self.errors = []
		self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
		self.page.on("console", self._console)

	def _console(self, msg):
		if msg.type != "error":
			return
		text, url = msg.text, msg.location.get("url") or ""
		# the realtime server (socket.io) is not part of the test server; its unanswered polls are no page error,
		# nor is the browser's own favicon request on the bare print view
		if "/socket.io/" in url or "socket.io" in text or url.endswith("/favicon.ico"):
			return
		self.errors.append(f"console: {text} ({url})")

	def shot(self, what):
		self.step += 1
		path = os.path.join(self.shots, f"{self.name}-{self.step:02d}-{what}.png")
		self.page.screenshot(path=path, full_page=True)
		return path

	def login(self, user):
		page = self.page
		page.goto(f"{self.base}/login")
		page.fill("#login_email", user)
		page.fill("#login_password", PASSWORD)
		page.click(".btn-login")
		page.wait_for_url("**/app/**")
		page.wait_for_selector(".page-container:visible")
		self.idle()

	def idle(self):
		self.page.wait_for_load_state("networkidle")
		self.page.wait_for_function("() => !window.frappe || !frappe.request || !frappe.request.ajax_count")

	def open(self, route):
		self.page.goto(f"{self.base}/app/{route}")
		self.page.wait_for_selector(".page-container:visible")
		self.idle()

	def control(self, fieldname):
		return self.page.locator(f'.frappe-control[data-fieldname="{fieldname}"]:visible').first

	def set_link(self, fieldname, value):
		box = self.control(fieldname).locator("input")
		box.click()
		box.fill(value)
		item = self.page.locator(".awesomplete ul:visible li", has_text=value).first
		try:
			item.wait_for(timeout=8_000)
			item.click()
		except PlaywrightTimeout:
			box.press("Tab")  # no suggestion shown: the control validates the typed name on blur
		self.idle()
		got = self.page.evaluate(f"() => cur_frm.doc[{fieldname!r}]")
		assert got == value, (
			f"{fieldname}: {got!r} instead of {value!r} (shot {self.shot('link-' + fieldname)})"
		)

	def set_text(self, fieldname, value):
		box = self.control(fieldname).locator("input, textarea").first
		box.fill(value)
		box.press("Tab")
		self.idle()

	def set_date(self, fieldname, value):
		box = self.control(fieldname).locator("input")
		box.fill(value)
		box.press("Escape")
		box.press("Tab")
		self.idle()

	def select(self, fieldname, value):
		self.control(fieldname).locator("select").select_option(value)
		self.idle()

	def save(self):
		self.page.keyboard.press("Control+s")
		self.page.wait_for_function("() => cur_frm && !cur_frm.is_new() && !cur_frm.is_dirty()")
		self.idle()
		return self.page.evaluate("() => cur_frm.doc.name")

	def dismiss_messages(self):
		"""Close the message dialogs a save may show (warnings such as 未达每日最少检查次数)."""
		for dialog in self.page.locator(".modal.show").all():
			dialog.locator(".btn-modal-close, .modal-header .close").first.click()
		self.page.wait_for_function("() => !document.querySelector('.modal.show')")

	def doc_value(self, field):
		return self.page.evaluate(f"() => cur_frm.doc[{field!r}]")

	def assert_no_js_errors(self):
		assert not self.errors, f"{self.name}: JS errors in the console:\n" + "\n".join(self.errors)

	def close(self):
		self.context.close()


@pytest.fixture
def session(chromium, live_server, shots):
	opened = []

	def open_session(name, **context):
		s = Session(chromium, live_server, shots, name, **context)
		opened.append(s)
		return s

	yield open_session
	for s in opened:
		s.close()


# ---------------------------------------------------------------------------------------------- committed data
def browser_user(key, roles, hall):
	email = make_user(f"web-{key}", roles, hall)
	update_password(email, PASSWORD)
	return email


@pytest.fixture(scope="module")
def hall_data(frappe_site):
	"""A district center on the 钦南 pack with one window, its A and B posts, a supervisor, the deputy director and
	the director, all committed for the server; purged afterwards."""
	frappe.set_user("Administrator")
	hall = make_hall(f"浏览器{RUN}中心", "District Center", rule_pack="qinzhou-qinnan").name
	window = make_window(hall, 1).name
	d = frappe._dict(hall=hall, window=window)
	d.staff_user = browser_user("staff", ["Window Staff"], hall)
	d.staff = make_staff(window, d.staff_user).name
	d.cover_user = browser_user("cover", ["Window Staff"], hall)
	d.cover = make_staff(window, d.cover_user, post="B Post").name
	d.supervisor = browser_user("supervisor", ["Supervisor"], hall)
	d.deputy = browser_user("deputy", ["Center Deputy Director"], hall)
	d.director = browser_user("director", ["Center Director"], hall)
	d.admin = browser_user("admin", ["Hall Administrator"], hall)
	d.rated = make_rated_window(hall, 2, key="web-rate")  # a department's window with its liaison, for 好差评
	make_open_work(d)
	frappe.db.commit()
	clear_hall_permission_cache()
	yield d
	frappe.db.rollback()
	purge_hall(hall, [d.staff_user, d.cover_user, d.supervisor, d.deputy, d.director, d.admin])


def make_open_work(d):
	"""Work waiting on the desk when each role lands: a complaint to accept (supervisor) and one to sign
	(director), a notice issued to the window (window staff), a case recorded 未评, a draft inspection record with
	two 六查 findings (the chart)."""
	d.to_accept = make_complaint(d.hall, d.window, received_on="2026-11-19 09:00:00").name
	d.to_sign = make_complaint(d.hall, d.window, received_on="2026-11-19 10:00:00").name
	frappe.db.set_value("Complaint", d.to_sign, "workflow_state", "Findings Issued")
	notice = new_rectification_notice(d.hall, d.window, found_on="2026-11-19").insert(ignore_permissions=True)
	frappe.db.set_value("Rectification Notice", notice.name, "workflow_state", "Issued")
	case = make_service_case(
		d.hall,
		d.window,
		received_on="2026-11-02 09:00:00",
		accepted_on="2026-11-02",
		completed_on="2026-11-06",
		delivered_on="2026-11-06",
	)
	record_unrated(frappe._dict(case.as_dict()), getdate("2026-11-16"))
	rows = [
		check_row(1, record="测试：窗口人员脱岗", category="Discipline", service_window=d.window),
		check_row(2, record="测试：桌面杂乱", category="Environment", service_window=d.window),
	]
	make_inspection_record(d.hall, "2026-11-19", rows=rows, submit=False)


def as_user(user, fn):
	"""What the server computes for ``user`` (the numbers the desk must show)."""
	frappe.set_user(user)
	try:
		return fn()
	finally:
		frappe.set_user("Administrator")


def purge_hall(hall, users):
	"""Delete every record of the hall (submitted ones too: straight from the tables) and the users."""
	for doctype in [*reversed(hall_scoped_doctypes)]:
		meta = frappe.get_meta(doctype)
		field = "name" if doctype == "Service Hall" else "service_hall"
		if not meta.has_field(field) and field != "name":
			continue
		names = frappe.get_all(doctype, filters={field: hall}, pluck="name")
		if not names:
			continue
		for table in meta.get_table_fields():
			frappe.db.delete(table.options, {"parent": ("in", names), "parenttype": doctype})
		frappe.db.delete(doctype, {"name": ("in", names)})
	users = {*users, *frappe.get_all("User", filters={"name": ("like", f"zw-{RUN}-web-%")}, pluck="name")}
	for user in users:
		frappe.db.delete("Has Role", {"parent": user, "parenttype": "User"})
		frappe.db.delete("User Permission", {"user": user})
		frappe.db.delete("User", {"name": user})
	frappe.db.delete("Business Line", {"name": ("like", f"测试{RUN}条线%")})
	frappe.db.commit()
	clear_hall_permission_cache()


def fresh(doctype, name, field):
	frappe.db.rollback()  # a new snapshot: the server committed in another process
	return frappe.db.get_value(doctype, name, field)


# ---------------------------------------------------------------------------------------------- the flows
def test_each_role_lands_in_its_chinese_workspace(session, hall_data):
	for key, user, workspace in (
		("landing-staff", hall_data.staff_user, "窗口工作人员"),
		("landing-supervisor", hall_data.supervisor, "督查员"),
		("landing-director", hall_data.director, "中心领导"),
		("landing-admin", hall_data.admin, "系统管理员"),
	):
		s = session(key, viewport={"width": 1280, "height": 2000})  # the whole desk in one shot
		s.login(user)
		s.page.goto(f"{s.base}/app")
		s.page.wait_for_selector(".number-widget-box", timeout=30_000)
		# Frappe shows a card only to a user who may read its DocType (window staff see no complaints)
		cards = [
			card
			for card, doctype in frappe.get_all(
				"Number Card",
				filters={
					"name": (
						"in",
						frappe.get_all(
							"Workspace Number Card", {"parent": workspace}, pluck="number_card_name"
						),
					)
				},
				fields=["name", "document_type"],
				as_list=True,
			)
			if frappe.has_permission(doctype, "read", user=user)
		]
		assert cards, workspace
		# every number card has run its count (a live query through the user's hall scoping) and shows a number
		try:
			s.page.wait_for_function(
				"(n) => document.querySelectorAll('.number-widget-box .widget-content .number').length >= n",
				arg=len(cards),
				timeout=60_000,
			)
		except PlaywrightTimeout:
			box = s.page.locator(".number-widget-box").first.inner_html()
			pytest.fail(f"{workspace}: the number cards did not load: {box[:800]} (shot {s.shot('cards')})")
		s.idle()
		s.page.wait_for_timeout(1500)  # the charts draw after their data arrives
		s.shot("workspace")
		assert unquote(s.page.url).rstrip("/").endswith(f"/app/{workspace}"), unquote(s.page.url)
		numbers = s.page.locator(".number-widget-box .widget-content .number").all_inner_texts()
		assert all(n.strip().replace(",", "").replace(".", "").isdigit() for n in numbers), numbers
		# 待我审批 on every desk, counted for this user in this hall (a complaint to accept or sign, the notice)
		pending = as_user(user, lambda: len(desk.pending_approvals()))
		assert pending >= (0 if workspace == "系统管理员" else 1), (workspace, pending)
		assert card_number(s, "待我审批") == pending, workspace
		assert shortcut(s, "待我审批").is_visible()
		if workspace in ("督查员", "中心领导"):
			assert card_number(s, "未评价办件") == 1, workspace
			# the 六查 chart is drawn from its data (two findings), not 无数据
			chart = s.page.locator(".dashboard-widget-box", has=title("六查问题分类", s))
			chart.locator("svg.frappe-chart").first.wait_for(timeout=30_000)
		if workspace == "督查员":
			assert card_number(s, "今日最低巡查次数") == as_user(user, lambda: desk.today_checks().required)
			assert pill(s, "未评价办件") == "1 未评"
		if workspace == "中心领导":
			assert re.fullmatch(r"\d+ 待我审批", pill(s, "待我审批的请假"))
		s.assert_no_js_errors()


def title(text, s):
	return s.page.locator(".widget-title", has_text=re.compile(f"^\\s*{re.escape(text)}\\s*$"))


def card_number(s, label):
	number = s.page.locator(".number-widget-box", has=title(label, s)).locator(".widget-content .number")
	return int(number.inner_text().strip().replace(",", ""))


def shortcut(s, label):
	return s.page.locator(".shortcut-widget-box", has=title(label, s))


def pill(s, label):
	"""The live count a shortcut shows next to its label (Frappe counts its stats_filter after rendering)."""
	count = shortcut(s, label).locator(".indicator-pill")
	count.wait_for(timeout=30_000)
	return count.inner_text().strip()


def test_supervisor_records_a_days_inspection_with_one_finding_and_issues_a_notice(session, hall_data):
	s = session("inspection")
	s.login(hall_data.supervisor)
	s.open("inspection-record/new")
	s.set_link("service_hall", hall_data.hall)
	s.set_date("date", INSPECTION_DAY)
	s.select("kind", "Self-Check")
	s.shot("new-record")
	# the grid's "add row" button, then the row's values as its row form sets them
	s.control("checks").locator(".grid-add-row").click()
	s.page.evaluate(
		"""([window]) => {
			const row = cur_frm.doc.checks[cur_frm.doc.checks.length - 1];
			const set = (f, v) => frappe.model.set_value(row.doctype, row.name, f, v);
			return Promise.all([
				set("method", "On-site Inspection"), set("check_time", "09:00:00"),
				set("record", "测试：窗口人员脱岗"), set("category", "Discipline"), set("service_window", window),
			]);
		}""",
		[hall_data.window],
	)
	s.idle()
	s.shot("finding-entered")
	name = s.save()
	s.shot("saved-below-minimum-warning")
	s.dismiss_messages()
	s.page.locator(".page-actions .primary-action:visible").click()  # 提交
	s.page.locator(".modal.show .btn-primary:visible").last.click()  # 确认
	s.page.wait_for_function("() => cur_frm.doc.docstatus === 1")
	s.idle()
	s.shot("submitted")
	assert fresh("Inspection Record", name, "docstatus") == 1
	s.dismiss_messages()

	s.page.locator(".inner-group-button button", has_text=CREATE).click()
	s.page.locator(".inner-group-button .dropdown-item", has_text=NOTICE).click()
	dialog = s.page.locator(".modal.show").last
	dialog.locator('[data-fieldname="deadline_working_days"] input').fill("3")
	row_select = dialog.locator('[data-fieldname="row"] select')
	row_select.select_option(index=1 if row_select.locator("option").count() > 1 else 0)
	s.shot("notice-dialog")
	dialog.locator(".btn-primary:visible").click()
	s.page.wait_for_url("**/app/rectification-notice/**")
	s.idle()
	s.shot("notice")
	notice = s.page.evaluate("() => cur_frm.doc.name")
	assert fresh("Rectification Notice", notice, "inspection_record") == name
	assert frappe.db.get_value("Rectification Notice", notice, "service_window") == hall_data.window
	# 下发: the workflow action of the Supervisor (seed 001 日常巡查 第八条)
	s.page.locator(".actions-btn-group button:visible").click()
	s.page.locator(".actions-btn-group .dropdown-item", has_text=ISSUE).click()
	s.page.wait_for_function("() => cur_frm.doc.workflow_state === 'Issued'")
	s.idle()
	s.dismiss_messages()
	s.shot("notice-issued")
	assert fresh("Rectification Notice", notice, "workflow_state") == "Issued"
	s.assert_no_js_errors()


def test_window_staff_files_leave_and_the_deputy_approves(session, hall_data):
	s = session("leave-staff")
	s.login(hall_data.staff_user)
	s.open("leave-request/new")
	s.set_link("staff", hall_data.staff)
	s.select("leave_kind", "Personal Leave")
	s.set_date("from_date", FRIDAY)
	s.set_date("to_date", FRIDAY)
	s.set_text("reason", "测试：家中有事")
	s.set_text("contact_phone", "13800000000")
	s.set_link("cover", hall_data.cover)
	s.shot("filled")
	name = s.save()
	s.shot("saved")
	assert fresh("Leave Request", name, "awaiting_role") == "Center Deputy Director"
	s.assert_no_js_errors()

	d = session("leave-deputy")
	d.login(hall_data.deputy)
	d.open(f"leave-request/{name}")
	d.shot("to-decide")
	d.page.locator(".inner-group-button button", has_text=DECISION).click()
	d.page.locator(f'.inner-group-button .dropdown-item[data-label="{quote(APPROVE)}"]').click()
	dialog = d.page.locator(".modal.show").last
	dialog.locator('[data-fieldname="opinion"] textarea').fill("同意")
	d.shot("opinion")
	dialog.locator(".btn-primary:visible").click()
	d.page.wait_for_function("() => cur_frm.doc.docstatus === 1")
	d.idle()
	d.shot("approved")
	assert fresh("Leave Request", name, "status") == "Approved"
	d.assert_no_js_errors()


def test_director_prints_a_complaint_feedback_form_to_pdf(session, hall_data, shots):
	complaint = make_complaint(hall_data.hall, hall_data.window, received_on="2026-11-20 09:00:00").name
	frappe.db.commit()
	s = session("complaint-print")
	s.login(hall_data.director)
	s.open(f"complaint/{complaint}")
	s.shot("complaint")
	s.page.keyboard.press("Control+p")  # the form's print shortcut opens its print view
	s.page.wait_for_url("**/app/print/Complaint/**")
	s.idle()
	s.page.wait_for_selector(".print-preview-wrapper", state="attached")
	s.page.wait_for_timeout(2000)
	s.shot("print-view")
	# the app's 投诉反馈单 is the default format, not Frappe's Standard
	selected = s.page.locator('.frappe-control[data-fieldname="print_format"] input').first.input_value()
	assert selected in ("Complaint Feedback Form", "投诉反馈单"), selected
	# the print view's own document (what the browser prints), saved to PDF by Chromium
	query = f"doctype=Complaint&name={complaint}&format=Complaint%20Feedback%20Form&no_letterhead=1&_lang=zh"
	s.page.goto(f"{s.base}/printview?{query}")
	s.page.wait_for_load_state("networkidle")
	assert s.page.locator("html").get_attribute("lang", timeout=5_000) in ("zh", "zh-CN")
	pdf = os.path.join(shots, f"complaint-{complaint}.pdf")
	s.page.pdf(path=pdf, format="A4", print_background=True, prefer_css_page_size=True)
	s.shot("printed")
	text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
	text = "".join(text.split())
	assert "投诉反馈单" in text, text[:500]
	assert "态度生硬" in text, text[:500]
	s.assert_no_js_errors()


def test_citizen_rates_a_window_through_the_qr_page_on_a_phone(session, hall_data):
	"""The QR card's link opened on a phone (390×844, touch): a bad review with its reason becomes a rating and a
	work order (seed 001 “好差评”制度 第十条)."""
	from zhengwu_hall.rating import window_token

	window = hall_data.rated.window
	s = session(
		"qr-rating",
		viewport={"width": 390, "height": 844},
		device_scale_factor=2,
		is_mobile=True,
		has_touch=True,
		user_agent="Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
		"Chrome/120.0 Mobile Safari/537.36",
	)
	s.page.goto(f"{s.base}/rate?window={quote(window)}&token={window_token(window)}")
	s.page.wait_for_selector("#rating-form")
	assert s.page.locator("html").get_attribute("lang") == "zh-CN"
	s.shot("qr-page")
	s.page.locator('input[name="level"][value="Dissatisfied"]').tap()
	s.page.locator('textarea[name="bad_reason"]').wait_for()
	s.page.fill('textarea[name="bad_reason"]', "测试：排队太久，窗口无人")
	s.shot("bad-review-reason")
	s.page.locator('#rating-form button[type="submit"]').tap()
	s.page.wait_for_selector("#result:not([hidden])")
	s.shot("submitted")
	result = s.page.inner_text("#result")
	assert "err" not in (s.page.get_attribute("#result", "class") or ""), result
	frappe.db.rollback()  # the server's commit
	rows = frappe.get_all(
		"Service Evaluation",
		filters={"service_window": window},
		fields=["level", "is_bad_review", "bad_review_work_order"],
	)
	assert len(rows) == 1 and rows[0].level == "Dissatisfied" and rows[0].is_bad_review == 1, rows
	assert rows[0].bad_review_work_order
	# the page is laid out for the phone: nothing wider than the screen
	assert s.page.evaluate("() => document.documentElement.scrollWidth") <= 390
	s.assert_no_js_errors()
