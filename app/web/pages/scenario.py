"""Scenarie: build or edit a what-if scenario (structure, rules, changes, budget, tolerances), save it as YAML,
or load an existing one. The scenario is checked against the workbook as it is built (docs/scenarios.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
import yaml

from app.web import state, ui
from optimiser.i18n import N_
from scenarios.apply import apply_scenario
from scenarios.errors import ScenarioError, format_scenario_problems
from scenarios.schema import Scenario, parse_scenario

EXAMPLES = Path(__file__).resolve().parents[3] / "scenarios" / "examples"
OWN = "—"

ui.page(N_("Scenario"))
base = ui.workbook()

LOAD_ERROR = "scenario_load_error"


def form_values(text: str) -> dict[str, Any]:
    """A loaded scenario as the form's starting values: validated first, so every value has its type."""
    try:
        spec = parse_scenario(text, "scenarie.yaml").spec
    except ScenarioError:
        return {}
    return {k: v for k, v in spec.model_dump(mode="json", exclude_none=True).items() if v not in ({}, [])}


with st.expander(ui.t(N_("Load a scenario")), expanded=LOAD_ERROR in st.session_state):
    examples = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
    example = st.selectbox(ui.t(N_("Example")), [OWN, *examples], key="scenario_example")
    upload = st.file_uploader(ui.t(N_("or upload a YAML file")), type=["yaml", "yml"])
    if st.button(ui.t(N_("Load"))):
        st.session_state.pop(LOAD_ERROR, None)
        source, origin = None, example
        if upload is not None:
            source, origin = upload.getvalue().decode("utf-8", "replace"), upload.name
        elif example != OWN:
            source = (EXAMPLES / example).read_text(encoding="utf-8")
        if source is not None:
            try:  # only a valid file fills in the form; the planner is told what is wrong with any other
                parse_scenario(source, origin)
                st.session_state["scenario_text"] = source
            except ScenarioError as err:
                st.session_state[LOAD_ERROR] = err.problems
    problems = st.session_state.get(LOAD_ERROR)
    if problems:
        st.error(
            ui.t(N_("The scenario cannot be loaded:"))
            + "\n\n"
            + ui.plain_lines(format_scenario_problems(problems, ui.lang()))
        )

loaded = form_values(st.session_state.get("scenario_text", ""))
policy, budget, objective = loaded.get("policy", {}), loaded.get("budget", {}), loaded.get("objective", {})

name = st.text_input(ui.t(N_("Name")), loaded.get("name", "mit_scenarie"), key="sc_name")
title = st.text_input(ui.t(N_("Title")), loaded.get("title", ""), key="sc_title")
structures = [OWN, *base.structures]
structure = st.selectbox(
    ui.t(N_("Structure (— = the workbook's own)")),
    structures,
    index=structures.index(loaded["structure"]) if loaded.get("structure") in structures else 0,
    key="sc_structure",
)
left, middle, right = st.columns(3)
boundary = left.checkbox(
    ui.t(N_("Staff stay in their area")),
    bool(policy.get("area_boundary", base.parameters.area_boundary)),
    key="sc_boundary",
)
max_moves = middle.number_input(
    ui.t(N_("At most this many change team (0 = no limit)")),
    0,
    10_000,
    int(policy.get("max_moves") or 0),
    key="sc_moves",
)
tolerance = right.slider(
    ui.t(N_("Equity tolerance (percentage points)")),
    0.0,
    25.0,
    float(objective.get("tolerance", base.parameters.tolerance)) * 100,
    0.5,
    key="sc_tolerance",
)
left, right = st.columns(2)
new_posts = left.number_input(
    ui.t(N_("Budget for new posts (DKK a year)")),
    0,
    1_000_000_000,
    int(budget.get("new_posts_dkk") or 0),
    100_000,
    key="sc_budget",
)
cut = right.number_input(ui.t(N_("Cut in every profession (%)")), 0.0, 50.0, 0.0, 1.0, key="sc_cut")
st.caption(
    ui.t(
        N_(
            "Changes: more (+) or fewer (−) FTE of a profession in a team (auto: where the need is "
            "largest / the coverage highest), or lock staff to their team."
        )
    )
)
structured = apply_scenario(base, parse_scenario(f"structure: {structure}\n", "s.yaml")) if structure != OWN else None
teams = ["auto", *(t.id for t in (structured.instance if structured else base).teams)]
given = [c.get("add") or c.get("remove") for c in loaded.get("changes", []) if "add" in c or "remove" in c]
signs = [1 if "add" in c else -1 for c in loaded.get("changes", []) if "add" in c or "remove" in c]
start_rows = [
    {"profession": g["profession"], "fte": k * g["fte"], "team": g.get("team", "auto")}
    for g, k in zip(given, signs, strict=True)
]
posts = st.data_editor(
    pd.DataFrame(start_rows, columns=["profession", "fte", "team"]),
    num_rows="dynamic",
    column_config={
        "profession": st.column_config.SelectboxColumn(
            ui.t(N_("Profession")), options=[p.id for p in base.professions], required=True
        ),
        "fte": st.column_config.NumberColumn(ui.t(N_("FTE (+/−)")), step=0.5, required=True),
        "team": st.column_config.SelectboxColumn(ui.t(N_("Team")), options=teams, default="auto"),
    },
    key="sc_posts",
)
locks = st.multiselect(ui.t(N_("Lock staff to their team")), [s.id for s in base.staff], key="sc_locks")
changes: list[dict[str, Any]] = [c for c in loaded.get("changes", []) if not ({"add", "remove"} & set(c))]
for row in posts.dropna(subset=["profession", "fte"]).to_dict("records"):
    amount = round(float(row["fte"]), 2)
    if amount:
        kind = "add" if amount > 0 else "remove"
        changes.append(
            {
                kind: {
                    "profession": str(row["profession"]),
                    "fte": abs(amount),
                    "team": row["team"] if isinstance(row["team"], str) and row["team"] else "auto",
                }
            }
        )
if locks:
    changes.append({"lock": {"staff": list(locks)}})
if cut > 0:
    changes.append({"cut": {"share": round(cut / 100, 4)}})

spec: dict[str, Any] = {"name": name, **({"title": title} if title else {})}
if structure != OWN:
    spec["structure"] = structure
spec["policy"] = {"area_boundary": boundary, **({"max_moves": int(max_moves)} if max_moves else {})}
for key in ("need", "solver"):
    if key in loaded:
        spec[key] = loaded[key]
if changes:
    spec["changes"] = changes
if new_posts:
    spec["budget"] = {**budget, "new_posts_dkk": int(new_posts)}
elif budget:
    spec["budget"] = {k: v for k, v in budget.items() if k != "new_posts_dkk"}
spec["objective"] = {**objective, "tolerance": round(tolerance / 100, 4)}
text = yaml.safe_dump(spec, allow_unicode=True, sort_keys=False)

try:
    scenario: Scenario | None = parse_scenario(text, f"{name}.yaml", default_name=name)
    assert scenario is not None
    applied = apply_scenario(base, scenario)
    st.success(
        ui.t(N_("The scenario fits the workbook: {teams} teams, {staff} staff.")).format(
            teams=len(applied.instance.teams), staff=len(applied.instance.staff)
        )
    )
    state.set_object(state.SCENARIO, scenario)
except ScenarioError as err:
    scenario = None
    st.error(ui.plain_lines(format_scenario_problems(err.problems, ui.lang())))
    state.set_object(state.SCENARIO, None)

st.code(text, language="yaml")
st.download_button(ui.t(N_("Save as YAML")), text.encode("utf-8"), file_name=f"{name}.yaml", mime="application/x-yaml")
