"""One executor for independent solves (sweep samples, the scenarios of a comparison): `run_all(tasks, fn)`.

`fn(task)` is run for every task and the results come back in task order, each as a `TaskOutcome` with its
value or the reason it has none (failed, timed out, worker stopped, cancelled): a sample is never dropped.

* Local (default): a process pool of our own, one worker per core. Each worker holds one task at a time, so
  when a worker dies (killed, out of memory) the parent knows which task it held, reports that task and
  starts a new worker; the sweep goes on. A task running past `timeout_s` has its worker killed.
* Ray: `ray="auto"` joins a running cluster, `ray="ADDRESS"` a given one (`BYDELSTEAM_RAY_ADDRESS` when
  `ray` is None), `ray="local"` starts one on this machine; a Ray already initialised in this process (a test's
  `ray.init`) is used as it is. Ray is an optional extra (`pip install bydelsteam[ray]`).

Memory per worker is bounded twice: each local worker runs under an address-space limit (`memory_mb`,
RLIMIT_AS: a task that needs more fails with MemoryError and is reported) and is replaced after
`tasks_per_worker` tasks, so memory a solver keeps cannot grow over a long sweep; Ray workers are replaced
after the same number of calls (`max_calls`) and each task asks the scheduler for `memory_mb`.

`fn` and the tasks must pickle: `fn` is sent once to every worker, each task once. Results do not depend on
the executor as long as `fn(task)` does not (the sweep seeds every sample from its own index).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from threading import Event
from typing import Any, Generic, Literal, TypeVar

from optimiser.i18n import N_, text
from optimiser.problems import Lang

T = TypeVar("T")
R = TypeVar("R")

RAY_ENV = "BYDELSTEAM_RAY_ADDRESS"
DEFAULT_MEMORY_MB = 4096  # per worker; a ×1 sample peaks at about 230 MiB resident (docs/benchmarks-robust.md)
DEFAULT_TASKS_PER_WORKER = 50
POLL_S = 0.2  # how often the parent looks at the clock, the cancel flag and progress

Failure = Literal["failed", "timeout", "worker_lost", "cancelled"]


@dataclass(frozen=True)
class TaskOutcome(Generic[R]):
    """One task's result: `value`, or `failure` (why) and `detail` (the error's text)."""

    index: int
    value: R | None
    failure: Failure | None = None
    detail: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.failure is None


@dataclass(frozen=True)
class Progress:
    """Tasks done (with or without a result), of which failed, the total, seconds so far and left (estimate)."""

    done: int
    failed: int
    total: int
    elapsed_s: float
    remaining_s: float | None


ProgressCallback = Callable[[Progress], None]


RAY_MISSING = N_("Ray is not installed: {hint}.")


class RayMissing(RuntimeError):
    """Ray was asked for but is not installed; `words(lang)` says so with how to install it."""

    hint = "pip install 'bydelsteam[ray]'"

    def __init__(self) -> None:
        super().__init__(text(RAY_MISSING, "en", hint=self.hint))

    def words(self, lang: Lang) -> str:
        return text(RAY_MISSING, lang, hint=self.hint)


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def ray_address(ray: str | None) -> str | None:
    """The Ray cluster asked for: the option, else the environment variable; None: the local pool."""
    return ray or os.environ.get(RAY_ENV) or None


def run_all(
    tasks: Sequence[T],
    fn: Callable[[T], R],
    *,
    ray: str | None = None,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    cancel: Event | None = None,
    timeout_s: float | None = None,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    tasks_per_worker: int = DEFAULT_TASKS_PER_WORKER,
) -> list[TaskOutcome[R]]:
    """`fn` over `tasks` on the local pool or on Ray (`ray`, see the module docstring); results in task order."""
    tracker = _Tracker(len(tasks), progress)
    address = ray_address(ray)
    if address is not None:
        return _run_ray(tasks, fn, address, workers, tracker, cancel, timeout_s, memory_mb, tasks_per_worker)
    return _Pool(fn, workers or default_workers(), memory_mb, tasks_per_worker).run(tasks, tracker, cancel, timeout_s)


class _Tracker:
    """Counts outcomes as they come and tells the progress callback."""

    def __init__(self, total: int, callback: ProgressCallback | None) -> None:
        self.total, self.callback = total, callback
        self.start = time.monotonic()
        self.outcomes: dict[int, TaskOutcome[Any]] = {}
        self.report()

    def add(self, outcome: TaskOutcome[Any]) -> None:
        self.outcomes[outcome.index] = outcome
        self.report()

    def report(self) -> None:
        if self.callback is None:
            return
        done = len(self.outcomes)
        elapsed = time.monotonic() - self.start
        remaining = elapsed / done * (self.total - done) if done else None
        failed = sum(1 for o in self.outcomes.values() if not o.ok)
        self.callback(Progress(done, failed, self.total, elapsed, remaining))

    def finish(self, pending: Sequence[int]) -> list[TaskOutcome[Any]]:
        """The outcomes in task order; tasks never run (cancelled) get their own outcome."""
        for index in pending:
            if index not in self.outcomes:
                self.outcomes[index] = TaskOutcome(index, None, "cancelled")
        return [self.outcomes[i] for i in range(self.total)]


# ---------------------------------------------------------------------------------------------------------
# The local pool
# ---------------------------------------------------------------------------------------------------------


def _worker(conn: Connection, fn: Callable[[Any], Any], memory_mb: int | None) -> None:
    """A worker: take (index, task), send back (index, ok, value or error text), until told to stop (None)."""
    if memory_mb is not None and sys.platform.startswith("linux"):
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        message = conn.recv()
        if message is None:
            return
        index, task = message
        conn.send(("start", index))  # the task's clock starts now, not while the worker was starting up
        try:
            reply = (index, True, fn(task))
        except BaseException as err:  # any error of one task is that task's outcome, the worker goes on
            reply = (index, False, f"{type(err).__name__}: {err}")
        try:
            conn.send(("done", *reply))
        except Exception as err:  # a value that does not pickle
            conn.send(("done", index, False, f"{type(err).__name__}: {err}"))


@dataclass
class _Slot:
    process: BaseProcess
    conn: Connection
    index: int | None = None
    started: float | None = None  # when the worker said it began the task
    served: int = 0


class _Pool:
    def __init__(self, fn: Callable[[Any], Any], workers: int, memory_mb: int | None, tasks_per_worker: int) -> None:
        # forkserver: a clean process to copy workers from (no threads of the app or the solver inherited).
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        self.context: Any = multiprocessing.get_context(method)
        self.fn, self.workers, self.memory_mb = fn, workers, memory_mb
        self.tasks_per_worker = max(1, tasks_per_worker)

    def _start(self) -> _Slot:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(child, self.fn, self.memory_mb), daemon=True)
        process.start()
        child.close()
        return _Slot(process, parent)

    @staticmethod
    def _stop(slot: _Slot, kill: bool = False) -> None:
        if kill:
            slot.process.kill()
        else:
            try:
                slot.conn.send(None)
            except OSError:
                slot.process.kill()
        slot.process.join(5)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join()
        slot.conn.close()

    def run(
        self, tasks: Sequence[Any], tracker: _Tracker, cancel: Event | None, timeout_s: float | None
    ) -> list[TaskOutcome[Any]]:
        queue = list(range(len(tasks)))[::-1]  # popped from the end: task order
        slots = [self._start() for _ in range(min(self.workers, len(tasks)))]
        try:
            while queue or any(s.index is not None for s in slots):
                if cancel is not None and cancel.is_set():
                    break
                for n, slot in enumerate(slots):
                    if slot.index is None and queue:
                        if slot.served >= self.tasks_per_worker:  # a fresh worker: bounded memory
                            self._stop(slot)
                            slot = slots[n] = self._start()
                        slot.index, slot.started = queue.pop(), None
                        try:
                            slot.conn.send((slot.index, tasks[slot.index]))
                        except OSError:  # the worker died while idle: a fresh one takes the task
                            index = slot.index
                            self._stop(slot, kill=True)
                            slot = slots[n] = self._start()
                            slot.index = index
                            slot.conn.send((index, tasks[index]))
                busy = [s for s in slots if s.index is not None]
                wait([s.conn for s in busy] + [s.process.sentinel for s in busy], POLL_S)
                for n, slot in enumerate(slots):
                    if slot.index is not None:
                        slots[n] = self._collect(slot, tracker, timeout_s)
                tracker.report()
        finally:
            pending = [i for i in queue] + [s.index for s in slots if s.index is not None]
            for slot in slots:
                self._stop(slot, kill=slot.index is not None)
        return tracker.finish(pending)

    def _collect(self, slot: _Slot, tracker: _Tracker, timeout_s: float | None) -> _Slot:
        """The busy slot's answer if it has one, else its failure if its worker died or ran out of time."""
        assert slot.index is not None
        held = slot.index
        try:
            while slot.conn.poll():
                message = slot.conn.recv()
                if message[0] == "start":
                    slot.started = time.monotonic()
                    continue
                _, index, ok, value = message
                seconds = time.monotonic() - (slot.started or time.monotonic())
                outcome = (
                    TaskOutcome(index, value, None, "", seconds)
                    if ok
                    else TaskOutcome(index, None, "failed", value, seconds)
                )
                tracker.add(outcome)
                slot.index, slot.started, slot.served = None, None, slot.served + 1
                return slot
        except (EOFError, OSError):
            pass  # the worker died while answering: handled below
        seconds = 0.0 if slot.started is None else time.monotonic() - slot.started
        if not slot.process.is_alive():
            code = slot.process.exitcode
            tracker.add(TaskOutcome(held, None, "worker_lost", f"exit code {code}", seconds))
        elif timeout_s is not None and slot.started is not None and seconds > timeout_s:
            tracker.add(TaskOutcome(held, None, "timeout", f"{timeout_s:g} s", seconds))
        else:
            return slot
        slot.index = None
        self._stop(slot, kill=True)
        return self._start()


