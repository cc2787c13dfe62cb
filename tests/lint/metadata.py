"""Metadata lints over the repository's Frappe metadata, without Frappe.

Each `lint_*` function takes a `Repo` and returns a list of problems (strings naming the file and what is wrong);
an empty list means clean. tests/tier1/test_metadata_lints.py runs them over this repository and feeds each a
broken sample to prove it reports the mistake.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

# Frappe v15 DocField.fieldtype options (frappe/core/doctype/docfield/docfield.json).
FIELDTYPES = {
	"Autocomplete", "Attach", "Attach Image", "Barcode", "Button", "Check", "Code", "Color", "Column Break",
	"Currency", "Data", "Date", "Datetime", "Duration", "Dynamic Link", "Float", "Fold", "Geolocation",
	"Heading", "HTML", "HTML Editor", "Icon", "Image", "Int", "JSON", "Link", "Long Text", "Markdown Editor",
	"Password", "Percent", "Phone", "Read Only", "Rating", "Section Break", "Select", "Signature", "Small Text",
	"Tab Break", "Table", "Table MultiSelect", "Text", "Text Editor", "Time",
}  # fmt: skip
LAYOUT_FIELDTYPES = {
	"Section Break",
	"Column Break",
	"Tab Break",
	"Fold",
	"Heading",
	"HTML",
	"Button",
	"Image",
}
TABLE_FIELDTYPES = {"Table", "Table MultiSelect"}

# Frappe core DocTypes this app may link to (Frappe itself is not importable in tier 1).
CORE_DOCTYPES = {
	"User", "Role", "Role Profile", "Has Role", "User Group", "DocType", "DocField", "Module Def", "File",
	"Workflow", "Workflow State", "Workflow Action Master", "Print Format", "Report", "Language", "Country",
	"Currency", "Contact", "Address", "Gender", "Letter Head", "Print Heading", "Email Template", "Note", "ToDo",
	"Comment", "Communication", "Workspace", "Dashboard Chart", "Number Card", "Web Form", "Web Page",
	"Custom Field", "Property Setter", "Salutation",
}  # fmt: skip
# Roles Frappe creates itself.
CORE_ROLES = {
	"Administrator", "System Manager", "Guest", "All", "Desk User", "Website Manager", "Report Manager",
	"Dashboard Manager", "Workspace Manager", "Script Manager", "Inbox User", "Prepared Report User",
}  # fmt: skip
# Workflow states Frappe ships as Workflow State records.
CORE_WORKFLOW_STATES = {"Pending", "Approved", "Rejected", "Draft", "Cancelled", "Submitted"}
CORE_WORKFLOW_ACTIONS = {"Approve", "Reject", "Review", "Submit", "Cancel"}
REPORT_TYPES = {"Report Builder", "Query Report", "Script Report", "Custom Report"}

CJK = re.compile(r"[\u3400-\u9fff]")
PY_MESSAGE = re.compile(r"""(?<![\w.])_\(\s*(?P<q>"|')(?P<s>(?:\\.|(?!(?P=q)).)*)(?P=q)""")
JS_MESSAGE = re.compile(r"""(?<![\w.])__\(\s*(?P<q>"|'|`)(?P<s>(?:\\.|(?!(?P=q)).)*)(?P=q)""")
JINJA_MESSAGE = re.compile(r"""(?<![\w.])_\(\s*(?P<q>"|')(?P<s>(?:\\.|(?!(?P=q)).)*)(?P=q)""")
# Short codes such as the post "A"/"B" or "1" need no translation.
UNTRANSLATED_OK = re.compile(r"^[A-Z0-9\-/ ]{1,3}$")


def scrub(name: str) -> str:
	return name.replace(" ", "_").replace("-", "_").lower()


@dataclass
class Repo:
	"""The parts of a checkout the lints read. `root` is the repository root."""

	root: Path
	doctypes: dict[str, tuple[Path, dict]] = field(default_factory=dict)
	fixtures: list[tuple[Path, dict]] = field(default_factory=list)
	reports: list[tuple[Path, dict]] = field(default_factory=list)
	print_formats: list[tuple[Path, dict]] = field(default_factory=list)
	workspaces: list[tuple[Path, dict]] = field(default_factory=list)
	load_errors: list[str] = field(default_factory=list)

	@property
	def app(self) -> Path:
		return self.root / "apps" / "zhengwu_hall" / "zhengwu_hall"

	@classmethod
	def load(cls, root: Path | str) -> Repo:
		repo = cls(Path(root))
		for path in sorted(repo.app.glob("*/doctype/*/*.json")):
			data = repo._read(path)
			if isinstance(data, dict) and data.get("doctype") == "DocType":
				repo.doctypes[data.get("name", "")] = (path, data)
		for path in sorted(repo.app.glob("*/report/*/*.json")):
			data = repo._read(path)
			if isinstance(data, dict) and data.get("doctype") == "Report":
				repo.reports.append((path, data))
		for path in sorted(repo.app.glob("*/workspace/*/*.json")):
			data = repo._read(path)
			if isinstance(data, dict) and data.get("doctype") == "Workspace":
				repo.workspaces.append((path, data))
		for path in sorted((repo.root / "print_formats").glob("*/*.json")):
			data = repo._read(path)
			if isinstance(data, dict) and data.get("doctype") == "Print Format":
				repo.print_formats.append((path, data))
		# fixtures/*.json: Frappe's fixture sync; fixtures/workflows/*.json: zhengwu_hall.setup.records
		fixture_files = sorted((repo.root / "fixtures").glob("*.json"))
		fixture_files += sorted((repo.root / "fixtures" / "workflows").glob("*.json"))
		for path in fixture_files:
			data = repo._read(path)
			if not isinstance(data, list):
				repo.load_errors.append(f"{path}: a Frappe fixture file must hold a JSON list of documents")
				continue
			repo.fixtures.extend((path, doc) for doc in data)
		return repo

	def _read(self, path: Path):
		try:
			return json.loads(path.read_text(encoding="utf-8"))
		except (OSError, ValueError) as e:
			self.load_errors.append(f"{path}: not valid JSON ({e})")
			return None

	def rel(self, path: Path) -> str:
		try:
			return str(path.relative_to(self.root))
		except ValueError:
			return str(path)

	# what exists
	def known_doctypes(self) -> set[str]:
		return set(self.doctypes) | CORE_DOCTYPES

	def fixture_names(self, doctype: str) -> set[str]:
		return {doc.get("name") for _, doc in self.fixtures if doc.get("doctype") == doctype}

	def known_roles(self) -> set[str]:
		return self.fixture_names("Role") | CORE_ROLES

	def modules(self) -> set[str]:
		path = self.app / "modules.txt"
		if not path.exists():
			return set()
		return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


# ------------------------------------------------------------------------------------------------ DocTypes
def lint_doctypes(repo: Repo) -> list[str]:
	problems = list(repo.load_errors)
	known = repo.known_doctypes()
	roles = repo.known_roles()
	modules = repo.modules()
	print_formats = {pf.get("name"): pf.get("doc_type") for _path, pf in repo.print_formats}
	for name, (path, dt) in repo.doctypes.items():
		where = repo.rel(path)
		if path.stem != scrub(name) or path.parent.name != scrub(name):
			problems.append(f"{where}: DocType '{name}' must live in {scrub(name)}/{scrub(name)}.json")
		if dt.get("module") not in modules:
			problems.append(f"{where}: module '{dt.get('module')}' is not in modules.txt")
		if not (path.parent / f"{scrub(name)}.py").exists():
			problems.append(f"{where}: controller {scrub(name)}.py is missing")
		fields = dt.get("fields") or []
		fieldnames = [f.get("fieldname") for f in fields]
		by_name = {f.get("fieldname"): f for f in fields}
		problems += _lint_fields(where, name, fields, by_name, known)
		if len(set(fieldnames)) != len(fieldnames):
			dupes = sorted({n for n in fieldnames if fieldnames.count(n) > 1})
			problems.append(f"{where}: duplicate fieldnames {dupes}")
		order = dt.get("field_order")
		if order is not None and sorted(order) != sorted(fieldnames):
			problems.append(f"{where}: field_order does not list exactly the fields")
		if dt.get("is_tree"):
			parent_field = f"parent_{scrub(name)}"
			for required in ("lft", "rgt", "is_group", "old_parent"):
				if required not in by_name:
					problems.append(f"{where}: tree DocType lacks field '{required}'")
			if not any(f.get("fieldtype") == "Link" and f.get("options") == name for f in fields):
				problems.append(f"{where}: tree DocType lacks a Link to itself (e.g. '{parent_field}')")
		if dt.get("istable"):
			if dt.get("permissions"):
				problems.append(f"{where}: child table '{name}' must not carry permissions")
		else:
			if not dt.get("permissions"):
				problems.append(f"{where}: DocType '{name}' grants no permission to any role")
		for perm in dt.get("permissions") or []:
			if perm.get("role") not in roles:
				problems.append(f"{where}: permission names unknown role '{perm.get('role')}'")
		for key in ("title_field", "image_field", "sort_field"):
			value = dt.get(key)
			if value and value not in by_name and value not in ("name", "modified", "creation"):
				problems.append(f"{where}: {key} '{value}' is not a field")
		default_format = dt.get("default_print_format")
		if default_format and default_format != "Standard" and print_formats.get(default_format) != name:
			problems.append(
				f"{where}: default_print_format '{default_format}' is not a print format of {name} in print_formats/"
			)
	return problems


def _lint_fields(where, doctype, fields, by_name, known) -> list[str]:
	problems = []
	for f in fields:
		fname, ftype, options = f.get("fieldname"), f.get("fieldtype"), (f.get("options") or "").strip()
		label = f"{where}: field '{fname}'"
		if not fname or not re.fullmatch(r"[a-z][a-z0-9_]*", fname):
			problems.append(f"{label}: fieldname must be snake_case")
		if ftype not in FIELDTYPES:
			problems.append(f"{label}: invalid fieldtype '{ftype}'")
			continue
		if ftype not in {"Column Break", "Section Break", "Tab Break", "Fold"} and not f.get("label"):
			if not f.get("hidden"):
				problems.append(f"{label}: visible field has no label")
		if ftype in {"Link", *TABLE_FIELDTYPES}:
			if not options:
				problems.append(f"{label}: {ftype} has no target DocType")
			elif options not in known:
				problems.append(f"{label}: {ftype} target '{options}' does not exist")
		if ftype == "Dynamic Link" and by_name.get(options, {}).get("fieldtype") not in (
			"Link",
			"Select",
			"Data",
		):
			problems.append(
				f"{label}: Dynamic Link must name a Link/Select field of {doctype}, not '{options}'"
			)
		if ftype == "Select":
			choices = [o for o in options.split("\n") if o.strip()]
			if not choices:
				problems.append(f"{label}: Select has no options")
			default = f.get("default")
			if default and default not in options.split("\n"):
				problems.append(f"{label}: default '{default}' is not one of the options")
		fetch = f.get("fetch_from")
		if fetch:
			link_field = fetch.split(".", 1)[0]
			if by_name.get(link_field, {}).get("fieldtype") not in ("Link", "Dynamic Link"):
				problems.append(f"{label}: fetch_from '{fetch}' does not start with a Link field")
		depends = f.get("depends_on") or ""
		for ref in re.findall(r"doc\.([a-z_][a-z0-9_]*)", depends):
			if ref not in by_name:
				problems.append(f"{label}: depends_on refers to unknown field '{ref}'")
	return problems


# ------------------------------------------------------------------------------------------------ Workflows
def lint_workflows(repo: Repo) -> list[str]:
	problems = []
	states_known = repo.fixture_names("Workflow State") | CORE_WORKFLOW_STATES
	actions_known = repo.fixture_names("Workflow Action Master") | CORE_WORKFLOW_ACTIONS
	roles = repo.known_roles()
	for path, wf in repo.fixtures:
		if wf.get("doctype") != "Workflow":
			continue
		where = f"{repo.rel(path)}: workflow '{wf.get('name')}'"
		if wf.get("document_type") not in repo.known_doctypes():
			problems.append(f"{where}: document_type '{wf.get('document_type')}' does not exist")
		states = wf.get("states") or []
		transitions = wf.get("transitions") or []
		if not states:
			problems.append(f"{where}: has no states")
			continue
		docstatus = {}
		for s in states:
			name = s.get("state")
			docstatus[name] = int(s.get("doc_status") or 0)
			if name not in states_known:
				problems.append(f"{where}: state '{name}' has no Workflow State record")
			if s.get("allow_edit") not in roles:
				problems.append(
					f"{where}: state '{name}' allow_edit names unknown role '{s.get('allow_edit')}'"
				)
		if docstatus.get(states[0].get("state")) != 0:
			problems.append(f"{where}: the first state must be a draft (doc_status 0)")
		for t in transitions:
			a, b = t.get("state"), t.get("next_state")
			label = f"{where}: transition '{a}' --{t.get('action')}--> '{b}'"
			for s in (a, b):
				if s not in docstatus:
					problems.append(f"{label}: state '{s}' is not among the workflow's states")
			if t.get("action") not in actions_known:
				problems.append(f"{label}: action has no Workflow Action Master record")
			if t.get("allowed") not in roles:
				problems.append(f"{label}: allowed role '{t.get('allowed')}' does not exist")
			if a in docstatus and b in docstatus:
				da, db = docstatus[a], docstatus[b]
				if (da, db) not in {(0, 0), (0, 1), (1, 1), (1, 2)}:
					problems.append(
						f"{label}: doc_status {da} -> {db} is not a valid order (0→0, 0→1, 1→1, 1→2)"
					)
		reachable = {states[0].get("state")}
		changed = True
		while changed:
			changed = False
			for t in transitions:
				if t.get("state") in reachable and t.get("next_state") not in reachable:
					reachable.add(t.get("next_state"))
					changed = True
		for name in docstatus:
			if name not in reachable:
				problems.append(f"{where}: state '{name}' cannot be reached from '{states[0].get('state')}'")
	return problems


# ------------------------------------------------------------------------------------------------ Reports
def lint_reports(repo: Repo) -> list[str]:
	problems = []
	roles = repo.known_roles()
	for path, rep in repo.reports:
		where = f"{repo.rel(path)}: report '{rep.get('name')}'"
		if path.stem != scrub(rep.get("name", "")):
			problems.append(f"{where}: file must be named {scrub(rep.get('name', ''))}.json")
		if rep.get("ref_doctype") not in repo.known_doctypes():
			problems.append(f"{where}: ref_doctype '{rep.get('ref_doctype')}' does not exist")
		if rep.get("report_type") not in REPORT_TYPES:
			problems.append(f"{where}: invalid report_type '{rep.get('report_type')}'")
		if rep.get("module") not in repo.modules():
			problems.append(f"{where}: module '{rep.get('module')}' is not in modules.txt")
		for r in rep.get("roles") or []:
			if r.get("role") not in roles:
				problems.append(f"{where}: role '{r.get('role')}' does not exist")
		if not rep.get("roles"):
			problems.append(f"{where}: no role may run it")
		if rep.get("report_type") == "Script Report" and rep.get("is_standard") == "Yes":
			py = path.with_suffix(".py")
			if not py.exists():
				problems.append(f"{where}: Script Report lacks {py.name}")
			else:
				tree = ast.parse(py.read_text(encoding="utf-8"))
				if not any(isinstance(n, ast.FunctionDef) and n.name == "execute" for n in tree.body):
					problems.append(f"{where}: {py.name} defines no execute(filters)")
	return problems


# ------------------------------------------------------------------------------------------------ Fixtures
def lint_fixtures(repo: Repo) -> list[str]:
	problems = list(repo.load_errors)
	seen = set()
	for path, doc in repo.fixtures:
		where = repo.rel(path)
		if not doc.get("doctype"):
			problems.append(f"{where}: a fixture document has no doctype")
			continue
		if not doc.get("name"):
			problems.append(f"{where}: {doc['doctype']} fixture has no name (Frappe's fixture sync needs it)")
		key = (doc.get("doctype"), doc.get("name"))
		if key in seen:
			problems.append(f"{where}: {key[0]} '{key[1]}' appears twice in fixtures")
		seen.add(key)
		if doc["doctype"] not in repo.known_doctypes() | {"Role", "Custom Field", "Property Setter"}:
			problems.append(f"{where}: fixture of unknown DocType '{doc['doctype']}'")
	return problems


# ------------------------------------------------------------------------------------------------ Translations
def load_translations(repo: Repo) -> dict[str, str]:
	path = repo.app / "translations" / "zh.csv"
	out = {}
	if not path.exists():
		return out
	with path.open(encoding="utf-8", newline="") as f:
		for row in csv.reader(f):
			if len(row) >= 2 and row[0]:
				key = row[0] if len(row) < 3 or not row[2] else f"{row[0]}:{row[2]}"
				out[key] = row[1]
	return out


def user_visible_strings(repo: Repo) -> dict[str, str]:
	"""Every label, option and message a user may see, mapped to where it comes from."""
	found: dict[str, str] = {}

	def add(text, where):
		if text is None:
			return
		text = str(text).strip()
		if text and not CJK.search(text) and not UNTRANSLATED_OK.match(text) and re.search(r"[A-Za-z]", text):
			found.setdefault(text, where)

	for name, (path, dt) in repo.doctypes.items():
		where = repo.rel(path)
		add(name, where)
		for f in dt.get("fields") or []:
			add(f.get("label"), where)
			add(f.get("description"), where)
			if f.get("fieldtype") == "Select":
				for opt in (f.get("options") or "").split("\n"):
					add(opt, where)
	for path, rep in repo.reports:
		add(rep.get("name"), repo.rel(path))
	for path, ws in repo.workspaces:
		add(ws.get("label") or ws.get("name"), repo.rel(path))
		for key in ("shortcuts", "links", "charts", "number_cards"):
			for item in ws.get(key) or []:
				add(item.get("label"), repo.rel(path))
	for path, pf in repo.print_formats:
		add(pf.get("name"), repo.rel(path))
	for path, doc in repo.fixtures:
		if doc.get("doctype") == "Role":
			add(doc.get("name"), repo.rel(path))
		if doc.get("doctype") == "Workflow":
			for s in doc.get("states") or []:
				add(s.get("state"), repo.rel(path))
			for t in doc.get("transitions") or []:
				add(t.get("action"), repo.rel(path))
		if doc.get("doctype") in ("Workflow State", "Workflow Action Master"):
			add(doc.get("name"), repo.rel(path))
	sources = [(p, PY_MESSAGE) for p in repo.app.rglob("*.py")]
	sources += [(p, JS_MESSAGE) for p in repo.app.rglob("*.js")]
	sources += [(p, JINJA_MESSAGE) for p in repo.app.rglob("*.html")]
	sources += [(p, JINJA_MESSAGE) for p in (repo.root / "print_formats").rglob("*.html")]
	for path, pattern in sources:
		if "/public/dist/" in str(path) or "node_modules" in path.parts:
			continue
		text = path.read_text(encoding="utf-8")
		for m in pattern.finditer(text):
			add(m.group("s").replace('\\"', '"').replace("\\'", "'"), repo.rel(path))
	return found


def conflicting_translations(repo: Repo) -> list[str]:
	"""A source translated twice in zh.csv, differently: Frappe silently keeps the last one."""
	path = repo.app / "translations" / "zh.csv"
	if not path.exists():
		return [f"{repo.rel(path)}: missing"]
	seen: dict[str, str] = {}
	problems = []
	with path.open(encoding="utf-8", newline="") as f:
		for line, row in enumerate(csv.reader(f), start=1):
			if len(row) < 2:
				problems.append(f"{repo.rel(path)}:{line}: a row needs a source and a translation")
				continue
			key = row[0] if len(row) < 3 or not row[2] else f"{row[0]}:{row[2]}"
			if key in seen and seen[key] != row[1]:
				problems.append(
					f"{repo.rel(path)}:{line}: {key!r} translated twice: {seen[key]!r} and {row[1]!r}"
				)
			seen.setdefault(key, row[1])
	return problems


# Frappe's own Chinese for words its desk shows everywhere. An app's zh.csv overrides Frappe's for the whole desk,
# so translating one of these differently (say "Description" as 扣分情形) would change every form on the site:
# give the app's field a specific English label instead.
FRAPPE_OWNED = {
	"Action": "行动", "Activity": "活动", "Contact": "联系人", "Description": "描述", "Left": "左边",
	"Right": "右边", "Level": "级别", "Note": "注", "Points": "点", "Post": "发送", "Source": "源",
	"Subject": "主题", "Status": "状态", "Title": "标题", "Type": "类型", "Comment": "评论",
}  # fmt: skip


def lint_translations(repo: Repo) -> list[str]:
	zh = load_translations(repo)
	problems = conflicting_translations(repo)
	for word, frappe_zh in FRAPPE_OWNED.items():
		if word in zh and zh[word] != frappe_zh:
			problems.append(
				f"zh.csv: {word!r} is Frappe's own label ({frappe_zh}); translating it as {zh[word]!r} changes it on "
				"every screen. Use a specific English label for this app's field instead."
			)
	for text, where in sorted(user_visible_strings(repo).items()):
		translation = zh.get(text)
		if translation is None:
			problems.append(f"{where}: no zh translation for {text!r}")
		elif not CJK.search(translation):
			problems.append(f"{where}: zh translation of {text!r} is not Chinese: {translation!r}")
	return problems


# ------------------------------------------------------------------------------------------------ hooks.py
DOCTYPE_KEYED_HOOKS = (
	"doc_events",
	"permission_query_conditions",
	"has_permission",
	"doctype_js",
	"doctype_list_js",
)


def _hooks(repo: Repo) -> dict:
	"""hooks.py evaluated as plain Python (it imports nothing from Frappe)."""
	namespace: dict = {}
	exec(compile((repo.app / "hooks.py").read_text(encoding="utf-8"), "hooks.py", "exec"), namespace)
	return {k: v for k, v in namespace.items() if not k.startswith("__")}


def _resolves(repo: Repo, dotted: str) -> bool:
	"""Whether `dotted` names a function defined in this app's source."""
	module, _, func = dotted.rpartition(".")
	parts = module.split(".")
	if parts[0] != "zhengwu_hall":
		return True  # another app's function: not ours to check
	base = repo.app.joinpath(*parts[1:])
	path = base.with_suffix(".py") if base.with_suffix(".py").exists() else base / "__init__.py"
	if not path.exists():
		return False
	tree = ast.parse(path.read_text(encoding="utf-8"))
	defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)}
	defined |= {
		t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)
	}
	return func in defined


