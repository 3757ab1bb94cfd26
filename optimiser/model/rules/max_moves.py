"""Max moves: at most the set number of staff change team (continuity for children and institutions)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimiser.model.data import ProblemData
from optimiser.model.variables import Variables

NAME = "max-moves"


def add_max_moves(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    limit = data.params.max_moves
    if limit is None:
        return
    model.add(vars.moves() <= limit).only_enforce_if(vars.rule(NAME))
