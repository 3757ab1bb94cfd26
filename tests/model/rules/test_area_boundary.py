from instances import make_instance, psy
from instances import town as base
from rulecase import explained, solved, stage, team_of

from optimiser.domain import Parameters
from optimiser.explain import render

# Area x: team A with a school of 300; area y: team B with a school of 100 and all four psychologists.
# Fair-share demand: A 2.4, B 0.8 practice-near FTE.
TEAMS = {"A": "x", "B": "y"}
SCHOOLS = [("sA", "A", 300), ("sB", "B", 100)]
STAFF = [(f"m{n}", "psy", 1.0, "B") for n in range(1, 5)]


def test_staff_stay_in_their_area() -> None:
    # Without the contact rule (A would have no contact person), the area is simply left uncovered.
    no_contacts = Parameters(disabled_rules=frozenset({"contact-load"}))
    result = solved(make_instance(TEAMS, SCHOOLS, STAFF, params=no_contacts))
    assert set(team_of(result).values()) == {"B"}
    assert stage(result, "equity") == 1.0  # A's whole need is unmet
    assert render(result.explanation)[0] == "Lavest dækning: Psy i Team A: behov 2,40 årsværk, dækket 0,00 (0 %)."


def test_switching_the_boundary_off_lets_staff_cross() -> None:
    result = solved(make_instance(TEAMS, SCHOOLS, STAFF, params=Parameters(area_boundary=False)))
    assert sorted(team_of(result).values()) == ["A", "A", "A", "B"]
    assert stage(result, "equity") == 0.0
    assert result.kpis is not None and result.kpis.staff_moved == 3


def test_minimum_per_team_beyond_the_area_is_explained_with_figures() -> None:
    text = explained(solved(base(Parameters(), professions=[psy(min_per_team=3)])))
    assert "(team-minimum-per-profession)" in text
    assert "Kommunen skal have mindst 3 Psy i hvert af 2 teams (6), men har 4." in text


def test_area_shortage_names_the_area() -> None:
    # Area x has two teams and one psychologist; area y has three. Minimum 1 per team.
    instance = make_instance(
        {"A": "x", "B": "x", "C": "y"},
        [("sA", "A", 100), ("sB", "B", 100), ("sC", "C", 100)],
        [("m1", "psy", 1.0, "A"), ("m2", "psy", 1.0, "C"), ("m3", "psy", 1.0, "C"), ("m4", "psy", 1.0, "C")],
        professions=[psy(min_per_team=1)],
    )
    text = explained(solved(instance))
    assert "(area-boundary)" in text and "(team-minimum-per-profession)" in text
    assert "Område x skal have mindst 1 Psy i hvert af 2 teams (2), men har 1." in text
