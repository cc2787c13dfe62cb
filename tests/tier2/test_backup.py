"""Backup and restore round trip (README: 备份与恢复): ``bench --site S backup --with-files``, restored into a new
site, holds every row of every table of the app (child tables included) and every attachment, byte for byte.

The records this test makes are committed (bench backup reads the database from outside this process), so it
deletes them again at the end, and drops the restored site.
"""

import glob
import hashlib
import json
import os
import shutil
import subprocess

import frappe
import pymysql
import pytest
from conftest import BENCH, SITE, SITES_PATH
from factories import RUN, make_complaint, make_hall, make_service_case
from frappe.utils.file_manager import save_file

RESTORED = f"zw-restore-{RUN}.localhost"
# bin/test puts the bench CLI on PATH (bin/setup installs it there)
BENCH_CLI = shutil.which("bench") or os.path.expanduser("~/.local/share/zhengwu-hall/bench-cli/bin/bench")


def db_admin():
	"""The MariaDB account bench creates and drops sites with: common_site_config's root_login (bin/setup writes
	it; Frappe reads its root_password itself but assumes the user root)."""
	return ["--db-root-username", frappe.conf.root_login or "root"]


def bench(*args, timeout=900):
	result = subprocess.run(
		[BENCH_CLI, *args], cwd=BENCH, capture_output=True, text=True, timeout=timeout, check=False
	)
	assert result.returncode == 0, (
		f"bench {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
	)
	return result.stdout


def app_tables():
	return sorted(
		"tab" + name
		for name in frappe.get_all("DocType", filters={"module": "Zhengwu Hall", "issingle": 0}, pluck="name")
	)


def rows_of(cursor, table):
	cursor.execute(f"select * from `{table}` order by name")
	columns = [c[0] for c in cursor.description]
	return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def digest(path):
	with open(path, "rb") as handle:
		return hashlib.sha256(handle.read()).hexdigest()


def attachments(cursor, site):
	"""(file_url, attached_to, sha256 of the file on disk) of every File attached to a record of the app."""
	cursor.execute(
		"select file_url, attached_to_doctype, attached_to_name, is_private from tabFile "
		"where attached_to_doctype in (select name from tabDocType where module='Zhengwu Hall') order by file_url"
	)
	out = []
	for url, doctype, name, private in cursor.fetchall():
		path = os.path.join(
			SITES_PATH, site, "private" if private else "public", "files", os.path.basename(url)
		)
		out.append((url, doctype, name, digest(path) if os.path.exists(path) else "missing"))
	return out


def connect(site):
	conf = json.load(open(os.path.join(SITES_PATH, site, "site_config.json")))
	return pymysql.connect(
		host=frappe.conf.db_host or "127.0.0.1",
		port=int(frappe.conf.db_port or 3306),
		user=conf.get("db_user") or conf["db_name"],
		password=conf["db_password"],
		database=conf["db_name"],
		charset="utf8mb4",
	)


@pytest.fixture
def committed_records():
	"""A hall with a complaint and a case, each with a public and a private attachment, committed."""
	hall = make_hall("备份区政务服务中心", "District Center", rule_pack="qinzhou-qinnan")
	complaint = make_complaint(hall.name)
	case = make_service_case(hall.name)
	files = [
		save_file(
			f"备份{RUN}-{doc.doctype}-{private}.txt",
			f"测试附件 {doc.name} {private}".encode(),
			doc.doctype,
			doc.name,
			is_private=private,
		)
		for doc in (complaint, case)
		for private in (0, 1)
	]
	frappe.db.commit()
	yield hall, complaint, case, files
	frappe.db.rollback()
	for f in files:
		frappe.delete_doc("File", f.name, force=True, ignore_permissions=True)
	for doc in (case, complaint):
		frappe.delete_doc(doc.doctype, doc.name, force=True, ignore_permissions=True)
	frappe.db.delete("Complainant Identity", {"complaint": complaint.name})
	frappe.db.delete("Service Window", {"service_hall": hall.name})
	frappe.db.delete("Window Staff", {"service_hall": hall.name})
	frappe.db.delete("Stationed Department", {"service_hall": hall.name})
	frappe.db.delete("Service Item", {"service_hall": hall.name})
	frappe.delete_doc("Service Hall", hall.name, force=True, ignore_permissions=True)
	frappe.db.commit()


@pytest.fixture
def restored_site():
	yield RESTORED
	if os.path.isdir(os.path.join(SITES_PATH, RESTORED)):
		bench("drop-site", RESTORED, "--force", "--no-backup", *db_admin())


def test_backup_with_files_restores_every_row_and_attachment(committed_records, restored_site):
	_hall, complaint, case, files = committed_records
	bench("--site", SITE, "backup", "--with-files")
	backups = os.path.join(SITES_PATH, SITE, "private", "backups")
	newest = max(glob.glob(os.path.join(backups, "*-database.sql.gz")), key=os.path.getmtime)
	stem = newest[: -len("-database.sql.gz")]
	public, private = f"{stem}-files.tar", f"{stem}-private-files.tar"
	assert os.path.exists(public) and os.path.exists(private), os.listdir(backups)

	# a new, empty site first (its own database: the name hashes the bench path, as bin/test does), then the restore
	db_name = "zw_" + hashlib.sha1(f"{os.path.realpath(BENCH)}|{restored_site}".encode()).hexdigest()[:16]
	bench(
		"new-site",
		restored_site,
		"--db-name",
		db_name,
		"--admin-password",
		frappe.generate_hash(length=16),
		*db_admin(),
	)
	bench(
		"--site",
		restored_site,
		"restore",
		newest,
		"--with-public-files",
		public,
		"--with-private-files",
		private,
		*db_admin(),
	)

	source, target = connect(SITE), connect(restored_site)
	try:
		with source.cursor() as src, target.cursor() as dst:
			tables = app_tables()
			assert len(tables) > 40, tables
			lost = {}
			for table in tables:
				a, b = rows_of(src, table), rows_of(dst, table)
				if a != b:
					lost[table] = (len(a), len(b))
			assert not lost, f"tables that differ after the restore (rows before, after): {lost}"
			src_files, dst_files = attachments(src, SITE), attachments(dst, restored_site)
			assert len(src_files) >= len(files)
			assert "missing" not in {f[3] for f in src_files}
			assert src_files == dst_files
			names = {f[2] for f in dst_files}
			assert {complaint.name, case.name} <= names
	finally:
		source.close()
		target.close()
