"""Hall scoping (属地管理) beyond get and get_list (issue 11): every report of the app, the print view and the PDF
download, and the list export. A user bound to district A, holding every role of the app but System Manager, must
get nothing of district B from any of them; Administrator's run of the same report shows that district B's records
were there to leak (the test would catch a report that leaked).

Values are compared cell by cell (exact values, not substrings), against the names of district B, its halls and
every hall-scoped record in it.
"""

import datetime as dt
import json
from pathlib import Path

import frappe
import frappe.desk.query_report
import frappe.desk.reportview
import pytest
from factories import ALL_ROLES, make_hall, make_user
from test_smoke import SMOKE
from zhengwu_hall.hooks import hall_scoped_doctypes as SCOPED
from zhengwu_hall.setup.permissions import clear_hall_permission_cache

TODAY = dt.date.today().isoformat()
YEAR = int(TODAY[:4])
# every filter any report of the app asks for, wide enough to take in what the factories make (2025–2026), within
# the years the working-day calendar knows
FILTERS = {
	"from_date": "2025-01-01",
	"to_date": "2026-12-31",
	"year": YEAR,
	"quarter": "1",
	"month": "2026-03-01",
	"as_of": TODAY,
	"view": "Hall Ranking",
	"dimension": "Region",
	"rank_by": "Staff",
}


def records_in(hall):
	"""{doctype: [names]} of every hall-scoped record under ``hall`` (its subtree included)."""
	lft, rgt = frappe.db.get_value("Service Hall", hall, ["lft", "rgt"])
	halls = frappe.get_all("Service Hall", filters={"lft": [">=", lft], "rgt": ["<=", rgt]}, pluck="name")
	out = {"Service Hall": halls}
	for doctype in SCOPED:
		if doctype == "Service Hall":
			continue
		out[doctype] = frappe.get_all(doctype, filters={"service_hall": ["in", halls]}, pluck="name")
	return out


def cells(value):
	"""Every scalar in a report's result (columns, rows as lists or dicts, chart, summary)."""
	if isinstance(value, dict):
		for v in value.values():
			yield from cells(v)
	elif isinstance(value, list | tuple):
		for v in value:
			yield from cells(v)
	elif value not in (None, ""):
		yield str(value)


@pytest.fixture(scope="module")
def districts():
	"""Two districts with a record of every hall-scoped DocType each, and a user of district A with every role."""
	clear_hall_permission_cache()
	frappe.set_user("Administrator")
	a = make_hall("范围甲区政务服务中心", "District Center", rule_pack="qinzhou-qinnan").name
	b = make_hall("范围乙区政务服务中心", "District Center", rule_pack="qinzhou-qinnan").name
	made = {a: {}, b: {}}
	for hall in (a, b):
		for i, doctype in enumerate(d for d in SCOPED if d in SMOKE):
			# each record in a town of its own under the district: the factories number windows from 1
			town = (
				hall
				if doctype == "Service Hall"
				else make_hall(f"范围{i}号镇{hall[-12:]}", "Town Center", hall).name
			)
			doc = SMOKE[doctype][0](town)
			if doctype == "Service Hall":
				doc.hall_name += frappe.db.get_value("Service Hall", town, "hall_name")
			doc.flags.ignore_permissions = True
			doc.insert()
			made[hall][doctype] = doc.name
	roles = [r for r in ALL_ROLES if r not in ("System Manager",)]
	user = make_user("scope-everyone", roles, a)
	yield frappe._dict(a=a, b=b, user=user, made=made, b_values=set(cells(records_in(b))))
	frappe.set_user("Administrator")
	frappe.db.rollback()
	clear_hall_permission_cache()


def run_report(report, filters, user):
	frappe.set_user(user)
	try:
		return frappe.desk.query_report.run(report, filters=json.dumps(filters))
	finally:
		frappe.set_user("Administrator")
		frappe.clear_messages()


