"""Switching to an alternative structure: only its teams, institutions in their new teams, staff starting in
the team that holds most of their current team's children (in their own area), the base untouched."""

from __future__ import annotations

from collections import defaultdict

import pytest
from instances import make_instance, with_structures

from optimiser.domain import Instance
from optimiser.sample import STRUCTURE_AREAS, STRUCTURE_CLUSTERS, STRUCTURE_DISTRICTS, TEAMS
from scenarios.structure import NoTeamInArea, apply_structure


@pytest.fixture
def town() -> Instance:
    """Area x: teams A (schools a1 100, a2 300 children) and B (b1 200); area y: team C (c1 100).
    Staff: m1, m2 in A (m2 locked to A, wishes B), m3 in B, m4 in C."""
    base = make_instance(
        {"A": "x", "B": "x", "C": "y"},
        [("a1", "A", 100), ("a2", "A", 300), ("b1", "B", 200), ("c1", "C", 100)],
        [("m1", "psy", 1.0, "A"), ("m2", "psy", 0.5, "A"), ("m3", "psy", 1.0, "B"), ("m4", "psy", 1.0, "C")],
        staff_extra={"m2": {"locked_team_id": "A", "preferred_team_id": "B"}},
    )
    return with_structures(
        base,
        {
            "split": {"a1": "A1", "a2": "A2", "b1": "B", "c1": "C"},  # A split; a2 (300) is the larger part
            "merged": {"a1": "X", "a2": "X", "b1": "X", "c1": "C"},  # A and B merged into one team of area x
        },
        {"A1": "x", "A2": "x", "X": "x"},
    )


def test_a_split_starts_everyone_in_the_larger_part(town: Instance) -> None:
    switched = apply_structure(town, "split")
    assert switched.team_map == {"A": "A2", "B": "B", "C": "C"}
    assert [t.id for t in switched.instance.teams] == ["B", "C", "A1", "A2"]
    assert {t.id for t in switched.instance.structure_teams} == {"A", "X"}
    assert {i.id: i.team_id for i in switched.instance.institutions} == {"a1": "A1", "a2": "A2", "b1": "B", "c1": "C"}
    m2 = next(s for s in switched.instance.staff if s.id == "m2")
    assert (m2.current_team_id, m2.locked_team_id, m2.preferred_team_id) == ("A2", "A2", "B")


def test_a_merger_starts_everyone_in_the_merged_team(town: Instance) -> None:
    switched = apply_structure(town, "merged")
    assert switched.team_map == {"A": "X", "B": "X", "C": "C"}
    assert [t.id for t in switched.instance.teams] == ["C", "X"]
    assert [s.current_team_id for s in switched.instance.staff] == ["X", "X", "X", "C"]


def test_switching_is_pure_and_can_be_repeated(town: Instance) -> None:
    before = town.model_dump()
    once = apply_structure(town, "split").instance
    assert town.model_dump() == before
    assert once.structures == town.structures  # every structure is still there
    again = apply_structure(once, "merged").instance
    assert [t.id for t in again.teams] == ["C", "X"]


def test_a_structure_without_a_team_where_staff_work_is_refused() -> None:
    base = make_instance({"A": "x", "C": "y"}, [("a1", "A", 100), ("c1", "C", 100)], [("m1", "psy", 1.0, "C")])
    lopsided = with_structures(base, {"one": {"a1": "A", "c1": "A"}})
    with pytest.raises(NoTeamInArea) as caught:
        apply_structure(lopsided, "one")
    assert (caught.value.structure, caught.value.area) == ("one", "y")


def test_the_sample_carries_the_committees_three_structures(sample: Instance) -> None:
    structures = sample.structures
    assert list(structures) == [STRUCTURE_DISTRICTS, STRUCTURE_CLUSTERS, STRUCTURE_AREAS]
    assert structures[STRUCTURE_DISTRICTS] == {i.id: i.team_id for i in sample.institutions}
    assert len(set(structures[STRUCTURE_CLUSTERS].values())) == 26
    assert len(set(structures[STRUCTURE_AREAS].values())) == 5
    # every cluster lies inside one district; every area team holds exactly its area's institutions
    districts: dict[str, set[str]] = defaultdict(set)
    for inst in sample.institutions:
        districts[structures[STRUCTURE_CLUSTERS][inst.id]].add(inst.team_id)
    assert all(len(d) == 1 for d in districts.values())
    assert len({next(iter(d)) for d in districts.values()}) == len(TEAMS)
    area_of = {t.id: t.area_id for t in sample.teams}
    areas: dict[str, set[str]] = defaultdict(set)
    for inst in sample.institutions:
        areas[structures[STRUCTURE_AREAS][inst.id]].add(area_of[inst.team_id])
    assert all(len(a) == 1 for a in areas.values())


def test_the_sample_in_each_structure(sample: Instance) -> None:
    same = apply_structure(sample, STRUCTURE_DISTRICTS)
    assert same.instance.teams == sample.teams and same.instance.staff == sample.staff
    clusters = apply_structure(sample, STRUCTURE_CLUSTERS).instance
    assert len(clusters.teams) == 26
    assert all(s.current_team_id in {t.id for t in clusters.teams} for s in clusters.staff)
    areas = apply_structure(sample, STRUCTURE_AREAS).instance
    assert {t.area_id for t in areas.teams} == {a.id for a in sample.areas}
    assert all(s.current_team_id == f"område_{s.area_id}" for s in areas.staff)
