"""Metadata lints over the repository, and proof that each lint reports a broken sample."""

import json
from pathlib import Path

import pytest

from tests.lint.metadata import ALL_LINTS, Repo
from tests.lint.print_formats import environment, lint_print_formats

ROOT = Path(__file__).resolve().parents[2]
LINTS = {**ALL_LINTS, "print_formats": lint_print_formats}


@pytest.fixture(scope="module")
def repo():
	return Repo.load(ROOT)


def test_repo_has_metadata_to_lint(repo):
	# a lint over nothing proves nothing
	assert repo.doctypes, "no DocType JSON found: the loader looks in the wrong place"
	assert repo.fixture_names("Role"), "no Role fixtures found"


@pytest.mark.parametrize("name", sorted(LINTS))
def test_repository_is_clean(repo, name):
	problems = LINTS[name](repo)
	assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------------------------- broken samples
def make_doctype(name="Sample Record", fields=None, permissions=None, **extra):
	return {
		"doctype": "DocType",
		"name": name,
		"module": "Zhengwu Hall",
		"fields": fields
		if fields is not None
		else [{"fieldname": "title", "fieldtype": "Data", "label": "Title"}],
		"permissions": permissions if permissions is not None else [{"role": "Supervisor", "read": 1}],
		**extra,
	}


def make_repo(tmp_path, doctypes=(), fixtures=None, translations=None, print_formats=(), reports=()):
	"""A minimal checkout: every part valid unless the caller passes a broken one."""
	app = tmp_path / "apps" / "zhengwu_hall" / "zhengwu_hall"
	(app / "translations").mkdir(parents=True)
	(app / "modules.txt").write_text("Zhengwu Hall\n")
	(app / "hooks.py").write_text('app_name = "zhengwu_hall"\n')
	for dt in doctypes:
		folder = app / "zhengwu_hall" / "doctype" / dt["name"].lower().replace(" ", "_")
		folder.mkdir(parents=True)
		(folder / f"{folder.name}.json").write_text(json.dumps(dt))
		(folder / f"{folder.name}.py").write_text("")
	(tmp_path / "fixtures").mkdir()
	fixtures = (
		fixtures if fixtures is not None else {"role.json": [{"doctype": "Role", "name": "Supervisor"}]}
	)
	for fname, docs in fixtures.items():
		(tmp_path / "fixtures" / fname).parent.mkdir(parents=True, exist_ok=True)
		(tmp_path / "fixtures" / fname).write_text(json.dumps(docs))
	rows = translations if translations is not None else {}
	(app / "translations" / "zh.csv").write_text("".join(f'"{k}","{v}"\n' for k, v in rows.items()))
	for pf, html in print_formats:
		folder = tmp_path / "print_formats" / pf["name"].lower().replace(" ", "_")
		folder.mkdir(parents=True)
		(folder / f"{folder.name}.json").write_text(json.dumps(pf))
		(folder / f"{folder.name}.html").write_text(html)
	for rep, py in reports:
		folder = app / "zhengwu_hall" / "report" / rep["name"].lower().replace(" ", "_")
		folder.mkdir(parents=True)
		(folder / f"{folder.name}.json").write_text(json.dumps(rep))
		if py is not None:
			(folder / f"{folder.name}.py").write_text(py)
	return Repo.load(tmp_path)


def assert_reported(problems, *needles):
	text = "\n".join(problems)
	for needle in needles:
		assert needle in text, f"expected a problem mentioning {needle!r}, got:\n{text or '(nothing)'}"


def test_clean_sample_is_clean(tmp_path):
	repo = make_repo(
		tmp_path,
		doctypes=[make_doctype()],
		translations={"Sample Record": "样例", "Title": "标题", "Supervisor": "督查员"},
	)
	for name, lint in LINTS.items():
		assert lint(repo) == [], name


def test_invalid_fieldtype_is_reported(tmp_path):
	dt = make_doctype(fields=[{"fieldname": "title", "fieldtype": "Textbox", "label": "Title"}])
	assert_reported(LINTS["doctypes"](make_repo(tmp_path, doctypes=[dt])), "invalid fieldtype 'Textbox'")


def test_link_to_missing_doctype_is_reported(tmp_path):
	dt = make_doctype(
		fields=[{"fieldname": "hall", "fieldtype": "Link", "label": "Hall", "options": "Service Hal"}]
	)
	assert_reported(
		LINTS["doctypes"](make_repo(tmp_path, doctypes=[dt])), "target 'Service Hal' does not exist"
	)


def test_table_to_missing_child_is_reported(tmp_path):
	dt = make_doctype(
		fields=[{"fieldname": "rows", "fieldtype": "Table", "label": "Rows", "options": "Nope Row"}]
	)
	assert_reported(LINTS["doctypes"](make_repo(tmp_path, doctypes=[dt])), "target 'Nope Row' does not exist")


def test_empty_select_is_reported(tmp_path):
	dt = make_doctype(fields=[{"fieldname": "kind", "fieldtype": "Select", "label": "Kind", "options": "\n"}])
	assert_reported(LINTS["doctypes"](make_repo(tmp_path, doctypes=[dt])), "Select has no options")


