"""The permission matrix (docs/permission_matrix.csv) against the DocType JSON that ships.

The matrix is the one table of who may do what (role × DocType × permlevel × action); confidential fields
(docs/confidential_fields.csv) are the field-level exceptions: a field at permlevel 1 is read only by the
roles that hold a permlevel-1 row for that DocType. The tier-1 lint (tests/tier1/test_permission_matrix.py)
keeps the matrix and the JSON equal, the tier-2 test (tests/tier2/test_permission_matrix.py) walks it as
real users of each role.
"""

import csv
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOCTYPES = REPO / "apps" / "zhengwu_hall" / "zhengwu_hall" / "zhengwu_hall" / "doctype"
MATRIX = REPO / "docs" / "permission_matrix.csv"
CONFIDENTIAL = REPO / "docs" / "confidential_fields.csv"
ACTIONS = ("read", "write", "create", "submit", "cancel", "delete", "print", "export", "report", "amend")
KEY = ("doctype", "role", "permlevel")


def doctype_json():
	"""Every non-child DocType of the app: name -> its JSON."""
	out = {}
	for path in sorted(DOCTYPES.glob("*/*.json")):
		data = json.loads(path.read_text(encoding="utf-8"))
		if data.get("doctype") == "DocType" and not data.get("istable"):
			out[data["name"]] = data
	return out


def json_rows():
	"""The permission rows of the shipped JSON, in the matrix's shape."""
	rows = []
	for name, data in doctype_json().items():
		for perm in data.get("permissions", []):
			row = {"doctype": name, "role": perm["role"], "permlevel": str(perm.get("permlevel", 0))}
			row.update({action: str(int(bool(perm.get(action)))) for action in ACTIONS})
			row["if_owner"] = str(int(bool(perm.get("if_owner"))))
			rows.append(row)
	return rows


def json_confidential():
	"""Fields at permlevel > 0: (doctype, fieldname, permlevel)."""
	out = []
	for name, data in doctype_json().items():
		for field in data.get("fields", []):
			if field.get("permlevel"):
				out.append(
					{"doctype": name, "fieldname": field["fieldname"], "permlevel": str(field["permlevel"])}
				)
	return out


def load(path=MATRIX):
	with open(path, encoding="utf-8", newline="") as handle:
		return [{k: v for k, v in row.items() if k != "note"} for row in csv.DictReader(handle)]


def write_from_json():
	"""Regenerate both files from the JSON (after a reviewed permission change): python -m tests.lint.permission_matrix"""
	fields = [*KEY, *ACTIONS, "if_owner"]
	with open(MATRIX, "w", encoding="utf-8", newline="") as handle:
		writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
		writer.writeheader()
		writer.writerows(json_rows())
	with open(CONFIDENTIAL, "w", encoding="utf-8", newline="") as handle:
		writer = csv.DictWriter(handle, fieldnames=["doctype", "fieldname", "permlevel"], lineterminator="\n")
		writer.writeheader()
		writer.writerows(json_confidential())


if __name__ == "__main__":
	write_from_json()
