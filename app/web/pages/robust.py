"""Robusthed: how much to trust the plan when the need data are uncertain (`scenarios.robust`).

The sweep runs in a thread beside the page (its samples on the executor's worker processes); the page shows a
progress bar with samples done, failures and time left, and a cancel button, then the cells most at risk, the
staff whose team flips, the ranking of scenarios, and ROB.json and the workbook to download.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from app.web import state, ui
from app.web.robust_job import RobustJob, start
from optimiser.export.result_book import write_result_book
from optimiser.export.robust_sheet import FAILURES, kpi_label, profession_label
from optimiser.i18n import N_, percent, text
from optimiser.names import Names
from optimiser.robust import FIXED, REOPTIMISED, SweepSettings, Uncertainty, Vary
from scenarios.errors import ScenarioError, format_scenario_problems
from scenarios.schema import parse_scenario
from scenarios.service import NO_SCENARIO, Book

JOB = "robust_job"
W = {
    "intro": N_(
        "Need indicators are small counts at small institutions, and the weights are a political choice. Here the "
        "need data are drawn many times around the workbook's values and every draw is solved: how often does a "
        "team fall below the level, with today's plan held and with a new plan each time?"
    ),
    "samples": N_("Samples"),
    "seed": N_("Seed"),
    "vary": N_("What varies"),
    "level": N_("Coverage level"),
    "scenarios": N_("Scenario files to compare (optional)"),
    "start": N_("Start the sweep"),
    "cancel": N_("Cancel"),
    "running": N_("{done} of {total} samples · {failed} failed · about {minutes} min left"),
    "starting": N_("{done} of {total} samples · {failed} failed"),
    "cancelled": N_("The sweep was cancelled: the figures rest on the samples done."),
    "failed": N_("The sweep failed: {error}"),
    "cells": N_("Teams and professions most at risk"),
    "flips": N_("Staff whose team changes often"),
    "no_flips": N_("Nobody changes team in more than {share} of the samples."),
    "ranking": N_("How often each scenario is best"),
    "failures": N_("Samples without a result"),
    "download_json": N_("Download ROB.json"),
    "download_xlsx": N_("Download the workbook with the robustness sheet"),
    "team": N_("Team"),
    "profession": N_("Profession"),
    "plan": N_("Coverage in the plan"),
    "held": N_("Risk, plan held"),
    "redone": N_("Risk, re-optimised"),
    "median": N_("Median, re-optimised"),
    "staff": N_("Staff member"),
    "share": N_("Share of samples in another team"),
    "figure": N_("Key figure"),
}
VARY = {"data": N_("indicators and child counts"), "weights": N_("weights"), "both": N_("data and weights")}


def w(key: str, **args: object) -> str:
    return text(W[key], ui.lang(), **args)


ui.page(N_("Robustness"))
base = ui.workbook(edited=False)
shown_book = state.book()
st.write(w("intro"))
left, middle, right = st.columns(3)
samples = int(left.number_input(w("samples"), min_value=5, max_value=5000, value=50, step=5, key="robust_samples"))
seed = int(middle.number_input(w("seed"), min_value=0, max_value=2**31 - 1, value=0, key="robust_seed"))
vary = right.selectbox(w("vary"), list(VARY), format_func=lambda v: text(VARY[v], ui.lang()), key="robust_vary")
level = st.slider(w("level"), 0.5, 1.0, 0.9, 0.05, key="robust_level")
files = st.file_uploader(w("scenarios"), type=["yaml", "yml"], accept_multiple_files=True, key="robust_files")

job = state.get_object(JOB)
if not (isinstance(job, RobustJob) and job.running) and st.button(w("start"), type="primary"):
    try:
        scenarios = [parse_scenario(f.getvalue().decode("utf-8"), f.name) for f in files or []]
    except ScenarioError as err:
        st.error(ui.plain_lines(format_scenario_problems(err.problems, ui.lang())))
        st.stop()
    settings = SweepSettings(samples=samples, seed=seed, level=level, uncertainty=Uncertainty(vary=Vary(vary)))
    job = start(Book(shown_book.name, shown_book.data, base), scenarios, settings, ui.lang())
    state.set_object(JOB, job)


@st.fragment(run_every=1.0)
def progress() -> None:
    job = state.get_object(JOB)
    if not isinstance(job, RobustJob):
        return
    p = job.progress
    if job.running:
        done, failed = (p.done, p.failed) if p else (0, 0)
        if p is not None and p.remaining_s is not None:
            words = w("running", done=done, total=job.total, failed=failed, minutes=round(p.remaining_s / 60))
        else:
            words = w("starting", done=done, total=job.total, failed=failed)
        st.progress(done / max(1, job.total), text=words)
        if st.button(w("cancel"), key="robust_cancel"):
            job.cancel.set()
        return
    if job.error is not None:
        st.error(ui.plain_lines(w("failed", error=job.error)))
    elif job.result is not None and state.get_object("robust_shown") is not job:
        state.set_object("robust_shown", job)
        st.rerun(scope="app")  # the whole page: the results are drawn below the fragment


progress()
finished = state.get_object(JOB)
if isinstance(finished, RobustJob) and not finished.running and finished.result is not None:
    lang = ui.lang()
    report = finished.result.report
    names = Names.of(base)
    if finished.cancel.is_set():
        st.warning(w("cancelled"))
    first = report.scenarios[0]
    cells = sorted(
        (c for c in report.cells if c.scenario == first),
        key=lambda c: -c.probability_below.get(REOPTIMISED, 0.0),
    )
    st.subheader(w("cells"))
    frame = pd.DataFrame(
        [
            {
                w("team"): names.team(c.district),
                w("profession"): profession_label(c.profession),
                w("plan"): percent(c.base_coverage, 0, lang),
                w("held"): percent(c.probability_below.get(FIXED), 0, lang),
                w("redone"): percent(c.probability_below.get(REOPTIMISED), 0, lang),
                w("median"): percent(c.coverage_quantiles.get(REOPTIMISED, {}).get("p50"), 0, lang),
            }
            for c in cells
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")
    st.subheader(w("flips"))
    if report.flips:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        w("staff"): names.person(f.staff_id),
                        w("team"): names.team(f.base_team),
                        w("share"): percent(f.share, 0, lang),
                    }
                    for f in report.flips
                ]
            ),
            hide_index=True,
        )
    else:
        st.write(w("no_flips", share=percent(report.settings.flip_share, 0, lang)))
    if len(report.scenarios) > 1:
        st.subheader(w("ranking"))
        st.dataframe(
            pd.DataFrame(
                [
                    {w("figure"): kpi_label(r.kpi, lang), **{n: percent(v, 0, lang) for n, v in r.first.items()}}
                    for r in report.ranking
                ]
            ),
            hide_index=True,
        )
    if report.failures:
        st.subheader(w("failures"))
        st.dataframe(
            pd.DataFrame(
                [{"#": f.sample, "": text(FAILURES[f.failure], lang), " ": f.detail} for f in report.failures]
            ),
            hide_index=True,
        )
    st.download_button(w("download_json"), report.model_dump_json(indent=2), "ROB.json", "application/json")
    plan = finished.result.plans[0]
    if plan is not None and report.scenarios == [NO_SCENARIO.name]:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "robusthed.xlsx"
            write_result_book(base, plan, path, lang=lang, robust=report)
            st.download_button(w("download_xlsx"), path.read_bytes(), "robusthed.xlsx")
