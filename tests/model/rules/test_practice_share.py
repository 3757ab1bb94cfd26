from instances import psy
from instances import town as base
from rulecase import explained, solved

from optimiser.domain import Parameters


def test_supply_is_the_practice_share_of_fte() -> None:
    result = solved(base(professions=[psy(practice_share=0.5)]))
    supply = {c.team_id: c.supply_fte for c in result.coverage}
    demand = {c.team_id: c.demand_fte for c in result.coverage}
    # 4 FTE x 0.5 = 2.0 practice-near FTE, by children 0.5 and 1.5; one person in A, three in B.
    assert demand == {"A": 0.5, "B": 1.5}
    assert supply == {"A": 0.5, "B": 1.5}
    assert sum(a.fte for a in result.institutions) == 2.0


def test_switched_off_all_time_is_practice_near() -> None:
    result = solved(base(Parameters(disabled_rules=frozenset({"practice-share"}))))
    assert sum(c.supply_fte for c in result.coverage) == 4.0


def test_practice_share_against_coverage_level_without_money_is_explained() -> None:
    # Norm 100 children per FTE: need 1.0 + 3.0; 90 % of it is 3.6 > 4 x 0.8 = 3.2, and the budget is 0.
    instance = base(
        Parameters(demand_mode="norm", min_coverage=0.9, budget_dkk=0),
        professions=[psy(norm_children_per_fte=100)],
    )
    text = explained(solved(instance))
    for rule in ("practice-share", "minimum-coverage", "budget"):
        assert f"({rule})" in text
