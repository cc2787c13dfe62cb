"""Two approvers acting on the same request at once, through two real HTTP clients against a live server.

A complaint waits in 领导审核 (Leader Review); two Center Deputy Directors of its hall opened it at the same time
and now both press a button: one 同意直接调查, the other 退回. Exactly one transition may happen; the other gets
Frappe's "modified after you opened it" refusal (the modified-timestamp check under a row lock), in Chinese,
and nothing of the losing action is written. The records are committed (the server is another process) and
deleted afterwards.
"""

import threading

import frappe
import pytest
import requests
from factories import RUN, make_complaint, make_hall, make_user, make_window
from frappe.utils.password import update_password
from zhengwu_hall.setup.permissions import clear_hall_permission_cache

PASSWORD = f"Zw-{RUN}-concurrency!"
ACTIONS = ("Approve Direct Investigation", "Reject")


@pytest.fixture
def pending_complaint():
	clear_hall_permission_cache()
	hall = make_hall("并发区政务服务中心", "District Center", rule_pack="qinzhou-qinnan").name
	window = make_window(hall, 1).name
	deputies = [make_user(f"conc-deputy-{i}", ["Center Deputy Director"], hall) for i in (1, 2)]
	for user in deputies:
		update_password(user, PASSWORD)
		frappe.db.set_value("User", user, "language", "zh")  # they work in Chinese
	complaint = make_complaint(hall, window)
	frappe.db.set_value("Complaint", complaint.name, "workflow_state", "Leader Review", update_modified=False)
	frappe.db.commit()
	yield complaint.name, deputies
	frappe.db.rollback()
	frappe.db.delete("Version", {"ref_doctype": "Complaint", "docname": complaint.name})
	frappe.db.delete("Comment", {"reference_doctype": "Complaint", "reference_name": complaint.name})
	frappe.db.delete("Complainant Identity", {"complaint": complaint.name})
	frappe.delete_doc("Complaint", complaint.name, force=True, ignore_permissions=True)
	for user in deputies:
		frappe.db.delete("User Permission", {"user": user})
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.delete("Service Window", {"service_hall": hall})
	frappe.delete_doc("Service Hall", hall, force=True, ignore_permissions=True)
	frappe.db.commit()
	clear_hall_permission_cache()


def login(url, user):
	session = requests.Session()
	response = session.post(f"{url}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=30)
	assert response.ok, response.text
	session.headers["Accept-Language"] = "zh"
	return session


def test_two_approvers_at_once_one_transition(live_server, pending_complaint):
	name, deputies = pending_complaint
	clients = [login(live_server, user) for user in deputies]
	# both open the form: the same document, the same modified timestamp
	opened = [
		c.get(f"{live_server}/api/resource/Complaint/{name}", timeout=30).json()["data"] for c in clients
	]
	assert opened[0]["modified"] == opened[1]["modified"]
	assert opened[0]["workflow_state"] == "Leader Review"

	barrier = threading.Barrier(2)
	results = [None, None]

	def act(i):
		barrier.wait()
		results[i] = clients[i].post(
			f"{live_server}/api/method/frappe.model.workflow.apply_workflow",
			json={"doc": opened[i], "action": ACTIONS[i]},
			timeout=120,
		)

	threads = [threading.Thread(target=act, args=(i,)) for i in (0, 1)]
	for t in threads:
		t.start()
	for t in threads:
		t.join()

	ok = [r for r in results if r.status_code == 200]
	refused = [r for r in results if r.status_code != 200]
	assert len(ok) == 1 and len(refused) == 1, [(r.status_code, r.text[:300]) for r in results]
	winner = results.index(ok[0])
	expected_state = {0: "Direct Investigation", 1: "Accepted"}[winner]
	frappe.db.rollback()  # a fresh snapshot of what the server committed
	assert frappe.db.get_value("Complaint", name, "workflow_state") == expected_state
	body = refused[0].json()
	assert body.get("exc_type") in ("TimestampMismatchError", "WorkflowTransitionError"), body.get("exc_type")
	messages = " ".join(
		frappe.parse_json(m).get("message", "") for m in frappe.parse_json(body.get("_server_messages", "[]"))
	)
	assert any("\u4e00" <= ch <= "\u9fff" for ch in messages), messages
	# the losing action left nothing: one workflow comment, one version of the state change
	comments = frappe.get_all(
		"Comment",
		filters={"reference_doctype": "Complaint", "reference_name": name, "comment_type": "Workflow"},
		pluck="content",
	)
	assert len(comments) <= 1, comments
	versions = frappe.get_all("Version", filters={"ref_doctype": "Complaint", "docname": name}, pluck="data")
	assert sum("workflow_state" in v for v in versions) == 1, versions
