"""Max moves: at most the set number of staff change team (continuity for children and institutions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from optimiser.i18n import N_
from optimiser.model.rules.base import Facts, Rule

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from optimiser.model.data import ProblemData
    from optimiser.model.variables import Variables

NAME = "max-moves"
BINDS = N_("The cap on moves binds: {limit} staff.")  # shown with a plan (`optimiser.explain`)


def add(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    limit = data.params.max_moves
    if limit is None:
        return
    model.add(vars.moves() <= limit).only_enforce_if(vars.rule(NAME))


def check(facts: Facts) -> list[str]:
    limit = facts.params.max_moves
    return [f"{NAME}: {facts.moved} > {limit}"] if limit is not None and facts.moved > limit else []


RULE = Rule(
    name=NAME,
    title=N_("at most the set number of staff change team"),
    description=N_("Continuity for children and institutions: only so many staff may change team."),
    add=add,
    check=check,
)
