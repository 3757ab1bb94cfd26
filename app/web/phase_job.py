"""The Overgang page's transition plan, in a background process (the runner's pattern, `app.web.runner`).

`start(request)` spawns a fresh process (`app.web.spawn`: nothing of the server inherited, the server holds
only the read end of a one-way pipe) that plans the path with `scenarios.phase.plan_phase`, records every
step in the run store like any run, and sends how far it has come, then the plan as JSON with the runs'
numbers. The page polls every second (`poll`); `cancel` terminates the process, whatever solve it is in. A
process that ends without a plan is reported as "crashed" with its exit code.

Few messages are sent (one per solve of the path), so the child writes them itself. No Streamlit here.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Literal

from app.web.spawn import spawn
from optimiser.problems import Lang
from optimiser.transition import PhasePlan
from scenarios.errors import ScenarioError, format_scenario_problems
from scenarios.schema import Scenario
from scenarios.service import Book

JobStatus = Literal["running", "done", "failed", "cancelled", "crashed"]


@dataclass(frozen=True)
class PhaseRequest:
    """What the child plans: the book (bytes and instance) and the scenario with steps, pickled across."""

    book: Book
    scenario: Scenario
    lang: Lang = "da"
    store: bool = True  # record every step in the run store (`RunStore()`, the app's own)


@dataclass(frozen=True)
class Planned:
    """The child's answer: the plan, the runs it stored, and why it stored none (a store that failed)."""

    plan: PhasePlan
    run_ids: tuple[int, ...]
    store_error: str | None


def _work(request: PhaseRequest, conn: Connection) -> None:
    """The child process: plan, telling the server after every solve of the path; then the plan or the error."""
    from scenarios.phase import plan_phase
    from scenarios.store import RunStore

    def send(kind: str, payload: object) -> None:
        with contextlib.suppress(OSError):  # the server has gone: nobody to tell
            conn.send((kind, payload))

    try:
        store: RunStore | None = None
        if request.store:
            try:
                store = RunStore()
            except Exception as err:  # a store that cannot be reached must not stop the plan
                send("store_error", f"{type(err).__name__}: {err}")
        try:
            outcome = plan_phase(
                request.book,
                request.scenario,
                store=store,
                lang=request.lang,
                progress=lambda done, total: send("progress", (done, total)),
            )
        finally:
            if store is not None:
                store.close()
        error = None if outcome.store_error is None else str(outcome.store_error)
        send("done", (outcome.plan.model_dump_json(), outcome.run_ids, error))
    except ScenarioError as err:
        send("error", format_scenario_problems(err.problems, request.lang))
    except Exception as err:  # reported to the page, never as a traceback
        send("error", f"{type(err).__name__}: {err}")
    finally:
        conn.close()


@dataclass
class PhaseJob:
    request: PhaseRequest
    process: BaseProcess
    conn: Connection  # the read end
    started: float = field(default_factory=time.monotonic)
    status: JobStatus = "running"
    done: int = 0  # solves of the path finished (the one-step plan, each step, the comparison) ...
    total: int = 0  # ... of this many
    planned: Planned | None = None
    error: str | None = None
    store_error: str | None = None
    exitcode: int | None = None
    finished: float | None = None

    @property
    def elapsed(self) -> float:
        return (self.finished or time.monotonic()) - self.started


def start(request: PhaseRequest) -> PhaseJob:
    """Spawn the planning process and return its job."""
    process, reader = spawn(_work, (request,), "bydelsteam-phase")
    return PhaseJob(request=request, process=process, conn=reader, total=len(request.scenario.spec.steps) + 2)


def _receive(job: PhaseJob, kind: str, payload: object) -> None:
    if kind == "progress" and isinstance(payload, tuple):
        job.done, job.total = int(payload[0]), int(payload[1])
    elif kind == "done" and isinstance(payload, tuple):
        plan, ids, error = payload
        job.planned = Planned(PhasePlan.model_validate_json(plan), tuple(ids), error or job.store_error)
        job.status = "done"
    elif kind == "store_error":
        job.store_error = str(payload)
    elif kind == "error":
        job.error = str(payload)
        job.status = "failed"


def poll(job: PhaseJob) -> PhaseJob:
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


def _drain(job: PhaseJob) -> None:
    while True:
        try:
            if not job.conn.poll():
                return
            kind, payload = job.conn.recv()
        except (EOFError, OSError):  # the child has gone (or the pipe is closed): nothing more will come
            return
        _receive(job, kind, payload)


def cancel(job: PhaseJob) -> PhaseJob:
    """Stop planning: terminate the process (and kill it if it does not stop at once). Steps already
    recorded stay in the run store."""
    if job.status == "running":
        job.process.terminate()
        job.process.join(timeout=2)
        if job.process.is_alive():
            job.process.kill()
        job.status = "cancelled"
        _finish(job)
    return job


def _finish(job: PhaseJob) -> None:
    job.process.join(timeout=1)
    job.exitcode = job.process.exitcode
    job.finished = job.finished or time.monotonic()
    job.conn.close()
