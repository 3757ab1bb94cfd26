"""Resultat: coverage heat map, a schematic map of the teams, composition, who moves, institutions and
contacts, the explanation; lock people to teams and solve again; download the workbook and the deck."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import altair as alt
import streamlit as st

from app.web import state, ui
from app.web.jobs import session_inputs, start
from optimiser import i18n, views
from optimiser.check import verify
from optimiser.explain import render
from optimiser.export import write_result_book
from optimiser.export.deck import from_result, write_deck
from optimiser.figures import figure
from optimiser.i18n import N_
from optimiser.names import Names
from optimiser.reference import shown
from optimiser.statutory import covered_line
from optimiser.vocabulary import status

ui.page(N_("Result"))
run = state.shown_run()
if run is None:
    st.info(ui.t(N_("No plan yet: start a solve on the Optimise page.")))
    st.stop()
result, instance = run.result, run.instance
st.subheader(run.label)
st.caption(
    ui.t(N_("Status: {status} · run no. {run} · {s} s")).format(
        status=status(result.status, ui.lang()), run=run.run_id or "–", s=ui.number(result.seconds, 1)
    )
)
if result.kpis is None:
    for line in render(result.explanation, ui.lang()):
        st.error(line)
    st.stop()
k = result.kpis
# The headline figures, words and formats from the one catalogue (short labels: five tiles in a row).
headline = ("max_relative_shortfall", "total_shortfall_fte", "staff_moved", "contacts_changed")
cols = st.columns(len(headline) + 1)
for col, fig in zip(cols, map(figure, headline), strict=False):
    col.metric(fig.short_title(ui.lang()), fig.show(getattr(k, fig.field), ui.lang()))
cols[-1].metric(figure("cost_dkk").short_title(ui.lang()), i18n.mio_dkk(k.cost_dkk, 1, ui.lang()))
st.caption(shown(result.reference, ui.lang()))
if k.statutory_covered is not None:
    st.caption(covered_line(k, ui.lang(), Names.of(instance)))
problems = verify(instance, result, instance.parameters, run.structure)
if problems:
    st.error(ui.t(N_("The checker found problems:")) + " " + "; ".join(problems))
else:
    st.caption(ui.t(N_("The independent checker verified every rule and figure.")))
for line in render(result.explanation, ui.lang()):
    st.write(line)

coverage = views.coverage_frame(instance, result)
left, right = st.columns([3, 2])
left.altair_chart(
    ui.heat_map(
        coverage,
        "profession",
        "team",
        "coverage",
        N_("Coverage after the plan, team × profession"),
    ),
    width="stretch",
)
teams = views.team_frame(instance, result)
tiles = views.tile_layout(instance, list(teams["team_id"])).merge(teams[["team_id", "team", "coverage"]], on="team_id")
# Tiles are small: each shows the team's initials (Amager Øst: AØ), the full name in the tooltip.
tiles["short"] = ["".join(word[0] for word in str(name).replace("-", " ").split())[:4] for name in tiles["team"]]
tile = alt.Chart(tiles, title=ui.t(N_("Schematic map: teams by coverage")))
encoding = {
    "x": alt.X("area:N", title=ui.t(N_("Area")), sort=None, axis=alt.Axis(labelAngle=-30, labelLimit=90)),
    "xOffset": alt.XOffset("col:O"),
    "y": alt.Y("row:O", title=None, axis=None),
}
rect = tile.mark_rect(stroke="white", strokeWidth=2).encode(
    **encoding,
    color=ui.coverage_color("coverage"),
    tooltip=["team", "area", alt.Tooltip("coverage:Q", format=".1%")],
)
label = tile.mark_text(fontSize=10).encode(**encoding, text="short")
right.altair_chart((rect + label).properties(height=260), width="stretch")

tab_teams, tab_moves, tab_inst, tab_lock = st.tabs(
    [
        ui.t(N_("Teams")),
        ui.t(N_("Who moves")),
        ui.t(N_("Institutions")),
        ui.t(N_("Lock and solve again")),
    ]
)
with tab_teams:
    st.dataframe(ui.shown(views.composition(instance, result).reset_index()), hide_index=True, width="stretch")
with tab_moves:
    moves = views.moves(instance, result)
    professions = ["—", *sorted(set(moves["profession"]))]
    pick = st.selectbox(ui.t(N_("Profession")), professions, key="moves_profession")
    if pick != "—":
        moves = moves[moves["profession"] == pick]
    st.dataframe(ui.shown(moves), hide_index=True, width="stretch")
with tab_inst:
    st.dataframe(
        ui.shown(views.institution_frame(instance, result, run.structure)),
        hide_index=True,
        width="stretch",
        height=400,
    )
with tab_lock:
    names = views.team_names(instance)
    by_name = {v: k for k, v in names.items()}
    plan = views.staff_plan(instance, result)
    edited = st.data_editor(
        plan,
        column_config={
            **ui.headers(plan),
            "locked_team": st.column_config.SelectboxColumn(ui.t(N_("Locked to team")), options=sorted(by_name)),
        },
        disabled=[c for c in plan.columns if c != "locked_team"],
        hide_index=True,
        key="lock_editor",
    )
    if st.button(ui.t(N_("Solve again with the locks (warm start)"))):
        locks = {str(r.staff_id): by_name.get(str(r.locked_team)) for r in edited.itertuples()}
        # Only the locks that change are added to the run's inputs, so the stored re-solve can be done again.
        changed = {s.id: locks.get(s.id) for s in instance.staff if locks.get(s.id) != s.locked_team_id}
        inputs = run.inputs or session_inputs(
            state.book(), run.scenario, instance.solver.time_limit_s, state.need_edits()
        )
        start(run.label, replace(inputs, locks=tuple((dict(inputs.locks) | changed).items())), warm=result)
        st.switch_page("pages/optimise.py")

pseudonymise = st.checkbox(ui.t(N_("Show staff by id instead of name")), value=False)
# The files are written once per plan, choice and language, not on every rerun of the page (about 0.5 s).
# The cache holds the result itself, so a later plan can never be mistaken for it.
files = state.get_object("result_files")
if not (isinstance(files, tuple) and files[0] is result and files[1:3] == (pseudonymise, ui.lang())):
    with tempfile.TemporaryDirectory(prefix="bydelsteam-") as folder:
        book_path, deck_path = Path(folder) / "resultat.xlsx", Path(folder) / "udvalg.pptx"
        write_result_book(
            instance, result, book_path, pseudonymise=pseudonymise, lang=ui.lang(), inputs_sha256=state.book().digest
        )
        deck = from_result(result, Names.of(instance, pseudonymise=True), run.label, ui.lang())
        write_deck(deck, deck_path, ui.lang())
        files = (result, pseudonymise, ui.lang(), book_path.read_bytes(), deck_path.read_bytes())
    state.set_object("result_files", files)
book_bytes, deck_bytes = files[3], files[4]
left, right = st.columns(2)
left.download_button(ui.t(N_("Download the result as Excel")), book_bytes, "resultat.xlsx")
right.download_button(ui.t(N_("Download the deck (PowerPoint)")), deck_bytes, "udvalg.pptx")
