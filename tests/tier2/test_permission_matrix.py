"""The permission matrix (docs/permission_matrix.csv) walked as real users of each role, through the handlers the
desk and REST call (frappe.client.get / get_list / get_value, the print view, the export's permission check).

For every DocType of the app: a record in hall A and one in hall B (another district); for every role of the
app a user assigned to hall A. Each cell of the matrix (read, write, create, submit, cancel, delete, print,
export, report, amend at permlevel 0) is asserted as that user; reads go through frappe.client, so a user who may
read sees hall A's record and never hall B's, and a user who may not gets PermissionError. Confidential fields
(docs/confidential_fields.csv) come back empty to roles without permlevel 1. Guest is refused every DocType, and
every whitelisted method of the app refuses a role that may not use it.
"""

import importlib.util
from pathlib import Path

import frappe
import frappe.client
import pytest
from factories import ALL_ROLES, make_hall, make_user
from test_smoke import SMOKE
from zhengwu_hall.setup.permissions import clear_hall_permission_cache


def _load_lint():
	"""tests/lint/permission_matrix.py by path (the bench's Python has another package named tests)."""
	path = Path(__file__).resolve().parents[1] / "lint" / "permission_matrix.py"
	spec = importlib.util.spec_from_file_location("zhengwu_permission_matrix", path)
	module = importlib.util.module_from_spec(spec)
	spec.loader.exec_module(module)
	return module


pm = _load_lint()

MATRIX = pm.load()
CONFIDENTIAL = pm.load(pm.CONFIDENTIAL)
DOCTYPES = sorted({row["doctype"] for row in MATRIX})


def expected(doctype, role, action, permlevel="0"):
	return any(
		row[action] == "1"
		for row in MATRIX
		if row["doctype"] == doctype and row["role"] == role and row["permlevel"] == permlevel
	)


def owner_only(doctype, role):
	rows = [r for r in MATRIX if r["doctype"] == doctype and r["role"] == role and r["permlevel"] == "0"]
	return bool(rows) and all(r["if_owner"] == "1" for r in rows)


@pytest.fixture
def halls():
	clear_hall_permission_cache()
	yield (
		make_hall("权限甲区政务服务中心", "District Center").name,
		make_hall("权限乙区政务服务中心", "District Center").name,
	)
	clear_hall_permission_cache()


def make_record(doctype, hall):
	doc = SMOKE[doctype][0](hall)
	if doctype == "Service Hall":  # the factory names its town alike under every hall
		doc.hall_name += frappe.db.get_value("Service Hall", hall, "hall_name")
	doc.flags.ignore_permissions = True
	doc.insert()
	return doc


def rest(cmd, **kwargs):
	"""What /api/method/<cmd> runs (frappe.handler.execute_cmd): the app's override of the method if hooks.py
	names one, its whitelist check, then the call with the request's arguments."""
	for hook in reversed(frappe.get_hooks("override_whitelisted_methods", {}).get(cmd, [])):
		cmd = hook
		break
	method = frappe.get_attr(cmd)
	frappe.is_whitelisted(method)
	return frappe.call(method, **kwargs)


def as_user(user, call, *args, **kwargs):
	"""(ok, result) of ``call`` as ``user``; a PermissionError is (False, None)."""
	frappe.set_user(user)
	try:
		return True, call(*args, **kwargs)
	except frappe.PermissionError:
		return False, None
	finally:
		frappe.flags.in_test = True
		frappe.set_user("Administrator")
		frappe.clear_messages()


def test_matrix_is_the_site_permissions():
	"""The matrix agrees with the DocPerm rows of the site (what Frappe enforces), not only with the JSON."""
	for doctype in DOCTYPES:
		site = {
			(p.role, str(p.permlevel)): {a: str(int(bool(p.get(a)))) for a in pm.ACTIONS}
			for p in frappe.get_meta(doctype).permissions
		}
		matrix = {
			(r["role"], r["permlevel"]): {a: r[a] for a in pm.ACTIONS}
			for r in MATRIX
			if r["doctype"] == doctype
		}
		assert site == matrix, doctype


