from instances import DAYCARE, make_instance
from instances import TOWN_SCHOOLS as SCHOOLS
from instances import TOWN_TEAMS as TEAMS
from instances import town as base
from rulecase import explained, solved, team_of

from optimiser.domain import Parameters


def test_everyone_is_placed_exactly_once() -> None:
    result = solved(base())
    assert sorted(team_of(result)) == ["m1", "m2", "m3", "m4"]
    assert sum(a.fte for a in result.assignments) == 4.0


def test_staff_with_nowhere_to_go_is_explained() -> None:
    # Area y has one team, C, with only a daycare unit; the psychologist there serves schools only.
    instance = make_instance(
        {**TEAMS, "C": "y"},
        [*SCHOOLS, ("dC", "C", 50, DAYCARE)],
        [("m1", "psy", 1.0, "A"), ("m2", "psy", 1.0, "C")],
    )
    text = explained(solved(instance))
    for rule in ("staff-covered-once", "area-boundary", "profession-serves-institution-types"):
        assert f"({rule})" in text


def test_relaxing_the_area_boundary_resolves_it() -> None:
    instance = make_instance(
        {**TEAMS, "C": "y"},
        [*SCHOOLS, ("dC", "C", 50, DAYCARE)],
        [("m1", "psy", 1.0, "A"), ("m2", "psy", 1.0, "C")],
        params=Parameters(area_boundary=False),
    )
    # Demand A 0.4, B 1.2 practice-near FTE: one person each is best (largest shortfall 1/3).
    result = solved(instance)
    assert team_of(result) == {"m1": "A", "m2": "B"}
    assert result.status == "optimal"
