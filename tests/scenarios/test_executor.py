"""The one executor: results in task order whatever happens to a task; failures reported, never dropped."""

from __future__ import annotations

import threading

import pytest
from executortasks import allocate_mb, sleep_then_square, square, square_or_fail

from scenarios.executor import Progress, RayMissing, TaskOutcome, import_ray, ray_address, run_all


def values(outcomes: list[TaskOutcome[int]]) -> list[int | None]:
    return [o.value for o in outcomes]


def test_results_in_task_order_with_progress() -> None:
    seen: list[Progress] = []
    outcomes = run_all(list(range(7)), square, workers=2, progress=seen.append)
    assert values(outcomes) == [0, 1, 4, 9, 16, 25, 36]
    assert [o.index for o in outcomes] == list(range(7))
    assert seen[0].done == 0 and seen[0].remaining_s is None
    assert (seen[-1].done, seen[-1].failed, seen[-1].total) == (7, 0, 7)


def test_a_failed_task_and_a_killed_worker_are_reported_and_the_rest_complete() -> None:
    seen: list[Progress] = []
    outcomes = run_all(list(range(8)), square_or_fail, workers=2, progress=seen.append)
    assert values(outcomes) == [0, 1, 4, None, 16, None, 36, 49]
    assert outcomes[3].failure == "failed" and outcomes[3].detail == "ValueError: three is bad"
    assert outcomes[5].failure == "worker_lost" and outcomes[5].detail == "exit code -9"
    assert (seen[-1].done, seen[-1].failed) == (8, 2)


def test_a_hung_task_times_out_and_its_worker_is_replaced() -> None:
    outcomes = run_all(list(range(4)), sleep_then_square, workers=1, timeout_s=1.0)
    assert values(outcomes) == [0, 1, None, 9]
    assert outcomes[2].failure == "timeout"


def test_memory_per_worker_is_bounded() -> None:
    outcomes = run_all([10, 2000], allocate_mb, workers=1, memory_mb=1000)
    assert outcomes[0].value == 10
    assert outcomes[1].failure == "failed" and outcomes[1].detail.startswith("MemoryError")


def test_workers_are_recycled_and_results_unchanged() -> None:
    assert values(run_all(list(range(5)), square, workers=2, tasks_per_worker=1)) == [0, 1, 4, 9, 16]


def test_cancel_reports_the_tasks_not_run() -> None:
    cancel = threading.Event()

    def stop_after_two(p: Progress) -> None:
        if p.done >= 2:
            cancel.set()

    outcomes = run_all(list(range(20)), square, workers=1, progress=stop_after_two, cancel=cancel)
    assert len(outcomes) == 20
    assert [o.value for o in outcomes[:2]] == [0, 1]
    assert outcomes[-1].failure == "cancelled"


def test_ray_address_from_option_or_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BYDELSTEAM_RAY_ADDRESS", raising=False)
    assert ray_address(None) is None
    monkeypatch.setenv("BYDELSTEAM_RAY_ADDRESS", "10.0.0.5:6379")
    assert ray_address(None) == "10.0.0.5:6379"
    assert ray_address("auto") == "auto"


def test_ray_absent_is_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "ray", None)  # what `import ray` sees when it is not installed
    with pytest.raises(RayMissing, match=r"pip install 'bydelsteam\[ray\]'"):
        import_ray()
