"""Solver-free optimality checks of a plan: no single change of one person betters it where the objectives
say it should not be possible.

(a) **No better transfer**: no move of one person to another team, allowed by the rules, gives a sorted
    vector of relative shortfalls that is lexicographically better than the plan's lowered by the tolerance
    (the engine holds every sorted position within the tolerance of the leximin optimum, so nothing can beat
    the plan by more than that).
(b) **No wasted move**: no moved person could be put back in their current team with every equity level
    within the tolerance and total shortfall rising by less than `min_gain` (each move must buy that much).

Both work in the solver's integer units (1e-5 FTE, 0.01 percentage point rounded up; `check.relative_units`)
so that they compare exactly what the solver compared. They are made on proven-optimal lexicographic plans
only: a plan cut short by the time limit promises neither. The vectors are compared within a scope where
the engine's promise holds: one area and profession with the area boundary on, one profession across the
city without it, every cell when a budget, caps on moves or team size bounds couple them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from optimiser.contacts import practice_share
from optimiser.domain import Instance, Parameters, Staff
from optimiser.model.rules import team_moves
from optimiser.need import institution_needs, team_demand
from optimiser.pools import pool_of
from optimiser.results import SolveResult

SUPPLY_UNIT = 100_000
RATIO_UNIT = 10_000
Cell = tuple[str, str]


def relative_units(demand: int, supply: int) -> int:
    """(D - S)+ / D in RATIO_UNIT, rounded up, from demand and supply in SUPPLY_UNIT (D > 0)."""
    return max(0, -(-(RATIO_UNIT * (demand - supply)) // demand))


@dataclass
class _Plan:
    """The plan in integer units, with what the rules need to judge a one-person change."""

    instance: Instance
    params: Parameters
    team_of: dict[str, str]
    demand: dict[Cell, int]
    supply: dict[Cell, int]  # practice-near, SUPPLY_UNIT
    heads: Counter[Cell]
    size: dict[str, int]  # team FTE in hundredths, new posts included
    capacity: Counter[Cell]  # contact capacity of the named staff
    contacts: Counter[Cell]  # institutions needing a contact
    serves: set[Cell]
    moved: int
    area: dict[str, str]  # team -> area
    left_team: Counter[str] = field(default_factory=Counter)  # staff who left each current team
    left_profession: Counter[str] = field(default_factory=Counter)  # staff of each profession who changed team

    def units(self, s: Staff) -> int:
        return self.practice_units(s.fte, s.profession)

    def practice_units(self, fte: float, profession: str) -> int:
        """Practice-near supply of `fte` (SUPPLY_UNIT), as the solver counts it: hundredths x per mille."""
        return round(fte * 100) * round(practice_share(self.instance, self.params, profession) * 1000)

    def relative(self, cell: Cell, supply: int | None = None) -> int:
        return relative_units(self.demand[cell], self.supply[cell] if supply is None else supply)

    def allowed(self, s: Staff, to: str) -> bool:
        """May `s` go from their planned team to `to` under the switched-on rules?"""
        on, p = self.params.enabled_rules(), self.params
        src, prof = self.team_of[s.id], s.profession
        if "area-boundary" in on and self.area[to] != s.area_id:
            return False
        if "locked-assignments" in on and s.locked_team_id is not None and to != s.locked_team_id:
            return False
        if "profession-serves-institution-types" in on and (to, prof) not in self.serves:
            return False
        minimum = self.instance.profession(prof).min_per_team
        if "team-minimum-per-profession" in on and (src, prof) in self.serves and self.heads[src, prof] <= minimum:
            return False
        hundredths = round(s.fte * 100)
        if "team-size-bounds" in on:
            if p.team_size_min_fte is not None and self.size[src] - hundredths < round(p.team_size_min_fte * 100):
                return False
            if p.team_size_max_fte is not None and self.size[to] + hundredths > round(p.team_size_max_fte * 100):
                return False
        if "max-moves" in on and p.max_moves is not None:
            moved = self.moved + (to != s.current_team_id) - (src != s.current_team_id)
            if moved > p.max_moves:
                return False
        if "team-moves" in on and team_moves.capped(p):
            change = (to != s.current_team_id) - (src != s.current_team_id)  # leaving home +1, going back -1
            team_cap, prof_cap = (
                team_moves.cap(p.max_moves_per_team, s.current_team_id),
                team_moves.cap(p.max_moves_per_profession, prof),
            )
            if (team_cap is not None and self.left_team[s.current_team_id] + change > team_cap) or (
                prof_cap is not None and self.left_profession[prof] + change > prof_cap
            ):
                return False
        if "minimum-coverage" in on and p.min_coverage is not None and self.demand.get((src, prof), 0) > 0:
            left = self.supply[src, prof] - self.units(s)
            if 1000 * left < round(p.min_coverage * 1000) * self.demand[src, prof]:
                return False
        if "contact-load" in on:
            own = p.contact_capacity(s.fte * practice_share(self.instance, p, prof))
            if self.capacity[src, prof] - own < self.contacts[src, prof]:
                return False
        return True


def _plan(instance: Instance, params: Parameters, result: SolveResult, structure: Mapping[str, str] | None) -> _Plan:
    team_of = {a.staff_id: a.team_id for a in result.assignments}
    demand = {c: round(d * SUPPLY_UNIT) for c, d in team_demand(instance, params.demand_mode, structure).items()}
    kind = {i.id: i.type for i in instance.institutions}
    needs = institution_needs(instance, params.demand_mode, structure)
    serves = {
        (r.team_id, r.profession)
        for r in needs
        if kind[r.institution_id] in instance.profession(r.profession).institution_types
    }
    contacts: Counter[Cell] = Counter(
        (r.team_id, r.profession)
        for r in needs
        if r.base_children > 0 and instance.profession(r.profession).contact_per_institution
    )
    area = {t.id: t.area_id for t in instance.teams}
    plan = _Plan(
        instance,
        params,
        team_of,
        demand,
        defaultdict(int),
        Counter(),
        defaultdict(int),
        Counter(),
        contacts,
        serves,
        0,
        area,
    )
    pooled = pool_of(instance)
    for s in instance.staff:
        cell = (team_of[s.id], s.profession)
        plan.size[cell[0]] += round(s.fte * 100)
        plan.moved += team_of[s.id] != s.current_team_id
        if team_of[s.id] != s.current_team_id:
            plan.left_team[s.current_team_id] += 1
            plan.left_profession[s.profession] += 1
        if s.id in pooled:
            continue  # a pool's staff are not the team's supply, head count or contacts
        plan.supply[cell] += plan.units(s)
        plan.heads[cell] += 1
        plan.capacity[cell] += params.contact_capacity(s.fte * practice_share(instance, params, s.profession))
    for post in result.new_posts:
        cell = (post.team_id, post.profession)
        plan.supply[cell] += plan.practice_units(post.fte, post.profession)
        plan.size[post.team_id] += round(post.fte * 100)
    return plan


def _scope(plan: _Plan) -> Callable[[Staff], list[Cell]]:
    """The cells whose sorted vector a change of `s` is judged on (see the module docstring)."""
    p, on = plan.params, plan.params.enabled_rules()
    coupled = (
        ("max-moves" in on and p.max_moves is not None)
        or ("budget" in on and p.budget_dkk is not None)
        or ("team-size-bounds" in on and (p.team_size_min_fte is not None or p.team_size_max_fte is not None))
        or ("team-moves" in on and team_moves.capped(p))
    )
    area = plan.area
    cells = [c for c, d in plan.demand.items() if d > 0]

    def scope(s: Staff) -> list[Cell]:
        if coupled:
            return cells
        return [c for c in cells if c[1] == s.profession and ("area-boundary" not in on or area[c[0]] == s.area_id)]

    return scope


def _after(plan: _Plan, s: Staff, to: str, cells: Sequence[Cell]) -> list[int]:
    """The scope's sorted relative shortfalls (worst first) if `s` went to team `to`."""
    src, units = (plan.team_of[s.id], s.profession), plan.units(s)
    dst = (to, s.profession)
    out = []
    for c in cells:
        supply = plan.supply[c] - units * (c == src) + units * (c == dst)
        out.append(plan.relative(c, supply))
    return sorted(out, reverse=True)


