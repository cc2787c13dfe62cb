"""Tier 2: integration tests on a real Frappe v15 site.

bin/test runs them with the bench's Python against a freshly installed test site. The site is $ZHENGWU_TEST_SITE
(default zhengwu-test.localhost) of the bench at $ZHENGWU_BENCH (default ~/zhengwu-bench). To run by hand:
`ZHENGWU_TEST_SITE=my-site.localhost ~/zhengwu-bench/env/bin/python -m pytest tests/tier2`.

Every test is rolled back: FrappeTestCase rolls back after each class, and the autouse fixture below rolls
back to a savepoint after each test, so a test must make what it needs with the factories of factories.py.
"""

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


WSGI_ARGS = ("zhengwu_hall.wsgi:application", "--preload")


@pytest.fixture(scope="session")
def live_server(frappe_site):
	"""A web server for the test site (another process: a test must COMMIT what the server should see).

	gunicorn on a free 127.0.0.1 port with zhengwu_hall.wsgi, which also serves /assets, as bin/setup runs it;
	ZHENGWU_TEST_URL, when set, names a server that is already running instead. Yields the base URL.
	"""
	given = os.environ.get("ZHENGWU_TEST_URL")
	if given:
		yield given.rstrip("/")
		return
	gunicorn = os.path.join(BENCH, "env", "bin", "gunicorn")
	if not os.path.exists(gunicorn):
		pytest.skip(f"!!! no gunicorn at {gunicorn}: the live-server tests need the bench's web server !!!")
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		port = s.getsockname()[1]
	env = dict(os.environ, FRAPPE_SITE=SITE, SITES_PATH=SITES_PATH)
	log = open(os.path.join(BENCH, "logs", f"zhengwu-test-server-{port}.log"), "w")
	proc = subprocess.Popen(
		[gunicorn, "--chdir", SITES_PATH, "-b", f"127.0.0.1:{port}", "-w", "2", "-t", "120", *WSGI_ARGS],
		env=env,
		stdout=log,
		stderr=subprocess.STDOUT,
	)
	url = f"http://127.0.0.1:{port}"
	try:
		import requests

		deadline = time.time() + 90
		while True:
			try:
				if requests.get(f"{url}/api/method/ping", timeout=5).ok:
					break
			except requests.RequestException:
				pass
			if proc.poll() is not None or time.time() > deadline:
				pytest.fail(f"the test web server did not start (log {log.name})")
			time.sleep(1)
		print(f"\n[live server] {url} serving {SITE} (log {log.name})", file=sys.stderr)
		yield url
	finally:
		proc.terminate()
		try:
			proc.wait(timeout=20)
		except subprocess.TimeoutExpired:
			proc.kill()
		log.close()
