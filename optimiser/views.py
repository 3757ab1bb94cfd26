"""Tables for people: the instance, the need model and a `SolveResult` shaped as pandas DataFrames.

Pure functions, language-neutral: the columns have stable English ids (the app puts Danish or English
labels on them and formats the numbers). Nothing here decides anything; it only joins ids to display names
(`optimiser.names`: "profession" is the profession's name, "profession_id" its id for filtering) and
arranges figures the library has computed. Coverage is supply / demand (a share, 1.0 = 100 %); FTE are
practice-near FTE where the column says so (`demand_fte`, `supply_fte`), whole FTE elsewhere (`fte`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from optimiser.domain import DemandMode, Instance, Team
from optimiser.names import Names
from optimiser.need import demand_table, institution_needs
from optimiser.results import SolveResult


def all_teams(instance: Instance) -> dict[str, Team]:
    """Every team by id: the book's teams and the teams only alternative structures use."""
    return {t.id: t for t in (*instance.teams, *instance.structure_teams)}


def team_names(instance: Instance) -> dict[str, str]:
    return {t.id: t.name for t in all_teams(instance).values()}


def team_area(instance: Instance) -> dict[str, str]:
    """Team id -> the name of its area."""
    areas = {a.id: a.name for a in instance.areas}
    return {t.id: areas.get(t.area_id, t.area_id) for t in all_teams(instance).values()}


def staff_label(instance: Instance) -> dict[str, str]:
    """Staff id -> what a planner sees: the name where the book has one, else the pseudonymous id."""
    return {s.id: s.name or s.id for s in instance.staff}


def _ratio(supply: float, demand: float) -> float:
    return supply / demand if demand > 0 else math.nan


def demand_frame(instance: Instance, mode: DemandMode | None = None) -> pd.DataFrame:
    """Demand against the current supply (practice-near FTE) per team and profession, one row each."""
    names, areas, shown = team_names(instance), team_area(instance), Names.of(instance)
    rows = [
        {
            "team_id": r.team_id,
            "team": names[r.team_id],
            "area": areas[r.team_id],
            "profession_id": r.profession,
            "profession": shown.profession(r.profession),
            "demand_fte": r.demand_fte,
            "supply_fte": r.supply_fte,
            "coverage": _ratio(r.supply_fte, r.demand_fte),
        }
        for r in demand_table(instance, mode)
    ]
    return pd.DataFrame(rows)


def matrix(frame: pd.DataFrame, value: str, index: str = "team", columns: str = "profession") -> pd.DataFrame:
    """A long frame as a team × profession table, rows and columns in first-seen order."""
    wide = frame.pivot_table(index=index, columns=columns, values=value, aggfunc="sum", sort=False, dropna=False)
    wide = wide.reindex(index=list(dict.fromkeys(frame[index])), columns=list(dict.fromkeys(frame[columns])))
    wide.columns.name = None
    return wide


def coverage_frame(instance: Instance, result: SolveResult) -> pd.DataFrame:
    """Per team and profession: demand, supply after the plan and before it, and both coverages."""
    names, areas, shown = team_names(instance), team_area(instance), Names.of(instance)
    rows = [
        {
            "team_id": c.team_id,
            "team": names.get(c.team_id, c.team_id),
            "area": areas.get(c.team_id, ""),
            "profession_id": c.profession,
            "profession": shown.profession(c.profession),
            "demand_fte": c.demand_fte,
            "supply_fte": c.supply_fte,
            "current_supply_fte": c.current_supply_fte,
            "coverage": _ratio(c.supply_fte, c.demand_fte),
            "current_coverage": _ratio(c.current_supply_fte, c.demand_fte),
        }
        for c in result.coverage
    ]
    return pd.DataFrame(rows)


