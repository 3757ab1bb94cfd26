"""Optimér: solve in a background process with live progress and a cancel button; store the finished run.

The run is the session's workbook with the Behov page's need edits and the chosen scenario, prepared and stored by
the run service (`app.web.jobs`), so the stored run holds everything needed to do it again.

The solver runs in its own process (`app.web.runner`), so the page never freezes and a crashed solver cannot take
the app down: the page says so and the planner can start again.

The progress area refreshes every half second only while a solve is running (an idle page has no timer: each
refreshing page costs the server a third of a core). When it sees the solve end — done, cancelled, failed or
killed — it reruns the whole page, so the Start button is enabled again and the timer stops.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import streamlit as st

from app.web import edits, runner, state, ui
from app.web.jobs import JOB_CONTEXT, Pending, run_name, session_inputs, shown_run, start, store_run
from optimiser.figures import as_text
from optimiser.i18n import N_
from optimiser.model.data import ProblemData
from optimiser.model.objectives import stage_order
from optimiser.results import SolveResult
from optimiser.vocabulary import short_status, stage, status
from scenarios.errors import ScenarioError, format_scenario_problems
from scenarios.plan_edits import Contact
from scenarios.schema import Scenario

ui.page(N_("Optimise"))
instance = ui.workbook()
scenario = state.get_object(state.SCENARIO)
scenario = scenario if isinstance(scenario, Scenario) else None
# Named as the run will be stored: the scenario's title and what differs (the Behov page's need edits).
label = run_name(session_inputs(state.book(), scenario, instance.solver.time_limit_s, state.need_edits()))
st.write(ui.t(N_("Solving: **{label}** on {book}")).format(label=label, book=state.book().name))
time_limit = st.number_input(ui.t(N_("Time limit (seconds)")), 1.0, 3600.0, float(instance.solver.time_limit_s), 5.0)
REFRESH_S = 0.5
STAGE_TEXT = N_("{stage}: step {k} of {n}, best {value}")
STAGE_DONE = N_("{stage}: step {k} of {n}, done")
STAGE_LATER = N_("{stage}: step {k} of {n}")
CLOCK = N_("{s} s of at most {limit} s")

job = state.get_object(state.JOB)
running = isinstance(job, runner.Job) and runner.poll(job).status == "running"
slot = st.empty()
if slot.button(ui.t(N_("Start the solve")), type="primary", disabled=running):
    slot.info(ui.t(N_("Starting the solve …")))  # over the previous run's message at once
    try:
        start(label, session_inputs(state.book(), scenario, time_limit, state.need_edits()))
    except ScenarioError as err:  # the scenario page checked it against this book; the need edits may not fit
        st.error(format_scenario_problems(err.problems, ui.lang()))
    else:
        state.set_object(edits.RESOLVE, None)  # a fresh solve, not "optimise the rest"
        st.rerun()


def planned_stages(job: runner.Job) -> list[str]:
    """The stages this solve goes through, in order, as the engine orders them (`stage_order` reads only the
    parameters, whether anyone has a wished team and whether new posts may be bought)."""
    applied = job.request.applied
    params = applied.params
    shape = SimpleNamespace(
        params=params,
        groups=applied.instance.staff,
        new_posts=bool(params.budget_dkk) or params.min_coverage is not None,
    )
    order = stage_order(cast(ProblemData, shape))
    return order if params.objective == "lexicographic" else ["weighted"]


def value_text(name: str, value: float) -> str:
    return as_text(value, stage(name, ui.lang())[1], ui.lang())


def running_report(job: runner.Job) -> None:
    """A bar per stage: done, under way (its best value so far; the bar is the time used of the limit), to come."""
    limit = job.request.applied.settings.time_limit_s
    order = planned_stages(job)
    now = job.progress()
    current = order.index(now.stage) if now is not None and now.stage in order else -1
    if now is None:
        st.info(ui.t(N_("Building the model …")))
    for k, name in enumerate(order):
        words = {"stage": stage(name, ui.lang())[0], "k": k + 1, "n": len(order)}
        if k < current:
            st.progress(1.0, ui.t(STAGE_DONE).format(**words))
        elif k == current and now is not None:
            share = min(job.elapsed / limit, 0.99) if limit > 0 else 0.0
            st.progress(share, ui.t(STAGE_TEXT).format(**words, value=value_text(name, now.objective)))
        else:
            st.progress(0.0, ui.t(STAGE_LATER).format(**words))
    st.caption(ui.t(CLOCK).format(s=ui.number(job.elapsed, 0), limit=ui.number(limit, 0)))


def keep(job: runner.Job, pending: Pending, result: SolveResult) -> None:
    """Store the finished run and show it on the results page — except a solve that was to keep hand edits
    and found no plan: the previous plan stays, with the reason which edit clashes with which rule."""
    run_id = store_run(job, pending)
    resolve = state.get_object(edits.RESOLVE)
    state.set_object(edits.RESOLVE, None)
    if isinstance(resolve, edits.Resolve) and resolve.job is job:
        if result.kpis is None:
            lines = edits.clash_lines(resolve, result, ui.lang())
            state.set_shown_run(resolve.previous)
            edits.set_edits(resolve.previous, resolve.edits)
            state.set_object(edits.CLASH, (resolve.previous.result, lines))
            return
        shown = shown_run(pending.label, pending.applied, pending.inputs, result, run_id)
        state.set_shown_run(shown)
        # Contacts are not locks: the planner's contacts are named again in the new plan.
        edits.set_edits(shown, tuple(e for e in resolve.edits if isinstance(e, Contact)))
        return
    state.set_shown_run(shown_run(pending.label, pending.applied, pending.inputs, result, run_id))


@st.fragment(run_every=REFRESH_S if running else None)
def progress() -> None:
    with ui.guarded():
        report()


def report() -> None:
    job = state.get_object(state.JOB)
    if not isinstance(job, runner.Job):
        st.info(ui.t(N_("No solve yet.")))
        return
    if runner.poll(job).status != "running" and running:
        st.rerun()  # the whole page: the Start button is drawn from the new status, and the timer stops
    seconds = ui.number(job.elapsed, 1)
    if job.status == "running":
        running_report(job)
        if st.button(ui.t(N_("Cancel"))):
            runner.cancel(job)
            st.rerun()
        return
    if job.status == "done" and job.result is not None:
        pending = state.get_object(JOB_CONTEXT)
        if isinstance(pending, Pending) and state.get_object("stored_job") is not job:
            state.set_object("stored_job", job)
            keep(job, pending, job.result)
        result = job.result
        words = ui.t(N_("Done in {s} s: {status}.")).format(s=seconds, status=status(result.status, ui.lang()))
        if result.kpis is None:
            st.error(words + " " + ui.t(N_("No plan: see why on the Result page.")))
        elif result.status == "optimal":
            st.success(words + " " + ui.t(N_("See the Result page.")))
        else:
            st.warning(words + " " + ui.t(N_("See the Result page.")))
        for s in result.stages:
            shown = "" if s.objective is None else " · " + value_text(s.name, s.objective)
            st.write(f"- {stage(s.name, ui.lang())[0]}: {short_status(s.status, ui.lang())}{shown}")
    elif job.status == "crashed":
        st.error(
            ui.t(
                N_(
                    "The solve stopped unexpectedly (exit code {code}). The app carries on; try again, perhaps "
                    "with a shorter time limit."
                )
            ).format(code=job.exitcode)
        )
    elif job.status == "failed":
        st.error(ui.t(N_("The solve failed: {e}")).format(e=job.error))
    elif job.status == "cancelled":
        st.warning(ui.t(N_("The solve was cancelled.")))


progress()
