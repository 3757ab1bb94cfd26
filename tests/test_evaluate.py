"""The evaluator: coverage, KPIs and the one cost formula, worked out by hand on the rule tests' base.

Base (tests/helpers/rulecase.py): teams A and B, schools sA (100 children) and sB (300); four psychologists
of 1.0 FTE at 600,000 DKK, three in A and one in B; practice share 0.8; demand A 0.8, B 2.4.
"""

import pytest
from rulecase import base

from optimiser.domain import Parameters
from optimiser.evaluate import compute_kpis, coverage_rows, current_cost_dkk, evaluate, fte_cost_dkk, staff_cost_dkk
from optimiser.export import figures
from optimiser.model.data import problem_data
from optimiser.results import NewPost, Plan
from scenarios.costs import team_costs

STAY = {"m1": "A", "m2": "A", "m3": "A", "m4": "B"}  # today's allocation
MOVED = {"m1": "A", "m2": "B", "m3": "B", "m4": "B"}  # two moved to B: 100 % everywhere


def test_the_one_cost_formula() -> None:
    assert fte_cost_dkk(600_000, 0.25) == 750_000
    staff = [("m1", "psy", 0.5, "A"), ("m2", "psy", 1.0, "A"), ("m3", "psy", 1.0, "A"), ("m4", "psy", 1.0, "B")]
    instance = base(staff=staff, staff_extra={"m1": {"cost_override_dkk": 700_000}})
    m1 = next(s for s in instance.staff if s.id == "m1")
    # The overhead share is a mark-up on new posts (fte_cost_dkk), not on today's staff.
    assert staff_cost_dkk(instance, m1) == pytest.approx(0.5 * 700_000)
    assert current_cost_dkk(instance) == pytest.approx(350_000 + 3 * 600_000)


def test_coverage_of_todays_allocation() -> None:
    rows = {(r.team_id, r.profession): r for r in coverage_rows(base(), base().parameters, STAY)}
    assert rows["A", "psy"].supply_fte == pytest.approx(3 * 0.8) and rows["A", "psy"].demand_fte == pytest.approx(0.8)
    assert rows["B", "psy"].supply_fte == pytest.approx(0.8) and rows["B", "psy"].demand_fte == pytest.approx(2.4)


def test_kpis_of_todays_allocation() -> None:
    kpis = compute_kpis(base(), base().parameters, STAY, (), ())
    assert kpis.max_relative_shortfall == pytest.approx(2 / 3)  # B: (2.4 - 0.8) / 2.4
    assert kpis.mean_relative_shortfall == pytest.approx(1 / 3)  # A has none
    assert kpis.total_shortfall_fte == pytest.approx(1.6)
    assert kpis.cv_coverage == pytest.approx(0.8)  # coverage 3 and 1/3: mean 5/3, deviation 4/3
    assert kpis.staff_moved == 0
    assert (kpis.team_size_min_fte, kpis.team_size_max_fte) == (1.0, 3.0)
    assert kpis.cost_dkk == 2_400_000 and kpis.cost_per_child_dkk == 6_000
    assert kpis.fte_per_1000_children == 10.0


def test_a_new_post_counts_in_supply_size_and_cost() -> None:
    params = Parameters(budget_dkk=1_000_000, overhead_share=0.5)
    post = NewPost(team_id="B", profession="psy", fte=1.0, cost_dkk=900_000)
    kpis = compute_kpis(base(params), params, STAY, (post,), ())
    assert kpis.total_shortfall_fte == pytest.approx(0.8)  # B: 2.4 - 1.6
    assert kpis.team_size_max_fte == 3.0 and kpis.team_size_min_fte == 2.0
    assert kpis.cost_dkk == pytest.approx(2_400_000 + 900_000)  # the overhead is on the new post only
    assert (kpis.new_posts_fte, kpis.new_posts_cost_dkk) == (1.0, 900_000)


def test_every_consumer_prices_with_the_evaluator() -> None:
    """Team costs, the exports' cost split and the solver's price of a new post all agree with `cost_dkk`."""
    params = Parameters(budget_dkk=1_000_000, overhead_share=0.25)
    instance = base(params, staff_extra={"m4": {"cost_override_dkk": 500_000}})
    from optimiser.solve import solve

    result = solve(instance)
    assert result.kpis is not None
    by_team = team_costs(instance, params, result)
    assert sum(c.cost_dkk for c in by_team) == pytest.approx(result.kpis.cost_dkk)
    assert figures.costs(instance, result).total == pytest.approx(result.kpis.cost_dkk)
    assert problem_data(instance).price_per_hundredth("psy") == 7_500  # 600,000 x 1.25 / 100


def test_evaluate_a_plan() -> None:
    from optimiser.results import Assignment

    plan = Plan(
        assignments=tuple(
            Assignment(staff_id=s, team_id=t, fte=1.0, current_team_id=STAY[s], moved=t != STAY[s], locked=False)
            for s, t in MOVED.items()
        ),
        new_posts=(),
        institutions=(),
    )
    evaluation = evaluate(base(), base().parameters, plan)
    assert evaluation.kpis.max_relative_shortfall == pytest.approx(0.0) and evaluation.kpis.staff_moved == 2
    assert [(r.team_id, round(r.supply_fte, 6)) for r in evaluation.coverage] == [("A", 0.8), ("B", 2.4)]