def lint_hooks(repo: Repo) -> list[str]:
	problems = []
	try:
		hooks = _hooks(repo)
	except Exception as e:
		return [f"hooks.py does not run: {e}"]
	known = repo.known_doctypes()
	for name, value in hooks.items():
		if name in DOCTYPE_KEYED_HOOKS and isinstance(value, dict):
			for doctype in value:
				if doctype != "*" and doctype not in known:
					problems.append(f"hooks.py: {name} names unknown DocType '{doctype}'")
		targets = []
		if isinstance(value, str) and value.startswith("zhengwu_hall."):
			targets = [value]
		elif isinstance(value, dict):
			for v in value.values():
				if isinstance(v, str):
					targets.append(v)
				elif isinstance(v, dict):
					targets += [x for x in v.values() if isinstance(x, str)]
				elif isinstance(v, list):
					targets += [x for x in v if isinstance(x, str)]
		elif isinstance(value, list):
			targets = [x for x in value if isinstance(x, str) and x.startswith("zhengwu_hall.")]
		for target in targets:
			if (
				target.startswith("zhengwu_hall.")
				and not target.endswith((".js", ".css"))
				and not _resolves(repo, target)
			):
				problems.append(f"hooks.py: {name} points to '{target}', which is not a function of the app")
	return problems


ALL_LINTS = {
	"hooks": lint_hooks,
	"doctypes": lint_doctypes,
	"workflows": lint_workflows,
	"reports": lint_reports,
	"fixtures": lint_fixtures,
	"translations": lint_translations,
}
