# Copyright (c) 2026, zhengwu_hall developers and contributors
# For license information, please see license.txt
"""投诉反馈单 (seed 001 行政效能投诉管理制度 附件3) from intake to archive.

The workflow "Complaint" (fixtures/workflows/complaint.json) follows 附件1 第二条: 接收 → 登记 (Registered) → 受理
(Accepted) or 不受理 (Not Accepted, with a ground of 第三条 (二), the lawful channel and the reply) → 分管领导审核
(Leader Review, the Center Deputy Director) → 直查 (Direct Investigation, the Supervisor) / 转办 (Transferred, the
Department Liaison of the functional department) / 督办 (Under Supervision) → 调查处理意见 (Findings Issued) → 签发
(Signed, the Center Director) → 已回复 (Replied) → 归档 (Archived). Frappe refuses a transition to a role the
workflow does not name and a jump between states it does not link, over REST as in the desk.

Deadlines come from the hall's pack and working calendar (zhengwu_hall.rules.complaints). ``verified`` is set from
the investigation finding (经查属实); a verified complaint updates the consequences of 第四条
(zhengwu_hall.setup.complaints.apply_consequences).

Confidentiality (第三条 保密): the complainant's name and phones are stored in Complainant Identity, a DocType only
the handling office (Supervisor, Hall Administrator) may read, and appear on this form as permlevel-1 virtual
fields (only the roles with permlevel 1 receive them). Stored as columns of this table they would leak: Frappe
v15's get_list drops a forbidden field while iterating the requested fields and so keeps the next one
(DatabaseQuery.apply_fieldlevel_read_permissions / remove_field). ``complainant`` shows 保密 for a confidential
complaint and the name otherwise; it is what lists, reports and other roles see."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import get_workflow_name
from frappe.utils import getdate, now_datetime, today

from zhengwu_hall.rules import complaints as rules
from zhengwu_hall.setup import complaints as setup
from zhengwu_hall.utils import changed_fields

REGISTERED, ACCEPTED, NOT_ACCEPTED = "Registered", "Accepted", "Not Accepted"
TRANSFERRED, FINDINGS, SIGNED = "Transferred", "Findings Issued", "Signed"
REPLIED, ARCHIVED = "Reply Sent", "Archived"
CLOSED = (NOT_ACCEPTED, REPLIED, ARCHIVED)
FOUND_TRUE = ("Found True", "Partly Found True")
# shown instead of the complainant of a confidential complaint (附件3 是否保密), in every language
CONFIDENTIAL_MARK = "保密"


class ComplaintWindowMismatchError(frappe.ValidationError):
	pass


class ComplaintRefusalIncompleteError(frappe.ValidationError):
	pass


class ComplaintExtensionNotAllowedError(frappe.ValidationError):
	pass


class ComplaintExtensionIncompleteError(frappe.ValidationError):
	pass


class ComplaintAppealLateError(frappe.ValidationError):
	pass


class ComplaintFindingMissingError(frappe.ValidationError):
	pass


class ComplainantMissingError(frappe.ValidationError):
	pass


class ComplaintStateLockedError(frappe.ValidationError):
	pass


# fields with their own rule of who may change them (the extension approver, the scheduler's bookkeeping)
NOT_STATE_LOCKED = {
	"extension_approved",
	"extension_reason",
	"complainant_notified_on",
	"remaining_working_days",
	"is_overdue",
	"reminder_sent_on",
	"overdue_notified_on",
	"workflow_state",
}
# roles that may correct a complaint in any state (the management body's administrators)
ALWAYS_EDIT = ("Hall Administrator", "System Manager")


IDENTITY = "Complainant Identity"
IDENTITY_FIELDS = ("complainant_name", "complainant_title", "incoming_phone", "contact_phone")


def _identity_field(fieldname):
	"""A virtual field: the value set on this document, else the stored Complainant Identity's."""

	def get(self):
		value = self.__dict__.get(fieldname)
		if value is not None:
			return value
		return self.stored_identity().get(fieldname)

	def set(self, value):
		self.__dict__[fieldname] = value

	return property(get, set)


