"""Jurisdiction Rule Pack (辖区规则包): every threshold and rule of one jurisdiction, each with its citation.

The schema, the lint and the rules live in zhengwu_hall.rules.packs (pure Python); this controller only checks
what an administrator types in the desk. A value needs a Source (the article it comes from, or the local
document that sets it); clearing the Source and the value leaves the rule unset, and rule code then refuses to
guess (RuleNotConfigured).
"""

import frappe
from frappe import _
from frappe.model.document import Document

from zhengwu_hall.rules import packs as rule_packs


class InvalidJurisdictionSlug(frappe.ValidationError):
	pass


class UncitedRuleValue(frappe.ValidationError):
	pass


class CitationWithoutValue(frappe.ValidationError):
	pass


class InvalidRuleValue(frappe.ValidationError):
	pass


class InconsistentLeaveRoute(frappe.ValidationError):
	pass


class DuplicateRuleRow(frappe.ValidationError):
	pass


class IncompleteEvaluationLevels(frappe.ValidationError):
	pass


LEAVE_CODES = ("bad_steps", "gap", "overlap", "bad_range")


class JurisdictionRulePack(Document):
	def validate(self):
		self.validate_jurisdiction_slug()
		problems = rule_packs.check_pack(self.as_dict(), seed_dir=None, fixture=False)
		self.validate_citations(problems)
		self.validate_values(problems)
		self.validate_leave_route(problems)
		self.validate_table_rows(problems)

	def validate_jurisdiction_slug(self):
		if self.jurisdiction and not rule_packs.JURISDICTION_RE.match(self.jurisdiction):
			frappe.throw(
				_(
					"Jurisdiction must be lowercase letters, digits and hyphens, such as qinzhou-qinnan: {0}"
				).format(self.jurisdiction),
				exc=InvalidJurisdictionSlug,
			)

	def validate_citations(self, problems):
		uncited = [p for p in problems if p.code == "uncited"]
		if uncited:
			frappe.throw(
				"<br>".join(
					_(
						"{0} has a value but no Source: cite the article it comes from, or clear the value to leave the rule unset"
					).format(where_label(p.where))
					for p in uncited
				),
				exc=UncitedRuleValue,
			)
		orphans = [p for p in problems if p.code == "orphan_citation"]
		if orphans:
			frappe.throw(
				"<br>".join(
					_("{0} has a Source but no value: fill in the value, or clear the Source").format(
						where_label(p.where)
					)
					for p in orphans
				),
				exc=CitationWithoutValue,
			)

	def validate_values(self, problems):
		bad = [p for p in problems if p.code == "bad_value" and p.where != "jurisdiction"]
		if bad:
			frappe.throw(
				"<br>".join(
					_("{0} has an invalid value ({1})").format(where_label(p.where), p.message) for p in bad
				),
				exc=InvalidRuleValue,
			)

	def validate_leave_route(self, problems):
		leave = [p for p in problems if p.code in LEAVE_CODES]
		if leave:
			frappe.throw(
				"<br>".join(
					_(
						"Leave approval steps: every length of leave needs exactly one route, numbered from step 1 and ending with one Approval ({0})"
					).format(p.message)
					for p in leave
				),
				exc=InconsistentLeaveRoute,
			)

	def validate_table_rows(self, problems):
		duplicates = [p for p in problems if p.code == "duplicate"]
		if duplicates:
			frappe.throw(
				"<br>".join(
					_("{0}: the same row appears twice ({1})").format(where_label(p.where), p.message)
					for p in duplicates
				),
				exc=DuplicateRuleRow,
			)
		if any(p.code == "incomplete" for p in problems):
			frappe.throw(
				_(
					"Evaluation Levels: list all five levels (Very Satisfied, Satisfied, Basically Satisfied, Dissatisfied, Very Dissatisfied), or none to leave the rule unset"
				),
				exc=IncompleteEvaluationLevels,
			)


def where_label(where: str) -> str:
	"""A problem's location in the words of the form: "Leave Approval Steps row 2 Source"."""
	name, _sep, rest = where.partition("[")
	if name in rule_packs.TABLES:
		table = rule_packs.TABLES[name]
		label = _(table.label)
		if rest:
			index, _sep, column = rest.partition("].")
			label += " " + _("row {0}").format(index.rstrip("]"))
			columns = {c.fieldname: c for c in table.columns}
			if column in columns:
				label += " " + _(columns[column].label)
			elif column == rule_packs.SOURCE_COLUMN:
				label += " " + _("Citation")
		return label
	base = where.removesuffix(rule_packs.SOURCE_SUFFIX)
	if base in rule_packs.SCALARS:
		label = _(rule_packs.SCALARS[base].label)
		return label + " " + _("Citation") if where != base else label
	return where
