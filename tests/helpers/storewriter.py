"""Run records for the store tests, and a writer that a spawned process can import (test modules cannot be)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import instances

from optimiser.results import SolveResult
from scenarios.store import RunRecord, RunStore


def record(result: SolveResult, name: str = "as_is") -> RunRecord:
    """A run of the rule tests' town under scenario `name`."""
    now = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    return RunRecord(
        started_at=now,
        finished_at=now,
        command="test",
        inputs_hash="a" * 64,
        book_name="town.xlsx",
        book_sha256="b" * 64,
        scenario_name=name,
        scenario_text="policy: {max_moves: 1}\n",
        structure=None,
        parameters=result.parameters,
        solver=result.solver,
        versions={"bydelsteam": "test"},
        status=result.status,
        kpis=result.kpis.model_dump(mode="json") if result.kpis else None,
        result=result.model_dump_json(),
    )


def write_many(url: str, tag: str, count: int) -> None:
    """Add `count` runs named tag-0 .. tag-(count-1), each in its own transaction."""
    from optimiser.solve import solve  # here, not above: the store tests' spawned openers need no OR-Tools

    store = RunStore(url)
    run = solve(instances.town())
    for n in range(count):
        store.add(record(run, f"{tag}-{n}"))
    store.close()


def solve_at_once(book: Path, outs: list[Path], store_file: Path) -> list[int]:
    """`bydelsteam solve book` once per output file, all at the same time in separate processes, recording
    into the SQLite store `store_file`; their exit codes. Deterministic time limits: eight solves on a loaded
    2-core machine must still prove their plans (a wall-clock limit made one time out at load average 22)."""
    env = {**os.environ, "BYDELSTEAM_DB_URL": str(store_file)}
    command = [sys.executable, "-m", "app.cli.main", "solve", str(book), "--workers", "1", "--deterministic", "--out"]
    processes = [subprocess.Popen([*command, str(out)], env=env, stdout=subprocess.DEVNULL) for out in outs]
    return [p.wait(timeout=600) for p in processes]


def open_store(url: str) -> None:
    """Open (creating and migrating on first use) and close a store: what every solve does first."""
    RunStore(url).close()


@dataclass(frozen=True)
class Killed:
    """What a solve killed mid-way left behind."""

    alive_when_killed: bool
    exitcode: int
    book_names: list[str]  # of the runs in the store afterwards, newest first
    integrity: str  # SQLite's integrity check of the store file
    result_written: bool


def kill_mid_solve(folder: Path, book: Path, after_s: float = 6.0) -> Killed:
    """Store one quick run (the rule tests' town), then start a slow solve of `book` (areas open, 60 s) into the
    same SQLite store and kill it (SIGKILL) after `after_s` seconds."""
    from optimiser.io import write_book  # here, not above: as `solve` in `write_many`

    store_file = folder / "runs.sqlite"
    env = {**os.environ, "BYDELSTEAM_DB_URL": str(store_file)}
    cli = [sys.executable, "-m", "app.cli.main", "solve"]
    town = folder / "town.xlsx"
    write_book(instances.town(), town)
    subprocess.run(
        [*cli, str(town), "--out", str(folder / "first.json")], env=env, check=True, stdout=subprocess.DEVNULL
    )
    slow = folder / "slow.yaml"
    slow.write_text("policy: {area_boundary: false}\n", encoding="utf-8")
    out = folder / "killed.json"
    victim = subprocess.Popen(
        [*cli, str(book), "--out", str(out), "--scenario", str(slow), "--time-limit", "60"],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    time.sleep(after_s)
    alive = victim.poll() is None
    victim.send_signal(signal.SIGKILL)
    exitcode = victim.wait(timeout=30)
    store = RunStore(str(store_file))
    names = [r.book_name for r in store.list_runs()]
    store.close()
    with sqlite3.connect(store_file) as connection:
        integrity = str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    return Killed(alive, exitcode, names, integrity, out.exists())