def owner_cells(doctype, role, user, record):
	"""An owner-only role's cells on the record while the user owns it, and on the same record owned by another."""
	problems = []
	owner = frappe.db.get_value(doctype, record.name, "owner")
	for owned in (True, False):
		frappe.db.set_value(
			doctype, record.name, "owner", user if owned else "Administrator", update_modified=False
		)
		doc = frappe.get_doc(doctype, record.name)
		for action in pm.ACTIONS:
			if action in ("create", "report", "export"):
				continue
			want = owned and expected(doctype, role, action)
			if (action == "submit" and doc.docstatus != 0) or (
				action in ("cancel", "amend") and doc.docstatus != 1
			):
				continue
			got = bool(as_user(user, frappe.has_permission, doctype, action, doc=doc)[1])
			if got != want:
				problems.append(f"{role} {action} on a record {'it owns' if owned else 'of another'}: {got}")
	frappe.db.set_value(doctype, record.name, "owner", owner, update_modified=False)
	return problems


@pytest.mark.parametrize("doctype", DOCTYPES)
def test_every_cell_as_each_role(doctype, halls):
	hall_a, hall_b = halls
	scoped = doctype in frappe.get_hooks("hall_scoped_doctypes")
	record_a = make_record(doctype, hall_a)
	record_b = make_record(doctype, hall_b) if scoped else None
	problems = []
	for role in ALL_ROLES:
		user = make_user(f"matrix-{frappe.scrub(role)}", [role], hall_a)
		frappe.set_user(user)
		for action in pm.ACTIONS:
			got = bool(frappe.has_permission(doctype, action))
			if owner_only(doctype, role) and action not in ("read", "create"):
				continue  # Frappe grants an owner-only action on a record, never on the DocType: see below
			if got != expected(doctype, role, action):
				problems.append(f"{role} {action}: Frappe {got}, matrix {expected(doctype, role, action)}")
		frappe.set_user("Administrator")
		if owner_only(doctype, role):
			problems += owner_cells(doctype, role, user, record_a)

		may_read = expected(doctype, role, "read")
		sees_a = may_read and not owner_only(doctype, role)
		ok, rows = as_user(
			user, rest, "frappe.client.get_list", doctype=doctype, fields=["name"], limit_page_length=0
		)
		names = {r["name"] for r in rows or []}
		if ok != may_read:
			problems.append(f"{role} get_list: allowed {ok}, matrix read {may_read}")
		if (record_a.name in names) != sees_a:
			problems.append(
				f"{role} get_list lists hall A's record: {record_a.name in names}, expected {sees_a}"
			)
		ok, _ = as_user(user, rest, "frappe.client.get", doctype=doctype, name=record_a.name)
		if ok != sees_a:
			problems.append(f"{role} get of hall A's record: allowed {ok}, expected {sees_a}")
		ok = bool(as_user(user, frappe.has_permission, doctype, "print", doc=record_a.name)[1])
		if ok != (sees_a and expected(doctype, role, "print")):
			problems.append(f"{role} print of hall A's record: {ok}")
		if record_b is not None:
			if record_b.name in names:
				problems.append(f"{role} get_list lists hall B's record")
			for action in ("read", "print", "write", "delete"):
				if as_user(user, frappe.has_permission, doctype, action, doc=record_b.name)[1]:
					problems.append(f"{role} may {action} hall B's record")
			if as_user(user, rest, "frappe.client.get", doctype=doctype, name=record_b.name)[0]:
				problems.append(f"{role} gets hall B's record")
			ok, value = as_user(
				user,
				rest,
				"frappe.client.get_value",
				doctype=doctype,
				fieldname="name",
				filters={"name": record_b.name},
			)
			if ok and value:
				problems.append(f"{role} get_value returns hall B's record")
			count = as_user(
				user, rest, "frappe.client.get_count", doctype=doctype, filters={"name": record_b.name}
			)[1]
			if count:
				problems.append(f"{role} counts hall B's record")
	assert not problems, f"{doctype}:\n" + "\n".join(problems)


