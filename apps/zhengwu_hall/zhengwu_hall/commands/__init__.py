"""bench commands of zhengwu_hall: zhengwu-sync-packs, zhengwu-sync-records, zhengwu-demo (bench --site S …)."""

import click
from frappe.commands import get_site, pass_context


def _connect(context):
	import frappe

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	return frappe


@click.command("zhengwu-sync-packs")
@click.option(
	"--force", is_flag=True, default=False, help="Overwrite local edits with the values in fixtures/packs"
)
@pass_context
def sync_packs_command(context, force=False):
	"""Apply the jurisdiction rule packs of fixtures/packs/ and report what changed."""
	frappe = _connect(context)
	try:
		from zhengwu_hall.setup.packs import sync_packs

		sync_packs(force=force, verbose=True)
		frappe.db.commit()
	finally:
		frappe.destroy()


@click.command("zhengwu-demo")
@click.option(
	"--jurisdiction", default="qinzhou-qinnan", show_default=True, help="Rule pack the demo halls use"
)
@click.option("--size", default=1, show_default=True, type=int, help="Scale factor: 1 is one district")
@pass_context
def demo_command(context, jurisdiction="qinzhou-qinnan", size=1):
	"""Create a realistic demo organisation (halls, windows, staff, users)."""
	frappe = _connect(context)
	try:
		from zhengwu_hall.setup.demo import make_demo

		make_demo(jurisdiction=jurisdiction, size=size, verbose=True)
		frappe.db.commit()
	finally:
		frappe.destroy()


@click.command("zhengwu-sync-records")
@click.option(
	"--force", is_flag=True, default=False, help="Replace existing records with the shipped version"
)
@pass_context
def sync_records_command(context, force=False):
	"""Create the shipped workflows (fixtures/workflows/) that are missing; keep local edits unless --force."""
	frappe = _connect(context)
	try:
		from zhengwu_hall.setup.records import sync_records

		sync_records(force=force, verbose=True)
		frappe.db.commit()
	finally:
		frappe.destroy()


commands = [sync_packs_command, sync_records_command, demo_command]
