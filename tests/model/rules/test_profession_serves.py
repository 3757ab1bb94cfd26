from instances import DAYCARE, make_instance, psy
from instances import TOWN_SCHOOLS as SCHOOLS
from rulecase import explained, solved, team_of

from optimiser.domain import Profession

TEAMS = {"A": "x", "B": "x"}
PED = Profession(id="ped", annual_cost_dkk=500_000, institution_types=frozenset({DAYCARE}))


def test_a_daycare_profession_leaves_a_team_without_daycare() -> None:
    # Team B has only a school; the support pedagogue there moves to A, which has the daycare unit.
    instance = make_instance(
        TEAMS,
        [*SCHOOLS, ("dA", "A", 60, DAYCARE)],
        [("p1", "ped", 1.0, "B"), ("m1", "psy", 1.0, "A"), ("m2", "psy", 1.0, "B")],
        professions=[psy(), PED],
    )
    result = solved(instance)
    assert team_of(result) == {"p1": "A", "m1": "A", "m2": "B"}
    assert result.kpis is not None and result.kpis.staff_moved == 1
    sites = {(a.institution_id, a.profession) for a in result.institutions}
    assert sites == {("sA", "psy"), ("sB", "psy"), ("dA", "ped")}  # nobody serves a type it does not serve


def test_locked_where_nothing_is_served_is_explained() -> None:
    instance = make_instance(
        TEAMS,
        [*SCHOOLS, ("dA", "A", 60, DAYCARE)],
        [("p1", "ped", 1.0, "A"), ("m1", "psy", 1.0, "A"), ("m2", "psy", 1.0, "B")],
        professions=[psy(), PED],
        staff_extra={"p1": {"locked_team_id": "B"}},
    )
    text = explained(solved(instance))
    assert "(profession-serves-institution-types)" in text and "(locked-assignments)" in text
    assert "p1 (Ped) er låst til Team B, som intet har, faggruppen betjener." in text
