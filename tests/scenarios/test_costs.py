"""The cost model per team, per child and against today, on the hand-worked plan of `costcase`."""

from __future__ import annotations

import pytest
from costcase import priced

from scenarios.costs import cost_delta_dkk, current_cost_dkk, team_costs


def test_each_team_costs_its_staff_at_their_own_annual_cost_with_overhead() -> None:
    instance, result = priced()
    assert {a.staff_id: a.team_id for a in result.assignments} == {"p1": "A", "p2": "B"}
    a, b = team_costs(instance, instance.parameters, result)
    assert (a.team_id, a.fte, a.children, b.team_id, b.fte, b.children) == ("A", 1.0, 100, "B", 0.5, 50)
    assert a.cost_dkk == pytest.approx(660_000)
    assert b.cost_dkk == pytest.approx(385_000)
    assert a.cost_per_child_dkk == pytest.approx(6_600)
    assert b.cost_per_child_dkk == pytest.approx(7_700)


def test_moving_people_costs_nothing_against_today() -> None:
    instance, result = priced()
    assert current_cost_dkk(instance, 0.1) == pytest.approx(1_045_000)
    assert cost_delta_dkk(instance, instance.parameters, result) == pytest.approx(0.0)
    # A higher overhead share alone is no expense: today is priced at the same share.
    assert current_cost_dkk(instance, 0.2) == pytest.approx(1_140_000)
