"""Area boundary: staff stay in a team of their own area (a policy switch, `områdegrænse`).

Enforced by pruning: with the rule on, the model never creates a place for a person in another area's team.
`add` states the same constraint on the full model the explanation solve relaxes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from optimiser.i18n import N_
from optimiser.model.rules.base import Facts, Rule

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from optimiser.model.data import ProblemData, StaffGroup
    from optimiser.model.variables import Variables

NAME = "area-boundary"
# Why an equity level's cell cannot do better, and the lowest coverage's note (`optimiser.explain`).
SHORT_BECAUSE = N_("the area boundary: the municipality covers {all_pct1}, the area {own_pct1}")
BINDS = N_("The area boundary binds: {area} covers {area_pct0} of its {profession} need, the municipality {all_pct0}.")


def add(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    on = vars.rule(NAME)
    for g in data.groups:
        for t in vars.teams_of(g):
            if data.team_area[t] != g.area_id:
                model.add(vars.assigned(g, t) == 0).only_enforce_if(on)


def prune(data: ProblemData, group: StaffGroup, teams: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in teams if data.team_area[t] == group.area_id)


def check(facts: Facts) -> list[str]:
    return [
        f"{NAME}: {s.id} of {s.area_id} in {facts.team_of[s.id]}"
        for s in facts.instance.staff
        if facts.team_area[facts.team_of[s.id]] != s.area_id
    ]


RULE = Rule(
    name=NAME,
    title=N_("staff stay in their own area (area boundary)"),
    description=N_("A staff member is placed only in a team of the area they belong to."),
    add=add,
    prune=prune,
    check=check,
)
