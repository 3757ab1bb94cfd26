"""Fixtures for the whole suite, and hypothesis' profiles.

The small named instances live in tests/helpers/instances.py; the plain ones are fixtures here, so a test
asks for `town_instance` or `tiny_book` by name. `default` (make test): no per-example deadline — a fuzzed book with
hundreds of rows may take a second on a busy CI machine, and a hang is caught by each test's own bound
instead. `fuzz` (make fuzz): many more examples.
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
def town_instance() -> Instance:
    return instances.town()


@pytest.fixture
def tiny_instance() -> Instance:
    return instances.tiny()


@pytest.fixture
def tiny_book(tmp_path: Path, tiny_instance: Instance) -> Path:
    path = tmp_path / "tiny.xlsx"
    write_book(tiny_instance, path)
    return path
