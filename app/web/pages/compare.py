"""Sammenlign: stored runs side by side — key figures, coverage and cost per scenario, winners and losers, the
trade-off curve — and the comparison workbook to download."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from app.web import state, ui
from optimiser.comparison import CURRENT, Frontier
from optimiser.export.comparison_book import write_comparison
from optimiser.export.labels import T
from optimiser.results import SolveResult
from scenarios import service
from scenarios.compare import build_comparison
from scenarios.errors import ScenarioError
from scenarios.schema import parse_scenario
from scenarios.store import RunRecord, RunStore

ui.page(T("Sammenlign", "Compare"))
base = ui.workbook(edited=False)
book = state.book()
store = RunStore()
try:
    records = [r for r in store.list_runs(200) if r.book_sha256 == book.digest and r.kpis is not None]
    labels = {
        r.id: f"nr. {r.id} · {r.scenario_name or ui.t(T('arbejdsbogen', 'the workbook'))} · {r.created_at:%d-%m %H:%M}"
        for r in records
        if r.id
    }
    picked = st.multiselect(
        ui.t(T("Vælg gemte kørsler på denne arbejdsbog", "Pick stored runs on this workbook")),
        list(labels),
        default=list(labels)[:2],
        format_func=labels.__getitem__,
        key="compare_runs",
    )
    full = [store.get(run_id) for run_id in picked]
finally:
    store.close()
if len(picked) < 1:
    st.info(
        ui.t(
            T(
                "Der er ingen gemte kørsler på denne arbejdsbog endnu: kør en på siden Optimér.",
                "No stored runs on this workbook yet: run one on the Optimise page.",
            )
        )
    )
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
            st.caption(
                ui.t(
                    T(
                        "Kørsel nr. {id} passer ikke til arbejdsbogen og er udeladt.",
                        "Run no. {id} does not fit the workbook and is left out.",
                    )
                ).format(id=record.id)
            )
            continue
        named = replace(applied, scenario=replace(applied.scenario, name=f"{applied.scenario.name} #{record.id}"))
        result = SolveResult.model_validate_json(record.result)
        outcomes.append(service.Outcome(inputs, named, result, record.id))
finally:
    store.close()
if not outcomes:
    st.stop()
comparison = build_comparison(base, outcomes, book=book.name)  # "today": the workbook as it is
frames = comparison.frames()
kpis = frames["kpis"]
kpis["scenario"] = [ui.t(T("I dag", "Today")) if s == CURRENT else s for s in kpis["scenario"]]

shown = kpis[
    [
        "scenario",
        "max_shortfall",
        "mean_shortfall",
        "cv_coverage",
        "staff_moved",
        "contacts_changed",
        "team_min_fte",
        "team_max_fte",
        "cost_dkk",
        "cost_delta_dkk",
        "cost_per_child_dkk",
    ]
]
headers = {
    "scenario": T("Scenarie", "Scenario"),
    "max_shortfall": T("Største underdækning", "Largest shortfall"),
    "mean_shortfall": T("Gns. underdækning", "Mean shortfall"),
    "cv_coverage": T("Variation i dækning (CV)", "Variation of coverage (CV)"),
    "staff_moved": T("Skifter team", "Change team"),
    "contacts_changed": T("Ny kontaktperson", "New contact"),
    "team_min_fte": T("Mindste team (årsværk)", "Smallest team (FTE)"),
    "team_max_fte": T("Største team (årsværk)", "Largest team (FTE)"),
    "cost_dkk": T("Omkostning (kr.)", "Cost (DKK)"),
    "cost_delta_dkk": T("Forskel fra i dag (kr.)", "Difference from today (DKK)"),
    "cost_per_child_dkk": T("Kr. pr. barn", "DKK per child"),
}
table = shown.copy()
for column in ("max_shortfall", "mean_shortfall", "cv_coverage"):
    table[column] = [ui.percent(v) for v in table[column]]
for column in ("team_min_fte", "team_max_fte"):
    table[column] = [ui.number(v, 1) for v in table[column]]
for column in ("cost_dkk", "cost_delta_dkk", "cost_per_child_dkk"):
    table[column] = [ui.money(v) for v in table[column]]
st.dataframe(table.rename(columns={k: ui.t(v) for k, v in headers.items()}), hide_index=True, width="stretch")

left, right = st.columns(2)
left.altair_chart(
    ui.bar(
        shown,
        "scenario",
        "max_shortfall",
        T("Største relative underdækning pr. scenarie", "Largest relative shortfall per scenario"),
        T("Scenarie", "Scenario"),
        T("Underdækning (%)", "Shortfall (%)"),
        percent_axis=True,
    ),
    width="stretch",
)
right.altair_chart(
    ui.bar(
        shown,
        "scenario",
        "cost_dkk",
        T("Omkostning pr. scenarie", "Cost per scenario"),
        T("Scenarie", "Scenario"),
        T("Kr. pr. år", "DKK per year"),
    ),
    width="stretch",
)
teams = frames["teams"]
if not teams.empty:
    chart = (
        alt.Chart(teams, title=ui.t(T("Dækning pr. team i hvert scenarie", "Coverage per team in each scenario")))
        .mark_bar()
        .encode(
            x=alt.X("new_coverage:Q", title=ui.t(T("Dækning (%)", "Coverage (%)")), axis=alt.Axis(format="%")),
            y=alt.Y("team_name:N", title=ui.t(T("Team", "Team")), sort=None),
            color=alt.Color("scenario:N", title=ui.t(T("Scenarie", "Scenario"))),
            yOffset="scenario:N",
            tooltip=["scenario", "team_name", alt.Tooltip("new_coverage:Q", format=".1%")],
        )
    )
    st.altair_chart(chart, width="stretch")
    st.subheader(
        ui.t(
            T(
                "Vindere og tabere pr. team (praksisnære årsværk mod i dag)",
                "Winners and losers per team (practice-near FTE against today)",
            )
        )
    )
    changes = teams[["scenario", "team_name", "current_fte", "new_fte", "change_fte"]].sort_values("change_fte")
    st.dataframe(ui.shown(changes), hide_index=True, width="stretch", height=300)

st.subheader(ui.t(T("Afvejning: lighed mod flytninger", "Trade-off: equity against moves")))
first = outcomes[0]
if st.button(ui.t(T("Beregn afvejningen for {name}", "Compute the trade-off for {name}")).format(name=first.name)):
    with st.spinner(ui.t(T("Beregner fem punkter …", "Solving five points …"))):
        st.session_state["frontier"] = service.run_curve(
            first.inputs, (0.0, 0.05, 0.15, 0.4, 1.0), applied=first.applied, name=first.name
        )
frontier: Frontier | None = st.session_state.get("frontier")
if frontier is not None and frontier.scenario == first.name:
    points = pd.DataFrame([{"staff_moved": p.staff_moved, "max_shortfall": p.max_shortfall} for p in frontier.pareto])
    curve = (
        alt.Chart(
            points, title=ui.t(T("Færrest flytninger for hver grad af lighed", "Fewest moves for each level of equity"))
        )
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "staff_moved:Q", title=ui.t(T("Medarbejdere, der skifter team (antal)", "Staff changing team (count)"))
            ),
            y=alt.Y(
                "max_shortfall:Q",
                title=ui.t(T("Største relative underdækning (%)", "Largest relative shortfall (%)")),
                axis=alt.Axis(format="%"),
            ),
        )
    )
    st.altair_chart(curve, width="stretch")

with tempfile.TemporaryDirectory(prefix="bydelsteam-") as folder:
    path = Path(folder) / "sammenligning.xlsx"
    shown_frontier = frontier if frontier is not None and frontier.scenario == first.name else None
    write_comparison(replace(comparison, frontier=shown_frontier), path, ui.lang())
    data = path.read_bytes()
st.download_button(
    ui.t(T("Hent sammenligningen som Excel", "Download the comparison as Excel")), data, "sammenligning.xlsx"
)
