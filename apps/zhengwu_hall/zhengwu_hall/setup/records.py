"""Standard records the app ships as data (workflows with their states and actions) applied without ever
overwriting what an administrator changed in the desk.

Frappe's own fixture sync (fixtures/*.json) imports with force on every migrate, which would undo a hall
administrator's edit of a workflow in the Workflow editor at the next update. Records under
fixtures/workflows/*.json, fixtures/inspection_checklist/*.json (the shipped 六查 / 大厅十不准 checklist items) and
fixtures/notifications/*.json (Frappe Notifications) are applied here instead: each file is a JSON list of documents (Workflow State and
Workflow Action Master records first, then the Workflow); a document that does not exist is created, one that
exists is left as it is unless `force` (`bench --site S zhengwu-sync-records --force`) — then it is replaced by
the shipped version.
"""

import json
import os

import frappe
from frappe import _

FOLDERS = ("workflows", "inspection_checklist", "notifications")


def record_files(folder: str, root: str | None = None) -> list[str]:
	path = os.path.join(root or frappe.get_app_path("zhengwu_hall", "fixtures"), folder)
	if not os.path.isdir(path):
		return []
	return sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith(".json"))


def sync_records(force: bool = False, verbose: bool = False, root: str | None = None) -> dict:
	"""Create the shipped records that are missing (and replace existing ones when `force`).

	`root` is the fixtures folder (default: the app's fixtures/, i.e. the repository's fixtures/)."""
	report = {"created": [], "replaced": [], "kept": []}
	for folder in FOLDERS:
		for path in record_files(folder, root):
			with open(path, encoding="utf-8") as f:
				for doc in json.load(f):
					apply_record(doc, force, report)
	if verbose:
		if not any(report.values()):
			print("  " + _("No shipped records to apply"))
		for key, label in (("created", _("Created")), ("replaced", _("Replaced")), ("kept", _("Kept as is"))):
			for doctype, name in report[key]:
				print(f"  {label}: {_(doctype)} {name}")
	return report


def apply_record(doc: dict, force: bool, report: dict) -> None:
	doctype, name = doc["doctype"], doc["name"]
	if frappe.db.exists(doctype, name):
		if not force:
			report["kept"].append((doctype, name))
			return
		frappe.delete_doc(doctype, name, ignore_permissions=True, force=True)
		report["replaced"].append((doctype, name))
	else:
		report["created"].append((doctype, name))
	record = frappe.get_doc(doc)
	record.flags.ignore_permissions = True
	record.insert()
