"""The consultation's arguments and coverage per district, on small cases worked out by hand.

The district case: teams A (schools a1 in district X, a2 in district Y) and B (school b1 in Y). Demand a1 1.0,
a2 2.0, b1 3.0 FTE; the plan gives a1 0.8, a2 1.6, b1 2.0; today a1 1.0, a2 1.0, b1 1.0. So X: demand 1.0,
supply 0.8 (80 %), today 1.0; Y: demand 2.0 + 3.0 = 5.0, supply 1.6 + 2.0 = 3.6 (72 %), today 2.0 (40 %).

The double-staffing case: the town (tests/helpers/instances.py) with three psychologists placed in A and one
in B, each away with probability q = 0.2: A has nobody present with probability 0.2³ = 0.008, B with 0.2:
largest 0.2, mean (0.008 + 0.2) / 2 = 0.104; B is the one cell with one person or nobody.
"""

from __future__ import annotations

import pytest
from instances import make_instance, town
from pytest import approx
from rulecase import solved

from optimiser.arguments import district_coverage, km, split_clusters, structure_kpis, team_base
from optimiser.check import verify
from optimiser.domain import Institution, InstitutionType, Parameters, Team
from optimiser.results import InstitutionAllocation, NewPost

KM_PER_DEGREE = 6371.0 * 3.141592653589793 / 180  # 111.19493 km on the mean Earth radius


def _alloc(institution: str, team: str, fte: float, contact: str | None = None) -> InstitutionAllocation:
    return InstitutionAllocation(
        institution_id=institution, team_id=team, profession="psy", fte=fte, contact_staff_id=contact
    )


def test_district_coverage_sums_each_districts_institutions() -> None:
    base = make_instance({"A": "x", "B": "x"}, [("a1", "A", 100), ("a2", "A", 200), ("b1", "B", 300)], [])
    districts = {"a1": "X", "a2": "Y", "b1": "Y"}
    institutions = tuple(i.model_copy(update={"district_id": districts[i.id]}) for i in base.institutions)
    instance = base.model_copy(update={"institutions": institutions})
    demand = {("a1", "psy"): 1.0, ("a2", "psy"): 2.0, ("b1", "psy"): 3.0}
    plan = [_alloc("a1", "A", 0.8), _alloc("a2", "A", 1.6), _alloc("b1", "B", 2.0)]
    today = [_alloc("a1", "A", 1.0), _alloc("a2", "A", 1.0), _alloc("b1", "B", 1.0)]
    rows = district_coverage(instance, demand, plan, today)
    got = {r.district_id: (r.demand_fte, r.supply_fte, r.current_supply_fte, r.coverage) for r in rows}
    assert got == {"X": approx((1.0, 0.8, 1.0, 0.8)), "Y": approx((5.0, 3.6, 2.0, 0.72))}


def test_a_district_defaults_to_the_institutions_team_in_the_book() -> None:
    school = Institution(id="s", name="S", type=InstitutionType.SCHOOL, team_id="A", children=10)
    assert school.district_id == "A"
    named = Institution(id="s", name="S", type=InstitutionType.SCHOOL, team_id="A", children=10, district_id="Øst")
    assert named.district_id == "Øst"
    # a structure moves the institution to another team; its district stays
    assert named.model_copy(update={"team_id": "B"}).district_id == "Øst"


def test_double_staffing_is_q_to_the_power_of_the_people_present() -> None:
    instance = town()
    team_of = {"m1": "A", "m2": "A", "m3": "A", "m4": "B"}
    got = structure_kpis(instance, Parameters(absence_probability=0.2), team_of, (), ())
    assert got.absence_risk_max == approx(0.2)
    assert got.absence_risk_mean == approx(0.104)
    assert got.alone_cells == 1
    assert [t.alone_professions for t in got.teams] == [(), ("psy",)]
    assert (got.team_fte_min, got.team_fte_median, got.team_fte_max) == approx((1.0, 2.0, 3.0))
    assert (got.team_heads_min, got.team_heads_median, got.team_heads_max) == (1, 2.0, 3)


def test_a_cell_without_anyone_is_never_covered_and_a_new_post_counts_as_people() -> None:
    instance = town()
    team_of = {s.id: "A" for s in instance.staff}  # B has nobody: probability 1
    got = structure_kpis(instance, Parameters(absence_probability=0.2), team_of, (), ())
    assert got.absence_risk_max == 1.0 and got.alone_cells == 1
    # 1.5 FTE of new posts in B are two people: 0.2² = 0.04
    post = NewPost(team_id="B", profession="psy", fte=1.5, cost_dkk=0.0)
    got = structure_kpis(instance, Parameters(absence_probability=0.2), team_of, (post,), ())
    assert got.absence_risk_max == approx(0.04) and got.alone_cells == 0
    assert got.team_heads_max == 4 and got.team_fte_min == approx(1.5)


