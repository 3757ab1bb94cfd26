"""Area boundary: staff stay in a team of their own area (a policy switch, `områdegrænse`)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimiser.model.data import ProblemData
from optimiser.model.variables import Variables

NAME = "area-boundary"


def add_area_boundary(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    on = vars.rule(NAME)
    for g in data.groups:
        for t in vars.teams_of(g):
            if data.team_area[t] != g.area_id:
                model.add(vars.assigned(g, t) == 0).only_enforce_if(on)