def check_optimality(
    instance: Instance, params: Parameters, result: SolveResult, structure: Mapping[str, str] | None = None
) -> list[str]:
    """Problems (a) and (b) of the module docstring; empty for a plan that is not proven optimal."""
    if result.status != "optimal" or params.objective != "lexicographic" or not result.assignments:
        return []
    plan = _plan(instance, params, result, structure)
    scope = _scope(plan)
    tol = round(params.tolerance * RATIO_UNIT)
    gain = 0 if params.moves_before_shortfall else round(params.min_gain * SUPPLY_UNIT)
    level = {(lv.team_id, lv.profession): round(lv.level * RATIO_UNIT) for lv in result.equity_levels}
    teams = [t.id for t in instance.teams]
    problems = _levels_held(plan, result, tol)
    pooled = pool_of(instance)
    for s in instance.staff:
        if s.id in pooled:
            continue  # moving a pool's staff changes no team's supply
        cells = scope(s)
        if not cells:
            continue
        now = sorted((plan.relative(c) for c in cells), reverse=True)
        lowered = [v - tol for v in now]
        src = plan.team_of[s.id]
        for to in teams:
            if to == src or not plan.allowed(s, to):
                continue
            after = _after(plan, s, to, cells)
            if after < lowered:
                problems.append(f"equity: moving {s.id} from {src} to {to} levels {s.profession} better")
                break
        if src == s.current_team_id or not plan.allowed(s, s.current_team_id) or len(level) < len(cells):
            continue
        after = _after(plan, s, s.current_team_id, cells)
        held = sorted((level.get(c, 0) + tol for c in cells), reverse=True)
        cost = _shortfall_change(plan, s, s.current_team_id)
        if all(a <= h for a, h in zip(after, held, strict=True)) and cost < gain:
            problems.append(
                f"min-gain: {s.id} could stay in {s.current_team_id}; total shortfall would rise by "
                f"{cost / SUPPLY_UNIT:.5f} FTE only"
            )
    return problems


