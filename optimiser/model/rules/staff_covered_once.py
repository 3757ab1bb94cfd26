"""Staff covered once: every staff member works in exactly one team; nobody is left out or counted twice.

The checker verifies this rule first and on its own (`optimiser.check`): everything else assumes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from optimiser.i18n import N_
from optimiser.model.rules.base import Rule

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from optimiser.model.data import ProblemData
    from optimiser.model.variables import Variables

NAME = "staff-covered-once"


def add(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    from optimiser.model.variables import total

    on = vars.rule(NAME)
    for g in data.groups:
        placed = total(vars.assigned(g, t) for t in vars.teams_of(g))
        model.add(placed <= g.size)  # nobody is in two teams, even with the rule relaxed
        model.add(placed == g.size).only_enforce_if(on)


RULE = Rule(
    name=NAME,
    title=N_("every staff member is in exactly one team"),
    description=N_("Nobody is left out of the plan, and nobody is counted in two teams."),
    add=add,
)
