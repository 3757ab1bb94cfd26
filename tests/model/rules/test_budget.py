from instances import psy
from instances import town as base
from rulecase import solved, stage

from optimiser.domain import Parameters

STAFF3 = [("m1", "psy", 1.0, "A"), ("m2", "psy", 1.0, "B"), ("m3", "psy", 1.0, "B")]


def norm_instance(budget: float | None) -> object:
    # Norm 100 children per practice-near FTE: need A 1.0, B 3.0; three people give 2.4.
    return base(
        Parameters(demand_mode="norm", budget_dkk=budget),
        staff=STAFF3,
        professions=[psy(norm_children_per_fte=100)],
    )


def test_without_money_the_shortage_is_shared() -> None:
    result = solved(norm_instance(None))  # type: ignore[arg-type]
    # Best is one in A (0.8 / 1.0) and two in B (1.6 / 3.0): B short by 1.4 / 3.0.
    assert stage(result, "equity") == 0.4667
    assert result.new_posts == ()


def test_one_post_of_budget_goes_where_it_buys_most_equity() -> None:
    result = solved(norm_instance(600_000))  # type: ignore[arg-type]
    # 1.0 FTE in B: A 0.8 / 1.0 and B 2.4 / 3.0, both 20 % short; nothing cheaper reaches that.
    assert stage(result, "equity") == 0.2
    assert [(p.team_id, p.fte, p.cost_dkk) for p in result.new_posts] == [("B", 1.0, 600_000.0)]
    assert stage(result, "cost") == 600_000
    assert result.kpis is not None and result.kpis.new_posts_cost_dkk == 600_000
