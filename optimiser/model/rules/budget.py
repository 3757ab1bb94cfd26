"""Budget: new posts (annual cost including overhead) cost no more than the budget set for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from optimiser.i18n import N_
from optimiser.model.rules.base import Facts, Rule

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from optimiser.model.data import ProblemData
    from optimiser.model.variables import Variables

NAME = "budget"


def add(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    budget = data.params.budget_dkk
    if budget is None or not vars.new_post_pairs():
        return
    model.add(vars.new_posts_cost() <= round(budget)).only_enforce_if(vars.rule(NAME))


def check(facts: Facts) -> list[str]:
    budget = facts.params.budget_dkk
    spent = sum(p.cost_dkk for p in facts.new_posts)
    if budget is not None and spent > budget + 1:
        return [f"{NAME}: new posts cost {spent:.0f} > {budget:.0f}"]
    return []


RULE = Rule(
    name=NAME,
    title=N_("new posts cost no more than the budget"),
    description=N_("New posts, overhead included, cost no more than the budget set for them."),
    add=add,
    check=check,
)
