"""Tier 1: pure-Python tests, no bench. Puts the app package and the repository root on sys.path."""

import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "apps", "zhengwu_hall"))
sys.path.insert(0, ROOT)
