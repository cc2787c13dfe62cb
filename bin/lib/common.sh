# Shared by bin/setup and bin/test. Sourced, not run.
# shellcheck shell=bash

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
APP_SRC="$REPO/apps/zhengwu_hall"

# Every location and service address can be overridden from the environment (README.md lists them).
ZHENGWU_BENCH="${ZHENGWU_BENCH:-$HOME/zhengwu-bench}"
ZHENGWU_SITE="${ZHENGWU_SITE:-zhengwu.localhost}"
ZHENGWU_TEST_SITE="${ZHENGWU_TEST_SITE:-zhengwu-test.localhost}"
ZHENGWU_PORT="${ZHENGWU_PORT:-8000}"
ZHENGWU_SOCKETIO_PORT="${ZHENGWU_SOCKETIO_PORT:-9000}"
FRAPPE_PATH="${FRAPPE_PATH:-https://github.com/frappe/frappe}"
FRAPPE_BRANCH="${FRAPPE_BRANCH:-version-15}"
DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
DB_ROOT_USER="${DB_ROOT_USER:-root}"
DB_ROOT_PASSWORD="${DB_ROOT_PASSWORD:-}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

STEP_NO=0
step() {
	STEP_NO=$((STEP_NO + 1))
	printf '\n==> [%s] %s\n' "$STEP_NO" "$*"
}
info() { printf '    %s\n' "$*"; }
warn() { printf '    警告: %s\n' "$*" >&2; }
die() {
	printf '\n错误: %s\n' "$1" >&2
	shift
	for line in "$@"; do printf '      %s\n' "$line" >&2; done
	exit 1
}

have() { command -v "$1" >/dev/null 2>&1; }

is_root() { [ "$(id -u)" = 0 ]; }

# A bench is usable when `bench init` finished: frappe is in its env and sites/ exists.
bench_ready() {
	[ -x "$ZHENGWU_BENCH/env/bin/python" ] &&
		[ -d "$ZHENGWU_BENCH/apps/frappe/frappe" ] &&
		[ -d "$ZHENGWU_BENCH/sites" ] &&
		"$ZHENGWU_BENCH/env/bin/python" -c 'import frappe' >/dev/null 2>&1
}

bench_py() { "$ZHENGWU_BENCH/env/bin/python" "$@"; }

# Run a bench command inside the bench directory (bench reads sites/common_site_config.json from there).
bench_in() { (cd "$ZHENGWU_BENCH" && bench "$@"); }

# A site's database name. Frappe derives it from the site name alone, so two benches on one MariaDB server
# with a site of the same name (every bench's zhengwu-test.localhost) would share, and drop, one database;
# ours also hashes the bench's path.
site_db_name() {
	printf 'zw_%s' "$(printf '%s|%s' "$(cd "$ZHENGWU_BENCH" && pwd -P)" "$1" | sha1sum | cut -c1-16)"
}

# Read or update sites/common_site_config.json without clobbering keys bench wrote.
site_config_set() {
	local file="$1"
	shift
	python3 - "$file" "$@" <<'PY'
import json, os, sys
path = sys.argv[1]
conf = {}
if os.path.exists(path):
	with open(path) as f:
		conf = json.load(f)
for pair in sys.argv[2:]:
	key, _, value = pair.partition("=")
	try:
		conf[key] = json.loads(value)
	except ValueError:
		conf[key] = value
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
	json.dump(conf, f, indent=1, sort_keys=True, ensure_ascii=False)
	f.write("\n")
PY
}

site_config_get() {
	python3 - "$1" "$2" <<'PY'
import json, os, sys
path, key = sys.argv[1], sys.argv[2]
if os.path.exists(path):
	with open(path) as f:
		value = json.load(f).get(key)
	if value is not None:
		print(value)
PY
}

# MariaDB credentials that bench may use to create and drop sites. When root has no password (Debian's default
# over the socket), bin/setup creates a dedicated administrative account once and keeps its password in the
# bench's common_site_config.json (root_login/root_password, the keys Frappe itself reads).
db_admin_login() {
	local conf="$ZHENGWU_BENCH/sites/common_site_config.json"
	DB_ADMIN_USER="$(site_config_get "$conf" root_login)"
	DB_ADMIN_PASSWORD="$(site_config_get "$conf" root_password)"
	if [ -z "$DB_ADMIN_USER" ]; then
		DB_ADMIN_USER="$DB_ROOT_USER"
		DB_ADMIN_PASSWORD="$DB_ROOT_PASSWORD"
	fi
}

# Link this checkout's app into the bench (the bench runs this code, no copy) and install it into the bench env.
link_app() {
	local link="$ZHENGWU_BENCH/apps/zhengwu_hall"
	if [ -e "$link" ] && [ ! -L "$link" ]; then
		die "$link 已存在且不是指向本仓库的链接。" "请移走它，或用 ZHENGWU_BENCH 指定另一个 bench。"
	fi
	if [ "$(readlink "$link" 2>/dev/null)" != "$APP_SRC" ]; then
		ln -sfn "$APP_SRC" "$link"
	fi
	if ! bench_py -c 'import zhengwu_hall, os, sys; sys.exit(0 if os.path.realpath(zhengwu_hall.__file__).startswith(os.path.realpath(sys.argv[1])) else 1)' "$APP_SRC" 2>/dev/null; then
		bench_py -m pip install -q -e "$link" >/dev/null 2>&1 ||
			(have uv && uv pip install -q --python "$ZHENGWU_BENCH/env/bin/python" -e "$link") ||
			die "无法把 zhengwu_hall 安装到 bench 环境。" "请运行: $ZHENGWU_BENCH/env/bin/python -m pip install -e $link"
	fi
	grep -qx zhengwu_hall "$ZHENGWU_BENCH/sites/apps.txt" || printf '\nzhengwu_hall\n' >>"$ZHENGWU_BENCH/sites/apps.txt"
	sed -i '/^$/d' "$ZHENGWU_BENCH/sites/apps.txt"
}

# Merge a template of sites/ (with ${NAME} placeholders filled from the environment) into a bench config file.
site_config_merge() {
	local template="$1" target="$2"
	python3 - "$template" "$target" <<'PY'
import json, os, string, sys
template, target = sys.argv[1], sys.argv[2]
with open(template) as f:
	values = json.loads(string.Template(f.read()).substitute(os.environ))
conf = {}
if os.path.exists(target):
	with open(target) as f:
		conf = json.load(f)
conf.update(values)
with open(target, "w") as f:
	json.dump(conf, f, indent=1, sort_keys=True, ensure_ascii=False)
	f.write("\n")
PY
}
