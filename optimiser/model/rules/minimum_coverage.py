"""Minimum coverage: every team covers at least the set share (e.g. 90 %) of its need for each profession;
with new posts allowed, this prices a service level ("what does 90 % coverage cost?")."""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimiser.model.data import PERMILLE, ProblemData
from optimiser.model.variables import Variables

NAME = "minimum-coverage"


def add_minimum_coverage(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    level = data.params.min_coverage
    if level is None:
        return
    on = vars.rule(NAME)
    level_pm = round(level * PERMILLE)
    for (t, p), demand in data.demand.items():
        if demand > 0:
            model.add(PERMILLE * vars.supply(t, p) >= level_pm * demand).only_enforce_if(on)
