"""Faults: a solve that hits its time limit returns its best plan with status and gap; a solve killed mid-way
leaves the run store consistent with every earlier run intact. (A crashed solver under the app:
tests/web/test_pages.py::test_a_crashed_solver_is_reported_and_the_app_lives_on.)"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from samplepaths import SAMPLE_BOOK
from storewriter import kill_mid_solve

from optimiser.check import verify
from optimiser.io import load_instance
from optimiser.settings import SolverSettings
from optimiser.solve import solve
from scenarios.store import RunStore

# A solve killed in its own process, a store writer stopped, a 4 s time limit: `make reliability`, not `make test`.
pytestmark = pytest.mark.slow


def test_a_time_limit_returns_the_best_plan_with_its_gap() -> None:
    """Free movement between areas is hard (docs/benchmarks.md): in 4 s nothing is proven."""
    instance = load_instance(SAMPLE_BOOK)
    params = instance.parameters.model_copy(update={"area_boundary": False})
    result = solve(instance, params, settings=SolverSettings(time_limit_s=4.0))
    assert result.status == "timeout"
    assert result.kpis is not None and result.gap is not None and result.gap > 0
    assert any(s.status == "timeout" for s in result.stages)
    assert verify(instance, result, params) == []


def test_a_killed_solve_leaves_the_store_consistent(tmp_path: Path) -> None:
    killed = kill_mid_solve(tmp_path, SAMPLE_BOOK)
    assert killed.alive_when_killed, "the solve ended before it could be killed"
    assert killed.exitcode == -signal.SIGKILL
    assert killed.book_names == ["town.xlsx"]  # the earlier run, and no half record
    assert killed.integrity == "ok"
    assert not killed.result_written


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
