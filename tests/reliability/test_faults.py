"""Faults: a solve that hits its time limit returns its best plan with status and gap; a solve killed mid-way
leaves the run store consistent with every earlier run intact. (A crashed solver under the app:
tests/app/test_pages.py::test_a_crashed_solver_is_reported_and_the_app_lives_on.)"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rulecase import base
from samplepaths import SAMPLE_BOOK

from optimiser.check import verify
from optimiser.io import load_instance, write_book
from optimiser.solve import solve
from scenarios.store import RunStore


def test_a_time_limit_returns_the_best_plan_with_its_gap() -> None:
    """Free movement between areas is hard (docs/benchmarks.md): in 4 s nothing is proven."""
    instance = load_instance(SAMPLE_BOOK)
    params = instance.parameters.model_copy(update={"area_boundary": False, "time_limit_s": 4.0})
    result = solve(instance, params)
    assert result.status == "timeout"
    assert result.kpis is not None and result.gap is not None and result.gap > 0
    assert any(s.status == "timeout" for s in result.stages)
    assert verify(instance, result, params) == []


def cli(*args: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "optimiser.cli", *args], env=env, stdout=subprocess.DEVNULL)


def test_a_killed_solve_leaves_the_store_consistent(tmp_path: Path) -> None:
    store_file = tmp_path / "runs.sqlite"
    env = {**os.environ, "BYDELSTEAM_DB_URL": str(store_file)}
    town = tmp_path / "town.xlsx"
    write_book(base(), town)
    assert cli("solve", str(town), "--out", str(tmp_path / "first.json"), env=env).wait(timeout=120) == 0
    slow = tmp_path / "slow.yaml"
    slow.write_text("policy: {area_boundary: false}\n", encoding="utf-8")
    victim = cli(
        "solve",
        str(SAMPLE_BOOK),
        "--out",
        str(tmp_path / "r.json"),
        "--scenario",
        str(slow),
        "--time-limit",
        "60",
        env=env,
    )
    time.sleep(6)  # well into the solve
    assert victim.poll() is None, "the solve ended before it could be killed"
    victim.send_signal(signal.SIGKILL)
    assert victim.wait(timeout=30) == -signal.SIGKILL
    store = RunStore(str(store_file))
    runs = store.list_runs()
    assert [r.book_name for r in runs] == ["town.xlsx"]  # the earlier run, and no half record
    assert store.get(runs[0].id or 0) is not None
    store.close()
    with sqlite3.connect(store_file) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert not (tmp_path / "r.json").exists()


@pytest.mark.parametrize("signal_number", [signal.SIGTERM])
def test_a_terminated_store_writer_loses_nothing_written(tmp_path: Path, signal_number: int) -> None:
    """Runs already committed survive a writer that is stopped mid-stream."""
    store_file = tmp_path / "runs.sqlite"
    code = (
        "import sys; sys.path[:0] = ['tests/helpers']\n"
        "from storewriter import write_many\n"
        f"write_many({str(store_file)!r}, 'w', 100000)\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if store_file.exists() and len(RunStore(str(store_file)).list_runs(5)) >= 5:
            break
        time.sleep(0.2)
    writer.send_signal(signal_number)
    writer.wait(timeout=30)
    store = RunStore(str(store_file))
    names = [r.scenario_name for r in store.list_runs()]
    assert len(names) >= 5
    assert sorted(names, key=lambda n: int((n or "w-0").split("-")[1])) == [f"w-{n}" for n in range(len(names))]
    store.close()
