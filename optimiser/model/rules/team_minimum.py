"""Team minimum per profession: every team has at least the profession's minimum head count (e.g. two
pedagogical consultants, so that the team works when one is away). Teams with nothing the profession
serves are exempt."""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimiser.model.data import ProblemData
from optimiser.model.variables import Variables

NAME = "team-minimum-per-profession"


def add_team_minimum(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    on = vars.rule(NAME)
    for p in data.professions:
        minimum = data.instance.profession(p).min_per_team
        if minimum == 0:
            continue
        for t in data.teams:
            if (t, p) in data.serves:
                model.add(vars.headcount(t, p) >= minimum).only_enforce_if(on)