@pytest.mark.parametrize("doctype", sorted({row["doctype"] for row in CONFIDENTIAL}))
def test_confidential_fields_hidden_from_roles_without_level_one(doctype, halls):
	hall_a, _hall_b = halls
	fields = [r["fieldname"] for r in CONFIDENTIAL if r["doctype"] == doctype]
	record = make_record(doctype, hall_a)
	meta = frappe.get_meta(doctype)
	# virtual fields (the complainant's identity lives in Complainant Identity) are filled by the factory and
	# cannot be selected by get_list / get_value at all; stored ones are filled here
	stored = [f for f in fields if not meta.get_field(f).is_virtual]
	for field in stored:
		if meta.get_field(field).fieldtype == "Check":
			frappe.db.set_value(doctype, record.name, field, 1, update_modified=False)
		elif not record.get(field):
			frappe.db.set_value(doctype, record.name, field, "测试保密值", update_modified=False)
	for field in fields:
		assert getattr(frappe.get_doc(doctype, record.name), field), (
			f"{field} is empty: the test would prove nothing"
		)
	problems = []
	for role in ALL_ROLES:
		if not expected(doctype, role, "read") or owner_only(doctype, role):
			continue
		user = make_user(f"matrix-{frappe.scrub(role)}", [role], hall_a)
		may_see = expected(doctype, role, "read", "1")
		ok, doc = as_user(user, rest, "frappe.client.get", doctype=doctype, name=record.name)
		assert ok, role
		for field in fields:
			if bool(doc.get(field)) != may_see:
				problems.append(f"{role} get {field}: {doc.get(field)!r}")
		ok, rows = as_user(
			user,
			rest,
			"frappe.client.get_list",
			doctype=doctype,
			fields=["name", *stored],
			filters={"name": record.name},
		)
		for field in stored:
			shown = bool(ok and rows and rows[0].get(field))
			if shown and not may_see:
				problems.append(f"{role} get_list {field}: {rows[0].get(field)!r}")
		ok, value = as_user(
			user,
			rest,
			"frappe.client.get_value",
			doctype=doctype,
			fieldname=stored or ["name"],
			filters={"name": record.name},
		)
		for field in stored:
			if ok and value and value.get(field) and not may_see:
				problems.append(f"{role} get_value {field}: {value.get(field)!r}")
	assert not problems, f"{doctype}:\n" + "\n".join(problems)


@pytest.mark.parametrize("doctype", DOCTYPES)
def test_guest_is_refused(doctype, halls):
	hall_a, _hall_b = halls
	record = make_record(doctype, hall_a)
	assert not as_user("Guest", rest, "frappe.client.get_list", doctype=doctype, fields=["name"])[0]
	assert not as_user("Guest", rest, "frappe.client.get", doctype=doctype, name=record.name)[0]
	frappe.set_user("Guest")
	try:
		for action in pm.ACTIONS:
			assert not frappe.has_permission(doctype, action), action
	finally:
		frappe.set_user("Administrator")


# ---------------------------------------------------------------------------------------------- whitelisted methods


def test_every_whitelisted_method_is_listed_here():
	"""A new whitelisted method must be added to the wrong-role tests below (or to GUEST_METHODS if public)."""
	import inspect

	import zhengwu_hall

	app = Path(zhengwu_hall.__file__).parent
	found = set()
	for path in app.rglob("*.py"):
		text = path.read_text(encoding="utf-8")
		lines = text.splitlines()
		for i, line in enumerate(lines):
			if line.strip().startswith("@frappe.whitelist"):
				j = i + 1
				while not lines[j].strip().startswith("def "):
					j += 1
				name = lines[j].strip()[4:].split("(")[0]
				found.add(f"{path.relative_to(app.parent).with_suffix('')}".replace("/", ".") + "." + name)
	assert inspect  # imported for readers: the methods are matched by name
	missing = sorted(found - set(WRONG_ROLE_CALLS) - set(GUEST_METHODS))
	assert not missing, f"add a wrong-role call for: {missing}"


