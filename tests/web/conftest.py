"""The browser tests' shared fixtures: Debian's chromium and the app on a free port with its own run store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from appserver import Server, app_server
from appserver import chromium as find_chromium


@pytest.fixture(scope="session")
def chromium() -> str:
    try:
        return find_chromium()
    except RuntimeError as err:
        pytest.fail(str(err))


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Server]:
    """The app on a free port with its own (empty) run store."""
    with app_server(tmp_path, {"BYDELSTEAM_DB_URL": str(tmp_path / "runs.sqlite")}) as server:
        yield server
