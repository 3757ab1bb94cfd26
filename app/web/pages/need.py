"""Behov: the need model's weights, floor and blend per profession, with the demand they give at once, and why
one institution's demand is what it is. The changes are kept as need edits (`scenarios.edits`): the Optimér
page solves with them and stores them with the run, so the run can be done again."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.web import state, ui
from optimiser import views
from optimiser.i18n import N_
from optimiser.names import Names
from scenarios.edits import NeedEdit

ui.page(N_("Need"))
base = ui.workbook(edited=False)
current = ui.workbook()

shown = Names.of(base)
profession = ui.choose(N_("Profession"), [p.id for p in base.professions], "need_profession", shown.profession)
prof = current.profession(profession)
left, right = st.columns(2)
floor = left.number_input(
    ui.t(N_("Floor of the need multiplier")),
    0.0,
    5.0,
    float(prof.need_floor),
    0.05,
    key="need_floor",
)
blend = right.slider(
    ui.t(N_("Share by need (the rest by number of children)")),
    0.0,
    1.0,
    float(prof.need_blend),
    0.05,
    key="need_blend",
)
weights = pd.DataFrame(
    [
        {"indicator": w.indicator, "name": shown.indicator(w.indicator), "weight": w.weight}
        for w in current.need_weights
        if w.profession == profession
    ],
    columns=["indicator", "name", "weight"],
)
edited = st.data_editor(
    weights,
    column_order=("name", "weight"),  # the id stays in the frame for the edit, the planner sees the name
    column_config={
        "name": st.column_config.TextColumn(ui.t(N_("Indicator")), disabled=True),
        "weight": st.column_config.NumberColumn(ui.t(N_("Weight")), min_value=0.0, step=0.05),
    },
    hide_index=True,
    key="need_weights",
)

# This profession's settings as an edit of the book's values; the other professions' edits stay as they are.
book_prof = base.profession(profession)
book_weights = {w.indicator: w.weight for w in base.need_weights if w.profession == profession}
set_weights = dict(zip(edited["indicator"].astype(str), edited["weight"].astype(float).tolist(), strict=True))
edit = NeedEdit(
    profession=profession,
    floor=floor if floor != book_prof.need_floor else None,
    blend=blend if blend != book_prof.need_blend else None,
    weights={k: w for k, w in set_weights.items() if book_weights.get(k) != w},
)
kept = [e for e in state.need_edits() if e.profession != profession]
kept += [edit] if edit != NeedEdit(profession=profession) else []
order = [p.id for p in base.professions]
state.set_need_edits(tuple(sorted(kept, key=lambda e: order.index(e.profession))))  # book order: one hash
changed = ui.workbook()
if st.button(ui.t(N_("Back to the workbook's values"))):
    state.set_need_edits(())
    for key in ("need_floor", "need_blend", "need_weights"):  # the widgets show the workbook's values again
        st.session_state.pop(key, None)
    st.rerun()

demand = views.demand_frame(changed)
st.altair_chart(
    ui.heat_map(demand, "profession", "team", "coverage", N_("Coverage today of the need")),
    width="stretch",
)
st.subheader(ui.t(N_("Demand and supply today per team and profession")))
st.dataframe(ui.shown(demand.drop(columns=["team_id"])), hide_index=True, width="stretch", height=300)

st.subheader(ui.t(N_("Why does an institution have the need it has?")))
names = {i.id: f"{i.name} ({i.id})" for i in changed.institutions}
chosen = st.selectbox(ui.t(N_("Institution")), list(names), format_func=names.__getitem__, key="need_inst")
st.dataframe(
    ui.shown(views.need_frame(changed, chosen).drop(columns="profession_id"), {"demand_fte": 3}),
    hide_index=True,
    width="stretch",
)
st.caption(
    ui.t(
        N_(
            "Multiplier = 1 + Σ weight × (value / municipal mean − 1), at least the floor. Share = a "
            "blend of the institution's share of the profession's need and of the children. See "
            "docs/method.md."
        )
    )
)
need = views.need_frame(changed, chosen)
if profession in set(need["profession_id"]):
    st.dataframe(ui.shown(views.indicator_frame(changed, chosen, profession)), hide_index=True, width="stretch")
else:
    st.caption(ui.t(N_("{p} does not serve this kind of institution.")).format(p=shown.profession(profession)))
