"""Cost of hall scoping (属地管理、分级负责) on list views, against the unscoped list of the same records.

A district with T towns, each with W windows; a district user (sees the whole subtree), a town user (sees one
town). Each list is timed over R repetitions as frappe.get_list("Service Window") with the desk's page size;
the baseline is the same call as Administrator, which Frappe does not filter. Ratios near 1 mean scoping is
cheap; the figure to watch is how the district user's ratio grows with T.

Run inside a bench:  cd ~/zhengwu-bench && env/bin/python /path/to/repo/benchmarks/hall_scope.py --site S
Everything is created in one transaction and rolled back.
"""

import argparse
import os
import statistics
import time
import uuid

import frappe

RUN = uuid.uuid4().hex[:6]


def make_tree(towns: int, windows: int) -> tuple[str, list[str]]:
	district = frappe.get_doc(
		{
			"doctype": "Service Hall",
			"hall_name": f"基准{RUN}-{towns}区政务服务中心",
			"hall_level": "District Center",
		}
	).insert(ignore_permissions=True)
	town_names = []
	for t in range(towns):
		town = frappe.get_doc(
			{
				"doctype": "Service Hall",
				"hall_name": f"基准{RUN}-{towns}第{t + 1}镇便民服务中心",
				"hall_level": "Town Center",
				"parent_service_hall": district.name,
			}
		).insert(ignore_permissions=True)
		town_names.append(town.name)
		for w in range(windows):
			frappe.get_doc(
				{
					"doctype": "Service Window",
					"service_hall": town.name,
					"window_number": str(w + 1),
					"window_name": f"窗口{w + 1}",
					"window_type": "Comprehensive (All Matters)",
				}
			).insert(ignore_permissions=True)
	return district.name, town_names


def make_user(key: str, hall: str) -> str:
	from zhengwu_hall.setup.permissions import assign_user_to_hall

	email = f"bench-{RUN}-{key}@example.com"
	frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": key,
			"send_welcome_email": 0,
			"roles": [{"role": "Window Staff"}],
		}
	).insert(ignore_permissions=True)
	assign_user_to_hall(email, hall)
	return email


def timed_list(user: str, repeat: int) -> tuple[float, int]:
	frappe.set_user(user)
	samples, rows = [], 0
	for _ in range(repeat):
		frappe.local.user_perms = None  # what a new request starts with
		start = time.perf_counter()
		rows = len(frappe.get_list("Service Window", fields=["name", "service_hall"], limit_page_length=20))
		samples.append(time.perf_counter() - start)
	frappe.set_user("Administrator")
	return statistics.median(samples), rows


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", default=os.environ.get("ZHENGWU_SITE", "zhengwu.localhost"))
	parser.add_argument("--towns", type=int, nargs="+", default=[5, 50, 200])
	parser.add_argument("--windows", type=int, default=5)
	parser.add_argument("--repeat", type=int, default=30)
	args = parser.parse_args()

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.local.conf.throttle_user_limit = 10**6
	print(f"hall scoping on {args.site}: median of {args.repeat} get_list calls, page of 20")
	print(
		f"{'towns':>6} {'windows':>8} {'admin ms':>9} {'district ms':>12} {'ratio':>6} {'town ms':>8} {'ratio':>6}"
	)
	try:
		for towns in args.towns:
			district, town_names = make_tree(towns, args.windows)
			district_user = make_user(f"d{towns}", district)
			town_user = make_user(f"t{towns}", town_names[0])
			base, _ = timed_list("Administrator", args.repeat)
			wide, wide_rows = timed_list(district_user, args.repeat)
			narrow, narrow_rows = timed_list(town_user, args.repeat)
			assert wide_rows == min(20, towns * args.windows), wide_rows
			assert narrow_rows == min(20, args.windows), narrow_rows
			print(
				f"{towns:>6} {towns * args.windows:>8} {base * 1000:>9.2f} {wide * 1000:>12.2f} {wide / base:>6.2f}"
				f" {narrow * 1000:>8.2f} {narrow / base:>6.2f}"
			)
	finally:
		frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main()
