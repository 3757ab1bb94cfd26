"""Load: eight solves at once from separate processes on the sample, then 200 more stored runs: every run is
stored once and whole, every result passes the checker, and no solve's memory runs away."""

from __future__ import annotations

import resource
import sqlite3
from pathlib import Path

import pytest
from samplepaths import SAMPLE_BOOK
from storewriter import record, solve_at_once

from optimiser.check import verify
from optimiser.io import load_instance
from optimiser.results import SolveResult
from scenarios.store import RunStore

pytestmark = pytest.mark.slow  # eight solver processes at once: `make reliability`, not `make test`

SOLVES = 8
MORE_RUNS = 200
MAX_RSS_MIB = 1024  # one solve of the sample stays far below (docs/benchmarks.md: about 160 MiB)


def test_eight_solves_at_once_and_200_runs(tmp_path: Path) -> None:
    store_file = tmp_path / "runs.sqlite"
    outs = [tmp_path / f"r{n}.json" for n in range(SOLVES)]
    assert solve_at_once(SAMPLE_BOOK, outs, store_file) == [0] * SOLVES
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mib < MAX_RSS_MIB

    instance = load_instance(SAMPLE_BOOK)
    for out in outs:
        result = SolveResult.load(out)
        assert result.status == "optimal"
        assert verify(instance, result) == []

    store = RunStore(str(store_file))
    stored = store.list_runs()
    assert len(stored) == SOLVES
    assert len({r.id for r in stored}) == SOLVES
    first = SolveResult.load(outs[0])
    for _ in range(MORE_RUNS):
        store.add(record(first, "many"))
    assert len(store.list_runs()) == SOLVES + MORE_RUNS
    for r in stored:
        full = store.get(r.id or 0)
        assert full is not None and SolveResult.model_validate_json(full.result).kpis == first.kpis
    store.close()
    with sqlite3.connect(store_file) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
