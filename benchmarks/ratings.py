"""好差评 at province scale: the metrics report over maintained aggregates against scanning 1,000,000 ratings, and
the public rating endpoint's throughput with the aggregate maintenance against without it.

One run:
1. makes a district with TOWNS towns of WINDOWS windows each (department, business line, A-post staff);
2. bulk-inserts N ratings (default 1,000,000) over the 12 months of 2025 with multi-row INSERTs
   (frappe.db.bulk_insert), levels spread like a real hall (most 非常满意, a few 差评, some replied/revisited,
   a few held/excluded), then rebuilds the aggregates from them (bench zhengwu-rebuild-rating-aggregates does
   the same) and checks that the rebuild equals the raw GROUP BY;
3. times, over REPS repetitions (median), for a one-month range, a quarter and the whole year:
   - the report "Service Evaluation Metrics" (per staff, per institution, per region), which reads the aggregates;
   - (a) Frappe's generic group-by over the ratings: frappe.get_list("Service Evaluation", group_by=…,
     fields=[count, sums]) — what Report Builder's Group By does;
   - (b) the raw SQL aggregate: one SELECT … GROUP BY over `tabService Evaluation`;
   and prints the ratios (a)/report and (b)/report, and the report's own milliseconds;
4. submits RATES ratings through zhengwu_hall.rating.submit_rating (as Guest, fresh nonce and device each) with
   the aggregates maintained, the same with the maintenance switched off, and a plain
   frappe.get_doc(...).insert() loop, and prints the ratings per second and the overhead.

The ratings are committed (1M rows are too many for one rolled-back transaction) and deleted at the end, with the
halls; the aggregates are rebuilt again after the clean-up. Run inside a bench, on a working site (not the test
site):  cd ~/zhengwu-bench && env/bin/python /path/to/repo/benchmarks/ratings.py --site zhengwu.localhost
"""

import argparse
import os
import random
import statistics
import time
import uuid

import frappe

RUN = uuid.uuid4().hex[:6]
LEVELS = (
	("Very Satisfied", 10, 0, 0.80),
	("Satisfied", 8, 0, 0.12),
	("Basically Satisfied", 6, 0, 0.05),
	("Dissatisfied", 3, 1, 0.02),
	("Very Dissatisfied", 0, 1, 0.01),
)


def make_org(towns: int, windows: int) -> tuple[str, list[dict]]:
	district = frappe.get_doc(
		{"doctype": "Service Hall", "hall_name": f"基准{RUN}区政务服务中心", "hall_level": "District Center",
		 "rule_pack": "qinzhou-qinnan"}
	).insert(ignore_permissions=True)  # fmt: skip
	places = []
	lines = []
	for i in range(4):
		name = f"基准{RUN}条线{i}"
		frappe.get_doc({"doctype": "Business Line", "business_line_name": name}).insert(
			ignore_permissions=True
		)
		lines.append(name)
	for t in range(towns):
		town = frappe.get_doc(
			{"doctype": "Service Hall", "hall_name": f"基准{RUN}第{t + 1}镇便民服务中心", "hall_level": "Town Center",
			 "parent_service_hall": district.name}
		).insert(ignore_permissions=True)  # fmt: skip
		for w in range(windows):
			line = lines[w % len(lines)]
			dept = frappe.get_doc(
				{"doctype": "Stationed Department", "service_hall": town.name, "department_name": f"部门{w + 1}",
				 "business_line": line}
			).insert(ignore_permissions=True)  # fmt: skip
			window = frappe.get_doc(
				{"doctype": "Service Window", "service_hall": town.name, "window_number": str(w + 1),
				 "window_name": f"窗口{w + 1}", "window_type": "Comprehensive (All Matters)",
				 "stationed_department": dept.name, "business_line": line}
			).insert(ignore_permissions=True)  # fmt: skip
			user = f"bench-{RUN}-{t}-{w}@example.com"
			frappe.get_doc(
				{"doctype": "User", "email": user, "first_name": f"基准{w}", "send_welcome_email": 0,
				 "roles": [{"role": "Window Staff"}]}
			).insert(ignore_permissions=True)  # fmt: skip
			staff = frappe.get_doc(
				{"doctype": "Window Staff", "service_window": window.name, "user": user, "post": "A Post",
				 "employment": "Established Staff"}
			).insert(ignore_permissions=True)  # fmt: skip
			places.append(
				{"service_hall": town.name, "service_window": window.name, "staff": staff.name,
				 "stationed_department": dept.name, "business_line": line}
			)  # fmt: skip
	leader = f"bench-{RUN}-leader@example.com"
	frappe.get_doc(
		{"doctype": "User", "email": leader, "first_name": "基准领导", "send_welcome_email": 0,
		 "roles": [{"role": "Center Director"}]}
	).insert(ignore_permissions=True)  # fmt: skip
	frappe.db.delete("Has Role", {"parent": leader, "role": "System Manager", "parenttype": "User"})
	from zhengwu_hall.setup.permissions import assign_user_to_hall

	assign_user_to_hall(leader, district.name)
	frappe.db.commit()
	return district.name, places


