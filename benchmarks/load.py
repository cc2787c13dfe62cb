"""Load on a live server: desk users creating and submitting forms, plus a steady stream of public ratings,
against the same desk users inserting bare Frappe ToDos (the baseline), on the same server in the same run.

- app phase: U desk users (Supervisor of one hall, logged in over HTTP) each loop: insert an Inspection Record
  (巡查记录表, POST /api/resource) and submit it (frappe.client.submit); meanwhile a Guest opens the public rating
  page of a window and posts a rating every few seconds (under the page's limit of 20 posts a minute per IP);
- baseline phase: the same users insert ToDos (POST /api/resource/ToDo) for the same time.
Prints requests, throughput, p50/p95 latency and errors of each, and the app/baseline ratios. Errors must be 0.

The server is gunicorn with the bench's workers (common_site_config gunicorn_workers) on a free loopback port,
started and stopped by this script. The users and records it makes are committed (the server is another
process) and deleted at the end.

Run inside a bench:  cd ~/zhengwu-bench && env/bin/python /path/to/repo/benchmarks/load.py --site S
                     [--users 20] [--duration 300] [--rating-interval 4]
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time

import frappe
import requests

PASSWORD = "Zw-load-" + frappe.generate_hash(length=8)
TODAY = time.strftime("%Y-%m-%d")  # the threads have no Frappe context: no frappe.utils in them


def free_port():
	with socket.socket() as probe:
		probe.bind(("127.0.0.1", 0))
		return probe.getsockname()[1]


def start_server(site, sites, workers):
	port = free_port()
	log = open(os.path.join(sites, "..", "logs", f"load-{port}.log"), "w")
	server = subprocess.Popen(
		[
			os.path.join(sites, "..", "env", "bin", "gunicorn"),
			"--chdir",
			sites,
			"-b",
			f"127.0.0.1:{port}",
			"-w",
			str(workers),
			"-t",
			"120",
			"--preload",
			"zhengwu_hall.wsgi:application",
		],
		env=dict(os.environ, FRAPPE_SITE=site, SITES_PATH=sites),
		stdout=log,
		stderr=subprocess.STDOUT,
	)
	url = f"http://127.0.0.1:{port}"
	for _ in range(120):
		try:
			requests.get(f"{url}/api/method/ping", timeout=2)
			return server, url
		except requests.RequestException:
			time.sleep(0.5)
	server.terminate()
	raise SystemExit("the server did not start")


def setup(users):
	sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "tier2"))
	from factories import make_hall, make_staff, make_user, make_window
	from frappe.utils.password import update_password

	hall = make_hall("负载区政务服务中心", "District Center", rule_pack="qinzhou-qinnan").name
	window = make_window(hall, 1).name
	make_staff(window, make_user("load-staff", ["Window Staff"], hall))
	emails = [make_user(f"load-{i}", ["Supervisor"], hall) for i in range(users)]
	for email in emails:
		update_password(email, PASSWORD)
	# Frappe makes the first user of a site without another System Manager one: these users are Supervisors only
	frappe.db.delete("Has Role", {"parent": ("in", emails), "role": "System Manager", "parenttype": "User"})
	frappe.db.commit()
	return hall, window, emails


def cleanup(hall, emails):
	frappe.db.rollback()
	names = frappe.get_all("Inspection Record", filters={"service_hall": hall}, pluck="name")
	for table in ("Inspection Record Check",):
		frappe.db.delete(table, {"parent": ("in", names or [""])})
	for doctype in (
		"Inspection Record",
		"Service Evaluation",
		"Bad Review Work Order",
		"Service Evaluation Aggregate",
		"Window Staff",
		"Service Window",
	):
		frappe.db.delete(doctype, {"service_hall": hall})
	frappe.db.delete("ToDo", {"owner": ("in", emails)})
	frappe.db.delete("Version", {"owner": ("in", emails)})
	for email in frappe.get_all("User", filters={"name": ("like", "zw-%-load-%@example.com")}, pluck="name"):
		frappe.db.delete("User Permission", {"user": email})
		frappe.db.delete("Has Role", {"parent": email, "parenttype": "User"})
		frappe.db.delete("User", {"name": email})
	frappe.delete_doc("Service Hall", hall, force=True, ignore_permissions=True)
	frappe.db.commit()


class Stats:
	def __init__(self):
		self.lock = threading.Lock()
		self.times = []
		self.errors = []

	def record(self, started, response):
		took = time.perf_counter() - started
		with self.lock:
			self.times.append(took)
			if response.status_code != 200:
				self.errors.append((response.status_code, response.text[:200]))

	def line(self, label, duration):
		t = sorted(self.times) or [0]
		p95 = t[int(0.95 * (len(t) - 1))]
		return (
			f"{label:34s} {len(self.times):7d} req  {len(self.times) / duration:7.1f} req/s  "
			f"p50 {1000 * statistics.median(t):7.0f} ms  p95 {1000 * p95:7.0f} ms  errors {len(self.errors)}"
		)


def login(url, email):
	session = requests.Session()
	response = session.post(f"{url}/api/method/login", data={"usr": email, "pwd": PASSWORD}, timeout=60)
	response.raise_for_status()
	return session


def desk_user(url, email, hall, stop, stats, kind):
	session = login(url, email)
	while not stop.is_set():
		if kind == "todo":
			started = time.perf_counter()
			stats.record(
				started,
				# allocated to oneself: Frappe lets a user without a ToDo role create only their own ToDos
				session.post(
					f"{url}/api/resource/ToDo",
					json={"description": "负载基准", "allocated_to": email},
					timeout=120,
				),
			)
			continue
		doc = {
			"service_hall": hall,
			"date": TODAY,
			"kind": "Self-Check",
			"inspector": email,
			"checks": [{"idx": 1, "method": "On-site Inspection", "check_time": "09:00:00", "record": ""}],
		}
		started = time.perf_counter()
		response = session.post(f"{url}/api/resource/Inspection Record", json=doc, timeout=120)
		stats.record(started, response)
		if response.status_code != 200:
			continue
		started = time.perf_counter()
		stats.record(
			started,
			session.post(
				f"{url}/api/method/frappe.client.submit", json={"doc": response.json()["data"]}, timeout=120
			),
		)


def rater(url, window, token, interval, stop, stats):
	n = 0
	while not stop.is_set():
		n += 1
		session = requests.Session()  # a citizen's phone
		started = time.perf_counter()
		page = session.get(f"{url}/rate", params={"window": window, "token": token}, timeout=120)
		stats.record(started, page)
		match = re.search(r'name="nonce" value="([^"]+)"', page.text)
		if match:
			started = time.perf_counter()
			stats.record(
				started,
				session.post(
					f"{url}/api/method/zhengwu_hall.rating.submit_rating",
					data={
						"window": window,
						"token": token,
						"nonce": match.group(1),
						"level": "Very Satisfied",
						"device": f"load-device-{n}",
					},
					timeout=120,
				),
			)
		stop.wait(interval)


def run_phase(url, emails, hall, duration, kind, window=None, token=None, interval=4.0):
	stop = threading.Event()
	desk, public = Stats(), Stats()
	threads = [
		threading.Thread(target=desk_user, args=(url, e, hall, stop, desk, kind), daemon=True) for e in emails
	]
	if window:
		threads.append(
			threading.Thread(target=rater, args=(url, window, token, interval, stop, public), daemon=True)
		)
	for t in threads:
		t.start()
	time.sleep(duration)
	stop.set()
	for t in threads:
		t.join(timeout=150)
	return desk, public


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--users", type=int, default=20)
	parser.add_argument("--duration", type=int, default=300)
	parser.add_argument("--rating-interval", type=float, default=4.0)
	args = parser.parse_args()
	sites = os.path.join(os.getcwd(), "sites")
	os.chdir(sites)
	frappe.init(site=args.site, sites_path=sites)
	frappe.connect()
	frappe.local.conf.throttle_user_limit = 10**6
	workers = int(frappe.conf.gunicorn_workers or 2)
	from zhengwu_hall.rating import window_token

	hall, window, emails = setup(args.users)
	server, url = start_server(args.site, sites, workers)
	try:
		print(
			f"server {url}, gunicorn workers {workers}, {args.users} desk users, {args.duration} s per phase"
		)
		app, public = run_phase(
			url, emails, hall, args.duration, "app", window, window_token(window), args.rating_interval
		)
		base, _ = run_phase(url, emails, hall, args.duration, "todo")
		print(app.line("app: Inspection Record insert+submit", args.duration))
		print(public.line("public: rating page + rating post", args.duration))
		print(base.line("baseline: ToDo insert", args.duration))
		if app.times and base.times:
			print(
				f"ratio app/baseline: throughput {len(app.times) / len(base.times):.2f}, "
				f"p50 {statistics.median(app.times) / statistics.median(base.times):.2f}"
			)
		for label, stats in (("app", app), ("public", public), ("baseline", base)):
			for error in stats.errors[:5]:
				print(f"{label} error: {error}")
	finally:
		server.terminate()
		server.wait(timeout=30)
		cleanup(hall, emails)
		frappe.destroy()


if __name__ == "__main__":
	main()