REPORTS = sorted(
	json.loads(path.read_text(encoding="utf-8"))["name"]
	for path in (
		Path(__file__).resolve().parents[2] / "apps/zhengwu_hall/zhengwu_hall/zhengwu_hall/report"
	).glob("*/*.json")
)


def test_the_app_has_reports_to_check():
	assert len(REPORTS) >= 10, REPORTS


def test_no_report_shows_another_district(districts):
	leaked, shown_to_admin, refused = [], [], []
	for report in REPORTS:
		admin = run_report(report, FILTERS, "Administrator")
		if set(cells(admin.get("result"))) & districts.b_values:
			shown_to_admin.append(report)
		try:
			mine = run_report(report, FILTERS, districts.user)
		except frappe.PermissionError:
			refused.append(report)
			continue
		if hits := set(cells(mine.get("result"))) & districts.b_values:
			leaked.append(f"{report}: {sorted(hits)[:3]}")
		# asking for district B by name gives nothing of it either
		try:
			other = run_report(report, {**FILTERS, "service_hall": districts.b}, districts.user)
		except (frappe.PermissionError, frappe.ValidationError):
			continue
		if hits := set(cells(other.get("result"))) & (districts.b_values - {districts.b}):
			leaked.append(f"{report} (service_hall={districts.b}): {sorted(hits)[:3]}")
	assert not leaked, "\n".join(leaked)
	assert not refused, f"the user holds every role the reports name, yet was refused: {refused}"
	# the check has teeth: these reports do list district B's records to someone who may see them
	assert len(shown_to_admin) >= 6, shown_to_admin
	print(
		f"\nreports that listed district B for Administrator and nothing of it for district A: {shown_to_admin}"
	)


@pytest.mark.parametrize("doctype", sorted(d for d in SCOPED if d in SMOKE))
def test_print_and_pdf_of_another_district_are_refused(doctype, districts):
	from frappe.utils.print_format import download_pdf
	from frappe.www.printview import get_html_and_style

	mine, theirs = districts.made[districts.a][doctype], districts.made[districts.b][doctype]
	frappe.set_user(districts.user)
	try:
		with pytest.raises(frappe.PermissionError):
			get_html_and_style(doc=doctype, name=theirs)
		with pytest.raises(frappe.PermissionError):
			download_pdf(doctype, theirs)
		if frappe.has_permission(doctype, "print", doc=mine):
			assert get_html_and_style(doc=doctype, name=mine)["html"]
	finally:
		frappe.set_user("Administrator")
		frappe.clear_messages()


@pytest.mark.parametrize("doctype", sorted(d for d in SCOPED if d in SMOKE))
def test_export_holds_only_ones_own_district(doctype, districts):
	frappe.set_user(districts.user)
	try:
		if not frappe.has_permission(doctype, "export"):
			with pytest.raises(frappe.PermissionError):
				export(doctype)
			return
		text = export(doctype)
	finally:
		frappe.set_user("Administrator")
		frappe.clear_messages()
	rows = {cell.strip('"') for line in text.splitlines() for cell in line.split(",")}
	assert districts.made[districts.a][doctype] in rows
	assert districts.made[districts.b][doctype] not in rows
	assert districts.b not in rows


def export(doctype):
	"""What the list view's Export (CSV) runs."""
	form_dict, response = frappe.local.form_dict, frappe.local.response
	frappe.local.form_dict = frappe._dict(
		doctype=doctype,
		file_format_type="CSV",
		fields=json.dumps(
			[
				f"`tab{doctype}`.`{f}`"
				for f in ("name", "service_hall")
				if f == "name" or frappe.get_meta(doctype).has_field(f)
			]
		),
		filters="[]",
		title=doctype,
	)
	frappe.local.response = frappe._dict()
	try:
		frappe.desk.reportview.export_query()
		content = frappe.local.response.get("filecontent") or b""
	finally:
		frappe.local.form_dict, frappe.local.response = form_dict, response
	return content.decode("utf-8-sig") if isinstance(content, bytes) else content
