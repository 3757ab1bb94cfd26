"""Staff covered once: every staff member works in exactly one team; nobody is left out or counted twice."""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimiser.model.data import ProblemData
from optimiser.model.variables import Variables, total

NAME = "staff-covered-once"


def add_staff_covered_once(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    on = vars.rule(NAME)
    for g in data.groups:
        placed = total(vars.assigned(g, t) for t in vars.teams_of(g))
        model.add(placed <= g.size)  # nobody is in two teams, even with the rule relaxed
        model.add(placed == g.size).only_enforce_if(on)
