"""Small helpers the controllers share."""

import frappe


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
