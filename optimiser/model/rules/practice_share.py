"""Practice share (80/20): only the profession's practice share of each person's time (e.g. 80 %) is
practice-near supply for the institutions; the rest is kept for statutory assessments and other work."""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimiser.model.data import PERMILLE, ProblemData
from optimiser.model.variables import Variables

NAME = "practice-share"


def add_practice_share(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    on = vars.rule(NAME)
    for t in data.teams:
        for p in data.professions:
            fte = vars.staff_fte(t, p) + vars.new_fte(t, p)  # hundredths
            supply = vars.supply(t, p)
            model.add(supply <= PERMILLE * fte)  # never more than all of the time
            model.add(supply == data.practice_permille[p] * fte).only_enforce_if(on)
