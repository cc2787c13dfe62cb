# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""差评工单: the loop of one bad review (seed 003 二(六)2 用好评价结果; seed 001 “好差评”制度 第十八、十九、二十一条).

The workflow "Bad Review Work Order" (fixtures/workflows/bad_review_work_order.json) moves it, each step by the
role the regulation names: the liaison of the window's department (联络员, seed 003) verifies (→ Rectifying),
rectifies — 立行立改 / 限期整改 with a deadline / 解释说明 where there is no legal basis — and replies (→ Replied),
then revisits the rater and records their satisfaction with the fix (→ Revisited). A bad review the supervisory
office (政务服务监督管理部门, the Supervisor) verifies as malicious is excluded with a reason (→ Excluded as
Malicious, 第十八条) and no longer counts. Each step is copied onto the rating, which moves the aggregates."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime, today

from zhengwu_hall.setup import evaluations as ev

PENDING, RECTIFYING, REPLIED, REVISITED, EXCLUDED = (
	"Pending Verification",
	"Rectifying",
	"Replied",
	"Revisited",
	"Excluded as Malicious",
)
BY_DEADLINE = "Rectification by Deadline"


class WorkOrderStepIncompleteError(frappe.ValidationError):
	pass


class DishonestListingError(frappe.ValidationError):
	pass


class NotABadReviewError(frappe.ValidationError):
	pass


class BadReviewWorkOrder(Document):
	def validate(self):
		self.validate_bad_review()
		self.validate_step_complete()
		self.validate_dishonest_listing()
		self.record_state_dates()

	def validate_bad_review(self):
		rating = frappe.db.get_value(
			"Service Evaluation",
			self.service_evaluation,
			["is_bad_review", "bad_review_work_order"],
			as_dict=True,
		)
		if not rating or not rating.is_bad_review:
			frappe.throw(_("A work order is opened for a bad review only"), NotABadReviewError)
		if rating.bad_review_work_order and rating.bad_review_work_order != self.name:
			frappe.throw(
				_("Bad review {0} already has work order {1}").format(
					self.service_evaluation, rating.bad_review_work_order
				),
				NotABadReviewError,
			)

	def after_insert(self):
		frappe.db.set_value(
			"Service Evaluation",
			self.service_evaluation,
			"bad_review_work_order",
			self.name,
			update_modified=False,
		)

	def require(self, fieldnames, message):
		if any(not (str(self.get(f) or "")).strip() for f in fieldnames):
			frappe.throw(message, WorkOrderStepIncompleteError)

	def validate_step_complete(self):
		state = self.workflow_state
		if state in (RECTIFYING, REPLIED, REVISITED):
			self.require(("verification",), _("Write what the verification found before continuing"))
		if state in (REPLIED, REVISITED):
			self.require(
				("rectification_type", "rectification", "reply"),
				_("Choose how it is handled, describe the rectification or explanation and write the reply"),
			)
			if self.rectification_type == BY_DEADLINE:
				self.require(("rectification_deadline",), _("Rectification by a deadline needs the deadline"))
		if state == REVISITED:
			self.require(
				("revisit_notes", "rater_satisfaction"),
				_("Record the revisit and whether the rater is satisfied with the rectification"),
			)
		if state == EXCLUDED:
			self.require(
				("malicious_reason",), _("Write why the bad review is malicious before excluding it")
			)

	def validate_dishonest_listing(self):
		if self.list_as_dishonest and self.workflow_state != EXCLUDED:
			frappe.throw(
				_("Only a bad review verified as malicious may put the rater on the dishonesty list"),
				DishonestListingError,
			)

	def record_state_dates(self):
		state = self.workflow_state
		if state in (RECTIFYING, REPLIED, REVISITED) and not self.verified_on:
			self.verified_on = today()
		if state in (REPLIED, REVISITED) and not self.replied_on:
			self.replied_on = now_datetime()
		if state == REVISITED and not self.revisited_on:
			self.revisited_on = now_datetime()
		if state == EXCLUDED and not self.excluded_on:
			self.excluded_on = today()

	def loop_flags(self) -> dict:
		state = self.workflow_state
		flags = {
			"replied": int(state in (REPLIED, REVISITED)),
			"revisited": int(state == REVISITED),
			"revisit_satisfied": int(state == REVISITED and self.rater_satisfaction == "Satisfied"),
		}
		if state == EXCLUDED:
			flags.update(excluded=1, held_for_review=0, exclusion_reason=self.malicious_reason)
		return flags

	def on_update(self):
		current = frappe.db.get_value(
			"Service Evaluation", self.service_evaluation, list(self.loop_flags()), as_dict=True
		)
		changed = {k: v for k, v in self.loop_flags().items() if (current.get(k) or 0) != (v or 0)}
		if changed:
			ev.set_loop_flags(self.service_evaluation, **changed)
