"""The cost model per team, per child and against today, on the hand-worked plan of `costcase`."""

from __future__ import annotations

import pytest
from costcase import priced

from scenarios.costs import cost_delta_dkk, current_cost_dkk, team_costs


def test_each_team_costs_its_staff_at_their_own_annual_cost_without_overhead() -> None:
    instance, result = priced()
    assert {a.staff_id: a.team_id for a in result.assignments} == {"p1": "A", "p2": "B"}
    a, b = team_costs(instance, instance.parameters, result)
    assert (a.team_id, a.fte, a.children, b.team_id, b.fte, b.children) == ("A", 1.0, 100, "B", 0.5, 50)
    assert a.cost_dkk == pytest.approx(600_000)
    assert b.cost_dkk == pytest.approx(350_000)
    assert a.cost_per_child_dkk == pytest.approx(6_000)
    assert b.cost_per_child_dkk == pytest.approx(7_000)


def test_moving_people_costs_nothing_against_today() -> None:
    instance, result = priced()
    assert current_cost_dkk(instance) == pytest.approx(950_000)
    assert cost_delta_dkk(instance, instance.parameters, result) == pytest.approx(0.0)
    # The overhead share is a mark-up on new posts (the template): today's staff cost the same at any share.
    assert cost_delta_dkk(instance, instance.parameters.model_copy(update={"overhead_share": 0.5}), result) == 0.0