def test_unknown_permission_role_is_reported(tmp_path):
	dt = make_doctype(permissions=[{"role": "Window Boss", "read": 1}])
	assert_reported(LINTS["doctypes"](make_repo(tmp_path, doctypes=[dt])), "unknown role 'Window Boss'")


def test_bad_fetch_from_and_tree_fields_are_reported(tmp_path):
	dt = make_doctype(
		name="Sample Tree",
		is_tree=1,
		fields=[
			{"fieldname": "hall_name", "fieldtype": "Data", "label": "Hall", "fetch_from": "nothing.name"}
		],
	)
	assert_reported(
		LINTS["doctypes"](make_repo(tmp_path, doctypes=[dt])),
		"fetch_from 'nothing.name' does not start with a Link field",
		"tree DocType lacks field 'lft'",
	)


def make_workflow(**changes):
	wf = {
		"doctype": "Workflow",
		"name": "Sample Flow",
		"document_type": "Sample Record",
		"states": [
			{"state": "Draft", "doc_status": "0", "allow_edit": "Supervisor"},
			{"state": "Approved", "doc_status": "1", "allow_edit": "Supervisor"},
			{"state": "Cancelled", "doc_status": "2", "allow_edit": "Supervisor"},
		],
		"transitions": [
			{"state": "Draft", "action": "Approve", "next_state": "Approved", "allowed": "Supervisor"},
			{"state": "Approved", "action": "Cancel", "next_state": "Cancelled", "allowed": "Supervisor"},
		],
	}
	wf.update(changes)
	return wf


def workflow_repo(tmp_path, wf):
	return make_repo(
		tmp_path,
		doctypes=[make_doctype()],
		fixtures={
			"role.json": [{"doctype": "Role", "name": "Supervisor"}],
			"workflows/sample_flow.json": [wf],
		},
	)


def test_valid_workflow_passes(tmp_path):
	assert LINTS["workflows"](workflow_repo(tmp_path, make_workflow())) == []


def test_unreachable_state_and_bad_docstatus_order_are_reported(tmp_path):
	wf = make_workflow()
	wf["states"].append({"state": "Rejected", "doc_status": "0", "allow_edit": "Supervisor"})
	wf["transitions"].append(
		{"state": "Approved", "action": "Reject", "next_state": "Draft", "allowed": "Supervisor"}
	)
	assert_reported(
		LINTS["workflows"](workflow_repo(tmp_path, wf)),
		"state 'Rejected' cannot be reached",
		"doc_status 1 -> 0 is not a valid order",
	)


def test_workflow_unknown_role_and_state_are_reported(tmp_path):
	wf = make_workflow()
	wf["transitions"][0]["allowed"] = "Nobody"
	wf["transitions"][1]["next_state"] = "Gone"
	assert_reported(
		LINTS["workflows"](workflow_repo(tmp_path, wf)),
		"allowed role 'Nobody' does not exist",
		"state 'Gone' is not among the workflow's states",
	)


def test_missing_translation_is_reported(tmp_path):
	dt = make_doctype(
		fields=[
			{"fieldname": "kind", "fieldtype": "Select", "label": "Kind", "options": "Morning\nAfternoon"}
		]
	)
	repo = make_repo(
		tmp_path,
		doctypes=[dt],
		translations={"Sample Record": "样例", "Kind": "类别", "Morning": "上午", "Afternoon": "Afternoon"},
	)
	(repo.app / "zhengwu_hall" / "messages.py").write_text(
		'frappe.throw(_("Hall {0} not found").format(x))\n'
	)
	assert_reported(
		LINTS["translations"](repo),
		"no zh translation for 'Supervisor'",
		"zh translation of 'Afternoon' is not Chinese",
		"no zh translation for 'Hall {0} not found'",
	)


def test_conflicting_translation_is_reported(tmp_path):
	repo = make_repo(tmp_path, doctypes=[make_doctype()], translations={"Title": "标题"})
	path = repo.app / "translations" / "zh.csv"
	path.write_text(path.read_text() + '"Title","题目"\n')
	assert_reported(LINTS["translations"](repo), "'Title' translated twice")


def test_overriding_frappes_own_words_is_reported(tmp_path):
	dt = make_doctype(fields=[{"fieldname": "case", "fieldtype": "Data", "label": "Description"}])
	repo = make_repo(
		tmp_path, doctypes=[dt], translations={"Sample Record": "样例", "Description": "扣分情形"}
	)
	assert_reported(LINTS["translations"](repo), "'Description' is Frappe's own label")


def test_hooks_to_missing_doctype_or_function_are_reported(tmp_path):
	repo = make_repo(tmp_path, doctypes=[make_doctype()])
	(repo.app / "perms.py").write_text("def conditions(user=None):\n\treturn ''\n")
	(repo.app / "hooks.py").write_text(
		'has_permission = {"Sample Recrod": "zhengwu_hall.perms.conditions"}\n'
		'permission_query_conditions = {"Sample Record": "zhengwu_hall.perms.condition"}\n'
	)
	assert_reported(
		LINTS["hooks"](repo),
		"has_permission names unknown DocType 'Sample Recrod'",
		"points to 'zhengwu_hall.perms.condition', which is not a function",
	)


