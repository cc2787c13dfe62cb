app_name = "zhengwu_hall"
app_title = "Zhengwu Hall"
app_publisher = "zhengwu_hall developers"
app_description = "Supervision of government service halls (政务服务大厅效能监督)"
app_email = "zhengwu-hall@example.invalid"
app_license = "mit"

# Installation
# ------------
# after_install runs before Frappe syncs fixtures/ (roles): nothing here may depend on fixture records.
after_install = "zhengwu_hall.setup.install.after_install"
after_migrate = "zhengwu_hall.setup.install.after_migrate"

# Fixtures
# --------
# Frappe imports every top-level JSON file of zhengwu_hall/fixtures (a link to the repository's fixtures/)
# on install and migrate. The jurisdiction rule packs live in fixtures/packs/ and are NOT synced that way:
# Frappe's fixture sync overwrites records on every migrate, which would destroy an administrator's edits.
# They go through `bench --site S zhengwu-sync-packs` (and after_install) instead, which keeps local edits.

# Translations live in zhengwu_hall/translations/zh.csv (source, translation[, context]).

# Permissions (属地管理、分级负责)
# -------------------------------
# A user sees the records of the halls they are assigned to (User Permission on Service Hall, subtree included);
# these hooks make a user with no hall see none at all, instead of Frappe's default of everything.
hall_scoped_doctypes = [
	"Service Hall",
	"Stationed Department",
	"Service Window",
	"Window Staff",
	"Service Item",
	"Hall Calendar Exception",
	"Inspection Record",
	"Rectification Notice",
	"Inspection Statistics",
	"Leave Request",
	"Absence Record",
	"Extended Service Log",
	"Complaint",
	"Service Case",
	"Service Evaluation",
	"Deadline Extension Application",
	"Proxy Service Authorization",
	"Complaint Consequence",
	"Complainant Identity",
	"Quarterly Self-Assessment",
	"Department Deduction",
	"Accountability Case",
	"Negative List Entry",
	"Appointment Schedule",
	"Service Appointment",
	"Home Visit",
	"Social Supervisor",
	"Supervision Visit",
	"Supervisor Evaluation",
	"Service Evaluation Aggregate",
	"Case Rating Tracker",
	"Bad Review Work Order",
]
permission_query_conditions = {
	doctype: "zhengwu_hall.setup.permissions.get_permission_query_conditions"
	for doctype in hall_scoped_doctypes
}
has_permission = {
	doctype: "zhengwu_hall.setup.permissions.has_hall_permission" for doctype in hall_scoped_doctypes
}

# REST methods of Frappe that skip permission checks, replaced (setup/safe_client.py)
override_whitelisted_methods = {
	"frappe.client.get_count": "zhengwu_hall.setup.safe_client.get_count",
}

# Document events
# ---------------
# a submitted inspection record proposes the department deductions its findings map to (seed 004 第二十一條)
# every user lands in the workspace of their role family (issue 10; setup/desk.py)
doc_events = {
	"Inspection Record": {"on_submit": "zhengwu_hall.setup.assessment.propose_from_inspection_record"},
	"User": {"validate": "zhengwu_hall.setup.desk.set_default_workspace"},
}

# Scheduler
# ---------
# hourly: the weekly 巡查情况统计表 is queued in the hour before the pack's weekly deadline (seed 000 周上报);
# daily: open rectification notices past their deadline are marked for a 整改函 (seed 001 日常巡查 第八条);
# open service cases past their promised date become overdue, and cases near it are warned (seed 001 限时办结制
# 第九条, 第十条).
# daily: complaints' working days left refreshed, the handler warned the working day before a deadline and the
# Center Director once it passed (seed 001 行政效能投诉管理制度 第三条).
# daily: completed unrated cases get their reminder (24 h) or are recorded 未评 (seed 001 “好差评”制度 第十七条).
scheduler_events = {
	"hourly": ["zhengwu_hall.setup.inspections.send_weekly_statistics"],
	"daily": [
		"zhengwu_hall.setup.inspections.mark_overdue_notices",
		"zhengwu_hall.setup.cases.refresh_open_cases",
		"zhengwu_hall.setup.cases.warn_due_cases",
		"zhengwu_hall.setup.complaints.send_deadline_reminders",
		"zhengwu_hall.setup.evaluations.follow_up_cases",
	],
}

# Jinja
# -----
# deduction_statement(department, year): the data of the print format 进驻部门年度扣分情况表 (Stationed Department).
# zhengwu_custom_fields(doc): the fields an administrator added with Customize Form, printed by every sheet
# (templates/print/custom_fields.html); window_card(window): the QR code of the window rating card.
jinja = {
	"methods": [
		"zhengwu_hall.utils.zhengwu_custom_fields",
		"zhengwu_hall.setup.assessment.deduction_statement",
		"zhengwu_hall.rating.window_card",
	]
}
