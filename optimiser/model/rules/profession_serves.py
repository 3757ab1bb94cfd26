"""Profession serves institution types: a profession is placed only in teams that have institutions of a
type it serves (a daycare-only profession has nothing to do in a team of schools alone).

Enforced by pruning: the model never creates a place in a team with nothing the profession serves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from optimiser.i18n import N_
from optimiser.model.rules.base import Facts, Rule

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from optimiser.model.data import ProblemData, StaffGroup
    from optimiser.model.variables import Variables

NAME = "profession-serves-institution-types"


def add(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    on = vars.rule(NAME)
    for g in data.groups:
        for t in vars.teams_of(g):
            if (t, g.profession) not in data.serves:
                model.add(vars.assigned(g, t) == 0).only_enforce_if(on)


def prune(data: ProblemData, group: StaffGroup, teams: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in teams if (t, group.profession) in data.serves)


def check(facts: Facts) -> list[str]:
    return [
        f"{NAME}: {s.id} ({s.profession}) in {facts.team_of[s.id]}"
        for s in facts.instance.staff
        if (facts.team_of[s.id], s.profession) not in facts.serves
    ]


RULE = Rule(
    name=NAME,
    title=N_("a profession is placed only in teams with institutions of the types it serves"),
    description=N_("A profession works only in teams that have institutions of a type it serves."),
    add=add,
    prune=prune,
    check=check,
)
