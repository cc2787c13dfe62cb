# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""帮办代办服务委托书 (seed 001 帮办代办制度 and its annex; seed 003 绿色通道 for the priority groups).

Every field of the annex: the client (person or organisation, contact, phone, ID number), the matters, the
materials (原件/复印件), the duties of both sides, the fee note, the named agent and phone, signatures and dates.
The workflow "Proxy Service Authorization" moves it 委托 (Entrusted) → 受理 (Accepted: first check, receipt
issued) → 代理 (In Proxy) → 回交 (Returned), or 终止 (Terminated) with one of the five causes of the annex 第四条.
The contact's ID number is checked (GB 11643) and shown masked in lists; the full number needs permission level 1.
Service cases handled under it link to it (Service Case.proxy_authorization).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import today

from zhengwu_hall.rules import proxy as rules
from zhengwu_hall.utils import validate_window_in_hall


class InvalidIdNumberError(frappe.ValidationError):
	pass


class TerminationCauseError(frappe.ValidationError):
	pass


class ProxyMaterialsMissingError(frappe.ValidationError):
	pass


class ProxyServiceAuthorization(Document):
	def validate(self):
		self.validate_window_in_hall()
		self.validate_id_number()
		self.validate_lists()
		self.validate_termination()
		self.record_state_dates()

	def before_print(self, settings=None):
		"""A Jinja print gets the whole document, permlevel fields included: whoever may not read the ID number
		prints the masked one (docs/permission_matrix_review.md §3a)."""
		if not self.has_permlevel_access_to("client_id_number"):
			self.client_id_number = None

	def validate_window_in_hall(self):
		validate_window_in_hall(self, "proxy_window")

	def validate_id_number(self):
		if not self.client_id_number and not self.is_new():
			return  # a reader without level-1 permission saves without seeing the number
		number = rules.normalize_id_number(self.client_id_number)
		if rules.id_number_problem(number):
			frappe.throw(
				_(
					"The ID number {0} is not a valid 18-character resident ID number: check the digits and the last character"
				).format(rules.mask_id_number(number)),
				InvalidIdNumberError,
				title=_("Contact ID Number"),
			)
		self.client_id_number = number
		self.client_id_masked = rules.mask_id_number(number)

	def validate_lists(self):
		"""Annex 一, 二 1.: the matters and the materials (each 原件 or 复印件) are listed."""
		if not self.service_items or not self.materials:
			frappe.throw(
				_("List the matters entrusted and the materials the client provides"),
				ProxyMaterialsMissingError,
				title=_("Proxy Service Authorization"),
			)

	def validate_termination(self):
		problem = rules.termination_problem(self.workflow_state, self.termination_cause)
		if problem == "cause_missing":
			frappe.throw(
				_(
					"Choose the cause of the termination (one of the five of the authorization) before terminating"
				),
				TerminationCauseError,
				title=_("Termination"),
			)

	def record_state_dates(self):
		state = self.workflow_state
		if state in (rules.ACCEPTED, rules.IN_PROXY, rules.RETURNED) and not self.accepted_on:
			self.accepted_on = today()
		if state == rules.ACCEPTED and not self.receipt_issued_on:
			self.receipt_issued_on = today()
		if state == rules.IN_PROXY and not self.proxy_started_on:
			self.proxy_started_on = today()
		if state == rules.RETURNED and not self.returned_on:
			self.returned_on = today()
		if state == rules.TERMINATED and not self.terminated_on:
			self.terminated_on = today()
