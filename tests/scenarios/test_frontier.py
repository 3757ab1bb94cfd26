"""The trade-off curve: fewer moves never buys a lower largest shortfall, and the Pareto filter is exact."""

from __future__ import annotations

import pytest
from instances import make_instance

from optimiser.domain import Instance
from scenarios.frontier import FrontierPoint, pareto, sweep


def lopsided_town() -> Instance:
    """Three equal schools, one per team; all six psychologists now in team A.

    Fair share: 6 x 0.8 = 4.8 practice-near FTE, 1.6 per team = two people each: four move (0 %).
    Every school needs a named contact from its own team, so B and C get one person each at least: two
    moves leave B and C at 0.8 / 1.6 (50 %), and a third still leaves one of them there.
    """
    return make_instance(
        {"A": "x", "B": "x", "C": "x"},
        [("sA", "A", 200), ("sB", "B", 200), ("sC", "C", 200)],
        [(f"m{n}", "psy", 1.0, "A") for n in range(6)],
    )


def point(tolerance: float, shortfall: float, moved: int) -> FrontierPoint:
    return FrontierPoint(tolerance, shortfall, moved, 0.0, "optimal")


def test_pareto_keeps_only_points_nothing_beats() -> None:
    points = [point(0.0, 0.0, 4), point(0.3, 0.5, 2), point(0.5, 0.5, 3), point(0.6, 0.6, 1), point(1.0, 1.0, 0)]
    assert [(p.staff_moved, p.max_shortfall) for p in pareto(points)] == [(0, 1.0), (1, 0.6), (2, 0.5), (4, 0.0)]


@pytest.fixture(scope="module")
def points() -> list[FrontierPoint]:
    instance = lopsided_town()
    return sweep(instance, instance.parameters, tolerances=(0.0, 0.25, 0.5, 0.75, 1.0))


def test_the_sweep_runs_from_fair_to_fewest_moves(points: list[FrontierPoint]) -> None:
    assert [p.tolerance for p in points] == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert (round(points[0].max_shortfall, 9), points[0].staff_moved) == (0.0, 4)
    assert (round(points[-1].max_shortfall, 9), points[-1].staff_moved) == (0.5, 2)
    assert [(p.staff_moved, p.max_shortfall) for p in pareto(points)] == [(2, 0.5), (4, 0.0)]
    assert all(p.status == "optimal" for p in points)


def test_fewer_moves_never_give_a_lower_shortfall(points: list[FrontierPoint]) -> None:
    for p in points:
        for q in points:
            if p.staff_moved < q.staff_moved:
                assert p.max_shortfall >= q.max_shortfall - 1e-9


def test_each_point_keeps_within_its_tolerance(points: list[FrontierPoint]) -> None:
    best = points[0].max_shortfall
    for p in points:
        assert p.max_shortfall <= best + p.tolerance + 1e-9
