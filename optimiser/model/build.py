"""Assemble the constraint model: variables, every rule family behind its literal, objective links."""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimiser.model.data import ProblemData
from optimiser.model.objectives import add_objective_links
from optimiser.model.rules import add_rules
from optimiser.model.variables import Variables


def build(data: ProblemData, full: bool = False) -> tuple[cp_model.CpModel, Variables]:
    """The model for `data`. `full=True` keeps every staff-team pair so structural rules can be relaxed."""
    model = cp_model.CpModel()
    vars = Variables(model, data, full=full)
    add_rules(model, data, vars)
    add_objective_links(model, data, vars)
    return model, vars