FIELDS = [
	"name", "creation", "modified", "owner", "modified_by", "docstatus", "idx",
	"service_hall", "service_window", "staff", "stationed_department", "business_line",
	"channel", "level", "score", "rated_on", "is_bad_review", "real_name", "replied", "revisited",
	"revisit_satisfied", "excluded", "held_for_review", "device_id",
]  # fmt: skip


def bulk_ratings(places: list[dict], n: int, chunk: int = 20000) -> float:
	rng = random.Random(7)
	weights = [lv[3] for lv in LEVELS]
	start = time.perf_counter()
	done = 0
	while done < n:
		rows = []
		for _ in range(min(chunk, n - done)):
			p = places[rng.randrange(len(places))]
			level, score, bad, _w = rng.choices(LEVELS, weights)[0]
			day = rng.randrange(365)
			rated = f"2025-{1 + day * 12 // 365:02d}-{1 + day % 28:02d} {8 + rng.randrange(9):02d}:{rng.randrange(60):02d}:00"
			real = int(rng.random() < 0.3)
			replied = int(bad and rng.random() < 0.9)
			revisited = int(replied and rng.random() < 0.8)
			held = int(rng.random() < 0.003)
			excluded = held or int(bad and rng.random() < 0.02)
			rows.append(
				(uuid.uuid4().hex[:14], rated, rated, "Guest", "Guest", 0, 0,
				 p["service_hall"], p["service_window"], p["staff"], p["stationed_department"], p["business_line"],
				 "QR Code", level, score, rated, bad, real, replied, revisited,
				 int(revisited and rng.random() < 0.85), excluded, held, uuid.uuid4().hex[:16])
			)  # fmt: skip
		insert_rows(rows)
		frappe.db.commit()
		done += len(rows)
	return time.perf_counter() - start


def insert_rows(rows: list[tuple], per_statement: int = 5000) -> None:
	"""Multi-row INSERTs through frappe.db.sql, values escaped by the driver (faster than building each
	statement with the query builder, which frappe.db.bulk_insert does)."""
	columns = ", ".join(f"`{f}`" for f in FIELDS)
	one = "(" + ", ".join(["%s"] * len(FIELDS)) + ")"
	for i in range(0, len(rows), per_statement):
		part = rows[i : i + per_statement]
		frappe.db.sql(
			f"INSERT INTO `tabService Evaluation` ({columns}) VALUES " + ", ".join([one] * len(part)),
			[v for row in part for v in row],
		)


def median_ms(fn, reps: int, warm: bool = True) -> float:
	if warm:
		fn()  # warm caches the same way for every contender
	times = []
	for _ in range(reps):
		t = time.perf_counter()
		fn()
		times.append(time.perf_counter() - t)
	return 1000 * statistics.median(times)


def contenders(district: str, halls: list[str], start: str, end: str, dimension: str, field: str):
	from zhengwu_hall.zhengwu_hall.report.service_evaluation_metrics import (
		service_evaluation_metrics as report,
	)

	filters = {"from_date": start, "to_date": end, "service_hall": district, "dimension": dimension}

	def the_report():
		return report.execute(filters)

	sums = ["score", "is_bad_review", "replied", "revisited", "revisit_satisfied", "real_name"]

	def generic():
		return frappe.get_list(
			"Service Evaluation",
			filters={
				"service_hall": ["in", halls],
				"excluded": 0,
				"rated_on": ["between", [start, end + " 23:59:59"]],
			},
			fields=[field, "count(name) as rated", *[f"sum({f}) as {f}" for f in sums]],
			group_by=field,
			limit_page_length=0,
		)

	def raw():
		ev = frappe.qb.DocType("Service Evaluation")
		from frappe.query_builder.functions import Count, Sum

		return (
			frappe.qb.from_(ev)
			.select(ev[field], Count("*"), *[Sum(ev[f]) for f in sums])
			.where(ev.service_hall.isin(halls) & (ev.excluded == 0) & ev.rated_on[start : end + " 23:59:59"])
			.groupby(ev[field])
			.run()
		)

	return the_report, generic, raw


