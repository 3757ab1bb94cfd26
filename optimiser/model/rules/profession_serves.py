"""Profession serves institution types: a profession is placed only in teams that have institutions of a
type it serves (a daycare-only profession has nothing to do in a team of schools alone)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimiser.model.data import ProblemData
from optimiser.model.variables import Variables

NAME = "profession-serves-institution-types"


def add_profession_serves(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    on = vars.rule(NAME)
    for g in data.groups:
        for t in vars.teams_of(g):
            if (t, g.profession) not in data.serves:
                model.add(vars.assigned(g, t) == 0).only_enforce_if(on)
