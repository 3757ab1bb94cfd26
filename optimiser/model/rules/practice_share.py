"""Practice share (80/20): only the profession's practice share of each person's time (e.g. 80 %) is
practice-near supply for the institutions; the rest is kept for statutory assessments and other work.
With the rule off, all of the time is practice-near.

The checker sees it in the institution allocations: a team gives its institutions no more than its supply.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from optimiser.i18n import N_
from optimiser.model.rules.base import Cell, Facts, Rule

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from optimiser.model.data import ProblemData
    from optimiser.model.variables import Variables

NAME = "practice-share"
EPS = 1e-6


def add(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    from optimiser.model.data import PERMILLE

    on = vars.rule(NAME)
    for t in data.teams:
        for p in data.professions:
            fte = vars.staff_fte(t, p, pools=False) + vars.new_fte(t, p)  # hundredths; a pool's are not supply
            supply = vars.supply(t, p)
            model.add(supply <= PERMILLE * fte)  # never more than all of the time
            model.add(supply == data.practice_permille[p] * fte).only_enforce_if(on)
            if NAME not in data.enabled:
                model.add(supply == PERMILLE * fte)  # switched off: all of the time is practice-near


def check(facts: Facts) -> list[str]:
    given: dict[Cell, float] = defaultdict(float)
    for a in facts.institutions:
        given[a.team_id, a.profession] += a.fte
    return [
        f"{NAME}: {cell} gives {fte:.4f} FTE of {facts.supply_fte.get(cell, 0.0):.4f}"
        for cell, fte in given.items()
        if fte > facts.supply_fte.get(cell, 0.0) + EPS
    ]


RULE = Rule(
    name=NAME,
    title=N_("only the practice share (e.g. 80 %) of time goes to the institutions (80/20)"),
    description=N_("The rest of each person's time is kept for statutory assessments and other work."),
    add=add,
    check=check,
)
