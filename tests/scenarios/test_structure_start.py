"""Where staff start in another structure: sheet Startteams first (a person's row, then their team's row),
the start rule only as the fallback.

The town of tests/scenarios/test_structure.py: area x has teams A (schools a1 100, a2 300 children) and B (b1
200), area y team C (c1 100); m1, m2 in A (m2 locked to A), m3 in B, m4 in C. Structure `split` cuts A into
A1 (a1) and A2 (a2): the rule starts all of A in A2, the larger part.
"""

from __future__ import annotations

import pytest
from instances import make_instance, with_structures

from optimiser.domain import Instance, StartTeam
from scenarios.apply import apply_scenario
from scenarios.engine import solve_applied
from scenarios.errors import ScenarioError
from scenarios.schema import parse_scenario
from scenarios.structure import StartOutsideArea, apply_structure


def _town(*rows: StartTeam) -> Instance:
    base = make_instance(
        {"A": "x", "B": "x", "C": "y"},
        [("a1", "A", 100), ("a2", "A", 300), ("b1", "B", 200), ("c1", "C", 100)],
        [("m1", "psy", 1.0, "A"), ("m2", "psy", 0.5, "A"), ("m3", "psy", 1.0, "B"), ("m4", "psy", 1.0, "C")],
        staff_extra={"m2": {"locked_team_id": "A"}},
    )
    town = with_structures(base, {"split": {"a1": "A1", "a2": "A2", "b1": "B", "c1": "C"}}, {"A1": "x", "A2": "x"})
    return Instance.model_validate({**{f: getattr(town, f) for f in Instance.model_fields}, "start_teams": rows})


def _starts(instance: Instance) -> dict[str, str]:
    return {s.id: s.current_team_id for s in apply_structure(instance, "split").instance.staff}


def test_without_rows_the_start_rule_applies() -> None:
    assert _starts(_town()) == {"m1": "A2", "m2": "A2", "m3": "B", "m4": "C"}
    assert apply_structure(_town(), "split").explicit == {}


def test_a_team_row_starts_the_whole_team_and_maps_its_locks() -> None:
    switched = apply_structure(_town(StartTeam(structure="split", team_id="A", start_team_id="A1")), "split")
    assert {s.id: s.current_team_id for s in switched.instance.staff} == {"m1": "A1", "m2": "A1", "m3": "B", "m4": "C"}
    assert switched.team_map["A"] == "A1"
    assert next(s for s in switched.instance.staff if s.id == "m2").locked_team_id == "A1"
    assert switched.explicit == {"m1": "A1", "m2": "A1"}


def test_a_persons_row_comes_before_the_team_row() -> None:
    rows = (
        StartTeam(structure="split", team_id="A", start_team_id="A2"),
        StartTeam(structure="split", staff_id="m1", start_team_id="A1"),
    )
    assert _starts(_town(*rows)) == {"m1": "A1", "m2": "A2", "m3": "B", "m4": "C"}


def test_moves_count_from_the_explicit_start() -> None:
    # Fair-share demand (3.5 FTE x 0.8 by 800 children): a1 0.35, a2 1.05, b1 0.7, c1 0.35. Under the rule
    # A2 holds m1 (0.8) and m2 (0.4, locked), A1 nobody: the best plan sends m1 to A1 (A2 is then 61.9 %
    # short; anything else leaves a team 100 % short): one move. Started in A1 by sheet Startteams, m1 is
    # already there: the same plan, no move.
    scenario = parse_scenario("structure: split\n", "s.yaml")
    by_rule = solve_applied(apply_scenario(_town(), scenario))
    explicit = solve_applied(
        apply_scenario(_town(StartTeam(structure="split", staff_id="m1", start_team_id="A1")), scenario)
    )
    for result in (by_rule, explicit):
        assert {a.staff_id: a.team_id for a in result.assignments} == {"m1": "A1", "m2": "A2", "m3": "B", "m4": "C"}
    assert by_rule.kpis is not None and explicit.kpis is not None
    assert (by_rule.kpis.staff_moved, explicit.kpis.staff_moved) == (1, 0)


def test_a_start_in_another_area_is_refused_with_a_message() -> None:
    rows = (StartTeam(structure="split", staff_id="m4", start_team_id="A1"),)  # m4 works in area y
    with pytest.raises(StartOutsideArea):
        apply_structure(_town(*rows), "split")
    with pytest.raises(ScenarioError) as err:
        apply_scenario(_town(*rows), parse_scenario("structure: split\n", "s.yaml"))
    assert [p.code for p in err.value.problems] == ["start_outside_area"]


@pytest.mark.parametrize(
    ("row", "code"),
    [
        (StartTeam(structure="nope", team_id="A", start_team_id="A1"), "unknown_structure"),
        (StartTeam(structure="split", team_id="Z", start_team_id="A1"), "unknown_reference"),
        (StartTeam(structure="split", staff_id="m9", start_team_id="A1"), "unknown_reference"),
        (StartTeam(structure="split", team_id="B", staff_id="m1", start_team_id="A1"), "staff_not_in_team"),
        (StartTeam(structure="split", team_id="A", start_team_id="Q"), "team_not_in_structure"),
        (StartTeam(structure="split", start_team_id="A1"), "start_team_without_source"),
    ],
)
def test_a_bad_row_is_found(row: StartTeam, code: str) -> None:
    with pytest.raises(ValueError, match=code):
        _town(row)


def test_two_rows_for_one_team_are_found() -> None:
    row = StartTeam(structure="split", team_id="A", start_team_id="A1")
    with pytest.raises(ValueError, match="duplicate_start"):
        _town(row, row)
