"""Caps on moves per team and per profession (rule team-moves), on the rule tests' town with two professions.

Teams A and B (area x); school sA (100 children) in A, sB (300) in B. Two professions that serve schools,
`psy` and `tal` (600,000 kr., practice share 0.8), each with three people of 1.0 FTE in A and one in B:
per profession 3.2 practice-near FTE, demand A 0.8, B 2.4. Without caps two of each move from A to B (four
moves, nobody short).

* At most 2 staff may leave A: the two moves are shared, one of each profession — B 1.6 of 2.4 in both
  (1/3 short each), the levels (1/3, 1/3, 0, 0). Two of one profession instead would leave the other's B
  2/3 short: (2/3, 0, 0, 0), worse. Solved profession by profession (as if the cap did not couple them) each
  would move two: four leave A. So the cap binds, couples the professions and changes the plan.
* At most 1 psychologist may change team: psy B 1/3 short, tal moves its two (three moves).
* A cap on B only holds nothing back: nobody leaves B.
"""

from __future__ import annotations

from collections import Counter

import pytest
from rulecase import base, psy, solved, stage, team_of

from optimiser import check
from optimiser.domain import Instance, Parameters
from optimiser.explain import render
from optimiser.model.data import problem_data, split
from optimiser.model.rules.base import Facts
from optimiser.model.rules.team_moves import check as team_check
from optimiser.results import SolveResult

STAFF = [
    *((f"m{n}", "psy", 1.0, "A") for n in (1, 2, 3)),
    ("m4", "psy", 1.0, "B"),
    *((f"t{n}", "tal", 1.0, "A") for n in (1, 2, 3)),
    ("t4", "tal", 1.0, "B"),
]


def two_professions(params: Parameters | None = None) -> Instance:
    return base(params, staff=STAFF, professions=[psy(), psy(id="tal")])


def moved(instance: Instance, result: SolveResult) -> Counter[str]:
    """Who changed team, per profession."""
    plan = team_of(result)
    return Counter(s.profession for s in instance.staff if plan[s.id] != s.current_team_id)


def test_without_caps_two_of_each_profession_move() -> None:
    instance = two_professions()
    result = solved(instance)
    assert stage(result, "equity") == 0.0
    assert moved(instance, result) == {"psy": 2, "tal": 2}


def test_a_cap_per_team_shares_its_moves_between_the_professions() -> None:
    instance = two_professions(Parameters(max_moves_per_team={"A": 2}))
    result = solved(instance)
    assert moved(instance, result) == {"psy": 1, "tal": 1}
    assert stage(result, "equity") == 0.3333
    levels = sorted(lv.relative_shortfall for lv in result.equity_levels)
    assert levels == pytest.approx([0.0, 0.0, 1 / 3, 1 / 3], abs=1e-4)
    # one part: the cap ties A's professions together (per profession it would move four)
    assert len(split(problem_data(instance, instance.parameters))) == 1


def test_one_number_caps_every_team() -> None:
    instance = two_professions(Parameters.model_validate({"max_moves_per_team": 2}))
    assert instance.parameters.max_moves_per_team == {"*": 2}
    assert moved(instance, solved(instance)) == {"psy": 1, "tal": 1}


def test_a_cap_per_profession_holds_that_profession_only() -> None:
    instance = two_professions(Parameters(max_moves_per_profession={"psy": 1}))
    result = solved(instance)
    assert moved(instance, result) == {"psy": 1, "tal": 2}
    assert stage(result, "equity") == 0.3333


def test_a_cap_on_a_team_nobody_leaves_holds_nothing_back() -> None:
    instance = two_professions(Parameters(max_moves_per_team={"B": 0}))
    assert moved(instance, solved(instance)) == {"psy": 2, "tal": 2}


def test_switched_off_the_caps_do_not_bind() -> None:
    params = Parameters(max_moves_per_team={"A": 2}, disabled_rules=frozenset({"team-moves"}))
    instance = two_professions(params)
    assert moved(instance, solved(instance)) == {"psy": 2, "tal": 2}
    assert len(split(problem_data(instance, instance.parameters))) == 2  # one part per profession again


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        (Parameters(max_moves_per_team={"A": 3}), "team-moves: 4 staff leave team A > 3"),
        (Parameters(max_moves_per_profession={"psy": 1}), "team-moves: 2 psy staff change team > 1"),
    ],
)
def test_the_checker_finds_a_plan_over_its_caps(params: Parameters, problem: str) -> None:
    free = two_professions()
    result = solved(free)  # four move: over both caps
    capped = two_professions(params)
    assert [p for p in check.verify(capped, result, params) if p.startswith("team-moves")] == [problem]


def test_the_rule_check_counts_leavers_where_they_were() -> None:
    instance = two_professions(Parameters(max_moves_per_team={"*": 1}))
    facts = Facts(
        instance=instance,
        params=instance.parameters,
        structure={},
        team_of={s.id: ("A" if s.id in ("m4", "t4") else s.current_team_id) for s in instance.staff},
        new_posts=(),
        institutions=(),
        team_area={"A": "x", "B": "x"},
        serves=frozenset(),
        heads={},
        size_fte={},
        supply_fte={},
        demand_fte={},
        moved=2,
    )
    assert team_check(facts) == ["team-moves: 2 staff leave team B > 1"]


def test_a_cap_that_locks_cannot_keep_is_explained() -> None:
    extra = {"m1": {"locked_team_id": "B"}, "m2": {"locked_team_id": "B"}}
    instance = two_professions(Parameters(max_moves_per_team={"A": 1}))
    instance = instance.model_copy(
        update={"staff": tuple(s.model_copy(update=extra.get(s.id, {})) for s in instance.staff)}
    )
    result = solved(instance)
    assert result.status == "infeasible"
    text = "\n".join(render(result.explanation))
    assert "(team-moves)" in text
    assert "2 medarbejdere skal forlade Team A" in text
