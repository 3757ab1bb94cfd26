"""Explanations as codes: which rules clash (infeasible) or what decides the plan (a plan was found).

Explanations are `Reason` records — an English msgid and its arguments — made at solve time and turned into
words only when shown (`render`, through `optimiser.i18n`), so a result reads in the reader's language.

Infeasible: a separate single-worker solve of the full model assumes every rule's literal; CP-SAT returns a
set of assumptions that cannot hold together, which is then shrunk (drop a rule, re-solve, keep it out if
still infeasible); each rule of the core adds the figures that show the clash (`Rule.explain`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from optimiser import i18n
from optimiser.i18n import N_
from optimiser.model.data import FTE_UNIT, ProblemData
from optimiser.model.rules import RULE_NAMES, RULES, area_boundary, locked_assignments, max_moves, team_minimum
from optimiser.model.rules.base import Scope
from optimiser.problems import Lang
from optimiser.results import Coverage, EquityLevel, Kpis, Reason

EXPLAIN_SECONDS = 20.0
BOTTLENECK_LEVELS = 3  # equity levels explained, worst first
CELLS_SHOWN = 3  # bottleneck cells named per level

NOT_FOUND = Reason(code=N_("The scenario cannot be solved, but the clashing rules could not be found in time."))
CLASH = Reason(code=N_("The scenario cannot be solved: these rules cannot all hold at once:"))
CLASHING_RULE = N_("• {rule} ({rule_id})")
RELAX = Reason(code=N_("Relax one of the rules (Parametre: slå_fra_regler), or change the figures named above."))
NO_PLAN = Reason(code=N_("No plan was found within the time limit. Allow more time, or relax a rule."))
WHOLE_MUNICIPALITY = N_("The municipality")
LOWEST = N_(
    "Lowest coverage: {profession} in {team}: demand {demand_fte} FTE, supplied {supply_fte} ({coverage_pct0})."
)
LEVEL = N_("Equity, level {n}: {level_pct} shortfall: {cells}.")
LEVEL_MORE = N_("Equity, level {n}: {level_pct} shortfall: {cells} and {more} more.")
CELL = N_("{profession} in {team} ({why})")
WHY_WHOLE = N_("whole persons: shared out evenly the area would reach {own_pct1} shortfall")
WHY_STAFF = N_("too few staff: the area covers {own_pct1} of its need in all")
NEW_POSTS = N_("New posts: {new_fte} FTE for {used_dkk} of {budget_dkk}.")
SUMMARY = N_("{moved} staff change team; {contacts} institutions get a new contact.")
SUMMARY_NO_CONTACTS = N_("{moved} staff change team; today's contacts were not supplied (sheet Kontakter).")


def render(reasons: Sequence[Reason], lang: Lang = "da") -> list[str]:
    """Reason records as lines in the reader's language."""
    return [_words(r, lang) for r in reasons]


def _words(reason: Reason, lang: Lang) -> str:
    return i18n.text(reason.code, lang, **{k: _arg(k, v, lang) for k, v in reason.args.items()})


def _in_sentence(name: str) -> str:
    """A profession's display name inside a sentence: "Psykolog" reads "psykolog"; "PPR" stays as written."""
    return name[:1].lower() + name[1:] if name[:1].isupper() and name[1:2].islower() else name


