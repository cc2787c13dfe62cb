"""Code style as in frappe/hrms: ruff lint and ruff format (tabs) with the app's pyproject settings."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "apps" / "zhengwu_hall" / "pyproject.toml"
PATHS = ["apps", "tests", "benchmarks"]


def ruff(*args):
	exe = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
	if not exe:
		pytest.fail("ruff is not installed (tests/requirements.txt lists it)")
	paths = [p for p in PATHS if (ROOT / p).exists()]
	return subprocess.run(
		[exe, *args, "--config", str(CONFIG), *paths], cwd=ROOT, capture_output=True, text=True
	)


def test_ruff_check():
	result = ruff("check", "--no-cache")
	assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
	result = ruff("format", "--check", "--no-cache")
	assert result.returncode == 0, result.stdout + result.stderr
