"""Solving in a background process, so the page never freezes and a crash cannot take the app down.

`start(request)` spawns a fresh Python process (multiprocessing, "spawn": nothing of the server is
inherited) that calls `optimiser.solve.solve` and sends its progress events, then the result as JSON,
through a multiprocessing Queue. The page calls `poll(job)` every half second to drain the queue;
`cancel(job)` terminates the process. A process that ends without sending a result — killed, out of
memory, crashed in native code — is reported as "crashed" with its exit code.

This module imports no Streamlit, so the child process starts quickly.
"""

from __future__ import annotations

import multiprocessing
import queue as queue_module
import sys
import time
import types
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from typing import Literal

from optimiser.domain import Instance, Parameters
from optimiser.problems import Lang
from optimiser.results import SolveResult
from optimiser.solve import MAX_STAGES, Progress, solve

JobStatus = Literal["running", "done", "failed", "cancelled", "crashed"]
Message = tuple[str, object]


@dataclass(frozen=True)
class SolveRequest:
    """Everything a solve needs, as plain data that crosses a process boundary."""

    label: str
    instance_json: str
    params_json: str
    structure: dict[str, str] | None = None
    warm_start_json: str | None = None
    lang: Lang = "da"

    @classmethod
    def of(
        cls,
        label: str,
        instance: Instance,
        params: Parameters | None = None,
        structure: dict[str, str] | None = None,
        warm_start: SolveResult | None = None,
        lang: Lang = "da",
    ) -> SolveRequest:
        return cls(
            label=label,
            instance_json=instance.model_dump_json(),
            params_json=(params or instance.parameters).model_dump_json(),
            structure=structure,
            warm_start_json=warm_start.model_dump_json() if warm_start else None,
            lang=lang,
        )


def _work(request: SolveRequest, out: Queue[Message]) -> None:
    """The child process: solve, report every improving solution, then the result (or the error)."""
    try:
        instance = Instance.model_validate_json(request.instance_json)
        params = Parameters.model_validate_json(request.params_json)
        warm = SolveResult.model_validate_json(request.warm_start_json) if request.warm_start_json else None
        result = solve(
            instance,
            params,
            structure=request.structure,
            warm_start=warm,
            progress=lambda event: out.put(("progress", event)),
            lang=request.lang,
        )
        out.put(("done", result.model_dump_json()))
    except Exception as err:  # reported to the page; the process then ends normally
        out.put(("error", f"{type(err).__name__}: {err}"))


@dataclass(frozen=True)
class StageProgress:
    """The current stage as far as the solver has reported it: the best objective and bound over the parts
    that have reported (the largest for the equity stage, the sum for the others), in business units."""

    stage: str
    parts_reported: int
    parts: int
    objective: float
    bound: float


@dataclass
class Job:
    request: SolveRequest
    process: BaseProcess
    queue: Queue[Message]
    started: float = field(default_factory=time.monotonic)
    status: JobStatus = "running"
    stage: str | None = None
    latest: dict[int, Progress] = field(default_factory=dict)  # the current stage's last event per part
    events: int = 0
    result: SolveResult | None = None
    error: str | None = None
    exitcode: int | None = None
    finished: float | None = None

    @property
    def elapsed(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    def progress(self) -> StageProgress | None:
        if self.stage is None or not self.latest:
            return None
        events = list(self.latest.values())
        pick = max if self.stage in MAX_STAGES else sum
        return StageProgress(
            stage=self.stage,
            parts_reported=len(events),
            parts=events[0].parts,
            objective=float(pick(e.objective for e in events)),
            bound=float(pick(e.bound for e in events)),
        )


@contextmanager
def _bare_main() -> Iterator[None]:
    """Spawn without the parent's `__main__`: a spawned child re-runs the main script unless it is hidden,
    and under Streamlit (or its AppTest) that script is a page, which must not run again in the solver."""
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = saved


def start(request: SolveRequest) -> Job:
    """Spawn the solver process and return its job."""
    context = multiprocessing.get_context("spawn")
    out: Queue[Message] = context.Queue()
    process = context.Process(target=_work, args=(request, out), name="bydelsteam-solve", daemon=True)
    with _bare_main():
        process.start()
    return Job(request=request, process=process, queue=out)


def _receive(job: Job, message: Message) -> None:
    kind, payload = message
    if kind == "progress" and isinstance(payload, Progress):
        if payload.stage != job.stage:
            job.stage, job.latest = payload.stage, {}
        job.latest[payload.part] = payload
        job.events += 1
    elif kind == "done" and isinstance(payload, str):
        job.result = SolveResult.model_validate_json(payload)
        job.status = "done"
    elif kind == "error":
        job.error = str(payload)
        job.status = "failed"


def _drain(job: Job) -> None:
    while True:
        try:
            message = job.queue.get_nowait()
        except queue_module.Empty:
            return
        except (EOFError, OSError, ValueError):  # the queue's pipe broke: the process is gone
            return
        _receive(job, message)


def poll(job: Job) -> Job:
    """Take in what the process has sent; notice when it has ended, however it ended."""
    if job.status != "running":
        return job
    _drain(job)
    if job.status == "running" and not job.process.is_alive():
        _drain(job)  # a last message may have arrived between the two looks
        if job.status == "running":
            job.status = "crashed"
    if job.status != "running":
        _finish(job)
    return job


def cancel(job: Job) -> Job:
    """Stop the solve: terminate the process (and kill it if it does not stop at once)."""
    if job.status == "running":
        job.process.terminate()
        job.process.join(timeout=2)
        if job.process.is_alive():
            job.process.kill()
        job.status = "cancelled"
        _finish(job)
    return job


def _finish(job: Job) -> None:
    job.process.join(timeout=1)
    job.exitcode = job.process.exitcode
    job.finished = job.finished or time.monotonic()
    job.queue.close()
