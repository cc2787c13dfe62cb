# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""责任追究 (seed 001 责任追究制): a case against a window's chief representative, the responsible post or the
management body's leader for one of the eleven cases of 第五条, with the severity (情节较轻 / 较重 / 严重) deciding the
measures the pack lists (``accountability_measures``), the aggravating (第六条) and mitigating (第七条) factors, the
person's statement, which must be heard before any decision (第九条), the decision (Center Director) and the appeal
(第九条: 受到行政处分或者责令辞职、辞退的,可以按照有关规定提出申诉).

The case status follows the record: Open → Statement Heard (statement recorded) → Decided (measure and decision)
→ Appealed (appeal filed) → Closed (appeal result). It is derived, never set by hand."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import today

from zhengwu_hall.rules import assessment as rules
from zhengwu_hall.rules.packs import RuleNotConfigured
from zhengwu_hall.setup.assessment import hall_pack, throw_not_configured
from zhengwu_hall.utils import validate_window_in_hall

DECIDERS = ("Center Director", "System Manager")


class StatementNotHeardError(frappe.ValidationError):
	pass


class MeasureNotAllowedError(frappe.ValidationError):
	pass


class DecisionNotAllowedError(frappe.ValidationError):
	pass


class AppealBeforeDecisionError(frappe.ValidationError):
	pass


class AccountabilityCase(Document):
	def validate(self):
		self.validate_window_in_hall()
		self.validate_statement_before_decision()
		self.validate_measure()
		self.validate_decider()
		self.validate_appeal()
		self.set_case_status()

	def validate_window_in_hall(self):
		validate_window_in_hall(self)

	def decided(self) -> bool:
		return bool(self.measure or (self.decision or "").strip())

	def validate_statement_before_decision(self):
		if self.decided() and not ((self.statement or "").strip() and self.statement_heard_on):
			frappe.throw(
				_("Hear the person's statement and defence and record it with its date before deciding"),
				StatementNotHeardError,
			)

	def validate_measure(self):
		if not self.measure:
			return
		try:
			allowed = rules.allowed_measures(
				hall_pack(self.service_hall), self.severity, self.person_held_responsible
			)
		except RuleNotConfigured as e:
			throw_not_configured(e)
		if self.measure not in allowed:
			frappe.throw(
				_("Measure {0} is not provided for this severity and person; choose one of: {1}").format(
					self.measure, "、".join(allowed) or _("none")
				),
				MeasureNotAllowedError,
			)

	def validate_decider(self):
		before = self.get_doc_before_save()
		changed = (before is None and self.decided()) or (
			before is not None
			and (
				(before.measure or "") != (self.measure or "")
				or (before.decision or "") != (self.decision or "")
			)
		)
		if not changed:
			return
		if frappe.session.user != "Administrator" and not set(frappe.get_roles()) & set(DECIDERS):
			frappe.throw(
				_("Only the Center Director decides an accountability case"), DecisionNotAllowedError
			)
		self.decided_by = frappe.session.user
		self.decided_on = today()

	def validate_appeal(self):
		if ((self.appeal or "").strip() or (self.appeal_result or "").strip()) and not self.decided():
			frappe.throw(_("An appeal can only follow a decision"), AppealBeforeDecisionError)
		if (self.appeal_result or "").strip() and not (self.appeal or "").strip():
			frappe.throw(_("Record the appeal before its result"), AppealBeforeDecisionError)

	def set_case_status(self):
		if (self.appeal_result or "").strip():
			self.case_status = "Case Closed"
		elif (self.appeal or "").strip():
			self.case_status = "Appealed"
		elif self.decided():
			self.case_status = "Decided"
		elif (self.statement or "").strip():
			self.case_status = "Statement Heard"
		else:
			self.case_status = "Case Open"
