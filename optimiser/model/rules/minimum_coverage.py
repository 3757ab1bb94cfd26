"""Minimum coverage: every team covers at least the set share (e.g. 90 %) of its need for each profession;
with new posts allowed, this prices a service level ("what does 90 % coverage cost?")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from optimiser.i18n import N_
from optimiser.model.rules.base import Facts, Rule

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from optimiser.model.data import ProblemData
    from optimiser.model.variables import Variables

NAME = "minimum-coverage"
# Demand is rounded to 1e-5 FTE inside the solver: coverage levels are compared with this much room.
DEMAND_EPS = 1e-4


def add(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    from optimiser.model.data import PERMILLE

    level = data.params.min_coverage
    if level is None:
        return
    on = vars.rule(NAME)
    level_pm = round(level * PERMILLE)
    for (t, p), demand in data.demand.items():
        if demand > 0:
            model.add(PERMILLE * vars.supply(t, p) >= level_pm * demand).only_enforce_if(on)


def check(facts: Facts) -> list[str]:
    level = facts.params.min_coverage
    if level is None:
        return []
    out = []
    for (t, p), demand in facts.demand_fte.items():
        supply = facts.supply_fte.get((t, p), 0.0)
        if demand > 0 and supply < level * demand - DEMAND_EPS:
            out.append(f"{NAME}: {t}/{p} covers {supply / demand:.3f}")
    return out


RULE = Rule(
    name=NAME,
    title=N_("every team covers at least the set share of its need for each profession"),
    description=N_("With new posts allowed, this prices a service level (what does 90 % coverage cost?)."),
    add=add,
    check=check,
)