def _levels_held(plan: _Plan, result: SolveResult, tol: int) -> list[str]:
    """Each reported cell's own value is the plan's, and the plan keeps every level within the tolerance."""
    problems = []
    for lv in result.equity_levels:
        cell = (lv.team_id, lv.profession)
        own = plan.relative(cell) if plan.demand.get(cell, 0) > 0 else None
        if own is None or round(lv.relative_shortfall * RATIO_UNIT) != own:
            problems.append(f"equity-levels: {lv.team_id}/{lv.profession} reported {lv.relative_shortfall}, plan {own}")
        elif own > round(lv.level * RATIO_UNIT) + tol:
            problems.append(f"equity-levels: {lv.team_id}/{lv.profession} at {own} above its level {lv.level}")
    return problems


def _shortfall_change(plan: _Plan, s: Staff, to: str) -> int:
    """How total shortfall (SUPPLY_UNIT) changes if `s` goes to `to`."""
    units, prof = plan.units(s), s.profession
    src, dst = (plan.team_of[s.id], prof), (to, prof)

    def short(c: Cell, supply: int) -> int:
        return max(0, plan.demand.get(c, 0) - supply)

    return (
        short(src, plan.supply[src] - units)
        - short(src, plan.supply[src])
        + short(dst, plan.supply[dst] + units)
        - short(dst, plan.supply[dst])
    )
