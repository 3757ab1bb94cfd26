"""Team size bounds: every team's total FTE (all professions, new posts included) lies within the set
minimum and maximum, so no team is too small to be robust or too large to lead."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from optimiser.i18n import N_
from optimiser.model.rules.base import Facts, Rule, Scope
from optimiser.results import Reason

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from optimiser.model.data import ProblemData
    from optimiser.model.variables import Variables

NAME = "team-size-bounds"
TOO_LITTLE = N_("{area} must fill {teams} teams with ≥ {low_fte} FTE each but has {total_fte} FTE.")
TOO_MUCH = N_("{area} has {total_fte} FTE but {teams} teams may hold at most {high_fte} each.")
EPS = 1e-6


def add(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    from optimiser.model.data import FTE_UNIT
    from optimiser.model.variables import total

    low, high = data.params.team_size_min_fte, data.params.team_size_max_fte
    if low is None and high is None:
        return
    on = vars.rule(NAME)
    for t in data.teams:
        size = total(vars.staff_fte(t, p) + vars.new_fte(t, p) for p in data.professions)
        if low is not None:
            model.add(size >= round(low * FTE_UNIT)).only_enforce_if(on)
        if high is not None:
            model.add(size <= round(high * FTE_UNIT)).only_enforce_if(on)


def check(facts: Facts) -> list[str]:
    low, high = facts.params.team_size_min_fte, facts.params.team_size_max_fte
    out = []
    for team, size in facts.size_fte.items():
        if (low is not None and size < low - EPS) or (high is not None and size > high + EPS):
            out.append(f"{NAME}: {team} has {size:.2f} FTE")
    return out


def explain(data: ProblemData, core: frozenset[str], scopes: Sequence[Scope]) -> list[Reason]:
    low, high = data.params.team_size_min_fte, data.params.team_size_max_fte
    out = []
    for scope in scopes:
        n, fte = len(scope.teams), scope.fte
        if low is not None and n * low > fte + 1e-9:
            args = {"area": scope.area, "teams": n, "low_fte": low, "total_fte": fte}
            out.append(Reason(code=TOO_LITTLE, args=args))
        if high is not None and n * high < fte - 1e-9:
            args = {"area": scope.area, "teams": n, "high_fte": high, "total_fte": fte}
            out.append(Reason(code=TOO_MUCH, args=args))
    return out


RULE = Rule(
    name=NAME,
    title=N_("every team's total FTE lies within the set bounds"),
    description=N_("No team is too small to be robust or too large to lead."),
    add=add,
    check=check,
    explain=explain,
)