def _arg(key: str, value: object, lang: Lang) -> str:
    """One argument in the reader's words and number format, by the convention of its name (`Reason`)."""
    if isinstance(value, Reason):
        return _words(value, lang)
    if isinstance(value, list):
        return "; ".join(_words(v, lang) if isinstance(v, Reason) else str(v) for v in value)
    if key == "rule":
        return i18n.text(RULES[str(value)].title, lang) if value in RULES else str(value)
    if key == "area" and value == "":
        return i18n.text(WHOLE_MUNICIPALITY, lang)
    if key == "profession":
        return _in_sentence(str(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        for suffix, decimals in (("_pct0", 0), ("_pct1", 1), ("_pct2", 2)):
            if key.endswith(suffix):
                return i18n.percent(float(value), decimals, lang)
        if key.endswith("_pct"):
            # Levels are 0.01 points apart: one decimal where that is exact, else two.
            exact = abs(float(value) * 1000 - round(float(value) * 1000)) < 1e-9
            return i18n.percent(float(value), 1 if exact else 2, lang)
        if key.endswith("_fte"):
            return i18n.number(float(value), 2, lang)
        if key.endswith("_dkk"):
            return i18n.dkk(float(value), lang)
    return str(value)


def _infeasible_with(data: ProblemData, assumed: Sequence[str]) -> tuple[bool, list[str]]:
    """Solve the full model assuming `assumed` rules; (infeasible?, the core as rule names)."""
    from ortools.sat.python import cp_model

    from optimiser.model.build import build

    model, vars = build(data, full=True)
    for name in RULE_NAMES:
        if name not in data.enabled:
            model.add(vars.rule(name) == 0)  # switched off; enabled rules left out of `assumed` are relaxed
    model.add_assumptions([vars.rule(r) for r in assumed])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # assumption cores need a single worker
    solver.parameters.max_time_in_seconds = EXPLAIN_SECONDS
    if solver.solve(model) != cp_model.INFEASIBLE:
        return False, []
    core = set(solver.sufficient_assumptions_for_infeasibility())
    return True, [r for r in assumed if vars.rule(r).index in core]


def clashing_rules(data: ProblemData) -> list[str]:
    """A small set of enabled rules that cannot all hold; empty if none found in time."""
    infeasible, core = _infeasible_with(data, [r for r in RULE_NAMES if r in data.enabled])
    if not infeasible:
        return []
    for rule in list(core):
        trial = [r for r in core if r != rule]
        still, smaller = _infeasible_with(data, trial)
        if still:
            core = smaller or trial
    return core


def explain_infeasible(data: ProblemData) -> list[Reason]:
    core = clashing_rules(data)
    if not core:
        return [NOT_FOUND]
    lines = [CLASH, *(Reason(code=CLASHING_RULE, args={"rule": r, "rule_id": r}) for r in core)]
    clash, scopes = frozenset(core), _scopes(data, frozenset(core))
    for name in core:
        lines += RULES[name].explain(data, clash, scopes)
    return [*lines, RELAX]


def _scopes(data: ProblemData, core: frozenset[str]) -> list[Scope]:
    """Where staff are counted against what the rules ask: each area when the boundary clashes, else the
    whole municipality."""
    bounded = "area-boundary" in core
    heads: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    capacity: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    fte: dict[str, float] = defaultdict(float)
    for g in data.groups:
        scope = g.area_id if bounded else ""
        heads[scope][g.profession] += g.size
        capacity[scope][g.profession] += g.size * data.contact_capacity(g)
        fte[scope] += g.size * g.fte / FTE_UNIT
    if not bounded:
        return [Scope("", data.teams, heads[""], capacity[""], fte[""])]
    names = {a.id: a.name for a in data.instance.areas}
    return [Scope(names[a], ts, heads[a], capacity[a], fte[a]) for a, ts in data.teams_in_area.items()]


def _why(data: ProblemData, by_cell: dict[tuple[str, str], Coverage], cell: EquityLevel) -> Reason:
    """Why a cell cannot do better than its level (the first reason that applies)."""
    on, p = data.enabled, cell.profession
    bounded = "area-boundary" in on
    area = data.team_area.get(cell.team_id, "")
    scope = [c for (t, q), c in by_cell.items() if q == p and (not bounded or data.team_area.get(t) == area)]
    every = [c for (_, q), c in by_cell.items() if q == p]

    def pooled(rows: list[Coverage]) -> float:
        return sum(c.supply_fte for c in rows) / max(1e-9, sum(c.demand_fte for c in rows))

    own, everywhere = pooled(scope), pooled(every)
    locked = any(g.locked_team_id and g.profession == p and (not bounded or g.area_id == area) for g in data.groups)
    minimum = data.instance.profession(p).min_per_team
    if locked and "locked-assignments" in on:
        return Reason(code=locked_assignments.SHORT_BECAUSE)
    if bounded and own < everywhere - 0.005:
        return Reason(code=area_boundary.SHORT_BECAUSE, args={"all_pct1": everywhere, "own_pct1": own})
    if minimum > 0 and "team-minimum-per-profession" in on:
        return Reason(code=team_minimum.SHORT_BECAUSE, args={"n": minimum})
    if max(0.0, 1 - own) < cell.level - 0.005:
        return Reason(code=WHY_WHOLE, args={"own_pct1": max(0.0, 1 - own)})
    return Reason(code=WHY_STAFF, args={"own_pct1": own})


def explain_levels(data: ProblemData, coverage: Sequence[Coverage], levels: Sequence[EquityLevel]) -> list[Reason]:
    """The bottleneck cells of the worst equity levels and why each cannot do better."""
    team_names = {t.id: t.name for t in data.instance.teams}
    by_cell = {(c.team_id, c.profession): c for c in coverage if c.demand_fte > 0}
    out: list[Reason] = []
    values = sorted({lv.level for lv in levels if lv.level > 0}, reverse=True)[:BOTTLENECK_LEVELS]
    for n, value in enumerate(values, 1):
        cells = [lv for lv in levels if lv.level == value]
        shown = [
            Reason(
                code=CELL,
                args={
                    "profession": data.instance.profession(c.profession).name,
                    "team": team_names.get(c.team_id, c.team_id),
                    "why": _why(data, by_cell, c),
                },
            )
            for c in cells[:CELLS_SHOWN]
        ]
        more = len(cells) - CELLS_SHOWN
        args: dict[str, str | int | float | Reason | list[Reason]] = {"n": n, "level_pct": value, "cells": shown}
        if more > 0:
            args["more"] = more
        out.append(Reason(code=LEVEL_MORE if more > 0 else LEVEL, args=args))
    return out


def explain_solution(
    data: ProblemData, coverage: Sequence[Coverage], kpis: Kpis, levels: Sequence[EquityLevel] = ()
) -> list[Reason]:
    """What decides the plan: the worst-covered team and profession, the equity levels' bottlenecks and why,
    and which rules bind."""
    inst = data.instance
    team_names = {t.id: t.name for t in inst.teams}
    out: list[Reason] = []
    with_demand = [c for c in coverage if c.demand_fte > 0]
    if with_demand:
        worst = min(with_demand, key=lambda c: (c.supply_fte / c.demand_fte, c.team_id, c.profession))
        args: dict[str, str | int | float] = {
            "profession": inst.profession(worst.profession).name,
            "team": team_names[worst.team_id],
            "demand_fte": worst.demand_fte,
            "supply_fte": worst.supply_fte,
            "coverage_pct0": worst.supply_fte / worst.demand_fte,
        }
        out.append(Reason(code=LOWEST, args=dict(args)))
        if "area-boundary" in data.enabled:
            area = data.team_area[worst.team_id]
            in_area = [c for c in with_demand if c.profession == worst.profession and data.team_area[c.team_id] == area]
            every = [c for c in with_demand if c.profession == worst.profession]
            area_cov = sum(c.supply_fte for c in in_area) / sum(c.demand_fte for c in in_area)
            all_cov = sum(c.supply_fte for c in every) / sum(c.demand_fte for c in every)
            if area_cov < all_cov - 0.005:
                name = next(a.name for a in inst.areas if a.id == area)
                bound = {
                    "area": name,
                    "area_pct0": area_cov,
                    "profession": inst.profession(worst.profession).name,
                    "all_pct0": all_cov,
                }
                out.append(Reason(code=area_boundary.BINDS, args=dict(bound)))
    out += explain_levels(data, coverage, levels)
    limit = data.params.max_moves
    if "max-moves" in data.enabled and limit is not None and kpis.staff_moved >= limit:
        out.append(Reason(code=max_moves.BINDS, args={"limit": limit}))
    budget = data.params.budget_dkk
    if budget and kpis.new_posts_cost_dkk > 0:
        posts = {"new_fte": kpis.new_posts_fte, "used_dkk": kpis.new_posts_cost_dkk, "budget_dkk": budget}
        out.append(Reason(code=NEW_POSTS, args=dict(posts)))
    if kpis.contacts_changed is None:
        out.append(Reason(code=SUMMARY_NO_CONTACTS, args={"moved": kpis.staff_moved}))
    else:
        out.append(Reason(code=SUMMARY, args={"moved": kpis.staff_moved, "contacts": kpis.contacts_changed}))
    return out
