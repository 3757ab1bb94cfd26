"""The web app under load: five browser sessions solve the sample at once beside four that keep the Optimér
page open. Every run is stored, every solving page shows its own finished plan with Start enabled again, and
an idle server costs next to nothing (a page used to refresh twice a second whatever it showed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from appload import app_load

# The app server and nine browser sessions, five of them solving: `make reliability`, not `make test`.
pytestmark = pytest.mark.slow

IDLE_CPU_SHARE = 0.10  # of one core, for all nine sessions together


def test_five_solving_and_four_idle_sessions(tmp_path: Path) -> None:
    load = app_load(tmp_path)
    assert load.stored == load.solving
    assert load.finished == load.solving
    assert len(set(load.run_numbers)) == load.solving and "–" not in load.run_numbers
    assert load.idle_cpu_before < IDLE_CPU_SHARE, f"{load.idle_cpu_before:.0%} of a core before the solves"
    assert load.idle_cpu_after < IDLE_CPU_SHARE, f"{load.idle_cpu_after:.0%} of a core after the solves"
