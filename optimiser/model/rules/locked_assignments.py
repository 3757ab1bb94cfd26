"""Locked assignments: a staff member the area manager has locked to a team stays in that team."""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimiser.model.data import ProblemData
from optimiser.model.variables import Variables

NAME = "locked-assignments"


def add_locked_assignments(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    on = vars.rule(NAME)
    for g in data.groups:
        if g.locked_team_id is not None:
            model.add(vars.assigned(g, g.locked_team_id) == g.size).only_enforce_if(on)
