"""Scenarie: build or edit a what-if scenario (structure, rules, changes, budget, tolerances), save it as YAML,
or load an existing one. The scenario is checked against the workbook as it is built (docs/scenarios.md).

What Optimér solves is the session's scenario (`state.scenario`), shown on this page as it is: a loaded example
is that example's text exactly (so its run is the CLI's run of the same file), and the form makes a scenario only
when the planner changes something in it. Merely visiting the page makes none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
import yaml

from app.web import fields, state, ui
from app.web.danish_numbers import Kind
from optimiser.domain import readable
from optimiser.i18n import N_
from optimiser.names import Names
from scenarios.apply import apply_scenario
from scenarios.errors import ScenarioError, format_scenario_problems
from scenarios.schema import MAX_FTE_PER_CHANGE, Scenario, load_scenario, parse_scenario

EXAMPLES = Path(__file__).resolve().parents[3] / "scenarios" / "examples"
OWN = "—"
AUTO = "auto"
LOAD_ERROR = "scenario_load_error"
GENERATION = "scenario_generation"  # bumped when a scenario is loaded or dropped: the form starts again from it
FORM_BASE = "scenario_form_base"  # the scenario the form was drawn from
MOVES = Kind(0, 10_000, whole=True)
TOLERANCE = Kind(0.0, 0.25, decimals=1, percent=True)
BUDGET = Kind(0, 1_000_000_000, whole=True)
CUT = Kind(0.0, 0.5, decimals=1, percent=True)
FTE = Kind(-MAX_FTE_PER_CHANGE, MAX_FTE_PER_CHANGE, decimals=2, min_decimals=1)
SHOWN_CHANGES = ("add", "remove")  # the changes the form's table shows; locks and cuts have fields of their own

ui.page(N_("Scenario"))
fields.danish_widgets()
base = ui.workbook()
names = Names.of(base)


def form_values(text: str) -> dict[str, Any]:
    """A scenario as the form's starting values: validated first, so every value has its type."""
    try:
        spec = parse_scenario(text, "scenarie.yaml").spec
    except ScenarioError:
        return {}
    return {k: v for k, v in spec.model_dump(mode="json", exclude_none=True).items() if v not in ({}, [])}


def restart(scenario: Scenario | None) -> None:
    """Make `scenario` the session's and draw the form afresh from it (new widget keys: old values go)."""
    state.set_scenario(scenario)
    state.next_generation(GENERATION)
    st.rerun()


with st.expander(ui.t(N_("Load a scenario")), expanded=LOAD_ERROR in st.session_state):
    examples = {p.name: load_scenario(p).title for p in sorted(EXAMPLES.glob("*.yaml"))}
    example = st.selectbox(
        ui.t(N_("Example")), [OWN, *examples], format_func=lambda e: examples.get(e, e), key="scenario_example"
    )
    upload = fields.upload(ui.t(N_("or upload a YAML file")), ["yaml", "yml"], "scenario_upload", 1)
    if st.button(ui.t(N_("Load"))):
        st.session_state.pop(LOAD_ERROR, None)
        source, origin = None, example
        if upload is not None:
            source, origin = upload.getvalue().decode("utf-8", "replace"), upload.name
        elif example != OWN:
            source = (EXAMPLES / example).read_text(encoding="utf-8")
        if source is not None:
            try:  # only a valid file becomes the scenario; the planner is told what is wrong with any other
                loaded_scenario = parse_scenario(source, origin, default_name=Path(origin).stem)
            except ScenarioError as err:
                st.session_state[LOAD_ERROR] = err.problems
            else:
                restart(loaded_scenario)
    problems = st.session_state.get(LOAD_ERROR)
    if problems:
        st.error(
            ui.t(N_("The scenario cannot be loaded:"))
            + "\n\n"
            + ui.plain_lines(format_scenario_problems(problems, ui.lang()))
        )

status = st.container()  # what Optimér will solve, filled in once the form below is read
generation = state.generation(GENERATION)


def key(name: str) -> str:
    return f"sc_{name}.{generation}"


if key("name") not in st.session_state:  # the form is drawn afresh (a first visit, a visit back, a load)
    state.set_object(FORM_BASE, state.scenario())
drawn_from = state.get_object(FORM_BASE)
form_base = drawn_from if isinstance(drawn_from, Scenario) else None
loaded = form_values(form_base.text) if form_base else {}
policy, budget, objective = loaded.get("policy", {}), loaded.get("budget", {}), loaded.get("objective", {})
loaded_changes: list[dict[str, Any]] = loaded.get("changes", [])
lock_changes = [c for c in loaded_changes if "lock" in c and c["lock"].get("team") is None]
cut_changes = [c for c in loaded_changes if "cut" in c and not c["cut"].get("professions")]
kept_changes = [
    c
    for c in loaded_changes
    if not (set(SHOWN_CHANGES) & set(c)) and c not in lock_changes and c not in cut_changes[:1]
]

