"""Business rules: one module each, holding everything about its rule (see `base.Rule`): its id, its words,
the CP-SAT constraint behind one enforcement literal, the candidate teams it prunes, its solver-free check
and the figures that explain a clash.

`RULES` is the one registry, built from the modules, in the order the rules are added and pruned (the area
boundary prunes before a lock overrides it; profession-serves filters last). Nothing here imports the solver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from optimiser.model.rules import (
    area_boundary,
    budget,
    contact_load,
    locked_assignments,
    max_moves,
    minimum_coverage,
    pool_staff,
    practice_share,
    profession_serves,
    staff_covered_once,
    team_minimum,
    team_moves,
    team_size_bounds,
)
from optimiser.model.rules.base import Rule

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from optimiser.model.data import ProblemData
    from optimiser.model.variables import Variables

RULES: dict[str, Rule] = {
    m.RULE.name: m.RULE
    for m in (
        staff_covered_once,
        area_boundary,
        locked_assignments,
        pool_staff,
        profession_serves,
        team_minimum,
        team_size_bounds,
        practice_share,
        budget,
        max_moves,
        team_moves,
        contact_load,
        minimum_coverage,
    )
}
RULE_NAMES: tuple[str, ...] = tuple(RULES)


def add_rules(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    """Add every rule's constraints; each is enforced by its own literal."""
    for rule in RULES.values():
        rule.add(model, data, vars)
