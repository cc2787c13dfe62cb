"""Install and migrate hooks: a fresh site lands in Chinese, on Beijing time, with the setup wizard done."""

import frappe
from frappe.translate import set_default_language

from zhengwu_hall.setup.desk import assign_default_workspaces
from zhengwu_hall.setup.packs import sync_packs
from zhengwu_hall.setup.permissions import ensure_hall_indexes
from zhengwu_hall.setup.records import sync_records

# What the setup wizard would ask a hall; a 政务服务中心 answers the same every time.
SYSTEM_DEFAULTS = {
	"language": "zh",
	"country": "China",
	"time_zone": "Asia/Shanghai",
	"date_format": "yyyy-mm-dd",
	"time_format": "HH:mm:ss",
	"number_format": "#,###.##",
	"float_precision": "3",
	"first_day_of_the_week": "Monday",
	# Hall scoping: a user bound to halls sees only records whose hall is among them. Strict mode also drops
	# Frappe's "or the hall is empty" clause, which every hall-scoped record (hall mandatory) would fail anyway
	# and which keeps the database from using the (service_hall, modified) index on list views.
	"apply_strict_user_permissions": 1,
}
CURRENCY = "CNY"


def after_install():
	apply_system_defaults()
	complete_setup_wizard()
	sync_shipped_data()


def after_migrate():
	# Only what does not exist yet is created; an administrator's edits of packs and workflows are kept.
	sync_shipped_data()


def apply_system_defaults():
	settings = frappe.get_single("System Settings")
	settings.update(SYSTEM_DEFAULTS)
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
	set_default_language(SYSTEM_DEFAULTS["language"])
	frappe.db.set_default("currency", CURRENCY)
	frappe.db.set_default("country", SYSTEM_DEFAULTS["country"])
	frappe.db.set_default("time_zone", SYSTEM_DEFAULTS["time_zone"])


def complete_setup_wizard():
	"""Mark setup done so the first login opens the desk, not the English setup pages."""
	frappe.db.set_default("desktop:home_page", "workspace")
	frappe.db.set_single_value("System Settings", "setup_complete", 1)


def sync_shipped_data():
	ensure_hall_indexes()
	sync_packs(force=False, verbose=False)
	sync_records(force=False, verbose=False)
	# the workspaces are synced by Frappe before after_migrate; users land in their role family's one
	assign_default_workspaces()
