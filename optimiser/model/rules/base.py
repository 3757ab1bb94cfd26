"""What every rule module provides, as one record (`Rule`), and what its parts are given.

* `add(model, data, vars)`: the CP-SAT constraints, behind the rule's enforcement literal `vars.rule(NAME)`;
* `prune(data, group, teams)`: the candidate teams left to a staff group once the rule forbids some (the
  model never creates the forbidden pairs: the same model, smaller); most rules prune nothing;
* `check(facts)`: the rule verified on a plan without any solver (used by `optimiser.check`), as problems;
* `explain(data, core, scopes)`: when the rule is among those that clash, the figures that show why, as
  `Reason` records (words only when shown).

Nothing here imports the solver, so rule names and words are available to `validate` and `--help`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from optimiser.domain import Instance, Parameters
from optimiser.results import InstitutionAllocation, NewPost, Reason

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from optimiser.model.data import ProblemData, StaffGroup
    from optimiser.model.variables import Variables

Cell = tuple[str, str]  # (team id, profession)


@dataclass(frozen=True)
class Facts:
    """A plan and the workbook, worked out by the checker with plain loops (its own code, no solver)."""

    instance: Instance
    params: Parameters
    structure: Mapping[str, str]  # institution -> team
    team_of: Mapping[str, str]  # staff id -> planned team
    new_posts: Sequence[NewPost]
    institutions: Sequence[InstitutionAllocation]
    team_area: Mapping[str, str]
    serves: frozenset[Cell]  # cells with an institution of a type the profession serves
    heads: Mapping[Cell, int]
    size_fte: Mapping[str, float]  # team -> FTE, new posts included
    supply_fte: Mapping[Cell, float]  # practice-near
    demand_fte: Mapping[Cell, float]
    moved: int

    def on(self, name: str) -> bool:
        return name in self.params.enabled_rules()


@dataclass(frozen=True)
class Scope:
    """Where a clash is counted: one area (`area` its display name) or the whole municipality (`area` "")."""

    area: str
    teams: tuple[str, ...]
    heads: Mapping[str, int]  # profession -> staff
    capacity: Mapping[str, int]  # profession -> institutions the staff can be contact for
    fte: float


def prune_nothing(data: ProblemData, group: StaffGroup, teams: tuple[str, ...]) -> tuple[str, ...]:
    return teams


def check_nothing(facts: Facts) -> list[str]:
    return []


def explain_nothing(data: ProblemData, core: frozenset[str], scopes: Sequence[Scope]) -> list[Reason]:
    return []


@dataclass(frozen=True)
class Rule:
    name: str  # the id a planner switches off (`slå_fra_regler`)
    title: str  # msgid: the rule in a planner's words
    description: str  # msgid: what it means and why
    add: Callable[[cp_model.CpModel, ProblemData, Variables], None]
    prune: Callable[[ProblemData, StaffGroup, tuple[str, ...]], tuple[str, ...]] = prune_nothing
    check: Callable[[Facts], list[str]] = check_nothing
    explain: Callable[[ProblemData, frozenset[str], Sequence[Scope]], list[Reason]] = explain_nothing
