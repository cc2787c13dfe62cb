"""Tier 2: integration tests on a real Frappe v15 site.

bin/test runs them with the bench's Python against a freshly installed test site. The site is $ZHENGWU_TEST_SITE
(default zhengwu-test.localhost) of the bench at $ZHENGWU_BENCH (default ~/zhengwu-bench). To run by hand:
`ZHENGWU_TEST_SITE=my-site.localhost ~/zhengwu-bench/env/bin/python -m pytest tests/tier2`.

Every test is rolled back: FrappeTestCase rolls back after each class, and the autouse fixture below rolls
back to a savepoint after each test, so a test must make what it needs with the factories of factories.py.
"""

import atexit
import os
import socket
import subprocess
import sys
import time

import pytest

BENCH = os.environ.get("ZHENGWU_BENCH") or os.path.expanduser("~/zhengwu-bench")
SITE = os.environ.get("ZHENGWU_TEST_SITE", "zhengwu-test.localhost")
SITES_PATH = os.path.join(BENCH, "sites")
sys.path.insert(0, os.path.dirname(__file__))

try:
	import frappe
except ImportError:
	frappe = None

if frappe is None or not os.path.isdir(os.path.join(SITES_PATH, SITE)):
	# collected without a bench (plain pytest): say so loudly instead of failing on import
	reason = "frappe is not importable" if frappe is None else f"no site {SITE} in {SITES_PATH}"
	print(f"\n!!! tier 2 skipped: {reason}; run bin/test to run it on a bench !!!\n", file=sys.stderr)
	collect_ignore_glob = ["test_*.py"]


@pytest.fixture(scope="session", autouse=True)
def frappe_site():
	os.chdir(SITES_PATH)
	frappe.init(site=SITE, sites_path=SITES_PATH)
	frappe.connect()
	frappe.flags.in_test = True
	frappe.set_user("Administrator")
	prepare_site_for_tests()
	yield frappe
	frappe.db.rollback()
	frappe.destroy()


def prepare_site_for_tests():
	"""Two Frappe behaviours that would make tests depend on what the site saw before them."""
	# Frappe refuses more than 60 new users an hour; a site that just got the demo has used them up.
	frappe.local.conf.throttle_user_limit = 10**6
	# While a site has no System Manager but Administrator, Frappe makes the next new user one: name one first.
	# (Has Role also lists the roles of Pages and Reports: only a user's row counts.)
	if not frappe.get_all(
		"Has Role",
		filters={"role": "System Manager", "parenttype": "User", "parent": ("!=", "Administrator")},
		limit=1,
	):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": "zw-test-sysman@example.com",
				"first_name": "测试系统管理员",
				"send_welcome_email": 0,
				"roles": [{"role": "System Manager"}],
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()


@pytest.fixture(autouse=True)
def rollback_each_test(frappe_site):
	"""Undo what the test wrote, keeping what its class set up (FrappeTestCase semantics)."""
	frappe.db.savepoint("zhengwu_test")
	yield
	try:
		frappe.db.rollback(save_point="zhengwu_test")
	except Exception:
		# the test committed (or ran DDL), which releases savepoints: undo what is still open
		frappe.db.rollback()
	frappe.set_user("Administrator")


# ---------------------------------------------------------------------------------------------- a live server
_LIVE = {}


def live_url() -> tuple[str, str]:
	"""(url, "") of a web server of the test site, or ("", why not).

	$ZHENGWU_TEST_URL when set; otherwise gunicorn with the app's WSGI entry (the one bin/setup runs), started once
	for the session on a free loopback port and stopped at exit. The server is another process: a test commits the
	records it must see, and deletes them afterwards."""
	if "url" not in _LIVE:
		_LIVE["url"], _LIVE["why"] = _start_live_server()
	return _LIVE["url"], _LIVE["why"]


def _start_live_server() -> tuple[str, str]:
	url = os.environ.get("ZHENGWU_TEST_URL", "").rstrip("/")
	if url:
		return (url, "") if _answers(url, tries=5) else ("", f"no server answers at ZHENGWU_TEST_URL={url}")
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		port = s.getsockname()[1]
	gunicorn = os.path.join(BENCH, "env", "bin", "gunicorn")
	proc = subprocess.Popen(
		[gunicorn, "--chdir", SITES_PATH, "-b", f"127.0.0.1:{port}", "-w", "2", "-t", "120",
		 "zhengwu_hall.wsgi:application"],
		env={**os.environ, "FRAPPE_SITE": SITE, "SITES_PATH": "."},
		stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
	)  # fmt: skip
	atexit.register(lambda: (proc.terminate(), proc.wait(timeout=30)))
	url = f"http://127.0.0.1:{port}"
	if _answers(url, tries=90):
		return url, ""
	return "", f"gunicorn for {SITE} did not answer on {url}"


def _answers(url, tries):
	import requests

	for _ in range(tries):
		try:
			requests.get(url + "/api/method/ping", timeout=10).raise_for_status()
			return True
		except requests.RequestException:
			time.sleep(1)
	return False


@pytest.fixture(scope="session")
def live_server():
	"""The base URL of a live server of the test site (see live_url); skips loudly when there is none."""
	url, why = live_url()
	if not url:
		print(f"\n!!! HTTP tests skipped: {why} !!!\n", file=sys.stderr)
		pytest.skip(why)
	return url
