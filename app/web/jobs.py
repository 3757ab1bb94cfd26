"""Starting a solve from a page and keeping what the results page needs beside the job; storing the run.

Kept apart from the page scripts, which run top to bottom whenever they are imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import streamlit as st

from app.web import runner, state, ui
from optimiser.domain import Instance
from optimiser.i18n import N_
from optimiser.results import SolveResult
from scenarios.run import Book, record_run
from scenarios.schema import Scenario
from scenarios.store import RunStore

JOB_CONTEXT = "job_context"


@dataclass(frozen=True)
class Pending:
    """What the results page needs besides the result: the instance as solved and the structure used."""

    label: str
    instance: Instance
    structure: dict[str, str] | None
    scenario: Scenario | None


def start(
    label: str,
    instance: Instance,
    structure: dict[str, str] | None,
    scenario: Scenario | None,
    time_limit: float,
    warm: SolveResult | None = None,
) -> None:
    """Start a background solve of `instance` (scenario applied) and keep what the results page will need."""
    params = instance.parameters.model_copy(update={"time_limit_s": time_limit})
    request = runner.SolveRequest.of(label, instance, params, structure, warm, ui.lang())
    state.set_object(state.JOB, runner.start(request))
    state.set_object(
        JOB_CONTEXT, Pending(label, instance.model_copy(update={"parameters": params}), structure, scenario)
    )


def store_run(job: runner.Job, pending: Pending) -> int | None:
    """Record the finished run in the run store; None (and a warning) when the store cannot be reached."""
    assert job.result is not None
    book = state.book()
    started = datetime.now(UTC) - timedelta(seconds=job.elapsed)
    try:
        store = RunStore()
        try:
            record = Book(book.name, book.data, pending.instance)
            return record_run(store, record, pending.scenario, pending.instance.parameters, job.result, started, "app")
        finally:
            store.close()
    except Exception as err:  # the plan is still shown; only the record is missing
        st.warning(ui.t(N_("The run could not be stored: {e}")).format(e=type(err).__name__))
        return None
