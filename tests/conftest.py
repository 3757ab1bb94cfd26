"""Fixtures for the whole suite, and hypothesis' profiles.

The small named instances live in tests/helpers/instances.py (tests call their builders with the changes
they need); the ones used as they are, with their book, are fixtures here: `tiny_instance`, `tiny_book`.
Hypothesis' `default` profile (make test): no per-example deadline — a fuzzed book with hundreds of rows may
take a second on a busy CI machine, and a hang is caught by each test's own bound instead. `fuzz` (make
fuzz): many more examples.
"""

from __future__ import annotations

import os
from pathlib import Path

import instances
import pytest
from hypothesis import settings

from optimiser.domain import Instance
from optimiser.io import write_book

settings.register_profile("default", deadline=None, print_blob=True)
settings.register_profile("fuzz", deadline=None, max_examples=2000, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _run_store_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands record their runs; in tests they go to a throw-away SQLite file, never the working directory."""
    monkeypatch.setenv("BYDELSTEAM_DB_URL", str(tmp_path / "runs.sqlite"))


@pytest.fixture
def tiny_instance() -> Instance:
    return instances.tiny()


@pytest.fixture
def tiny_book(tmp_path: Path, tiny_instance: Instance) -> Path:
    path = tmp_path / "tiny.xlsx"
    write_book(tiny_instance, path)
    return path