def endpoint_throughput(places: list[dict], count: int) -> dict:
	from zhengwu_hall import rating
	from zhengwu_hall.setup import evaluations as ev

	windows = [p["service_window"] for p in places]
	frappe.flags.in_test = False

	def via_endpoint(i):
		w = windows[i % len(windows)]
		frappe.set_user("Guest")
		rating.submit_rating(window=w, token=rating.window_token(w), nonce=rating.issue_nonce(w),
							 level="Satisfied", device=f"bench-{RUN}-{i}")  # fmt: skip
		frappe.set_user("Administrator")

	def plain(i):
		p = places[i % len(places)]
		frappe.get_doc(
			{"doctype": "Service Evaluation", **p, "channel": "QR Code", "level": "Satisfied",
			 "rated_on": frappe.utils.now_datetime()}
		).insert(ignore_permissions=True)  # fmt: skip

	def rate(fn):
		start = time.perf_counter()
		for i in range(count):
			fn(i)
			frappe.db.commit()
		return count / (time.perf_counter() - start)

	out = dict.fromkeys(
		(
			"endpoint_with_aggregates",
			"endpoint_without_aggregates",
			"plain_insert_without_aggregates",
			"plain_insert_with_aggregates",
			"endpoint_seconds_with_aggregates",
		),
		0.0,
	)
	rate(via_endpoint)  # warm-up round, not counted (imports, caches)
	original = ev.record_evaluation_change
	inside = [0.0]  # seconds spent maintaining the aggregates, within the timed endpoint rounds

	def timed(before, after):
		t = time.perf_counter()
		try:
			return original(before, after)
		finally:
			inside[0] += time.perf_counter() - t

	rounds = 2  # alternate the contenders so that the machine's load falls on each alike
	try:
		for _ in range(rounds):
			ev.record_evaluation_change = timed
			started = time.perf_counter()
			out["endpoint_with_aggregates"] += rate(via_endpoint) / rounds
			out["endpoint_seconds_with_aggregates"] += time.perf_counter() - started
			out["plain_insert_with_aggregates"] += rate(plain) / rounds
			ev.record_evaluation_change = lambda before, after: None
			out["endpoint_without_aggregates"] += rate(via_endpoint) / rounds
			out["plain_insert_without_aggregates"] += rate(plain) / rounds
	finally:
		ev.record_evaluation_change = original
	out["share_of_endpoint_time_in_aggregates"] = inside[0] / out.pop("endpoint_seconds_with_aggregates")
	return out


def cleanup(district: str, places: list[dict]):
	halls = [*sorted({p["service_hall"] for p in places}), district]
	ev = frappe.qb.DocType("Service Evaluation")
	for hall in halls:
		frappe.qb.from_(ev).delete().where(ev.service_hall == hall).run()
		frappe.db.commit()
	wo = frappe.qb.DocType("Bad Review Work Order")
	frappe.qb.from_(wo).delete().where(wo.service_hall.isin(halls)).run()
	for p in places:
		for doctype, name in (("Window Staff", p["staff"]), ("Service Window", p["service_window"]),
							  ("Stationed Department", p["stationed_department"])):  # fmt: skip
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	for user in frappe.get_all("User", filters={"name": ["like", f"bench-{RUN}-%"]}, pluck="name"):
		# Frappe makes the first user of a fresh site a System Manager, and refuses to delete the last one
		frappe.db.delete("Has Role", {"parent": user, "parenttype": "User"})
		frappe.db.delete("User Permission", {"user": user})
		frappe.db.delete("User", {"name": user})
	for hall in halls:
		frappe.delete_doc("Service Hall", hall, force=True, ignore_permissions=True)
	for line in frappe.get_all("Business Line", filters={"name": ["like", f"基准{RUN}%"]}, pluck="name"):
		frappe.delete_doc("Business Line", line, force=True, ignore_permissions=True)
	frappe.db.commit()