GUEST_METHODS = {
	"zhengwu_hall.setup.appointments.public_slots",
	"zhengwu_hall.setup.appointments.book",
	"zhengwu_hall.setup.appointments.cancel",
	# the public QR rating page (好差评): a forged link, a replayed form, a bad review without reason are refused
	# (tests/tier2/test_bad_input.py, test_evaluations.py)
	"zhengwu_hall.rating.submit_rating",
	# read-only helpers: the levels a hall may have under a level (seed 000 层级), no record data
	"zhengwu_hall.zhengwu_hall.doctype.service_hall.service_hall.get_allowed_child_levels",
}


WHITELISTED_DOCTYPES = (
	"Leave Request",
	"Extended Service Log",
	"Service Appointment",
	"Department Deduction",
	"Home Visit",
	"Inspection Record",
	"Service Evaluation",
)


def refusal(log):
	"""Make the extended service log a refusal told to the requester: the case the head approves."""
	frappe.db.set_value(
		log.doctype,
		log.name,
		{"outcome": "Not Provided", "refusal_reason": "测试：系统维护", "reason_told_to_requester": 1},
		update_modified=False,
	)
	return log.name


# method -> (role that may not, kwargs from the records and halls)
WRONG_ROLE_CALLS = {
	"zhengwu_hall.zhengwu_hall.doctype.leave_request.leave_request.approve": (
		"Proxy Agent",
		lambda r, h: {"name": r["Leave Request"].name},
	),
	"zhengwu_hall.zhengwu_hall.doctype.leave_request.leave_request.refuse": (
		"Proxy Agent",
		lambda r, h: {"name": r["Leave Request"].name, "opinion": "测试"},
	),
	"zhengwu_hall.zhengwu_hall.doctype.leave_request.leave_request.get_events": (
		"Proxy Agent",
		lambda r, h: {"start": "2026-01-01", "end": "2026-12-31"},
	),
	"zhengwu_hall.zhengwu_hall.doctype.extended_service_log.extended_service_log.approve_refusal": (
		"Window Staff",
		lambda r, h: {"name": refusal(r["Extended Service Log"])},
	),
	"zhengwu_hall.zhengwu_hall.doctype.service_evaluation.service_evaluation.release_held_rating": (
		"Window Staff",
		lambda r, h: {"name": r["Service Evaluation"].name},
	),
	# Frappe's count, replaced by the app (setup/safe_client.py): no count of what the role may not read
	"zhengwu_hall.setup.safe_client.get_count": (
		"Window Staff",
		lambda r, h: {"doctype": "Complainant Identity", "filters": {"complainant_name": "测试冒烟投诉人"}},
	),
	"zhengwu_hall.zhengwu_hall.doctype.service_hall.service_hall.add_node": (
		"Supervisor",
		lambda r, h: {
			"doctype": "Service Hall",
			"hall_name": f"测试越权{frappe.generate_hash(length=4)}",
			"hall_level": "Town Center",
			"parent_service_hall": h,
			"is_root": 0,
		},
	),
	"zhengwu_hall.zhengwu_hall.doctype.service_hall.service_hall.get_children": (
		"Guest",
		lambda r, h: {"doctype": "Service Hall", "parent": h},
	),
	"zhengwu_hall.setup.inspections.create_rectification_notice": (
		"Window Staff",
		lambda r, h: {
			"inspection_record": r["Inspection Record"].name,
			"row": "x",
			"deadline_working_days": 5,
		},
	),
	"zhengwu_hall.setup.inspections.create_notice_for_finding": (
		"Window Staff",
		lambda r, h: {
			"source_doctype": "Inspection Record",
			"source_name": r["Inspection Record"].name,
			"row": "x",
			"deadline_working_days": 5,
		},
	),
	"zhengwu_hall.setup.assessment.propose_deductions_for_hall": (
		"Window Staff",
		lambda r, h: {"hall": h, "from_date": "2026-01-01", "to_date": "2026-12-31"},
	),
	"zhengwu_hall.setup.assessment.deduction_statement": (
		"Proxy Agent",
		lambda r, h: {"department": r["Department Deduction"].stationed_department, "year": 2026},
	),
	# document methods (run_doc_method): the role may read the record but not change it
	"zhengwu_hall.zhengwu_hall.doctype.service_appointment.service_appointment.confirm": (
		"Supervisor",
		lambda r, h: {"doc": r["Service Appointment"]},
	),
	"zhengwu_hall.zhengwu_hall.doctype.service_appointment.service_appointment.cancel_appointment": (
		"Supervisor",
		lambda r, h: {"doc": r["Service Appointment"], "reason": "测试"},
	),
	"zhengwu_hall.zhengwu_hall.doctype.service_appointment.service_appointment.mark_no_show": (
		"Supervisor",
		lambda r, h: {"doc": r["Service Appointment"]},
	),
	"zhengwu_hall.zhengwu_hall.doctype.service_appointment.service_appointment.complete": (
		"Supervisor",
		lambda r, h: {"doc": r["Service Appointment"], "service_case": None},
	),
	"zhengwu_hall.zhengwu_hall.doctype.department_deduction.department_deduction.reverse": (
		"Center Director",
		lambda r, h: {"doc": r["Department Deduction"], "reason": "测试"},
	),
	"zhengwu_hall.zhengwu_hall.doctype.home_visit.home_visit.assign": (
		"Supervisor",
		lambda r, h: {"doc": r["Home Visit"], "staff": None},
	),
	"zhengwu_hall.zhengwu_hall.doctype.home_visit.home_visit.record_visit": (
		"Supervisor",
		lambda r, h: {"doc": r["Home Visit"], "visit_record": "测试"},
	),
	"zhengwu_hall.zhengwu_hall.doctype.home_visit.home_visit.cancel_visit": (
		"Supervisor",
		lambda r, h: {"doc": r["Home Visit"]},
	),
	# the desk's live counts (setup/desk.py): refused, like the lists they count, to who may not read them;
	# 待我审批 is every signed-in user's own (each DocType read with their permissions)
	"zhengwu_hall.setup.desk.pending_approvals_card": ("Guest", lambda r, h: {}),
	"zhengwu_hall.setup.desk.today_checks_card": ("Proxy Agent", lambda r, h: {}),
	"zhengwu_hall.setup.desk.today_minimum_card": ("Proxy Agent", lambda r, h: {}),
	"zhengwu_hall.setup.desk.unrated_cases_card": ("Department Liaison", lambda r, h: {}),
	"zhengwu_hall.zhengwu_hall.dashboard_chart_source.inspection_findings_by_category.inspection_findings_by_category.get": (
		"Proxy Agent",
		lambda r, h: {"chart_name": "六查问题分类"},
	),
}