def team_frame(instance: Instance, result: SolveResult, profession: str | None = None) -> pd.DataFrame:
    """Per team (of the plan): demand, supply, coverage (all professions or one), lowest coverage of any
    profession, FTE and head count after the plan, and coverage before it."""
    cov = coverage_frame(instance, result)
    if cov.empty:
        return cov
    lowest = cov.groupby("team_id", sort=False)["coverage"].min()
    if profession is not None:
        cov = cov[cov["profession_id"] == profession]
    grouped = cov.groupby("team_id", sort=False).agg(
        team=("team", "first"),
        area=("area", "first"),
        demand_fte=("demand_fte", "sum"),
        supply_fte=("supply_fte", "sum"),
        current_supply_fte=("current_supply_fte", "sum"),
    )
    grouped["coverage"] = [_ratio(s, d) for s, d in zip(grouped["supply_fte"], grouped["demand_fte"], strict=True)]
    grouped["current_coverage"] = [
        _ratio(s, d) for s, d in zip(grouped["current_supply_fte"], grouped["demand_fte"], strict=True)
    ]
    grouped["lowest_coverage"] = lowest.reindex(grouped.index)
    fte: dict[str, float] = dict.fromkeys(grouped.index, 0.0)
    heads: dict[str, int] = dict.fromkeys(grouped.index, 0)
    for a in result.assignments:
        fte[a.team_id] = fte.get(a.team_id, 0.0) + a.fte
        heads[a.team_id] = heads.get(a.team_id, 0) + 1
    for post in result.new_posts:
        fte[post.team_id] = fte.get(post.team_id, 0.0) + post.fte
    grouped["fte"] = [fte.get(t, 0.0) for t in grouped.index]
    grouped["staff"] = [heads.get(t, 0) for t in grouped.index]
    return grouped.reset_index()


def composition(instance: Instance, result: SolveResult) -> pd.DataFrame:
    """FTE per team (rows) and profession (columns, by name) after the plan, new posts included, with a total."""
    names = team_names(instance)
    profession_of = {s.id: s.profession for s in instance.staff}
    rows = [
        {"team": names.get(a.team_id, a.team_id), "profession": profession_of[a.staff_id], "fte": a.fte}
        for a in result.assignments
    ]
    rows += [
        {"team": names.get(p.team_id, p.team_id), "profession": p.profession, "fte": p.fte} for p in result.new_posts
    ]
    order = list(dict.fromkeys(names[c.team_id] for c in result.coverage))
    frame = pd.DataFrame(rows, columns=["team", "profession", "fte"])
    wide = frame.pivot_table(index="team", columns="profession", values="fte", aggfunc="sum", fill_value=0.0)
    wide = wide.reindex(index=order, columns=[p.id for p in instance.professions], fill_value=0.0)
    wide.columns = [p.name for p in instance.professions]
    wide["total"] = wide.sum(axis=1)
    return wide


def moves(instance: Instance, result: SolveResult) -> pd.DataFrame:
    """Who changes team: staff, profession, area, from and to team, FTE, locked."""
    names = team_names(instance)
    areas = {a.id: a.name for a in instance.areas}
    staff = {s.id: s for s in instance.staff}
    shown = Names.of(instance)
    rows = [
        {
            "staff_id": a.staff_id,
            "name": staff[a.staff_id].name or "",
            "profession": shown.profession(staff[a.staff_id].profession),
            "area": areas.get(staff[a.staff_id].area_id, ""),
            "from_team": names.get(a.current_team_id, a.current_team_id),
            "to_team": names.get(a.team_id, a.team_id),
            "fte": a.fte,
            "locked": a.locked,
        }
        for a in result.assignments
        if a.moved
    ]
    columns = ["staff_id", "name", "profession", "area", "from_team", "to_team", "fte", "locked"]
    return pd.DataFrame(rows, columns=columns)


def staff_plan(instance: Instance, result: SolveResult) -> pd.DataFrame:
    """Every staff member with the current and the planned team, and the team they are locked to (if any)."""
    names = team_names(instance)
    team_of = {a.staff_id: a.team_id for a in result.assignments}
    shown = Names.of(instance)
    rows = [
        {
            "staff_id": s.id,
            "name": s.name or "",
            "profession": shown.profession(s.profession),
            "fte": s.fte,
            "current_team": names[s.current_team_id],
            "planned_team": names.get(team_of.get(s.id, ""), ""),
            "locked_team": names[s.locked_team_id] if s.locked_team_id else None,
        }
        for s in instance.staff
    ]
    return pd.DataFrame(rows)


