"""Team size bounds: every team's total FTE (all professions, new posts included) lies within the set
minimum and maximum, so no team is too small to be robust or too large to lead."""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimiser.model.data import FTE_UNIT, ProblemData
from optimiser.model.variables import Variables, total

NAME = "team-size-bounds"


def add_team_size_bounds(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
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
