"""The public rating page of a window (seed 001 “好差评”制度 第十条: 二维码 一次一评). Opened from the window's QR card
without login; the form posts to zhengwu_hall.rating.submit_rating."""

import frappe
from frappe import _

from zhengwu_hall.rating import check_link, issue_nonce, staff_on_duty
from zhengwu_hall.rules.evaluations import LEVELS, OFFLINE_INDICATORS
from zhengwu_hall.rules.packs import bad_review_reasons
from zhengwu_hall.setup.evaluations import pack_for_hall

no_cache = 1
sitemap = 0

INDICATOR_LABELS = {
	"overall_satisfaction": "Overall Satisfaction",
	"service_efficiency": "Service Efficiency",
	"service_level": "Service Level",
	"service_attitude": "Service Attitude",
}


def get_context(context):
	frappe.local.lang = "zh"
	args = frappe.form_dict
	context.no_cache = 1
	context.title = _("Rate This Service")
	try:
		window = check_link(args.get("window"), args.get("token"))
	except frappe.ValidationError as e:
		context.invalid = str(e)
		frappe.clear_messages()
		return context
	staff = staff_on_duty(window.name)
	context.window = window
	context.window_name = window.window_name
	context.hall = window.service_hall
	context.staff_name = frappe.db.get_value("Window Staff", staff, "staff_name") if staff else ""
	context.token = args.get("token")
	context.nonce = issue_nonce(window.name)
	context.levels = [(lv, _(lv)) for lv in LEVELS]
	context.reasons = bad_review_reasons(
		pack_for_hall(window.service_hall)
	)  # 第十八条 options, in the pack's words
	context.indicators = [(f, _(INDICATOR_LABELS[f])) for f in OFFLINE_INDICATORS]
	context.labels = {
		k: _(k)
		for k in (
			"Rate This Service",
			"Reason for the Bad Review",
			"Other Reason",
			"Real-Name Rating",
			"Rater Name",
			"Rater Phone",
			"Submit",
			"Thank you for your rating",
			"Choosing Dissatisfied or Very Dissatisfied needs a reason: tick one or write it",
			"Your name and phone are seen only by the office handling the rating",
		)
	}
	return context
