from instances import psy
from instances import town as base
from rulecase import explained, solved, stage, team_of

from optimiser.domain import Parameters


def test_minimum_two_per_team_costs_equity() -> None:
    # Two each: A 1.6 / 0.8, B 1.6 / 2.4 -> largest shortfall 1/3, one move.
    result = solved(base(professions=[psy(min_per_team=2)]))
    assert sorted(team_of(result).values()) == ["A", "A", "B", "B"]
    assert stage(result, "equity") == 0.3333
    assert stage(result, "moves") == 1


def test_minimum_one_per_team_does_not_bind() -> None:
    result = solved(base(professions=[psy(min_per_team=1)]))
    assert stage(result, "equity") == 0.0


def test_more_than_the_municipality_has_is_explained() -> None:
    text = explained(solved(base(Parameters(), professions=[psy(min_per_team=3)])))
    assert "Kommunen skal have mindst 3 Psy i hvert af 2 teams (6), men har 4." in text