def test_institutions_per_contact_person() -> None:
    instance = town()
    plan = [_alloc("sA", "A", 0.8, "m1"), _alloc("sB", "B", 2.4, "m1"), _alloc("sC", "B", 0.1, "m4")]
    got = structure_kpis(instance, Parameters(), {s.id: s.current_team_id for s in instance.staff}, (), plan)
    assert (got.institutions_per_contact_mean, got.institutions_per_contact_max) == (1.5, 2)


def test_distance_from_the_children_weighted_base() -> None:
    # a1 (100 children) at 55.00 N, a2 (300) at 55.01 N, same longitude: the base is at 55.0075 N, so a1 is
    # 0.0075 degrees away and a2 0.0025: 0.83396 and 0.27799 km.
    a1 = Institution(id="a1", name="a1", type="skole", team_id="A", children=100, latitude=55.0, longitude=12.0)
    a2 = a1.model_copy(update={"id": "a2", "children": 300, "latitude": 55.01})
    team = Team(id="A", name="A", area_id="x")
    base = team_base(team, [a1, a2])
    assert base == approx((55.0075, 12.0))
    assert base is not None
    assert km(base, (55.0, 12.0)) == approx(0.0075 * KM_PER_DEGREE)
    instance = town(institutions=[("a1", "A", 100), ("a2", "A", 300), ("sB", "B", 300)])
    placed = tuple(
        i.model_copy(update={"latitude": 55.0 if i.id == "a1" else 55.01, "longitude": 12.0}) if i.id != "sB" else i
        for i in instance.institutions
    )
    instance = instance.model_copy(update={"institutions": placed})
    got = structure_kpis(instance, Parameters(), {s.id: s.current_team_id for s in instance.staff}, (), ())
    assert got.distance_max_km == approx(0.0075 * KM_PER_DEGREE)
    assert got.distance_mean_km == approx(0.005 * KM_PER_DEGREE)
    assert [(t.distance_mean_km, t.distance_max_km) for t in got.teams][1] == (None, None)  # B: no coordinates
    # the team's own coordinates, where given, are its base
    own = team_base(team.model_copy(update={"latitude": 55.0, "longitude": 12.0}), [a1, a2])
    assert own == (55.0, 12.0)


def test_no_coordinates_no_clusters_not_measurable() -> None:
    got = structure_kpis(town(), Parameters(), {"m1": "A", "m2": "A", "m3": "B", "m4": "B"}, (), ())
    assert (got.distance_mean_km, got.clusters_split, got.contacts_changed) == (None, None, None)
    assert not got.contacts_supplied


def test_a_cluster_over_two_teams_is_split() -> None:
    instance = town(institutions=[("a1", "A", 10), ("a2", "A", 10), ("b1", "B", 10)])
    clusters = {"a1": "k1", "a2": "k2", "b1": "k1"}
    with_clusters = tuple(i.model_copy(update={"cluster_id": clusters[i.id]}) for i in instance.institutions)
    instance = instance.model_copy(update={"institutions": with_clusters})
    assert split_clusters(instance, {"a1": "A", "a2": "A", "b1": "B"}) == (2, ["k1"])
    assert split_clusters(instance, {"a1": "A", "a2": "A", "b1": "A"}) == (2, [])


def test_a_solve_reports_districts_and_arguments_the_checker_recomputes() -> None:
    result = solved(town())
    assert result.structure_kpis is not None and {d.district_id for d in result.districts} == {"A", "B"}
    # the plan moves two of A's three to B: 1 and 3 people; today's supply A 2.4, B 0.8
    assert (result.structure_kpis.team_heads_min, result.structure_kpis.team_heads_max) == (1, 3)
    by = {d.district_id: d for d in result.districts}
    assert (by["A"].current_supply_fte, by["B"].current_supply_fte) == approx((2.4, 0.8))
    assert (by["A"].supply_fte, by["B"].supply_fte) == approx((0.8, 2.4))
    assert verify(town(), result) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("alone_cells", 5), ("absence_risk_max", 0.5), ("team_heads_median", 9.0), ("institutions_per_contact_max", 7)],
)
def test_the_checker_catches_a_wrong_argument(field: str, value: float) -> None:
    result = solved(town())
    assert result.structure_kpis is not None
    wrong = result.model_copy(update={"structure_kpis": result.structure_kpis.model_copy(update={field: value})})
    assert any(p.startswith(f"structure {field}:") for p in verify(town(), wrong))


def test_the_checker_catches_a_wrong_district_figure() -> None:
    result = solved(town())
    rows = list(result.districts)
    rows[0] = rows[0].model_copy(update={"supply_fte": rows[0].supply_fte + 0.5})
    wrong = result.model_copy(update={"districts": tuple(rows)})
    assert any(p.startswith(f"district {rows[0].district_id}/psy: supply") for p in verify(town(), wrong))
