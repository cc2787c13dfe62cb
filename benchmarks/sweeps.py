"""The daily sweeps over many open records: how long each takes, against the scheduler's interval.

hooks.py runs these daily (interval 86,400 s): mark_overdue_notices (整改告知单 past their deadline),
refresh_open_cases and warn_due_cases (办件 past or near their promised date), send_deadline_reminders (投诉
working days left) and follow_up_cases (好差评 第十七条: completed cases not rated — the 24 h reminder, then 未评
after the rating window). This script makes N records of each (default 100,000; one record is made through its
controller, the rest are copies of its row bulk-inserted with new names), runs each sweep once, timed, and
prints seconds, records per second and the share of the daily interval used. Each is the sweep's worst case:
every notice is past its deadline, every completed case is past its rating window (each becomes a 未评 tracker
and moves the aggregates).

Run inside a bench (the site's scheduler can stay on: everything is one transaction, rolled back at the end):
  cd ~/zhengwu-bench && env/bin/python /path/to/repo/benchmarks/sweeps.py --site S [--records N] [--only NAME]
"""

import argparse
import os
import sys
import time

import frappe

DAY = 86_400


def clone(doctype, template, count):
	"""``count`` copies of the row ``template`` under new names (no child rows: the sweeps read the parent)."""
	row = frappe.db.sql(f"select * from `tab{doctype}` where name=%s", template, as_dict=True)[0]
	fields = [f for f in row if f != "name"]
	prefix = f"BENCH-{frappe.generate_hash(length=6)}-"
	batch = 5000
	for start in range(0, count, batch):
		values = [
			[f"{prefix}{i:07d}", *(row[f] for f in fields)] for i in range(start, min(count, start + batch))
		]
		frappe.db.bulk_insert(doctype, ["name", *fields], values)


def seed(records):
	sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "tier2"))
	from factories import make_complaint, make_hall, make_service_case, make_window, new_rectification_notice

	hall = make_hall("基准清扫区政务服务中心", "District Center", rule_pack="qinzhou-qinnan").name
	window = make_window(hall, 1).name
	today = frappe.utils.getdate()
	# open cases accepted today (promised 5 working days ahead): the sweep checks each, none is overdue yet
	case = make_service_case(hall, received_on=f"{today} 09:00:00", accepted_on=str(today))
	clone("Service Case", case.name, records - 1)
	# open complaints received today, accepted
	complaint = make_complaint(hall, window, received_on=f"{today} 09:00:00")
	frappe.db.set_value("Complaint", complaint.name, "workflow_state", "Accepted", update_modified=False)
	clone("Complaint", complaint.name, records - 1)
	# issued rectification notices whose deadline passed: the worst case, every one is marked
	notice = new_rectification_notice(hall, window)
	notice.insert(ignore_permissions=True)
	frappe.db.set_value(
		"Rectification Notice",
		notice.name,
		{"workflow_state": "Issued", "deadline": frappe.utils.add_days(today, -3)},
		update_modified=False,
	)
	clone("Rectification Notice", notice.name, records - 1)
	# cases completed ten days ago and never rated: past the 5-working-day rating window, all become 未评
	done = make_service_case(hall, received_on=f"{today} 09:00:00", accepted_on=str(today))
	completed = frappe.utils.add_days(today, -10)
	frappe.db.set_value(
		"Service Case",
		done.name,
		{"status": "Completed", "completed_on": completed, "received_on": f"{frappe.utils.add_days(completed, -1)} 09:00:00",
		 "accepted_on": frappe.utils.add_days(completed, -1)},
		update_modified=False,
	)  # fmt: skip
	clone("Service Case", done.name, records - 1)


SWEEPS = {
	"mark_overdue_notices": "zhengwu_hall.setup.inspections.mark_overdue_notices",
	"refresh_open_cases": "zhengwu_hall.setup.cases.refresh_open_cases",
	"warn_due_cases": "zhengwu_hall.setup.cases.warn_due_cases",
	"send_deadline_reminders": "zhengwu_hall.setup.complaints.send_deadline_reminders",
	"follow_up_cases": "zhengwu_hall.setup.evaluations.follow_up_cases",
}


def one_transaction_checkpoints():
	"""Where a sweep commits a batch in production, drop the realtime messages the commit would have sent: Frappe
	keeps them in a list it scans on every document save (``params not in frappe.local._realtime_log``), so one
	transaction of 100,000 saves grows quadratic — a cost the production sweep, which commits every 500 records,
	never pays (found with py-spy on the first 100,000-record run)."""
	import frappe.realtime
	from zhengwu_hall import utils

	def checkpoint(done):
		if not done % utils.SWEEP_BATCH:
			frappe.realtime.clear_realtime_log()

	for module in ("inspections", "cases", "complaints", "evaluations"):
		frappe.get_module(f"zhengwu_hall.setup.{module}").sweep_checkpoint = checkpoint


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--records", type=int, default=100_000)
	parser.add_argument("--only", action="append")
	args = parser.parse_args()
	sites = os.path.join(os.getcwd(), "sites")
	os.chdir(sites)  # Frappe writes its logs to ../logs
	frappe.init(site=args.site, sites_path=sites)
	frappe.connect()
	frappe.local.conf.throttle_user_limit = 10**6  # Frappe refuses more than 60 new users an hour
	frappe.flags.mute_emails = True
	# the sweeps commit every 500 records in production (zhengwu_hall.utils.sweep_checkpoint); here the whole run
	# stays one transaction, rolled back at the end, so Frappe's cap on writes per transaction is lifted
	frappe.flags.sweep_in_one_transaction = True
	frappe.db.MAX_WRITES_PER_TRANSACTION = 10**9
	one_transaction_checkpoints()
	try:
		started = time.perf_counter()
		seed(args.records)
		print(f"seeded {args.records:,} open records of each kind in {time.perf_counter() - started:.0f} s")
		for name, path in SWEEPS.items():
			if args.only and name not in args.only:
				continue
			sweep = frappe.get_attr(path)
			started = time.perf_counter()
			sweep()
			took = time.perf_counter() - started
			print(
				f"{name:26s} {took:8.1f} s  {args.records / took:8.0f} records/s  "
				f"{100 * took / DAY:5.2f} % of the daily interval"
			)
	finally:
		frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main()