class Complaint(Document):
	complainant_name = _identity_field("complainant_name")
	complainant_title = _identity_field("complainant_title")
	incoming_phone = _identity_field("incoming_phone")
	contact_phone = _identity_field("contact_phone")

	def stored_identity(self) -> dict:
		if "_stored_identity" not in self.__dict__:
			stored = None
			if self.get("name") and not self.is_new():
				stored = frappe.db.get_value(IDENTITY, self.name, IDENTITY_FIELDS, as_dict=True)
			self.__dict__["_stored_identity"] = stored or {}
		return self.__dict__["_stored_identity"]

	def before_insert(self):
		self.set_transfer_no()

	def validate(self):
		self.validate_state_editor()
		self.validate_window_in_hall()
		self.validate_complainant_given()
		self.set_complainant_display()
		self.record_state_dates()
		self.validate_refusal()
		self.validate_extension()
		self.set_verified()
		self.set_deadlines()
		self.validate_appeal()

	def on_update(self):
		self.save_identity()
		if self.verified and self.has_value_changed("verified"):
			setup.apply_consequences(self)

	# ------------------------------------------------------------------------------------------ steps
	def set_transfer_no(self):
		"""转办文号, numbered per hall and year of tabulation: 〔2026〕3号."""
		year = getdate(self.tabulated_on or today()).year
		self.transfer_no = f"〔{year}〕{setup.next_transfer_number(self.service_hall, year)}号"

	def validate_window_in_hall(self):
		if self.service_window:
			hall = frappe.db.get_value("Service Window", self.service_window, "service_hall")
			if hall != self.service_hall:
				frappe.throw(
					_("Window {0} belongs to {1}, not to {2}").format(
						self.service_window, hall, self.service_hall
					),
					ComplaintWindowMismatchError,
				)
		if self.staff:
			window = frappe.db.get_value("Window Staff", self.staff, "service_window")
			if self.service_window and window != self.service_window:
				frappe.throw(
					_(
						"Staff {0} works at window {1}, not at {2}: choose the window of the staff member"
					).format(self.staff, window, self.service_window),
					ComplaintWindowMismatchError,
				)
			self.service_window = self.service_window or window
			self.stationed_department = frappe.db.get_value(
				"Service Window", self.service_window, "stationed_department"
			)

	def validate_state_editor(self):
		"""Frappe checks the role of a workflow transition but not who edits a document that stays in its state:
		over REST anyone with write could fill in another role's part. Only the state's editing role (the
		workflow's allow_edit) may change a complaint that stays in its state."""
		before = self.get_doc_before_save()
		if self.is_new() or not before or frappe.session.user == "Administrator":
			return
		if before.workflow_state != self.workflow_state:
			return  # a transition: the workflow checks its role
		roles = set(frappe.get_roles())
		if roles & set(ALWAYS_EDIT):
			return
		workflow = frappe.get_cached_doc("Workflow", get_workflow_name(self.doctype))
		editor = next((s.allow_edit for s in workflow.states if s.state == self.workflow_state), None)
		if editor in roles:
			return
		if changed_fields(self, exempt=NOT_STATE_LOCKED):
			frappe.throw(
				_("While the complaint is {0}, only {1} may change it").format(
					_(self.workflow_state), _(editor)
				),
				ComplaintStateLockedError,
			)

	def validate_complainant_given(self):
		"""第二条 (二): 投诉人投诉时，应写明姓名、联系方式."""
		if not (self.complainant_name or "").strip():
			frappe.throw(_("Enter the complainant's name"), ComplainantMissingError)

	def save_identity(self):
		values = {f: getattr(self, f) for f in IDENTITY_FIELDS}
		stored = self.stored_identity()
		if stored and all((stored.get(f) or None) == (values[f] or None) for f in IDENTITY_FIELDS):
			return
		if frappe.db.exists(IDENTITY, self.name):
			identity = frappe.get_doc(IDENTITY, self.name)
			identity.update(values)
		else:
			identity = frappe.get_doc(
				{"doctype": IDENTITY, "complaint": self.name, "service_hall": self.service_hall, **values}
			)
		identity.service_hall = self.service_hall
		identity.save(ignore_permissions=True)
		self.__dict__["_stored_identity"] = values

	def on_trash(self):
		if frappe.db.exists(IDENTITY, self.name):
			frappe.delete_doc(IDENTITY, self.name, ignore_permissions=True)

	def set_complainant_display(self):
		"""What every role sees: the name, or 保密 when the complainant asked for confidentiality (第三条)."""
		if self.confidential:
			self.complainant = CONFIDENTIAL_MARK
			return
		if self.complainant_name:
			self.complainant = self.complainant_name + (
				_(" ({0})").format(_(self.complainant_title)) if self.complainant_title else ""
			)

	def record_state_dates(self):
		state = self.workflow_state
		if state in (ACCEPTED, NOT_ACCEPTED) and not self.accepted_on:
			self.accepted_on = today()
		if state == TRANSFERRED and not self.transferred_on:
			self.transferred_on = now_datetime()
		if state == SIGNED and not self.signed_by:
			self.signed_by = frappe.session.user
			self.signed_on = now_datetime()
		if state == ARCHIVED and not self.archived_on:
			self.archived_on = today()
		if state == NOT_ACCEPTED and not self.replied_on:
			self.replied_on = today()

	def validate_refusal(self):
		"""不予受理: a ground of 第三条 (二), the lawful channel and the reply (加快投诉事项的办理时间 3.)."""
		if self.workflow_state != NOT_ACCEPTED:
			return
		missing = rules.refusal_problems(
			self.refusal_ground, self.competent_channel, self.reply_to_complainant
		)
		if missing:
			labels = {
				"ground": _("the ground for not accepting"),
				"channel": _("the lawful channel told to the complainant"),
				"reply": _("the reply to the complainant"),
			}
			frappe.throw(
				_("To not accept a complaint, fill in {0}").format("、".join(labels[m] for m in missing)),
				ComplaintRefusalIncompleteError,
			)

	def validate_extension(self):
		"""Extension to 30 working days: approved by the pack's role, with the reason and the day the complainant
		was told in writing (加快投诉事项的办理时间 1.)."""
		if not self.extension_approved:
			if self.has_value_changed("extension_approved"):
				self.extension_approved_by = self.extension_approved_on = None
			return
		if not self.has_value_changed("extension_approved"):
			return
		role = setup.extension_approver_role(self.service_hall)
		if role not in frappe.get_roles():
			frappe.throw(
				_("Only {0} may approve extending a complaint to the special limit").format(_(role)),
				ComplaintExtensionNotAllowedError,
			)
		missing = rules.extension_problems(
			self.extension_reason, self.complainant_notified_on, self.received_on
		)
		if missing:
			labels = {
				"reason": _("the reason for the extension"),
				"notified_on": _("the date the complainant was told in writing"),
				"notified_before_receipt": _("a notice date not earlier than the complaint"),
			}
			frappe.throw(
				_("To approve the extension, fill in {0}").format("、".join(labels[m] for m in missing)),
				ComplaintExtensionIncompleteError,
			)
		self.extension_approved_by = frappe.session.user
		self.extension_approved_on = today()

	def set_verified(self):
		"""经查属实: the finding of the investigation decides ``verified`` (read by the annual assessment)."""
		if self.workflow_state == FINDINGS and not self.finding:
			frappe.throw(_("Record the investigation finding first"), ComplaintFindingMissingError)
		self.verified = int(self.finding in FOUND_TRUE)

	def set_deadlines(self):
		info = setup.deadlines(self, getdate(today()))
		self.deadline_note = info.note
		self.acceptance_due = info.acceptance_due
		self.resolution_due = info.resolution_due
		self.appeal_due = info.appeal_due
		self.remaining_working_days = info.remaining
		self.is_overdue = int(bool(info.overdue))

	def validate_appeal(self):
		"""复查/复核 within 15 working days of the reply (第三条); a late one is refused and nothing is saved."""
		if not self.appeal_filed_on or not self.has_value_changed("appeal_filed_on"):
			return
		if not self.replied_on:
			frappe.throw(
				_("An appeal can only be filed after the complainant has been replied to"),
				ComplaintAppealLateError,
			)
		if not self.appeal_due or getdate(self.appeal_filed_on) > getdate(self.appeal_due):
			frappe.throw(
				_(
					"The appeal period has passed: an appeal (review) must be filed within {0} working days of the reply, by {1}. It cannot be accepted."
				).format(setup.appeal_days(self.service_hall), self.appeal_due or _("(not set)")),
				ComplaintAppealLateError,
			)
		if getdate(self.appeal_filed_on) < getdate(self.replied_on):
			frappe.throw(_("The appeal cannot be earlier than the reply"), ComplaintAppealLateError)