@pytest.mark.parametrize("method", sorted(WRONG_ROLE_CALLS))
def test_whitelisted_method_refuses_wrong_role(method, halls):
	hall_a, _hall_b = halls
	role, kwargs_of = WRONG_ROLE_CALLS[method]
	# each record in its own town under hall A (several factories number their window 1)
	records = {
		doctype: make_record(doctype, make_hall(f"权限{i}镇便民服务中心", "Town Center", hall_a).name)
		for i, doctype in enumerate(WHITELISTED_DOCTYPES)
	}
	kwargs = kwargs_of(records, hall_a)
	user = "Guest" if role == "Guest" else make_user(f"matrix-{frappe.scrub(role)}", [role], hall_a)
	doc = kwargs.pop("doc", None)
	frappe.set_user(user)
	frappe.flags.in_test = False  # frappe.only_for lets everyone through while in_test
	try:
		with pytest.raises(frappe.PermissionError):
			if doc is not None:
				# what /api/method/run_doc_method does: the document's whitelisted method through its is_whitelisted
				fn = getattr(doc, method.rsplit(".", 1)[1])
				frappe.is_whitelisted(fn)
				doc = frappe.get_doc(doc.doctype, doc.name)
				getattr(doc, method.rsplit(".", 1)[1])(**kwargs)
			else:
				frappe.local.form_dict = frappe._dict(kwargs)  # methods that read the request (add_node)
				fn = frappe.get_attr(method)
				frappe.is_whitelisted(fn)
				frappe.call(fn, **kwargs)
	finally:
		frappe.flags.in_test = True
		frappe.set_user("Administrator")
		frappe.clear_messages()