defaults: dict[str, Any] = {
    "name": loaded.get("name", "mit_scenarie"),
    "title": loaded.get("title", "") if form_base else ui.t(N_("My scenario")),  # a title, not the id, on screen
    "structure": loaded.get("structure", OWN),
    "boundary": bool(policy.get("area_boundary", base.parameters.area_boundary)),
    "max_moves": int(policy.get("max_moves") or 0),
    "tolerance": float(objective.get("tolerance", base.parameters.tolerance)),
    "new_posts": int(budget.get("new_posts_dkk") or 0),
    "cut": float(cut_changes[0]["cut"]["share"]) if cut_changes else 0.0,
    "posts": [
        {"profession": g["profession"], "fte": (1 if kind == "add" else -1) * g["fte"], "team": g.get("team", AUTO)}
        for c in loaded_changes
        for kind, g in c.items()
        if kind in SHOWN_CHANGES
    ],
    "locks": [s for c in lock_changes for s in c["lock"]["staff"]],
}

name = st.text_input(ui.t(N_("Name")), defaults["name"], key=key("name"))
title = st.text_input(ui.t(N_("Title")), defaults["title"], key=key("title"))
structures = [OWN, *base.structures]
structure = st.selectbox(
    ui.t(N_("Structure (— = the workbook's own)")),
    structures,
    index=structures.index(defaults["structure"]) if defaults["structure"] in structures else 0,
    format_func=lambda s: s if s == OWN else readable(s),
    key=key("structure"),
)
left, middle, right = st.columns(3)
boundary = left.checkbox(ui.t(N_("Staff stay in their area")), defaults["boundary"], key=key("boundary"))
max_moves = fields.number_field(
    ui.t(N_("At most this many change team (0 = no limit)")), defaults["max_moves"], key("moves"), MOVES, middle
)
tolerance = fields.number_field(
    ui.t(N_("Equity tolerance (percentage points)")), defaults["tolerance"], key("tolerance"), TOLERANCE, right
)
left, right = st.columns(2)
new_posts = fields.number_field(
    ui.t(N_("Budget for new posts (DKK a year)")), defaults["new_posts"], key("budget"), BUDGET, left
)
cut = fields.number_field(ui.t(N_("Cut in every profession (%)")), defaults["cut"], key("cut"), CUT, right)
st.caption(
    ui.t(
        N_(
            "Changes: more (+) or fewer (−) FTE of a profession in a team (auto: where the need is "
            "largest / the coverage highest), or lock staff to their team."
        )
    )
)
structured = apply_scenario(base, parse_scenario(f"structure: {structure}\n", "s.yaml")) if structure != OWN else None
team_ids = [AUTO, *(t.id for t in (structured.instance if structured else base).teams)]
team_label = {t: ui.t(N_("auto")) if t == AUTO else names.team(t) for t in team_ids}
profession_label = {p.id: names.profession(p.id) for p in base.professions}
by_team_label = {v: k for k, v in team_label.items()}
by_profession_label = {v: k for k, v in profession_label.items()}
fte_label = ui.t(N_("FTE (+/−)"))
start_rows = pd.DataFrame(
    {
        "profession": [profession_label.get(r["profession"], r["profession"]) for r in defaults["posts"]],
        "fte": fields.shown_cells([r["fte"] for r in defaults["posts"]], FTE),
        "team": [team_label.get(r["team"], r["team"]) for r in defaults["posts"]],
    },
    columns=["profession", "fte", "team"],
).astype(str)  # text cells: numbers as the planner writes them, read by `fields.number_cells`
posts = st.data_editor(
    start_rows,
    num_rows="dynamic",
    column_config={
        "profession": st.column_config.SelectboxColumn(
            ui.t(N_("Profession")), options=list(by_profession_label), required=True
        ),
        "fte": st.column_config.TextColumn(fte_label, required=True),
        "team": st.column_config.SelectboxColumn(
            ui.t(N_("Team")), options=list(by_team_label), default=team_label[AUTO]
        ),
    },
    hide_index=True,
    key=key("posts"),
)
filled = posts.dropna(subset=["profession", "fte"]).reset_index(drop=True)
fte_values, fte_refused = fields.number_cells(filled, "fte", FTE, fte_label)
for message in fte_refused:
    st.error(message)
