"""Budget: new posts (annual cost including overhead) cost no more than the budget set for them."""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimiser.model.data import ProblemData
from optimiser.model.variables import Variables

NAME = "budget"


def add_budget(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    budget = data.params.budget_dkk
    if budget is None or not vars.new_post_pairs():
        return
    model.add(vars.new_posts_cost() <= round(budget)).only_enforce_if(vars.rule(NAME))
