"""Smoke test of every DocType of the app: its writer inserts a record and reads it back; others are refused.

SMOKE is the one table. It lists every DocType of module "Zhengwu Hall" that is neither a child table nor a
single, as ``doctype: (factory, writer_role, denied_role)`` (writer_role None: only the app's code writes it, a
reader reads it back):

- ``factory(hall)`` builds a valid record, unsaved, as Administrator (making what it links to on the way); a
  hall-scoped record belongs to ``hall`` (a new Service Hall is a town under it);
- a user holding ``writer_role``, assigned to ``hall``, inserts it with permission checks and reads it back;
- ``denied_role`` names who must not see it: a role with no read permission on the DocType (a user holding it
  in the same hall is refused by role); or, where every role of the app may read, a role whose user assigned to
  another district is refused by hall (hall-scoped DocTypes); or None for a DocType every role may read and no
  hall scopes. Besides, a desk user with no role of the app is refused every DocType.

test_every_doctype_has_a_smoke_entry reads the DocTypes from the site: a new DocType without an entry here fails
on a bench. The detailed permission tests stay with each feature (test_organization.py, test_calendar_integration.py).
"""

import frappe
import pytest
from factories import (
	ALL_ROLES,
	RUN,
	make_complaint,
	make_department,
	make_hall,
	make_service_case,
	make_social_supervisor,
	make_staff,
	make_user,
	make_window,
	new_absence_record,
	new_accountability_case,
	new_appointment_schedule,
	new_bad_review_work_order,
	new_checklist_item,
	new_complaint,
	new_complaint_consequence,
	new_deadline_extension,
	new_department,
	new_department_deduction,
	new_exception,
	new_extended_service_log,
	new_hall,
	new_home_visit,
	new_inspection_record,
	new_inspection_statistics,
	new_item,
	new_leave_request,
	new_line,
	new_negative_entry,
	new_proxy_authorization,
	new_rectification_notice,
	new_rule_pack,
	new_self_assessment,
	new_service_appointment,
	new_service_case,
	new_service_evaluation,
	new_social_supervisor,
	new_staff,
	new_supervision_visit,
	new_supervisor_evaluation,
	new_window,
	new_year,
)
from zhengwu_hall.setup.permissions import clear_hall_permission_cache

MODULE = "Zhengwu Hall"
ADMIN = "Hall Administrator"
# a role of Frappe's own: desk access, and no permission on any DocType of the app
DESK_ROLE_OUTSIDE_THE_APP = "Report Manager"

