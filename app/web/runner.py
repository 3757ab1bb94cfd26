"""Solving in a background process, so the page never freezes and a crash cannot take the app down.

`start(request)` spawns a fresh Python process (multiprocessing, "spawn": nothing of the server is
inherited) that solves the prepared run with the run service's own solve step (`scenarios.engine.solve_applied`,
the one the command line uses) and sends its progress events, then the result as JSON, through a one-way
pipe. The page calls `poll(job)` every half second to read what has arrived;
`cancel(job)` terminates the process. A process that ends without sending a result — killed, out of
memory, crashed in native code — is reported as "crashed" with its exit code.

The server holds only the pipe's read end (`app.web.spawn`), so a child killed in the middle of a message gives an
end of file rather than a read that waits for ever (a multiprocessing Queue keeps both ends in the parent: a
half-written message froze the page's session). In the child a sender thread writes, so the solver never
waits for a page that is not being looked at.

This module imports no Streamlit, so the child process starts quickly.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Literal, TypeVar

from app.web.spawn import spawn
from optimiser.comparison import Frontier, FrontierPoint
from optimiser.problems import Lang
from optimiser.results import SolveResult
from optimiser.solve import MAX_STAGES, Progress
from scenarios.apply import Applied
from scenarios.engine import solve_applied
from scenarios.service import RunInputs, run_curve

JobStatus = Literal["running", "done", "failed", "cancelled", "crashed"]
Message = tuple[str, object]


@dataclass(frozen=True)
class SolveRequest:
    """What the child solves: a run prepared by the run service (`scenarios.service.prepare`), pickled across."""

    label: str
    applied: Applied
    warm_start: SolveResult | None = None
    lang: Lang = "da"


PROGRESS_EVERY_S = 0.5  # at most two progress messages a second: a minute's solve stays within one pipe buffer


class _Sender:
    """The child's side of the pipe: messages are queued in memory and written by a thread."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._last_progress = -PROGRESS_EVERY_S
        self._outbox: queue.SimpleQueue[Message | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._write, name="bydelsteam-sender")
        self._thread.start()

    def put(self, message: Message) -> None:
        if message[0] == "progress":
            # The equity rounds report many solutions a second; a page needs a few. Sending every one
            # filled the pipe while a page in a background tab was not reading, and the solver then waited.
            now = time.monotonic()
            if now - self._last_progress < PROGRESS_EVERY_S:
                return
            self._last_progress = now
        self._outbox.put(message)

    def close(self) -> None:
        """Send what is queued (waiting for the server to read it), then close the pipe."""
        self._outbox.put(None)
        self._thread.join()
        self._conn.close()

    def _write(self) -> None:
        while (message := self._outbox.get()) is not None:
            try:
                self._conn.send(message)
            except OSError:  # the server has gone: nobody to tell
                return


def _work(request: SolveRequest, conn: Connection) -> None:
    """The child process: solve, report every improving solution, then the result (or the error)."""
    out = _Sender(conn)
    try:
        result = solve_applied(
            request.applied,
            warm_start=request.warm_start,
            progress=lambda event: out.put(("progress", event)),
            lang=request.lang,
        )
        out.put(("done", result.model_dump_json()))
    except Exception as err:  # reported to the page; the process then ends normally
        out.put(("error", f"{type(err).__name__}: {err}"))
    finally:
        out.close()


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
    conn: Connection  # the read end
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


@dataclass
class CurveJob:
    """The trade-off curve solving in its own process (each point a solve): the points so far, then the curve."""

    total: int
    process: BaseProcess
    conn: Connection
    name: str
    started: float = field(default_factory=time.monotonic)
    status: JobStatus = "running"
    points: list[FrontierPoint] = field(default_factory=list)
    frontier: Frontier | None = None
    error: str | None = None
    exitcode: int | None = None
    finished: float | None = None

    @property
    def elapsed(self) -> float:
        return (self.finished or time.monotonic()) - self.started


def _curve(inputs: RunInputs, tolerances: tuple[float, ...], applied: Applied, name: str, conn: Connection) -> None:
    """The child process of a curve: every point as it is solved, then the curve (or the error)."""
    out = _Sender(conn)
    try:
        frontier = run_curve(inputs, tolerances, applied=applied, name=name, on_point=lambda p: out.put(("point", p)))
        out.put(("curve", frontier))
    except Exception as err:  # reported to the page
        out.put(("error", f"{type(err).__name__}: {err}"))
    finally:
        out.close()


def start_curve(inputs: RunInputs, tolerances: tuple[float, ...], applied: Applied, name: str) -> CurveJob:
    """Spawn the trade-off curve's process; cancel it like a solve (`cancel`)."""
    process, reader = spawn(_curve, (inputs, tolerances, applied, name), "bydelsteam-curve")
    return CurveJob(len(tolerances), process, reader, name)


AnyJob = TypeVar("AnyJob", Job, CurveJob)


def start(request: SolveRequest) -> Job:
    """Spawn the solver process and return its job."""
    process, reader = spawn(_work, (request,), "bydelsteam-solve")
    return Job(request=request, process=process, conn=reader)


def _receive(job: Job | CurveJob, message: Message) -> None:
    kind, payload = message
    if isinstance(job, CurveJob):
        if kind == "point" and isinstance(payload, FrontierPoint):
            job.points.append(payload)
        elif kind == "curve" and isinstance(payload, Frontier):
            job.frontier, job.status = payload, "done"
        elif kind == "error":
            job.error, job.status = str(payload), "failed"
    elif kind == "progress" and isinstance(payload, Progress):
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


def _drain(job: Job | CurveJob) -> None:
    while True:
        try:
            if not job.conn.poll():
                return
            message = job.conn.recv()  # a whole message: the sender writes each at once
        except (EOFError, OSError):  # the child has gone (or the pipe is closed): nothing more will come
            return
        _receive(job, message)


def poll(job: AnyJob) -> AnyJob:
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


def cancel(job: AnyJob) -> AnyJob:
    """Stop the solve: terminate the process (and kill it if it does not stop at once)."""
    if job.status == "running":
        job.process.terminate()
        job.process.join(timeout=2)
        if job.process.is_alive():
            job.process.kill()
        job.status = "cancelled"
        _finish(job)
    return job


def _finish(job: Job | CurveJob) -> None:
    job.process.join(timeout=1)
    job.exitcode = job.process.exitcode
    job.finished = job.finished or time.monotonic()
    job.conn.close()
