"""Starting a solve from a page and keeping what the results page needs beside the job; storing the run.

The steps are the run service's (`scenarios.service`), as for `bydelsteam solve`: `prepare` here in the server
(a scenario that does not fit is said at once), the solve in the child process (`app.web.runner`), `record` here
when it is done — with the run's inputs (the workbook's bytes, the scenario, the Behov page's need edits,
locks, the time limit), so a run from the app can be done again with `bydelsteam runs rerun`.

Kept apart from the page scripts, which run top to bottom whenever they are imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import streamlit as st

from app.web import runner, state, ui
from app.web.book import Book as AppBook
from optimiser.i18n import N_
from optimiser.problems import Lang
from optimiser.results import SolveResult
from scenarios import service
from scenarios.apply import Applied
from scenarios.edits import NeedEdits
from scenarios.schema import Scenario
from scenarios.store import RunRecord, RunStore

JOB_CONTEXT = "job_context"
LOCKS = N_("+ {n} lock(s)")
NEED_EDITED = N_("+ need edits")


@dataclass(frozen=True)
class Pending:
    """What the results page and the store need besides the result: the run's inputs and its prepared form."""

    label: str
    inputs: service.RunInputs
    applied: Applied


def session_inputs(
    book: AppBook,
    scenario: Scenario | None,
    time_limit: float,
    need_edits: NeedEdits = (),
    locks: service.Locks = (),
) -> service.RunInputs:
    """The inputs of a run on the session's workbook (`state.book()`; the app's `Book` as the run service's)."""
    assert book.instance is not None  # the pages stop before a solve on a book with errors (`ui.workbook`)
    return service.RunInputs(
        service.Book(book.name, book.data, book.instance),
        scenario,
        need_edits,
        locks,
        {"time_limit_s": time_limit},
    )


def request(
    label: str, inputs: service.RunInputs, warm: SolveResult | None = None, lang: Lang = "da"
) -> tuple[runner.SolveRequest, Pending]:
    """Prepare a run (ScenarioError, ValueError as `service.prepare`) and the child's request to solve it."""
    applied = service.prepare(inputs)
    return runner.SolveRequest(label, applied, warm, lang), Pending(label, inputs, applied)


def start(label: str, inputs: service.RunInputs, warm: SolveResult | None = None) -> None:
    """Start a background solve of `inputs` and keep what the results page and the store will need."""
    solve_request, pending = request(label, inputs, warm, ui.lang())
    state.set_object(state.JOB, runner.start(solve_request))
    state.set_object(JOB_CONTEXT, pending)


def differs(locks: int, need_edits: int) -> str:
    """What a run adds to its scenario, for its name: " + 1 lås", " + behovsændringer" ("" for nothing)."""
    parts = [ui.t(LOCKS).format(n=locks)] if locks else []
    parts += [ui.t(NEED_EDITED)] if need_edits else []
    return "".join(f" {p}" for p in parts)


def run_name(inputs: service.RunInputs) -> str:
    """A run as the planner names it: the scenario's title (the workbook's name without one) and what differs."""
    title = inputs.scenario.title if inputs.scenario else ui.t(N_("The workbook as it is"))
    return title + differs(len(inputs.locks), len(inputs.need_edits))


def record_name(record: RunRecord) -> str:
    """A stored run as the planner picks it: number, scenario title and what differs, when it was made."""
    saved = record.inputs
    spec = (saved.scenario or {}).get("spec", {}) if saved else {}
    title = spec.get("title") or record.scenario_name or ui.t(N_("The workbook as it is"))
    extra = differs(len(saved.locks), len(saved.need_edits)) if saved else ""
    made = f"{record.created_at:%d-%m %H:%M}" if record.created_at else ""
    return f"nr. {record.id} · {title}{extra} · {made}"


def shown_run(
    label: str, applied: Applied, inputs: service.RunInputs, result: SolveResult, run_id: int | None
) -> state.ShownRun:
    """A run as the results page shows it: the instance as solved (the run's parameters and settings in it)."""
    instance = applied.instance.model_copy(update={"parameters": applied.params, "solver": applied.settings})
    return state.ShownRun(
        label, instance, applied.structure, result, str(run_id) if run_id else None, inputs.scenario, inputs
    )


def reopen(store: RunStore, record: RunRecord, book: service.Book) -> state.ShownRun:
    """A stored run as the results page shows it (CannotRerun, ScenarioError, ValueError when its inputs
    cannot be rebuilt or no longer apply)."""
    inputs = service.inputs_of(store, record, book)
    result = SolveResult.model_validate_json(record.result)
    return shown_run(run_name(inputs), service.prepare(inputs), inputs, result, record.id)


def outcome(job: runner.Job, pending: Pending, run_id: int | None = None) -> service.Outcome:
    """The finished job as the run service's outcome (started when the job started)."""
    assert job.result is not None
    started = datetime.now(UTC) - timedelta(seconds=job.elapsed)
    return service.Outcome(pending.inputs, pending.applied, job.result, run_id, started)


def record(store: RunStore, job: runner.Job, pending: Pending) -> int:
    """Store the finished run (StoreError when the store fails)."""
    return service.record(store, outcome(job, pending), "app")


def store_run(job: runner.Job, pending: Pending) -> int | None:
    """Record the finished run in the run store; None (and a warning) when the store cannot be reached."""
    try:
        store = RunStore()
        try:
            return record(store, job, pending)
        finally:
            store.close()
    except Exception as err:  # the plan is still shown; only the record is missing
        st.warning(ui.t(N_("The run could not be stored: {e}")).format(e=type(err).__name__))
        return None
