"""Degenerate but valid data (`instances.DEGENERATE`): each gives the plan worked out by hand and passes the
checker, or is infeasible with the clashing rule named; nothing crashes.

The town: teams A, B; sA 100 and sB 300 children; m1-m3 in A, m4 in B, 1.0 FTE each; fair-share demand
A 0.8, B 2.4 FTE (tests/helpers/instances.py).
"""

from __future__ import annotations

import pytest
from instances import DEGENERATE

from optimiser.check import verify
from optimiser.explain import render
from optimiser.need import demand_table
from optimiser.results import SolveResult
from optimiser.solve import solve

TODAY = {"m1": "A", "m2": "A", "m3": "A", "m4": "B"}
MOVED = {"m1": "A", "m2": "B", "m3": "B", "m4": "B"}  # two move to B: 1.0 of 0.8 in A, 3.0 of 2.4 in B

# name -> (equity: largest relative shortfall, total shortfall in FTE, staff moved, staff -> team)
PLANS: dict[str, tuple[float, float, int, dict[str, str]]] = {
    # tale has no staff, so fair share gives it no demand: the town's plan.
    "a profession with no staff": (0.0, 0.0, 2, MOVED),
    # an empty team C has no demand and draws nobody: the town's plan.
    "a team with no institutions": (0.0, 0.0, 2, MOVED),
    # no children, no demand: no move buys anything.
    "zero children": (0.0, 0.0, 0, TODAY),
    "zero children, norm mode": (0.0, 0.0, 0, TODAY),
    # nobody can move: B keeps 0.8 of its 2.4 FTE, a shortfall of 1.6 FTE = 2/3.
    "all staff locked": (0.6667, 1.6, 0, TODAY),
}


def solved_plan(result: SolveResult) -> tuple[float, float, int, dict[str, str]]:
    stage = {s.name: s.objective for s in result.stages}
    assert result.kpis is not None and stage["equity"] is not None and stage["shortfall"] is not None
    return (
        round(stage["equity"], 4),
        round(stage["shortfall"], 4),
        result.kpis.staff_moved,
        {a.staff_id: a.team_id for a in result.assignments},
    )


def test_every_case_has_an_expected_outcome() -> None:
    assert set(DEGENERATE) == set(PLANS) | {"one staff member"}


@pytest.mark.parametrize("name", PLANS)
def test_solves_to_the_plan_worked_out_by_hand(name: str) -> None:
    instance = DEGENERATE[name]()
    demand_table(instance)  # the demand command's table, too
    result = solve(instance)
    assert result.status == "optimal"
    assert solved_plan(result) == PLANS[name]
    assert verify(instance, result) == []


def test_a_profession_without_staff_needs_no_contacts() -> None:
    result = solve(DEGENERATE["a profession with no staff"]())
    tale = [a for a in result.institutions if a.profession == "tale"]
    assert len(tale) == 2 and all(a.contact_staff_id is None and a.fte == 0 for a in tale)


def test_one_member_cannot_be_the_contact_in_two_teams() -> None:
    """Two schools in two teams, one half-time psychologist: each school needs a contact in its own team,
    and one person cannot be in two teams, so the plan is infeasible and the contact rule is named."""
    instance = DEGENERATE["one staff member"]()
    demand_table(instance)
    result = solve(instance)
    assert result.status == "infeasible" and result.kpis is None and result.assignments == ()
    assert "(contact-load)" in "\n".join(render(result.explanation))
