"""WSGI entry point bin/setup runs under gunicorn on 127.0.0.1 (there is no nginx in front).

Serves one site whatever the Host header says (`FRAPPE_SITE`), plus /assets and /files, as `bench serve` does.
"""

import os

import frappe.app

frappe.app._site = os.environ.get("FRAPPE_SITE") or None
frappe.app._sites_path = os.environ.get("SITES_PATH", ".")

application = frappe.app.application_with_statics()