locks = st.multiselect(
    ui.t(N_("Lock staff to their team")),
    [s.id for s in base.staff],
    default=[s for s in defaults["locks"] if s in {m.id for m in base.staff}],
    format_func=names.person,
    placeholder=ui.t(N_("Choose staff")),
    key=key("locks"),
)


def compose(values: dict[str, Any]) -> str:
    """The scenario's text from the form's values and what the form does not show (kept as loaded)."""
    spec: dict[str, Any] = {"name": values["name"], **({"title": values["title"]} if values["title"] else {})}
    for section in ("description", "base"):
        if section in loaded:
            spec[section] = loaded[section]
    if values["structure"] != OWN:
        spec["structure"] = values["structure"]
    rest = {k: v for k, v in policy.items() if k not in ("area_boundary", "max_moves")}
    spec["policy"] = {**rest, "area_boundary": values["boundary"]}
    if values["max_moves"]:
        spec["policy"]["max_moves"] = int(values["max_moves"])
    for section in ("need", "solver"):
        if section in loaded:
            spec[section] = loaded[section]
    changes = list(kept_changes)
    for row in values["posts"]:
        amount = round(float(row["fte"]), 2)
        if amount:
            change = {"profession": row["profession"], "fte": abs(amount), "team": row["team"] or AUTO}
            changes.append({"add" if amount > 0 else "remove": change})
    if values["locks"]:
        changes.append({"lock": {"staff": list(values["locks"])}})
    if values["cut"] > 0:
        changes.append({"cut": {"share": round(values["cut"], 4)}})
    if changes:
        spec["changes"] = changes
    rest_budget = {k: v for k, v in budget.items() if k != "new_posts_dkk"}
    if values["new_posts"] or rest_budget:
        spec["budget"] = {**rest_budget, **({"new_posts_dkk": int(values["new_posts"])} if values["new_posts"] else {})}
    spec["objective"] = {**objective, "tolerance": round(values["tolerance"], 4)}
    for section in ("steps", "pace"):
        if section in loaded:
            spec[section] = loaded[section]
    return yaml.safe_dump(spec, allow_unicode=True, sort_keys=False)


typed = {"max_moves": max_moves, "tolerance": tolerance, "new_posts": new_posts, "cut": cut}
unread = bool(fte_refused) or any(v is None for v in typed.values())
scenario = state.scenario()
if unread:
    st.warning(ui.t(N_("The scenario is not changed until every field above can be read.")))
else:
    values = {
        **defaults,
        **typed,
        "name": name,
        "title": title,
        "structure": structure,
        "boundary": boundary,
        "locks": locks,
        "posts": [
            {
                "profession": by_profession_label.get(str(row["profession"]), str(row["profession"])),
                "fte": fte,
                "team": by_team_label.get(str(row["team"]), AUTO) if isinstance(row["team"], str) else AUTO,
            }
            for row, fte in zip(filled.to_dict("records"), fte_values, strict=True)
        ],
    }
    text = compose(values)
    if text == compose(defaults):  # nothing changed in the form: the scenario it was drawn from, as it was
        if scenario != form_base:
            state.set_scenario(form_base)
            scenario = form_base
    else:
        try:
            made = parse_scenario(text, f"{name}.yaml", default_name=name)
            apply_scenario(base, made)  # checked against the book before it becomes the session's
        except ScenarioError as err:
            st.error(ui.plain_lines(format_scenario_problems(err.problems, ui.lang())))
        else:
            state.set_scenario(made)
            scenario = made

if scenario is None:
    status.info(ui.t(N_("No scenario: Optimise solves the workbook as it is.")))
else:
    try:
        applied = apply_scenario(base, scenario)
    except ScenarioError as err:  # a kept scenario that no longer fits this book (edits on Behov)
        status.error(ui.plain_lines(format_scenario_problems(err.problems, ui.lang())))
    else:
        status.success(
            ui.t(
                N_("Optimise solves **{title}**. The scenario fits the workbook: {teams} teams, {staff} staff.")
            ).format(title=scenario.title, teams=len(applied.instance.teams), staff=len(applied.instance.staff))
        )
    st.divider()
    st.code(scenario.text, language="yaml")
    left, right = st.columns(2)
    left.download_button(
        ui.t(N_("Save as YAML")),
        scenario.text.encode("utf-8"),
        file_name=f"{scenario.name}.yaml",
        mime="application/x-yaml",
    )
    if right.button(ui.t(N_("Use the workbook as it is (no scenario)"))):
        restart(None)
