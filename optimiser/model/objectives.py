"""Objective terms, each named, in solver units, with its conversion to business units for reports.

* equity      -- the largest relative shortfall max (D - S)+ / D over team x profession (RATIO_UNIT);
* shortfall   -- total shortfall sum (D - S)+ in practice-near FTE (SUPPLY_UNIT);
* moves       -- staff who change team (continuity);
* preferences -- staff not in the team they prefer;
* cost        -- annual cost of new posts in DKK.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimiser.model.data import RATIO_UNIT, SUPPLY_UNIT, ProblemData
from optimiser.model.variables import Expr, Variables, total

# Solver unit -> business unit (fraction, FTE, people, people, DKK).
UNIT = {"equity": RATIO_UNIT, "shortfall": SUPPLY_UNIT, "moves": 1, "preferences": 1, "cost": 1}


def add_objective_links(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    """Define shortfall and the largest relative shortfall from supply and demand, and who stays."""
    for stay, placed in vars.stays():
        model.add(stay <= placed)
    z = vars.max_relative_shortfall()
    for (t, p), demand in data.demand.items():
        supply = vars.supply(t, p)
        model.add(vars.shortfall(t, p) >= demand - supply)
        if demand > 0:
            # (D - S) / D <= r  <=>  RATIO_UNIT * S + D * r >= RATIO_UNIT * D
            r = vars.relative_shortfall(t, p)
            model.add(RATIO_UNIT * supply + demand * r >= RATIO_UNIT * demand)
            model.add(r <= z)


def preference_misses(data: ProblemData, vars: Variables) -> Expr:
    return total(g.size - vars.assigned(g, g.preferred_team_id) for g in data.groups if g.preferred_team_id)


def terms(data: ProblemData, vars: Variables) -> dict[str, Expr]:
    return {
        "equity": vars.max_relative_shortfall(),
        "shortfall": total(vars.shortfall(t, p) for t in data.teams for p in data.professions),
        "moves": vars.moves(),
        "preferences": preference_misses(data, vars),
        "cost": vars.new_posts_cost(),
    }


def stage_order(data: ProblemData) -> list[str]:
    """Lexicographic stages. Pricing a coverage level puts cost first; empty terms are left out."""
    order = ["equity", "moves", "shortfall"] if data.params.moves_before_shortfall else ["equity", "shortfall", "moves"]
    if any(g.preferred_team_id for g in data.groups):
        order.append("preferences")
    if data.new_posts:
        if data.params.min_coverage is not None:
            order.insert(0, "cost")
        else:
            order.append("cost")
    return order


def stage_slack(data: ProblemData, name: str, best: int) -> int:
    """How far a later stage may worsen stage `name` from its best value `best` (solver units)."""
    if name == "equity":
        return round(data.params.tolerance * RATIO_UNIT)
    if name == "shortfall":
        return int(best * data.params.shortfall_tolerance)
    return 0


# Weighted mode: weight per business unit (per percentage point, per FTE, per person, per person, per mio. DKK).
DEFAULT_WEIGHTS = {"equity": 10.0, "shortfall": 10.0, "moves": 1.0, "preferences": 0.5, "cost": 1.0}
PER_BUSINESS_UNIT = {"equity": 100.0, "shortfall": 1.0, "moves": 1.0, "preferences": 1.0, "cost": 1e-6}


def weighted_sum(data: ProblemData, vars: Variables, weights: dict[str, float] | None = None) -> Expr:
    """One objective: sum of weight * term, weights per business unit (see DEFAULT_WEIGHTS)."""
    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    named = terms(data, vars)
    return total(weights[name] * PER_BUSINESS_UNIT[name] / UNIT[name] * named[name] for name in stage_order(data))
