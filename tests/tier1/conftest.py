"""Tier 1: pure-Python tests, no bench. Puts the app package on sys.path."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "apps", "zhengwu_hall"))
