"""bench commands of zhengwu_hall: zhengwu-sync-packs, zhengwu-sync-records, zhengwu-demo,
zhengwu-rebuild-rating-aggregates (bench --site S …)."""

import click
from frappe.commands import get_site, pass_context


def run_on_site(context, fn, **kwargs):
	"""Connect to the command's site, run `fn(**kwargs)`, commit, and always disconnect."""
	import frappe

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		fn(**kwargs)
		frappe.db.commit()
	finally:
		frappe.destroy()


@click.command("zhengwu-sync-packs")
@click.option(
	"--force", is_flag=True, default=False, help="Overwrite local edits with the values in fixtures/packs"
)
@pass_context
def sync_packs_command(context, force=False):
	"""Apply the jurisdiction rule packs of fixtures/packs/ and report what changed."""
	from zhengwu_hall.setup.packs import sync_packs

	run_on_site(context, sync_packs, force=force, verbose=True)


@click.command("zhengwu-sync-records")
@click.option(
	"--force", is_flag=True, default=False, help="Replace existing records with the shipped version"
)
@pass_context
def sync_records_command(context, force=False):
	"""Create the shipped workflows (fixtures/workflows/) that are missing; keep local edits unless --force."""
	from zhengwu_hall.setup.records import sync_records

	run_on_site(context, sync_records, force=force, verbose=True)


@click.command("zhengwu-demo")
@click.option(
	"--jurisdiction", default="qinzhou-qinnan", show_default=True, help="Rule pack the demo halls use"
)
@click.option("--size", default=1, show_default=True, type=int, help="Scale factor: 1 is one district")
@pass_context
def demo_command(context, jurisdiction="qinzhou-qinnan", size=1):
	"""Create a realistic demo organisation (halls, windows, staff, users)."""
	from zhengwu_hall.setup.demo import make_demo

	run_on_site(context, make_demo, jurisdiction=jurisdiction, size=size, verbose=True)


@click.command("zhengwu-rebuild-rating-aggregates")
@pass_context
def rebuild_rating_aggregates_command(context):
	"""Recompute the 好差评 aggregates from the raw ratings (Service Evaluation, Case Rating Tracker)."""
	from zhengwu_hall.setup.evaluations import rebuild_aggregates

	run_on_site(context, rebuild_aggregates, verbose=True)


commands = [sync_packs_command, sync_records_command, demo_command, rebuild_rating_aggregates_command]
