"""Tier 2 over real HTTP: a citizen (Guest, not logged in) rates a window through the public page, and nothing else
of the app is reachable as Guest (seed 001 “好差评”制度 第十条 二维码评价; 第二十五条 评价人信息保密).

The web server: $ZHENGWU_TEST_URL when set (a server of the test site), otherwise this module starts gunicorn on
127.0.0.1:$ZHENGWU_TEST_PORT (default 8104) serving the test site, and stops it afterwards. When neither works
the tests are skipped, and say so loudly. The records the server must see are committed, and deleted at the end.
"""

import os
import re
import socket
import subprocess
import sys
import time

import frappe
import pytest
from factories import RUN, make_hall, make_rated_window
from zhengwu_hall.rating import window_token

BENCH = os.environ.get("ZHENGWU_BENCH") or os.path.expanduser("~/zhengwu-bench")
SITE = os.environ.get("ZHENGWU_TEST_SITE", "zhengwu-test.localhost")
PORT = int(os.environ.get("ZHENGWU_TEST_PORT", "8104"))


def port_free(port):
	with socket.socket() as s:
		return s.connect_ex(("127.0.0.1", port)) != 0


def skip_loudly(reason):
	print(f"\n!!! HTTP rating tests skipped: {reason} !!!\n", file=sys.stderr)
	pytest.skip(reason)


@pytest.fixture(scope="module")
def server():
	import requests

	url = os.environ.get("ZHENGWU_TEST_URL")
	proc = None
	if not url:
		if not port_free(PORT):
			skip_loudly(f"port {PORT} is taken and ZHENGWU_TEST_URL is not set")
		gunicorn = os.path.join(BENCH, "env", "bin", "gunicorn")
		env = {**os.environ, "FRAPPE_SITE": SITE, "SITES_PATH": "."}
		proc = subprocess.Popen(
			[gunicorn, "--chdir", os.path.join(BENCH, "sites"), "-b", f"127.0.0.1:{PORT}", "-w", "1", "-t", "120",
			 "zhengwu_hall.wsgi:application"],
			env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
		)  # fmt: skip
		url = f"http://127.0.0.1:{PORT}"
		try:
			wait_until_up(url)
		except BaseException:  # pytest.skip included
			proc.terminate()
			raise
	yield url.rstrip("/")
	if proc:
		proc.terminate()
		proc.wait(timeout=30)


def wait_until_up(url):
	import requests

	for _ in range(60):
		try:
			requests.get(url + "/api/method/ping", timeout=10)
			return
		except requests.RequestException:
			time.sleep(1)
	skip_loudly(f"gunicorn did not answer on {url}")


@pytest.fixture(scope="module")
def window():
	"""A committed hall and window (the server is another process); deleted at the end."""
	frappe.set_user("Administrator")
	hall = make_hall("扫码区政务服务中心", "District Center", rule_pack="qinzhou-qinnan").name
	w = make_rated_window(hall, 1, key="http")
	frappe.db.commit()
	yield w
	frappe.db.rollback()
	for doctype in ("Bad Review Work Order", "Service Evaluation", "Service Evaluation Aggregate"):
		frappe.db.delete(doctype, {"service_hall": hall})
	for doctype, name in (
		("Window Staff", w.staff),
		("Service Window", w.window),
		("Stationed Department", w.department),
		("Service Hall", hall),
	):
		frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.db.commit()


def test_guest_rates_through_the_public_page(server, window):
	import requests

	guest = requests.Session()
	page = guest.get(
		f"{server}/rate", params={"window": window.window, "token": window_token(window.window)}, timeout=30
	)
	assert page.status_code == 200, page.text[:500]
	assert 'lang="zh-CN"' in page.text and "窗口1" in page.text and "非常满意" in page.text
	nonce = re.search(r'name="nonce" value="([^"]+)"', page.text).group(1)
	form = {"window": window.window, "token": window_token(window.window), "nonce": nonce,
			"level": "Very Dissatisfied", "bad_reason": "测试：排队太久", "device": f"http-{RUN}"}  # fmt: skip
	r = guest.post(f"{server}/api/method/zhengwu_hall.rating.submit_rating", data=form, timeout=30)
	assert r.status_code == 200, r.text[:500]
	assert r.json()["message"]["ok"] == 1
	# the same form again: refused as a replay
	again = guest.post(f"{server}/api/method/zhengwu_hall.rating.submit_rating", data=form, timeout=30)
	assert again.status_code >= 400
	frappe.db.rollback()  # see the server's commits
	rows = frappe.get_all(
		"Service Evaluation",
		filters={"service_window": window.window},
		fields=["level", "channel", "bad_review_work_order"],
	)
	assert len(rows) == 1 and rows[0].level == "Very Dissatisfied" and rows[0].channel == "QR Code"
	assert rows[0].bad_review_work_order
	# a forged link shows no form
	bad = guest.get(f"{server}/rate", params={"window": window.window, "token": "x" * 20}, timeout=30)
	assert "rating-form" not in bad.text and "评价链接无效" in bad.text


def test_nothing_else_is_reachable_as_guest(server, window):
	import requests

	guest = requests.Session()
	for path in (
		"/api/resource/Service Evaluation",
		"/api/resource/Bad Review Work Order",
		"/api/resource/Service Window",
		"/api/resource/Service Evaluation Aggregate",
		f"/api/resource/Service Window/{window.window}",
		"/api/method/frappe.desk.query_report.run?report_name=Service%20Evaluation%20Metrics",
	):
		r = guest.get(server + path, timeout=30)
		assert r.status_code in (401, 403), (path, r.status_code)
	r = guest.post(
		f"{server}/api/method/zhengwu_hall.zhengwu_hall.doctype.service_evaluation.service_evaluation.release_held_rating",
		data={"name": "x"},
		timeout=30,
	)
	assert r.status_code in (401, 403), r.status_code
	desk = guest.get(f"{server}/app/service-evaluation", timeout=30, allow_redirects=False)
	assert desk.status_code in (301, 302, 303, 401, 403) or "login" in desk.text.lower()
