"""Print-format lint: every template in print_formats/ compiles and renders a sample document, without Frappe.

The sample document is built from the DocType JSON: every field gets a value of its type, every child table two
rows. Reading a field the DocType does not have is an error (StrictUndefined), so a misspelt fieldname in a
template is caught here rather than on a hall administrator's printer.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import jinja2

from .metadata import Repo, scrub

APP_ROOT = Path(__file__).resolve().parents[2] / "apps" / "zhengwu_hall"
INCLUDE_CUSTOM_FIELDS = '{% include "zhengwu_hall/templates/print/custom_fields.html" %}'

STANDARD_FIELDS = {
	"name": "SAMPLE-0001",
	"owner": "admin@example.com",
	"modified_by": "admin@example.com",
	"creation": datetime.datetime(2026, 10, 9, 9, 30),
	"modified": datetime.datetime(2026, 10, 9, 10, 0),
	"docstatus": 1,
	"idx": 1,
	"amended_from": None,
	"workflow_state": "",
}


def sample_value(field: dict, repo: Repo, depth: int):
	ftype = field.get("fieldtype")
	if ftype in ("Int", "Check", "Long Int"):
		return 1
	if ftype in ("Float", "Currency", "Percent", "Rating", "Duration"):
		return 1.5
	if ftype == "Date":
		return datetime.date(2026, 10, 9)
	if ftype == "Datetime":
		return datetime.datetime(2026, 10, 9, 9, 30)
	if ftype == "Time":
		return datetime.timedelta(hours=9, minutes=30)
	if ftype == "Select":
		options = [o for o in (field.get("options") or "").split("\n") if o.strip()]
		return options[0] if options else ""
	if ftype in ("Table", "Table MultiSelect"):
		child = repo.doctypes.get(field.get("options") or "")
		if not child or depth > 1:
			return []
		return [SampleDoc(child[1], repo, depth + 1, idx=i + 1) for i in range(2)]
	return f"<{field.get('fieldname')}>"


class SampleDoc:
	"""Attribute access like a Frappe Document; unknown attributes are an error."""

	def __init__(self, doctype_json: dict, repo: Repo, depth: int = 0, idx: int = 1):
		self._doctype = doctype_json.get("name")
		self._values = dict(STANDARD_FIELDS, idx=idx, doctype=self._doctype)
		for f in doctype_json.get("fields") or []:
			if f.get("fieldname"):
				self._values[f["fieldname"]] = sample_value(f, repo, depth)

	def __getattr__(self, key):
		if key.startswith("_"):
			raise AttributeError(key)
		if key in self._values:
			return self._values[key]
		raise jinja2.UndefinedError(f"{self._doctype} has no field '{key}'")

	def get(self, key, default=None):
		if key not in self._values and default is None:
			raise jinja2.UndefinedError(f"{self._doctype} has no field '{key}'")
		return self._values.get(key, default)

	def get_formatted(self, key, *args, **kwargs):
		return str(self.get(key))

	def __iter__(self):
		return iter(self._values.items())


class _Anything:
	"""Stands in for frappe.* helpers: callable, indexable, and printable as an empty string."""

	def __call__(self, *args, **kwargs):
		return _Anything()

	def __getattr__(self, key):
		if key.startswith("__"):
			raise AttributeError(key)
		return _Anything()

	def __getitem__(self, key):
		return _Anything()

	def __iter__(self):
		return iter(())

	def __bool__(self):
		return False

	def __str__(self):
		return ""

	__html__ = __str__


def environment() -> jinja2.Environment:
	# Frappe's print environment does not autoescape: each template opts in with {% autoescape true %}
	# (checked below), and includes resolve like Frappe's "<app>/templates/..." loader.
	env = jinja2.Environment(
		undefined=jinja2.StrictUndefined,
		autoescape=False,
		extensions=["jinja2.ext.do"],
		loader=jinja2.FileSystemLoader(str(APP_ROOT)),
	)
	frappe = _Anything()
	env.globals.update(
		{
			"_": lambda text, *args, **kwargs: text,
			"frappe": frappe,
			"nowdate": lambda: "2026-10-09",
			"letter_head": "",
			"footer": "",
			"print_settings": _Anything(),
			"no_letterhead": 1,
			"trigger_print": False,
			"lang": "zh",
			"layout_direction": "ltr",
			"zhengwu_custom_fields": lambda doc: [("<custom label>", "<custom value>")],
		}
	)
	env.filters.update({"json": lambda v, *a, **k: str(v), "len": len})
	return env


def template_path(pf_json_path: Path) -> Path:
	return pf_json_path.with_suffix(".html")


def lint_print_formats(repo: Repo) -> list[str]:
	problems = []
	env = environment()
	for path, pf in repo.print_formats:
		where = repo.rel(path)
		name = pf.get("name", "")
		if path.stem != scrub(name) or path.parent.name != scrub(name):
			problems.append(f"{where}: Print Format '{name}' must live in {scrub(name)}/{scrub(name)}.json")
		if pf.get("standard") != "Yes":
			problems.append(f"{where}: must be a standard Print Format (standard: Yes) so Frappe syncs it")
		if pf.get("module") not in repo.modules():
			problems.append(f"{where}: module '{pf.get('module')}' is not in modules.txt")
		if pf.get("html"):
			problems.append(
				f"{where}: keep the template in {path.stem}.html only (one source), not in 'html'"
			)
		doctype = repo.doctypes.get(pf.get("doc_type") or "")
		if not doctype:
			problems.append(f"{where}: doc_type '{pf.get('doc_type')}' does not exist")
			continue
		html = template_path(path)
		if not html.exists():
			problems.append(f"{where}: template {html.name} is missing")
			continue
		source = html.read_text(encoding="utf-8")
		if "{%- autoescape true -%}" not in source:
			problems.append(
				f"{repo.rel(html)}: wrap the template in {{%- autoescape true -%}} … {{%- endautoescape %}}: Frappe's print"
				" environment does not escape, and user text must never reach a page or PDF as HTML"
			)
		if INCLUDE_CUSTOM_FIELDS not in source:
			problems.append(
				f"{repo.rel(html)}: include {INCLUDE_CUSTOM_FIELDS} so fields added with Customize Form print"
			)
		if 'lang="zh-CN"' not in source:
			problems.append(
				f'{repo.rel(html)}: mark the document lang="zh-CN" (else CJK fonts pick Japanese glyphs)'
			)
		try:
			template = env.from_string(source)
		except jinja2.TemplateSyntaxError as e:
			problems.append(f"{repo.rel(html)}:{e.lineno}: does not compile: {e.message}")
			continue
		try:
			out = template.render(doc=SampleDoc(doctype[1], repo))
		except Exception as e:
			problems.append(f"{repo.rel(html)}: fails to render a sample {pf.get('doc_type')}: {e}")
			continue
		if not out.strip():
			problems.append(f"{repo.rel(html)}: renders nothing")
	return problems
