"""Behov: the need model's weights, floor and blend per profession, with the demand they give at once, and why
one institution's demand is what it is. The changes are kept as need edits (`scenarios.edits`): the Optimér
page solves with them and stores them with the run, so the run can be done again."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from app.web import fields, state, ui
from app.web.danish_numbers import Kind
from optimiser import views
from optimiser.i18n import N_
from optimiser.names import Names
from scenarios.edits import NeedEdit
from scenarios.schema import MAX_FLOOR, MAX_NEED_WEIGHT

ui.page(N_("Need"))
fields.danish_widgets()
base = ui.workbook(edited=False)
current = ui.workbook()
FLOOR = Kind(0.0, MAX_FLOOR, decimals=2, min_decimals=1)
BLEND = Kind(0.0, 1.0, decimals=2, min_decimals=1)  # a share, as the workbook writes it: 0,9
WEIGHT = Kind(-MAX_NEED_WEIGHT, MAX_NEED_WEIGHT, decimals=3, min_decimals=1)
GENERATION = "need_generation"  # bumped by "back to the workbook's values": every field starts again

shown = Names.of(base)
profession = ui.choose(N_("Profession"), [p.id for p in base.professions], "need_profession", shown.profession)
prof = current.profession(profession)
# The keys name the profession: each profession's fields show its own values (the book's, or its edit), never
# the previous profession's.
keys = f"{profession}.{state.generation(GENERATION)}"
left, right = st.columns(2)
typed_floor = fields.number_field(
    ui.t(N_("Floor of the need multiplier")), prof.need_floor, f"need_floor.{keys}", FLOOR, left
)
typed_blend = fields.number_field(
    ui.t(N_("Share by need (the rest by number of children)")), prof.need_blend, f"need_blend.{keys}", BLEND, right
)
weights = [w for w in current.need_weights if w.profession == profession]
# The table starts from the weights as they are when it is drawn, and keeps those while it lives: data that
# changed with every edit would make Streamlit draw a new table (and drop the planner's place in it).
editor = f"need_weights.{keys}"
if editor not in st.session_state or f"{editor}.start" not in st.session_state:
    st.session_state[f"{editor}.start"] = [w.weight for w in weights]
start = list(st.session_state[f"{editor}.start"])
table = pd.DataFrame(
    {
        "indicator": [w.indicator for w in weights],
        "name": [shown.indicator(w.indicator) for w in weights],
        "weight": fields.shown_cells(start, WEIGHT),
    },
    columns=["indicator", "name", "weight"],
)
weight_label = ui.t(N_("Weight"))
edited = st.data_editor(
    table,
    column_order=("name", "weight"),  # the id stays in the frame for the edit, the planner sees the name
    column_config={
        "name": st.column_config.TextColumn(ui.t(N_("Indicator")), disabled=True),
        "weight": st.column_config.TextColumn(weight_label, required=True),
    },
    hide_index=True,
    key=editor,
)
typed_weights, refused = fields.number_cells(edited, "weight", WEIGHT, weight_label, start)
for message in refused:
    st.error(message)

# A value that cannot be read keeps the value it had: the planner sees why beside the field.
floor = prof.need_floor if typed_floor is None else typed_floor
blend = prof.need_blend if typed_blend is None else typed_blend
set_weights = {
    w.indicator: w.weight if math.isnan(typed) else typed for w, typed in zip(weights, typed_weights, strict=True)
}

# This profession's settings as an edit of the book's values; the other professions' edits stay as they are.
book_prof = base.profession(profession)
book_weights = {w.indicator: w.weight for w in base.need_weights if w.profession == profession}
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
    state.next_generation(GENERATION)  # the fields show the book's values again
    st.rerun()

demand = views.demand_frame(changed)
st.altair_chart(
    ui.heat_map(demand, "profession", "team", "coverage", N_("Coverage today of the need")),
    width="stretch",
)
st.subheader(ui.t(N_("Demand and supply today per team and profession")))
st.dataframe(ui.shown(demand.drop(columns=["team_id", "profession_id"])), hide_index=True, width="stretch", height=300)

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
    terms = ui.shown(views.indicator_frame(changed, chosen, profession))
    terms = terms.rename(columns={"raw_value": ui.t(N_("Value in the workbook"))})  # not in ui.COLUMNS (yet)
    st.dataframe(terms, hide_index=True, width="stretch")
else:
    st.caption(ui.t(N_("{p} does not serve this kind of institution.")).format(p=shown.profession(profession)))
