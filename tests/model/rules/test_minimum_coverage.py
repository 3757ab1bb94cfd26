from instances import psy
from instances import town as base
from rulecase import solved, stage

from optimiser.domain import Parameters


def test_price_of_ninety_percent_coverage() -> None:
    # Norm 100 children per FTE: need A 1.0, B 3.0. One person in A and three in B give 0.8 and 2.4;
    # 90 % needs 0.9 and 2.7, i.e. 1.125 -> 1.13 and 3.375 -> 3.38 FTE: new posts 0.13 + 0.38 = 0.51 FTE.
    result = solved(
        base(Parameters(demand_mode="norm", min_coverage=0.9), professions=[psy(norm_children_per_fte=100)])
    )
    assert result.stages[0].name == "cost"
    assert stage(result, "cost") == 306_000
    assert sorted((p.team_id, p.fte) for p in result.new_posts) == [("A", 0.13), ("B", 0.38)]
    assert all(c.supply_fte >= 0.9 * c.demand_fte for c in result.coverage)
