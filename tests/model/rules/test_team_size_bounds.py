from instances import town as base
from rulecase import explained, solved, stage

from optimiser.domain import Parameters


def test_a_size_cap_limits_the_big_team() -> None:
    # At most 2 FTE per team: two each, B short by 1/3.
    result = solved(base(Parameters(team_size_max_fte=2.0)))
    assert result.kpis is not None
    assert result.kpis.team_size_max_fte == 2.0 and result.kpis.team_size_min_fte == 2.0
    assert stage(result, "equity") == 0.3333


def test_a_size_floor_that_cannot_be_met_is_explained() -> None:
    text = explained(solved(base(Parameters(team_size_min_fte=2.5))))
    assert "(team-size-bounds)" in text
    assert "Kommunen skal fylde 2 teams med mindst 2,50 årsværk hver, men har 4,00 årsværk." in text


def test_a_size_cap_that_cannot_be_met_is_explained() -> None:
    text = explained(solved(base(Parameters(team_size_max_fte=1.5))))
    assert "(team-size-bounds)" in text and "(staff-covered-once)" in text
    assert "Kommunen har 4,00 årsværk, men 2 teams må højst have 1,50 hver." in text
