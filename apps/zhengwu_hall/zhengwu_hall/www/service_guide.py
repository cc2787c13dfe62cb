"""办事指南 of one published item (seed 003 二(三)2: 对事项办理主体、依据、流程、结果等作出明确规范,列明所需材料名称类型、
材料样本、电子表单、来源渠道、材料份数和规格、受理标准、是否需电子材料等信息), public and read-only, so a
一次性告知 can point to it."""

import frappe
from frappe import _

no_cache = 1
PUBLIC_LANG = "zh"


def get_context(context):
	frappe.local.lang = PUBLIC_LANG  # the public pages are Chinese whatever the browser asks for
	context.no_cache = 1
	name = frappe.form_dict.get("item")
	item = name and frappe.db.get_value(
		"Service Item",
		{"name": name, "published_in_guide": 1, "enabled": 1},
		[
			"name",
			"item_name",
			"item_code",
			"service_hall",
			"stationed_department",
			"has_statutory_limit",
			"statutory_limit",
			"promised_limit",
			"eligible_applicants",
			"legal_basis",
			"handling_process",
			"result",
			"appointment_available",
			"home_visit_available",
		],
		as_dict=True,
	)
	if not item:
		raise frappe.DoesNotExistError(_("No published service guide of that name"))
	context.item = item
	context.hall_name = frappe.db.get_value("Service Hall", item.service_hall, "hall_name")
	context.department_name = frappe.db.get_value(
		"Stationed Department", item.stationed_department, "department_name"
	)
	context.materials = frappe.get_all(
		"Service Item Material",
		filters={"parent": item.name, "parenttype": "Service Item", "parentfield": "materials"},
		fields=[
			"material_name",
			"material_type",
			"copies",
			"format_spec",
			"source_channel",
			"acceptance_standard",
			"electronic_copy_required",
			"sample_file",
			"electronic_form",
		],
		order_by="idx",
	)
	for m in context.materials:
		# only files published as public files are linked; a private file stays in the desk
		m.sample_file = m.sample_file if (m.sample_file or "").startswith("/files/") else None
		m.electronic_form = m.electronic_form if (m.electronic_form or "").startswith("/files/") else None
	context.bookable = bool(
		frappe.get_all(
			"Appointment Schedule", filters={"service_hall": item.service_hall, "enabled": 1}, limit=1
		)
	)
	return context
