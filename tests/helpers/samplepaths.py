"""Paths of the project's sample data and example scenarios, for tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_BOOK = ROOT / "data" / "sample" / "kommune.xlsx"
EXAMPLES = sorted((ROOT / "scenarios" / "examples").glob("*.yaml"))
