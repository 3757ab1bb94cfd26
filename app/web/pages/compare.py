"""Sammenlign: stored runs side by side — key figures, coverage and cost per scenario, winners and losers, the
trade-off curve — and the comparison workbook to download."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from app.web import runner, state, ui
from app.web.jobs import record_name, run_name
from optimiser.comparison import CURRENT, Frontier
from optimiser.export.comparison_book import write_comparison
from optimiser.export.deck import from_comparison, write_deck
from optimiser.export.paper import paper_bytes
from optimiser.figures import ARGUMENTS, figure
from optimiser.i18n import N_
from optimiser.names import Names
from optimiser.results import SolveResult
from optimiser.vocabulary import SCENARIO
from scenarios import service
from scenarios.compare import build_comparison
from scenarios.errors import ScenarioError
from scenarios.schema import parse_scenario
from scenarios.store import RunRecord, RunStore

ui.page(N_("Compare"))
CURVE = "curve_job"
base = ui.workbook(edited=False)
book = state.book()
store = RunStore()
try:
    records = [r for r in store.list_runs(200) if r.book_sha256 == book.digest and r.kpis is not None]
    labels = {r.id: record_name(r) for r in records if r.id}
    picked = st.multiselect(
        ui.t(N_("Pick stored runs on this workbook")),
        list(labels),
        default=list(labels)[:2],
        format_func=labels.__getitem__,
        key="compare_runs",
    )
    full = [store.get(run_id) for run_id in picked]
finally:
    store.close()
if len(picked) < 1:
    st.info(ui.t(N_("No stored runs on this workbook yet: run one on the Optimise page.")))
    st.stop()

session_book = service.Book(book.name, book.data, base)


def stored_inputs(store: RunStore, record: RunRecord) -> service.RunInputs:
    """The run's own inputs (need edits included); for a run stored before runs kept them, its scenario on the
    unedited workbook, as it was compared then."""
    try:
        return service.inputs_of(store, record, session_book)
    except service.CannotRerun:
        if record.inputs is not None:
            raise
    text = record.scenario_text
    scenario = parse_scenario(text, f"{record.scenario_name}.yaml", record.scenario_name or "x") if text else None
    return service.RunInputs(session_book, scenario)


outcomes = []
store = RunStore()
try:
    for record in full:
        assert record is not None and record.id is not None
        try:
            inputs = stored_inputs(store, record)
            applied = service.prepare(inputs)
        except (ScenarioError, ValueError, service.CannotRerun):  # no longer fits this workbook: left out, said so
            st.caption(ui.t(N_("Run no. {id} does not fit the workbook and is left out.")).format(id=record.id))
            continue
        # Named as the planner reads it everywhere on the page: title, what differs, run number.
        label = f"{run_name(inputs)} · nr. {record.id}"
        named = replace(applied, scenario=replace(applied.scenario, name=label))
        result = SolveResult.model_validate_json(record.result)
        outcomes.append(service.Outcome(inputs, named, result, record.id))
finally:
    store.close()
if not outcomes:
    st.stop()
comparison = build_comparison(base, outcomes, book=book.name)  # "today": the workbook as it is
frames = comparison.frames()
kpis = frames["kpis"]
kpis["scenario"] = [ui.t(N_("Today")) if s == CURRENT else s for s in kpis["scenario"]]

# Every key figure and every argument of the consultation (`figures.ARGUMENTS`), headers and formats from the one
# catalogue (short labels: the table is wide).
columns = [
    "max_shortfall",
    "mean_shortfall",
    "total_shortfall_fte",
    "cv_coverage",
    "staff_moved",
    "contacts_changed",
    "team_min_fte",
    "team_max_fte",
    "cost_dkk",
    "cost_delta_dkk",
    "cost_per_child_dkk",
    *(f.row for f in ARGUMENTS),
]
# An argument that is also a key figure (contacts changed, smallest and largest team) is shown once.
shown = kpis[["scenario", *[c for c in dict.fromkeys(columns) if c in kpis.columns]]]
# One row per figure (its full title), one column per scenario: every figure readable at 1366 px.
table = pd.DataFrame(
    {
        str(row[0]): [
            figure(c).show(None if pd.isna(v) else float(v), ui.lang())
            for c, v in zip(shown.columns[1:], row[1:], strict=True)
        ]
        for row in shown.itertuples(index=False)
    },
    index=[figure(c).title(ui.lang()) for c in shown.columns[1:]],
)
st.dataframe(table, width="stretch")
if comparison.reference:
    st.caption(
        ui.t(N_("Demand in every figure is measured against: {reference}")).format(reference=comparison.reference)
    )

left, right = st.columns(2)
left.altair_chart(
    ui.bar(
        shown,
        "scenario",
        "max_shortfall",
        N_("Largest relative shortfall per scenario"),
        N_("Scenario"),
        N_("Shortfall (%)"),
        "percent",
    ),
    width="stretch",
)
right.altair_chart(
    ui.bar(
        shown,
        "scenario",
        "cost_dkk",
        N_("Cost per scenario"),
        N_("Scenario"),
        N_("DKK million a year"),
        "mio",
    ),
    width="stretch",
)
teams = frames["teams"]
if not teams.empty:
    chart = (
        alt.Chart(teams, title=ui.t(N_("Coverage per team in each scenario")))
        .mark_bar()
        .encode(
            x=alt.X("new_coverage:Q", title=ui.t(N_("Coverage (%)")), axis=ui.axis("percent")),
            y=alt.Y("team_name:N", title=ui.t(N_("Team")), sort=None),
            color=alt.Color("scenario:N", title=ui.t(N_("Scenario"))),
            yOffset="scenario:N",
            tooltip=[
                alt.Tooltip("scenario:N", title=ui.t(SCENARIO)),
                alt.Tooltip("team_name:N", title=ui.t(N_("Team"))),
            ],
        )
    )
    st.altair_chart(chart, width="stretch")
    st.subheader(ui.t(N_("Winners and losers per team (practice-near FTE against today)")))
    changes = teams[["scenario", "team_name", "current_fte", "new_fte", "change_fte"]].sort_values("change_fte")
    st.dataframe(ui.shown(changes), hide_index=True, width="stretch", height=300)
if comparison.districts:
    st.subheader(ui.t(N_("Coverage per district (the same institutions in every structure)")))
    districts = pd.DataFrame(
        [
            {
                "scenario": r.scenario,
                "district": r.district_name,
                "profession": r.profession,
                "demand_fte": r.demand_fte,
                "current_coverage": r.current_coverage,
                "coverage": r.coverage,
            }
            for r in comparison.districts
        ]
    )
    st.dataframe(ui.shown(districts), hide_index=True, width="stretch", height=300)

st.subheader(ui.t(N_("Trade-off: equity against moves")))
first = outcomes[0]
TOLERANCES = (0.0, 0.05, 0.15, 0.4, 1.0)
curve_job = state.get_object(CURVE)
curve_running = isinstance(curve_job, runner.CurveJob) and runner.poll(curve_job).status == "running"
if st.button(ui.t(N_("Compute the trade-off for {name}")).format(name=first.name), disabled=curve_running):
    state.set_object(CURVE, runner.start_curve(first.inputs, TOLERANCES, first.applied, first.name))
    st.rerun()


@st.fragment(run_every=0.5 if curve_running else None)
def curve_progress() -> None:
    with ui.guarded():
        job = state.get_object(CURVE)
        if not isinstance(job, runner.CurveJob):
            return
        if runner.poll(job).status != "running" and curve_running:
            st.rerun()
        if job.status == "running":
            done = len(job.points)
            st.progress(
                done / job.total,
                ui.t(N_("Trade-off: point {k} of {n} · {s} s")).format(
                    k=min(done + 1, job.total), n=job.total, s=ui.number(job.elapsed, 0)
                ),
            )
            # A callback: it runs before the next rerun, so a click is not lost to the half-second refresh.
            st.button(ui.t(N_("Cancel the trade-off")), key="cancel_curve", on_click=runner.cancel, args=(job,))
        elif job.status == "cancelled":
            st.warning(ui.t(N_("The trade-off was cancelled.")))
        elif job.status in ("failed", "crashed"):
            st.error(ui.t(N_("The trade-off could not be computed: {e}")).format(e=job.error or job.exitcode))


curve_progress()
finished = curve_job.frontier if isinstance(curve_job, runner.CurveJob) else None
frontier: Frontier | None = finished if finished is not None and finished.scenario == first.name else None
if frontier is not None:
    points = pd.DataFrame([{"staff_moved": p.staff_moved, "max_shortfall": p.max_shortfall} for p in frontier.pareto])
    curve = (
        alt.Chart(points, title=ui.t(N_("Fewest moves for each level of equity")))
        .mark_line(point=True)
        .encode(
            x=alt.X("staff_moved:Q", title=ui.t(N_("Staff changing team (count)")), axis=ui.axis("number")),
            y=alt.Y("max_shortfall:Q", title=ui.t(N_("Largest relative shortfall (%)")), axis=ui.axis("percent")),
        )
    )
    st.altair_chart(curve, width="stretch")

# The committee pack: the comparison workbook, the deck and the draft committee paper, from the same figures.
shown_comparison = replace(comparison, frontier=frontier)
with tempfile.TemporaryDirectory(prefix="bydelsteam-") as folder:
    path, deck_path = Path(folder) / "sammenligning.xlsx", Path(folder) / "udvalg.pptx"
    write_comparison(shown_comparison, path, ui.lang())
    names = Names.of(comparison.base, pseudonymise=True)
    write_deck(from_comparison(shown_comparison.summary(), names, ui.lang()), deck_path, ui.lang())
    data, deck_data = path.read_bytes(), deck_path.read_bytes()
book_col, deck_col, paper_col = st.columns(3)
book_col.download_button(ui.t(N_("Download the comparison as Excel")), data, "sammenligning.xlsx")
deck_col.download_button(ui.t(N_("Download the committee deck (PowerPoint)")), deck_data, "udvalg.pptx")
paper_col.download_button(
    ui.t(N_("Download the draft committee paper (Word)")), paper_bytes(shown_comparison, ui.lang()), "sag.docx"
)