SMOKE = {
	"Negative List Entry": (lambda hall: new_negative_entry(hall), ADMIN, "Proxy Agent"),
	"Appointment Schedule": (
		lambda hall: new_appointment_schedule(make_window(hall, 1).name),
		ADMIN,
		"Proxy Agent",
	),
	"Service Appointment": (
		lambda hall: new_service_appointment(hall, make_window(hall, 1).name, channel="Walk-in"),
		"Window Staff",
		"Proxy Agent",
	),
	"Home Visit": (lambda hall: new_home_visit(hall), "Window Staff", "Proxy Agent"),
	"Social Supervisor": (lambda hall: new_social_supervisor(hall), ADMIN, "Proxy Agent"),
	"Supervision Visit": (
		lambda hall: new_supervision_visit(hall, [make_social_supervisor(hall).name]),
		"Supervisor",
		"Proxy Agent",
	),
	"Supervisor Evaluation": (
		lambda hall: new_supervisor_evaluation(hall, make_social_supervisor(hall).name),
		ADMIN,
		"Window Staff",
	),
	"Accountability Case": (
		lambda hall: new_accountability_case(hall, make_window(hall, 1).name),
		"Supervisor",
		"Window Staff",
	),
	"Department Deduction": (
		lambda hall: smoke_deduction(hall),
		"Supervisor",
		"Window Staff",
	),
	"Quarterly Self-Assessment": (
		lambda hall: smoke_self_assessment(hall),
		"Window Staff",
		"Proxy Agent",
	),
	"Absence Record": (
		lambda hall: new_absence_record(
			make_staff(
				make_window(hall, 1).name,
				make_user("smoke-absent", ["Window Staff"], hall),
			).name,
			"2026-12-07",
		),
		"Supervisor",
		"Window Staff",
	),
	"Complaint": (lambda hall: new_complaint(hall), "Supervisor", "Window Staff"),
	"Complainant Identity": (  # written by the Complaint only (docs/permission_matrix_review.md, 11)
		lambda hall: smoke_complainant_identity(hall),
		None,
		"Center Director",
	),
	"Complaint Consequence": (
		lambda hall: new_complaint_consequence(hall, make_window(hall, 1).name),
		ADMIN,
		"Window Staff",
	),
	"Bad Review Work Order": (lambda hall: smoke_bad_review_work_order(hall), "Supervisor", "Window Staff"),
	"Business Line": (lambda hall: new_line(f"测试{RUN}冒烟条线"), ADMIN, None),
	"Case Rating Tracker": (
		lambda hall: frappe.get_doc(
			{
				"doctype": "Case Rating Tracker",
				"service_case": new_service_case(hall).insert().name,
				"service_hall": hall,
			}
		),
		"System Manager",
		"Window Staff",
	),
	"Extended Service Log": (
		lambda hall: smoke_extended_service(hall),
		"Window Staff",
		"Proxy Agent",
	),
	"Hall Calendar Exception": (
		lambda hall: new_exception(hall, "2026-04-15"),
		ADMIN,
		"Window Staff",
	),
	"Inspection Checklist Item": (
		lambda hall: new_checklist_item(f"测试{RUN}冒烟检查事项"),
		ADMIN,
		None,
	),
	"Inspection Record": (
		lambda hall: new_inspection_record(hall),
		"Supervisor",
		"Proxy Agent",
	),
	"Inspection Statistics": (
		lambda hall: new_inspection_statistics(hall),
		"Supervisor",
		"Proxy Agent",
	),
	"Jurisdiction Rule Pack": (
		lambda hall: new_rule_pack(f"zw-test-{RUN}"),
		ADMIN,
		None,
	),
	"Leave Request": (
		lambda hall: smoke_leave_request(hall),
		"Window Staff",
		"Proxy Agent",
	),
	"Official Calendar Year": (lambda hall: new_year(), ADMIN, None),
	"Rectification Notice": (
		lambda hall: new_rectification_notice(hall, make_window(hall, 1).name),
		"Supervisor",
		"Proxy Agent",
	),
	"Service Case": (lambda hall: new_service_case(hall), "Window Staff", "Department Liaison"),
	"Deadline Extension Application": (
		lambda hall: smoke_extension(hall),
		"Window Staff",
		"Department Liaison",
	),
	"Proxy Service Authorization": (
		lambda hall: new_proxy_authorization(hall),
		"Proxy Agent",
		"Department Liaison",
	),
	"Service Evaluation": (
		lambda hall: new_service_evaluation(hall),
		ADMIN,
		"Window Staff",
	),
	"Service Evaluation Aggregate": (
		lambda hall: frappe.get_doc(
			{"doctype": "Service Evaluation Aggregate", "month": "2026-03-01", "service_hall": hall}
		),
		"System Manager",
		"Window Staff",
	),
	"Service Hall": (
		lambda hall: new_hall("冒烟镇便民服务中心", "Town Center", hall),
		ADMIN,
		"Window Staff",
	),
	"Service Item": (
		lambda hall: new_item(make_department(hall).name, "食品经营许可", 20, 10),
		ADMIN,
		"Window Staff",
	),
	"Service Window": (lambda hall: new_window(hall, 1), ADMIN, "Window Staff"),
	"Stationed Department": (lambda hall: new_department(hall), ADMIN, "Window Staff"),
	"Window Staff": (
		lambda hall: new_staff(make_window(hall, 1).name, make_user("smoke-posted", ["Window Staff"], hall)),
		ADMIN,
		"Proxy Agent",
	),
}


def smoke_bad_review_work_order(hall):
	"""A work order of a bad review held for review (a counted one would have its work order already)."""
	rating = new_service_evaluation(
		hall, level="Dissatisfied", bad_reason="测试：态度差", excluded=1, held_for_review=1
	)
	rating.flags.counting_set_by_rule = True
	rating.insert(ignore_permissions=True)
	return new_bad_review_work_order(rating.name)


def smoke_leave_request(hall):
	"""The writer's own leave (Window Staff request only their own), in a hall governed by xx-district."""
	frappe.db.set_value("Service Hall", hall, "rule_pack", "xx-district")
	window = make_window(hall, 1).name
	writer = make_user("smoke-leave_request-writer", ["Window Staff"], hall)
	cover = make_user("smoke-leave-cover", ["Window Staff"], hall)
	return new_leave_request(
		make_staff(window, writer).name,
		make_staff(window, cover, post="B Post").name,
		"2026-12-07",
		"2026-12-07",
	)


def smoke_extension(hall):
	"""An extension of a case accepted today, in a hall governed by qinzhou-qinnan (which names the approvers)."""
	frappe.db.set_value("Service Hall", hall, "rule_pack", "qinzhou-qinnan")
	today = frappe.utils.today()
	case = make_service_case(hall, received_on=f"{today} 09:00:00", accepted_on=today)
	return new_deadline_extension(case.name, frappe.utils.add_days(today, 30))


def smoke_complainant_identity(hall):
	"""A complaint's identity record written by hand (the Complaint controller writes one on save: drop it)."""
	complaint = make_complaint(hall)
	frappe.db.delete("Complainant Identity", {"complaint": complaint.name})
	return frappe.get_doc(
		{
			"doctype": "Complainant Identity",
			"complaint": complaint.name,
			"service_hall": hall,
			"complainant_name": "测试冒烟投诉人",
		}
	)