def test_fixture_without_name_is_reported(tmp_path):
	repo = make_repo(tmp_path, fixtures={"role.json": [{"doctype": "Role", "role_name": "Supervisor"}]})
	assert_reported(LINTS["fixtures"](repo), "Role fixture has no name")


def test_report_problems_are_reported(tmp_path):
	rep = {
		"doctype": "Report",
		"name": "Sample Report",
		"ref_doctype": "Missing Doctype",
		"report_type": "Script Report",
		"is_standard": "Yes",
		"module": "Zhengwu Hall",
		"roles": [{"role": "Ghost"}],
	}
	repo = make_repo(tmp_path, reports=[(rep, "def run(filters):\n\treturn [], []\n")])
	assert_reported(
		LINTS["reports"](repo),
		"ref_doctype 'Missing Doctype' does not exist",
		"role 'Ghost' does not exist",
		"defines no execute(filters)",
	)


def make_print_format(**changes):
	pf = {
		"doctype": "Print Format",
		"name": "Sample Print",
		"doc_type": "Sample Record",
		"module": "Zhengwu Hall",
		"standard": "Yes",
		"print_format_type": "Jinja",
		"custom_format": 1,
	}
	pf.update(changes)
	return pf


GOOD_TEMPLATE = (
	"{%- autoescape true -%}"
	'<div lang="zh-CN"><h1>{{ _("Sample Record") }}</h1><p>{{ doc.title }}</p>'
	'{% include "zhengwu_hall/templates/print/custom_fields.html" %}</div>'
	"{%- endautoescape %}"
)


def test_print_format_renders_sample(tmp_path):
	repo = make_repo(
		tmp_path, doctypes=[make_doctype()], print_formats=[(make_print_format(), GOOD_TEMPLATE)]
	)
	assert lint_print_formats(repo) == []


def test_print_format_without_autoescape_or_custom_fields_is_reported(tmp_path):
	html = '<div lang="zh-CN"><p>{{ doc.title }}</p></div>'
	repo = make_repo(tmp_path, doctypes=[make_doctype()], print_formats=[(make_print_format(), html)])
	assert_reported(lint_print_formats(repo), "autoescape true", "custom_fields.html")


def test_print_templates_escape_user_text():
	"""Under the autoescape the lint requires, what a citizen or staff member typed prints as text, never as
	markup, in the template and in the custom-fields block every template includes."""
	env = environment()
	out = env.from_string(GOOD_TEMPLATE).render(doc=type("D", (), {"title": "<script>alert(1)</script>"})())
	assert "<script>" not in out and "&lt;script&gt;" in out
	custom = env.get_template("zhengwu_hall/templates/print/custom_fields.html")
	env.globals["zhengwu_custom_fields"] = lambda doc: [("<b>标签</b>", "<img src=x onerror=alert(1)>")]
	out = custom.render(doc=None)
	assert "<img" not in out and "&lt;img" in out and "&lt;b&gt;" in out


def test_print_format_syntax_error_is_reported(tmp_path):
	html = '<div lang="zh-CN">{% if doc.title %}<p>{{ doc.title }}</p></div>'
	repo = make_repo(tmp_path, doctypes=[make_doctype()], print_formats=[(make_print_format(), html)])
	assert_reported(lint_print_formats(repo), "does not compile")


def test_print_format_unknown_field_is_reported(tmp_path):
	html = '<div lang="zh-CN"><p>{{ doc.titel }}</p></div>'
	repo = make_repo(tmp_path, doctypes=[make_doctype()], print_formats=[(make_print_format(), html)])
	assert_reported(lint_print_formats(repo), "has no field 'titel'")


def test_default_print_format_of_another_doctype_or_missing_is_reported(tmp_path):
	good = make_repo(
		tmp_path / "good",
		doctypes=[make_doctype(default_print_format="Sample Print")],
		print_formats=[(make_print_format(), GOOD_TEMPLATE)],
	)
	assert LINTS["doctypes"](good) == []
	repo = make_repo(
		tmp_path / "bad",
		doctypes=[
			make_doctype(default_print_format="Sample Pritn"),
			make_doctype(name="Other Record", default_print_format="Sample Print"),
		],
		print_formats=[(make_print_format(), GOOD_TEMPLATE)],
	)
	assert_reported(
		LINTS["doctypes"](repo),
		"default_print_format 'Sample Pritn' is not a print format of Sample Record",
		"default_print_format 'Sample Print' is not a print format of Other Record",
	)


def test_print_format_without_lang_or_doctype_is_reported(tmp_path):
	repo = make_repo(
		tmp_path,
		doctypes=[make_doctype()],
		print_formats=[
			(make_print_format(), "<p>{{ doc.title }}</p>"),
			(make_print_format(name="Other Print", doc_type="Nope"), GOOD_TEMPLATE),
		],
	)
	assert_reported(lint_print_formats(repo), 'lang="zh-CN"', "doc_type 'Nope' does not exist")