def institution_frame(
    instance: Instance, result: SolveResult, structure: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Per institution and profession of the plan: demand, FTE given, coverage and the named contact."""
    names = team_names(instance)
    insts = {i.id: i for i in instance.institutions}
    labels = staff_label(instance)
    shown = Names.of(instance)
    mode = DemandMode(str(result.parameters.get("demand_mode", instance.parameters.demand_mode)))
    demand = {(r.institution_id, r.profession): r.demand_fte for r in institution_needs(instance, mode, structure)}
    rows = []
    for a in result.institutions:
        d = demand.get((a.institution_id, a.profession), 0.0)
        rows.append(
            {
                "institution_id": a.institution_id,
                "institution": insts[a.institution_id].name,
                "type": insts[a.institution_id].type.value,
                "team": names.get(a.team_id, a.team_id),
                "profession": shown.profession(a.profession),
                "demand_fte": d,
                "fte": a.fte,
                "coverage": _ratio(a.fte, d),
                "contact": labels.get(a.contact_staff_id, "") if a.contact_staff_id else "",
            }
        )
    columns = [
        "institution_id",
        "institution",
        "type",
        "team",
        "profession",
        "demand_fte",
        "fte",
        "coverage",
        "contact",
    ]
    return pd.DataFrame(rows, columns=columns)


def need_frame(instance: Instance, institution_id: str, mode: DemandMode | None = None) -> pd.DataFrame:
    """Why one institution's demand is what it is, one row per profession: the children served, the raw and
    floored multiplier, its shares of the profession's need and head count, the blended share, the demand."""
    shown = Names.of(instance)
    rows = [
        {
            "profession_id": r.profession,
            "profession": shown.profession(r.profession),
            "base_children": r.base_children,
            "raw_multiplier": r.raw_multiplier,
            "multiplier": r.multiplier,
            "need_share": r.need_share,
            "headcount_share": r.headcount_share,
            "share": r.share,
            "demand_fte": r.demand_fte,
        }
        for r in institution_needs(instance, mode)
        if r.institution_id == institution_id
    ]
    return pd.DataFrame(rows)


def indicator_frame(instance: Instance, institution_id: str, profession: str) -> pd.DataFrame:
    """One institution's indicators for one profession: value, municipal mean, weight and contribution
    weight × (value / mean − 1) to the multiplier."""
    row = next(
        r for r in institution_needs(instance) if r.institution_id == institution_id and r.profession == profession
    )
    shown = Names.of(instance)
    frame = pd.DataFrame(
        [
            {
                "indicator": shown.indicator(t.indicator),
                # raw: the book's value; value: the one used (shrunk towards the mean when shrinkage is on)
                "raw_value": math.nan if t.raw_value is None else t.raw_value,
                "value": math.nan if t.value is None else t.value,
                "mean": t.mean,
                "weight": t.weight,
                "contribution": t.contribution,
            }
            for t in row.terms
        ],
        columns=["indicator", "raw_value", "value", "mean", "weight", "contribution"],
    )
    return frame


def tile_layout(instance: Instance, team_ids: Sequence[str]) -> pd.DataFrame:
    """A schematic map: each area a block of tiles side by side (areas in book order), its teams filling the
    block row by row, two tiles wide (one for an area with a single team). Columns: team_id, area, col, row."""
    teams = all_teams(instance)
    by_area: dict[str, list[str]] = {a.id: [] for a in instance.areas}
    for tid in team_ids:
        by_area.setdefault(teams[tid].area_id, []).append(tid)
    names = {a.id: a.name for a in instance.areas}
    rows = []
    for area_id, members in by_area.items():
        width = 1 if len(members) == 1 else 2 if len(members) <= 6 else math.ceil(math.sqrt(len(members)))
        for k, tid in enumerate(members):
            rows.append({"team_id": tid, "area": names.get(area_id, area_id), "col": k % width, "row": k // width})
    return pd.DataFrame(rows, columns=["team_id", "area", "col", "row"])