def smoke_deduction(hall):
	"""A deduction of a department in a hall governed by xx-district (seed 004 deduction items)."""
	frappe.db.set_value("Service Hall", hall, "rule_pack", "xx-district")
	return new_department_deduction(make_department(hall).name)


def smoke_self_assessment(hall):
	"""The writer's own self-assessment, in a hall governed by qinzhou-qinnan (dimensions of seed 001)."""
	frappe.db.set_value("Service Hall", hall, "rule_pack", "qinzhou-qinnan")
	writer = make_user("smoke-quarterly_self_assessment-writer", ["Window Staff"], hall)
	return new_self_assessment(make_staff(make_window(hall, 1).name, writer).name)


def smoke_extended_service(hall):
	"""The writer's own extended service, in a hall governed by qinzhou-qinnan (comp-time threshold unset)."""
	frappe.db.set_value("Service Hall", hall, "rule_pack", "qinzhou-qinnan")
	writer = make_user("smoke-extended_service_log-writer", ["Window Staff"], hall)
	return new_extended_service_log(make_staff(make_window(hall, 1).name, writer).name)


def test_every_doctype_has_a_smoke_entry():
	doctypes = set(
		frappe.get_all(
			"DocType",
			filters={"module": MODULE, "istable": 0, "issingle": 0},
			pluck="name",
		)
	)
	assert doctypes, f"no DocType of module {MODULE} on the site"
	missing = sorted(doctypes - set(SMOKE))
	assert not missing, f"add a smoke entry to SMOKE in tests/tier2/test_smoke.py for: {', '.join(missing)}"
	stale = sorted(set(SMOKE) - doctypes)
	assert not stale, f"SMOKE lists what is no DocType of {MODULE} (or a child table or single): {stale}"


@pytest.fixture
def halls():
	"""A district center for the record and another one, outside its jurisdiction."""
	clear_hall_permission_cache()  # cached in Redis, which the rollback does not undo
	yield (
		make_hall("冒烟区政务服务中心", "District Center").name,
		make_hall("冒烟邻区政务服务中心", "District Center").name,
	)
	clear_hall_permission_cache()


@pytest.mark.parametrize("doctype", sorted(SMOKE))
def test_smoke(doctype, halls):
	factory, writer_role, denied_role = SMOKE[doctype]
	hall, _other_hall = halls
	if writer_role is None:  # no role writes it, the app's code does: read it back as the first role that may
		role = next(
			p.role
			for p in frappe.get_meta(doctype).permissions
			if p.read and not p.permlevel and p.role != "System Manager"
		)
		assert not any(p.create or p.write for p in frappe.get_meta(doctype).permissions), doctype
	writer = make_user(f"smoke-{frappe.scrub(doctype)}-writer", [writer_role or role], hall)

	doc = factory(hall)
	if writer_role is None:
		doc.insert(ignore_permissions=True)
	frappe.set_user(writer)
	if writer_role is not None:
		doc.insert()
	assert frappe.has_permission(doctype, "read", doc=doc.name)
	assert frappe.get_doc(doctype, doc.name).name == doc.name
	frappe.set_user("Administrator")
	assert listed(doctype, doc.name, writer)

	for who, user in denied_users(doctype, denied_role, *halls):
		assert not frappe.has_permission(doctype, "read", doc=doc, user=user), who
		assert not listed(doctype, doc.name, user), who


def denied_users(doctype, denied_role, hall, other_hall):
	"""(who, user) of the users that must not see a record of ``doctype`` in ``hall``."""
	key = frappe.scrub(doctype)
	scoped = doctype in frappe.get_hooks("hall_scoped_doctypes")
	readers = {p.role for p in frappe.get_meta(doctype).permissions if p.read and not p.permlevel}
	outsider = make_user(f"smoke-{key}-outsider", [DESK_ROLE_OUTSIDE_THE_APP], hall)
	assert frappe.db.get_value("User", outsider, "user_type") == "System User", "the outsider is a desk user"
	users = [("a desk user with no role of the app", outsider)]
	if denied_role is None:
		assert not scoped, f"{doctype} is hall-scoped: name a role whose user in another hall is refused"
		assert set(ALL_ROLES) <= readers, f"name the role that may not read {doctype}"
	elif denied_role not in readers:
		users.append(
			(
				f"{denied_role} (no read permission)",
				make_user(f"smoke-{key}-denied", [denied_role], hall),
			)
		)
	else:
		assert scoped, f"{denied_role} may read {doctype}, which no hall scopes: name a role that may not"
		users.append(
			(
				f"{denied_role} of another hall",
				make_user(f"smoke-{key}-denied", [denied_role], other_hall),
			)
		)
	return users


def listed(doctype, name, user):
	"""Whether frappe.get_list, as ``user``, returns the record (a user who may not read the DocType gets an error)."""
	frappe.set_user(user)
	try:
		return name in frappe.get_list(doctype, filters={"name": name}, pluck="name", limit=0)
	except frappe.PermissionError:
		return False
	finally:
		frappe.set_user("Administrator")
