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

import streamlit as st

from app.web import runner, state, ui
from app.web.jobs import JOB_CONTEXT, Pending, session_inputs, shown_run, start, store_run
from optimiser.i18n import N_
from optimiser.vocabulary import short_status, stage
from scenarios.errors import ScenarioError, format_scenario_problems
from scenarios.schema import Scenario

ui.page(N_("Optimise"))
instance = ui.workbook()
scenario = state.get_object(state.SCENARIO)
scenario = scenario if isinstance(scenario, Scenario) else None
label = scenario.title if scenario else ui.t(N_("The workbook as it is"))
st.write(ui.t(N_("Solving: **{label}** on {book}")).format(label=label, book=state.book().name))
time_limit = st.number_input(ui.t(N_("Time limit (seconds)")), 1.0, 3600.0, float(instance.solver.time_limit_s), 5.0)
REFRESH_S = 0.5

job = state.get_object(state.JOB)
running = isinstance(job, runner.Job) and runner.poll(job).status == "running"
if st.button(ui.t(N_("Start the solve")), type="primary", disabled=running):
    try:
        start(label, session_inputs(state.book(), scenario, time_limit, state.need_edits()))
    except ScenarioError as err:  # the scenario page checked it against this book; the need edits may not fit
        st.error(format_scenario_problems(err.problems, ui.lang()))
    else:
        st.rerun()


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
        now = job.progress()
        if now is None:
            st.info(ui.t(N_("Building the model … {s} s")).format(s=seconds))
        else:
            name = stage(now.stage, ui.lang())[0]
            value = ui.percent(now.objective) if now.stage == "equity" else ui.number(now.objective, 2)
            bound = ui.percent(now.bound) if now.stage == "equity" else ui.number(now.bound, 2)
            st.info(
                ui.t(N_("Stage: {stage} · best: {value} · bound: {bound} · parts: {k}/{n} · {s} s")).format(
                    stage=name, value=value, bound=bound, k=now.parts_reported, n=now.parts, s=seconds
                )
            )
        if st.button(ui.t(N_("Cancel"))):
            runner.cancel(job)
            st.rerun()
        return
    if job.status == "done" and job.result is not None:
        pending = state.get_object(JOB_CONTEXT)
        if isinstance(pending, Pending) and state.get_object("stored_job") is not job:
            run_id = store_run(job, pending)
            state.set_object("stored_job", job)
            state.set_shown_run(shown_run(pending.label, pending.applied, pending.inputs, job.result, run_id))
        result = job.result
        st.success(
            ui.t(N_("Done in {s} s: {status}. See the Result page.")).format(
                s=seconds, status=short_status(result.status, ui.lang())
            )
        )
        for s in result.stages:
            st.write(f"- {stage(s.name, ui.lang())[0]}: {short_status(s.status, ui.lang())}")
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
