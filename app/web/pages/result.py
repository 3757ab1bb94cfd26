"""Resultat: any stored run or the last solve; key figures, coverage heat map and map, who moves, institutions
and contacts; hand edits (move, lock, contact) evaluated at once with the rules they break, undo, and
"optimise the rest" keeping them; download the workbook and the deck."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from app.web import edits, state, ui
from app.web.jobs import record_name, reopen, run_name, session_inputs, start
from optimiser import views
from optimiser.check import verify
from optimiser.explain import render
from optimiser.export import write_result_book
from optimiser.export.deck import from_result, write_deck
from optimiser.figures import figure
from optimiser.i18n import N_
from optimiser.names import Names
from optimiser.reference import shown
from optimiser.results import Kpis, SolveResult
from optimiser.statutory import covered_line
from optimiser.vocabulary import status
from scenarios import service
from scenarios.errors import ScenarioError
from scenarios.plan_edits import Contact, allowed_teams, contact_candidates, locks
from scenarios.rerun import plan_differences
from scenarios.store import RunStore

ui.page(N_("Result"))
HEADLINE = ("max_relative_shortfall", "total_shortfall_fte", "staff_moved", "contacts_changed", "cost_dkk")
LOWER_IS_BETTER = {"max_relative_shortfall", "total_shortfall_fte"}
# Five tiles side by side at 1366 px: labels and values of at most about 22 characters.
TILE_TITLES = {"total_shortfall_fte": N_("Shortfall (FTE)"), "cost_dkk": N_("Cost (DKK million)")}


def stored_runs() -> None:
    """Pick any stored run of this workbook and show it here."""
    book = state.book()
    if book.instance is None:
        return
    store = RunStore()
    try:
        records = {r.id: r for r in store.list_runs(200) if r.book_sha256 == book.digest and r.id is not None}
        if not records:
            return
        left, right = st.expander(ui.t(N_("Open a stored run"))).columns([4, 1], vertical_alignment="bottom")
        picked = left.selectbox(
            ui.t(N_("Open a stored run")),
            list(records),
            index=None,
            placeholder=ui.t(N_("Choose a run")),
            format_func=lambda i: record_name(records[i]),
            key="reopen_pick",
        )
        if right.button(ui.t(N_("Open")), disabled=picked is None) and picked is not None:
            try:
                shown = reopen(store, records[picked], service.Book(book.name, book.data, book.instance))
            except (ScenarioError, ValueError, service.CannotRerun):
                st.error(ui.t(N_("Run no. {id} does not fit the workbook and is left out.")).format(id=picked))
            else:
                state.set_shown_run(shown)
    finally:
        store.close()


stored_runs()
run = state.shown_run()
if run is None:
    st.info(ui.t(N_("No plan yet: start a solve on the Optimise page, or open a stored run above.")))
    st.stop()
names = Names.of(run.instance)
made = edits.edited(run)
chosen = edits.edits(run)
result: SolveResult = made.result if made else run.result
instance = made.instance if made else run.instance
st.subheader(run.label)
st.caption(
    ui.t(N_("Status: {status} · run no. {run} · {s} s")).format(
        status=status(run.result.status, ui.lang()), run=run.run_id or "–", s=ui.number(run.result.seconds, 1)
    )
)
clash = state.get_object(edits.CLASH)
if isinstance(clash, tuple) and clash[0] is run.result:
    st.error("\n\n".join(clash[1]))
if result.kpis is None:
    for line in render(result.explanation, ui.lang()):
        st.error(line)
    st.stop()


def tiles(now: Kpis, before: Kpis | None) -> None:
    """The headline figures (short labels from the catalogue), with the change an edit makes."""
    for col, fig in zip(st.columns(len(HEADLINE)), map(figure, HEADLINE), strict=True):
        title = ui.t(TILE_TITLES[fig.field]) if fig.field in TILE_TITLES else fig.short_title(ui.lang())
        if getattr(now, fig.field) is None:  # not known (contacts changed without sheet Kontakter)
            col.metric(title, "–")
            continue
        value = float(getattr(now, fig.field))
        mio = fig.field == "cost_dkk"
        figure_text = ui.number(value / 1e6, 1) if mio else fig.show(value, ui.lang())
        delta = None
        if before is not None and abs(value - float(getattr(before, fig.field))) > 1e-9:
            change = value - float(getattr(before, fig.field))
            delta = ("+" if change > 0 else "") + (ui.number(change / 1e6, 1) if mio else fig.show(change, ui.lang()))
        colour = "inverse" if fig.field in LOWER_IS_BETTER else "off"
        col.metric(title, figure_text, delta, delta_color=colour)  # type: ignore[arg-type]


tiles(result.kpis, run.result.kpis if made else None)
st.caption(shown(result.reference, ui.lang()))  # which demand every figure is measured against
if result.kpis.statutory_covered is not None:
    st.caption(covered_line(result.kpis, ui.lang(), names))
if made is None:
    problems = verify(run.instance, run.result, run.instance.parameters, run.structure)
    if problems:
        st.error(ui.t(N_("The checker found problems:")) + " " + "; ".join(problems))
    else:
        st.caption(ui.t(N_("The independent checker verified every rule and figure.")))
    with st.expander(ui.t(N_("What decides the plan"))):
        for line in render(result.explanation, ui.lang()):
            st.write(line)
else:
    with st.container(border=True):
        st.markdown("**" + ui.t(N_("Hand edits (not solved): {n}")).format(n=len(chosen)) + "**")
        for edit in chosen:
            st.write("- " + edits.describe(edit, names, ui.lang()))
        if made.broken:
            st.warning("\n\n".join(edits.broken_lines(made, ui.lang())))
        else:
            st.success(ui.t(N_("The edited plan breaks no rule (the independent checker).")))
        cells = views.coverage_frame(instance, result)
        hit = set(made.changed_cells)
        changed = cells[[(t, p) in hit for t, p in zip(cells["team_id"], cells["profession_id"], strict=True)]]
        before = {(c.team_id, c.profession): c.coverage for c in run.result.coverage}
        table = changed[["team", "profession", "demand_fte", "supply_fte", "coverage"]].copy()
        keys = zip(changed["team_id"], changed["profession_id"], strict=True)
        table.insert(4, "current_coverage", [before.get(k) for k in keys])
        st.caption(ui.t(N_("Coverage of the cells the edits change (before → after).")))
        st.dataframe(
            ui.shown(table).rename(columns={ui.t(N_("Coverage today")): ui.t(N_("Coverage before"))}),
            hide_index=True,
        )
        moved = [d for d in plan_differences(run.result, result) if d.kind == "team"]
        if moved:
            diff = pd.DataFrame(
                [
                    {
                        "name": names.person(d.key),
                        "from_team": names.team(str(d.before)),
                        "to_team": names.team(str(d.after)),
                    }
                    for d in moved
                ]
            )
            st.caption(ui.t(N_("Difference against the previous plan")))
            st.dataframe(ui.shown(diff), hide_index=True)
        undo, undo_all, rest = st.columns(3)
        if undo.button(ui.t(N_("Undo the last edit")), key="undo"):
            edits.set_edits(run, chosen[:-1])
            st.rerun()
        if undo_all.button(ui.t(N_("Undo all edits")), key="undo_all"):
            edits.set_edits(run, ())
            st.rerun()
        if rest.button(ui.t(N_("Optimise the rest")), type="primary", key="optimise_rest"):
            inputs = run.inputs or session_inputs(
                state.book(), run.scenario, run.instance.solver.time_limit_s, state.need_edits()
            )
            added = dict(inputs.locks) | dict(locks(run.result, made))
            resolve = replace(inputs, locks=tuple(added.items()))
            try:
                start(run_name(resolve), resolve, warm=result)
            except (ScenarioError, ValueError) as err:
                st.error(str(err))
            else:
                job = state.get_object(state.JOB)
                state.set_object(edits.RESOLVE, edits.Resolve(job, run, chosen))
                st.switch_page("pages/optimise.py")

# The edit controls next to the figures they change (just above), the charts and tables below.
with st.expander(ui.t(N_("Edit by hand")), expanded=bool(chosen)):
    st.caption(
        ui.t(
            N_(
                "Move or lock a person, or name another contact: the figures above change at once, without a "
                "solve. Then optimise the rest with your edits kept."
            )
        )
    )
    team_of = {a.staff_id: a.team_id for a in result.assignments}
    member = {s.id: s for s in instance.staff}
    who, where, go_move, go_lock = st.columns([3, 3, 1, 1], vertical_alignment="bottom")
    person = who.selectbox(
        ui.t(N_("Staff member")),
        [s.id for s in instance.staff],
        format_func=lambda s: (
            f"{names.person(s)} · {names.profession(member[s].profession)} · {names.team(team_of[s])}"
        ),
        key="edit_person",
    )
    options = allowed_teams(instance, instance.parameters, person)
    team = where.selectbox(ui.t(N_("To team")), options, format_func=names.team, key="edit_team")
    if go_move.button(ui.t(N_("Move")), key="do_move"):
        edits.set_edits(run, (*chosen, edits.move_or_lock(person, team, lock=False)))
        st.rerun()
    if go_lock.button(ui.t(N_("Lock")), key="do_lock"):
        edits.set_edits(run, (*chosen, edits.move_or_lock(person, team, lock=True)))
        st.rerun()
    if member[person].locked_team_id and st.button(ui.t(N_("Unlock")), key="do_unlock"):
        edits.set_edits(run, (*chosen, edits.move_or_lock(person, None, lock=True)))
        st.rerun()
    with_contact = sorted(
        {(a.institution_id, a.profession) for a in result.institutions if a.contact_staff_id is not None},
        key=lambda k: (names.institution(k[0]), k[1]),
    )
    if with_contact:
        place, contact, go_contact = st.columns([4, 3, 1], vertical_alignment="bottom")
        key = place.selectbox(
            ui.t(N_("Institution and profession")),
            with_contact,
            format_func=lambda k: f"{names.institution(k[0])} · {names.profession(k[1])}",
            key="edit_institution",
        )
        candidates = contact_candidates(instance, result, key[0], key[1])
        staff_id = contact.selectbox(ui.t(N_("Contact")), candidates, format_func=names.person, key="edit_contact")
        if go_contact.button(ui.t(N_("Name")), key="do_contact") and staff_id is not None:
            edits.set_edits(run, (*chosen, Contact(key[0], key[1], staff_id)))
            st.rerun()
coverage = views.coverage_frame(instance, result)
st.altair_chart(
    ui.heat_map(coverage, "profession", "team", "coverage", N_("Coverage after the plan, team × profession")),
    width="stretch",
)
st.altair_chart(ui.team_map(instance, result), width="content")

tab_teams, tab_moves, tab_inst = st.tabs([ui.t(N_("Teams")), ui.t(N_("Who moves")), ui.t(N_("Institutions"))])
with tab_teams:
    st.dataframe(ui.shown(views.composition(instance, result).reset_index()), hide_index=True, width="stretch")
with tab_moves:
    moves = views.moves(instance, result)
    pick = st.selectbox(
        ui.t(N_("Profession")),
        sorted(set(moves["profession"])),
        index=None,
        placeholder=ui.t(N_("All")),
        key="moves_profession",
    )
    if pick is not None:
        moves = moves[moves["profession"] == pick]
    st.dataframe(ui.shown(moves.drop(columns=["staff_id"])), hide_index=True, width="stretch")
with tab_inst:
    ui.institution_table(views.institution_frame(instance, result, run.structure))

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