def preload():
	"""Import every module the run will use now: a run takes half an hour, and the bench runs the checkout's code,
	which may change meanwhile."""
	import zhengwu_hall.rating
	from zhengwu_hall.zhengwu_hall.report.service_evaluation_metrics import service_evaluation_metrics

	for doctype in ("Service Evaluation", "Bad Review Work Order", "Service Evaluation Aggregate", "User",
					"Window Staff", "Service Window", "Stationed Department", "Service Hall", "Business Line"):  # fmt: skip
		frappe.get_doc({"doctype": doctype})  # imports the controller


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--ratings", type=int, default=1_000_000)
	parser.add_argument("--towns", type=int, default=5)
	parser.add_argument("--windows", type=int, default=20)
	parser.add_argument("--reps", type=int, default=5)
	parser.add_argument(
		"--scan-reps",
		type=int,
		default=1,
		help="runs of each scan (seconds each at 1M; the buffer pool is warm)",
	)
	parser.add_argument("--rates", type=int, default=100, help="ratings per endpoint throughput round")
	parser.add_argument("--keep", action="store_true", help="keep the generated data")
	args = parser.parse_args()

	os.chdir(os.path.join(os.path.dirname(frappe.__file__), "..", "..", "..", "sites"))
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.local.conf.throttle_user_limit = 10**6  # Frappe refuses more than 60 new users an hour
	frappe.set_user("Administrator")
	from zhengwu_hall.setup import evaluations as ev

	preload()

	t0 = time.perf_counter()
	district, places = make_org(args.towns, args.windows)
	halls = [*sorted({p["service_hall"] for p in places}), district]
	print(
		f"organisation: 1 district, {args.towns} towns, {len(places)} windows/staff ({time.perf_counter() - t0:.1f} s)"
	)
	try:
		secs = bulk_ratings(places, args.ratings)
		print(
			f"inserted {args.ratings:,} ratings with multi-row INSERTs in {secs:.1f} s ({args.ratings / secs:,.0f}/s)"
		)
		t = time.perf_counter()
		rows = ev.rebuild_aggregates()
		frappe.db.commit()
		print(
			f"rebuilt the aggregates from the raw ratings: {rows:,} rows in {time.perf_counter() - t:.1f} s"
		)
		t = time.perf_counter()
		diffs = ev.compare_aggregates()
		print(f"aggregates vs raw GROUP BY: {len(diffs)} differences ({time.perf_counter() - t:.1f} s)")

		print(f"\npublic rating endpoint, {args.rates} ratings a round, each committed (ratings/s)")
		tp = endpoint_throughput(places, args.rates)
		share = tp.pop("share_of_endpoint_time_in_aggregates")
		for key, value in tp.items():
			print(f"  {key:<34}{value:>8.1f}")
		print(
			f"  time spent maintaining the aggregates, measured inside the endpoint calls: {100 * share:.1f}% of"
			" the endpoint's time (the overhead, free of the machine's noise between rounds)"
		)
		overhead = tp["endpoint_without_aggregates"] / tp["endpoint_with_aggregates"] - 1
		plain_overhead = tp["plain_insert_without_aggregates"] / tp["plain_insert_with_aggregates"] - 1
		print(
			f"  overhead of maintaining the aggregates: endpoint {100 * overhead:.1f}%, plain insert {100 * plain_overhead:.1f}%"
		)
		print(
			f"  endpoint with aggregates vs a plain get_doc().insert() loop without: {tp['endpoint_with_aggregates'] / tp['plain_insert_without_aggregates']:.2f}x"
		)
		print(
			f"  (the rounds without maintenance leave {len(ev.compare_aggregates())} aggregate differences, as expected)"
		)
		ev.rebuild_aggregates()
		frappe.db.commit()
		print(f"  after a rebuild: {len(ev.compare_aggregates())} differences")
		print(
			"\nreport over the aggregates vs scanning the ratings (median of",
			args.reps,
			"runs; scans: median of",
			args.scan_reps,
			"runs; report and get_list as the district's director; ms; ratio = scan / report)",
		)
		print(
			f"{'range':<8}{'dimension':<14}{'report':>9}{'(a) get_list':>14}{'(b) raw SQL':>13}{'(a)/rep':>9}{'(b)/rep':>9}"
		)
		leader = f"bench-{RUN}-leader@example.com"
		ranges = (
			("month", "2025-06-01", "2025-06-30"),
			("quarter", "2025-04-01", "2025-06-30"),
			("year", "2025-01-01", "2025-12-31"),
		)
		for label, start, end in ranges:
			for dimension, field in (
				("Window Staff", "staff"),
				("Institution", "stationed_department"),
				("Region", "service_hall"),
			):
				rep, gen, raw = contenders(district, halls, start, end, dimension, field)
				frappe.set_user(
					leader
				)  # the district's director: hall scoping applies to the report and get_list
				r, g = median_ms(rep, args.reps), median_ms(gen, args.scan_reps, warm=False)
				frappe.set_user("Administrator")
				s = median_ms(raw, args.scan_reps, warm=False)
				print(f"{label:<8}{dimension:<14}{r:>9.1f}{g:>14.1f}{s:>13.1f}{g / r:>9.1f}{s / r:>9.1f}")

	finally:
		if not args.keep:
			t = time.perf_counter()
			cleanup(district, places)
			ev.rebuild_aggregates()
			frappe.db.commit()
			print(f"\ncleaned up ({time.perf_counter() - t:.1f} s)")
		frappe.destroy()


if __name__ == "__main__":
	main()
