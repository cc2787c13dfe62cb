"""Small helpers the controllers share."""

import frappe
from frappe import _


class WindowOfAnotherHallError(frappe.ValidationError):
	pass


def validate_window_in_hall(doc, window_field: str = "service_window"):
	"""A record's window must be one of its hall's (属地管理): refuse a window of another hall."""
	window = doc.get(window_field)
	if not window:
		return
	hall = frappe.db.get_value("Service Window", window, "service_hall")
	if hall != doc.service_hall:
		frappe.throw(
			_("Window {0} belongs to {1}, not to {2}").format(window, hall, doc.service_hall),
			WindowOfAnotherHallError,
		)


def _comparable(value, fieldtype: str):
	"""A field's value as the database holds it, whatever form a REST client sent it in (a date as text, 1 as "1")."""
	from frappe.utils import cint, cstr, flt, get_datetime, getdate

	if value in (None, ""):
		return None
	if fieldtype == "Date":
		return getdate(value)
	if fieldtype == "Datetime":
		return get_datetime(value).replace(microsecond=0)
	if fieldtype in ("Int", "Check"):
		return cint(value)
	if fieldtype in ("Float", "Currency", "Percent"):
		return flt(value, 6)
	return cstr(value)


def changed_fields(doc, exempt=()) -> list[str]:
	"""The value fields of ``doc`` that differ from its saved version (not the table or virtual fields, nor
	``exempt``); [] for a new document. Validate runs before Frappe converts a REST client's values, so values are
	compared as the database holds them."""
	from frappe.model import no_value_fields

	before = doc.get_doc_before_save()
	if doc.is_new() or not before:
		return []
	return [
		df.fieldname
		for df in doc.meta.fields
		if df.fieldtype not in no_value_fields
		and not df.is_virtual
		and df.fieldname not in exempt
		and _comparable(doc.get(df.fieldname), df.fieldtype)
		!= _comparable(before.get(df.fieldname), df.fieldtype)
	]


def saved_name(doc) -> str:
	"""The name of ``doc`` in the database, "" while it is new (a new record already carries its name)."""
	return "" if doc.is_new() else doc.name


def find_duplicate(doc, filters: dict, fields: str | list[str] = "name"):
	"""Another record of ``doc``'s DocType matching ``filters``: its ``fields`` (a dict for a list), or None.

	``doc`` itself is left out once saved; a new record, which carries its final name before it is inserted, is
	compared with every record.
	"""
	return frappe.db.get_value(
		doc.doctype,
		{**filters, "name": ["!=", saved_name(doc)]},
		fields,
		as_dict=isinstance(fields, list),
	)


def set_staff_fields(doc):
	"""Copy the name, window and hall of `doc.staff` (a Window Staff) onto `doc`: records about one staff member
	(absences, extended service) are scoped and reported by the staff member's window and hall."""
	row = frappe.db.get_value(
		"Window Staff", doc.staff, ["staff_name", "service_window", "service_hall"], as_dict=True
	)
	if row:
		doc.staff_name, doc.service_window, doc.service_hall = (
			row.staff_name,
			row.service_window,
			row.service_hall,
		)


def zhengwu_custom_fields(doc) -> list[tuple[str, str]]:
	"""(label, formatted value) of the fields an administrator added to ``doc``'s DocType with Customize Form,
	in form order, for the print formats (templates/print/custom_fields.html); empty values and fields hidden
	from print are left out."""
	from frappe import _
	from frappe.model import no_value_fields

	return [
		(_(df.label or df.fieldname), doc.get_formatted(df.fieldname) or "")
		for df in frappe.get_meta(doc.doctype).fields
		if df.get("is_custom_field")
		and df.fieldtype not in no_value_fields
		and not df.print_hide
		and doc.get(df.fieldname) not in (None, "")
	]
