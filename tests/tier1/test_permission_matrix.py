"""The permission matrix (docs/permission_matrix.csv) is the DocType JSON's permissions, cell for cell."""

import json

from tests.lint import permission_matrix as pm


def keyed(rows):
	return {tuple(row[k] for k in pm.KEY): row for row in rows}


def diff(matrix_rows, json_rows):
	matrix, shipped = keyed(matrix_rows), keyed(json_rows)
	problems = [f"in JSON, not in the matrix: {key}" for key in shipped.keys() - matrix.keys()]
	problems += [f"in the matrix, not in JSON: {key}" for key in matrix.keys() - shipped.keys()]
	for key in matrix.keys() & shipped.keys():
		for column in (*pm.ACTIONS, "if_owner"):
			if matrix[key][column] != shipped[key][column]:
				problems.append(f"{key} {column}: matrix {matrix[key][column]}, JSON {shipped[key][column]}")
	return problems


def test_matrix_covers_every_doctype():
	assert set(pm.doctype_json()) == {row["doctype"] for row in pm.load()}


def test_matrix_equals_doctype_json():
	problems = diff(pm.load(), pm.json_rows())
	assert not problems, "\n".join(problems)


def test_confidential_fields_equal_doctype_json():
	assert keyed_fields(pm.load(pm.CONFIDENTIAL)) == keyed_fields(pm.json_confidential())


def keyed_fields(rows):
	return {(r["doctype"], r["fieldname"], r["permlevel"]) for r in rows}


def test_lint_reports_a_changed_cell():
	rows = pm.json_rows()
	changed = [dict(row) for row in rows]
	changed[0]["delete"] = "1" if changed[0]["delete"] == "0" else "0"
	assert diff(changed, rows), "a flipped delete cell went unnoticed"
	assert diff(changed[1:], rows), "a missing row went unnoticed"


def test_no_role_outside_the_fixtures():
	roles = {r["name"] for r in json.loads((pm.REPO / "fixtures" / "role.json").read_text(encoding="utf-8"))}
	roles.add("System Manager")
	assert {row["role"] for row in pm.load()} <= roles


def test_confidential_fields_readable_only_by_a_level_one_role():
	# every confidential field's DocType grants permlevel 1 to someone, and never to Guest or All
	level_one = {(r["doctype"], r["role"]) for r in pm.load() if r["permlevel"] == "1" and r["read"] == "1"}
	for row in pm.load(pm.CONFIDENTIAL):
		holders = {role for doctype, role in level_one if doctype == row["doctype"]}
		assert holders, row
		assert not holders & {"Guest", "All"}, row