# ---------------------------------------------------------------------------------------------------------
# Ray
# ---------------------------------------------------------------------------------------------------------


def _call(fn: Callable[[Any], Any], task: Any) -> tuple[bool, Any, float]:
    """One task on a Ray worker: (ok, value or error text, seconds)."""
    start = time.monotonic()
    try:
        return True, fn(task), time.monotonic() - start
    except Exception as err:
        return False, f"{type(err).__name__}: {err}", time.monotonic() - start


def import_ray() -> Any:
    """The `ray` module, or RayMissing with how to install it."""
    try:
        import ray
    except ImportError:
        raise RayMissing() from None
    return ray


def _run_ray(
    tasks: Sequence[Any],
    fn: Callable[[Any], Any],
    address: str,
    workers: int | None,
    tracker: _Tracker,
    cancel: Event | None,
    timeout_s: float | None,
    memory_mb: int | None,
    tasks_per_worker: int,
) -> list[TaskOutcome[Any]]:
    ray = import_ray()
    if not ray.is_initialized():
        ray.init(address=None if address == "local" else address, num_cpus=workers if address == "local" else None)
    options: dict[str, Any] = {"num_cpus": 1, "max_retries": 0, "max_calls": max(1, tasks_per_worker)}
    if memory_mb is not None:
        options["memory"] = memory_mb * 1024 * 1024
    remote = ray.remote(**options)(_call)
    fn_ref = ray.put(fn)
    # As many in flight as the cluster has cores (or `workers`): a task's clock starts when it is sent.
    width = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    queue = list(range(len(tasks)))[::-1]
    running: dict[Any, tuple[int, float]] = {}
    try:
        while queue or running:
            if cancel is not None and cancel.is_set():
                break
            while queue and len(running) < width:
                index = queue.pop()
                running[remote.remote(fn_ref, tasks[index])] = (index, time.monotonic())
            ready, _ = ray.wait(list(running), num_returns=1, timeout=POLL_S)
            for ref in ready:
                index, started = running.pop(ref)
                tracker.add(_ray_outcome(ray, ref, index, time.monotonic() - started))
            now = time.monotonic()
            for ref, (index, started) in list(running.items()):
                if timeout_s is not None and now - started > timeout_s:
                    ray.cancel(ref, force=True)
                    del running[ref]
                    tracker.add(TaskOutcome(index, None, "timeout", f"{timeout_s:g} s", now - started))
            tracker.report()
    finally:
        for ref in running:
            ray.cancel(ref, force=True)
    return tracker.finish(queue + [i for i, _ in running.values()])


def _ray_outcome(ray: Any, ref: Any, index: int, seconds: float) -> TaskOutcome[Any]:
    try:
        ok, value, _ = ray.get(ref)
    except ray.exceptions.RayError as err:  # the worker died (killed, out of memory) or the task was lost
        return TaskOutcome(index, None, "worker_lost", type(err).__name__, seconds)
    return TaskOutcome(index, value, None, "", seconds) if ok else TaskOutcome(index, None, "failed", value, seconds)
