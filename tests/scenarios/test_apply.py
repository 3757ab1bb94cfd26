"""Applying a scenario: each section maps to the instance or parameters the solver gets, and every name the
book does not know is refused with the file, line, key and the names it does know."""

from __future__ import annotations

import pytest
from instances import town as base

from optimiser.domain import DemandMode, Instance, Parameters
from optimiser.settings import SolverSettings
from scenarios.apply import Applied, apply_scenario
from scenarios.errors import ScenarioError, format_scenario_problems
from scenarios.schema import parse_scenario


@pytest.fixture
def town() -> Instance:
    return base()


def applied(town: Instance, text: str) -> Applied:
    return apply_scenario(town, parse_scenario(text, "s.yaml"))


def refused(town: Instance, text: str) -> str:
    with pytest.raises(ScenarioError) as caught:
        applied(town, text)
    return format_scenario_problems(caught.value.problems)


def test_an_empty_scenario_is_the_book(town: Instance) -> None:
    a = applied(town, "")
    assert a.instance == town
    assert a.params == town.parameters
    assert a.structure == {"sA": "A", "sB": "B"}
    assert a.effects == ()


def test_policy_need_budget_objective_and_solver_reach_the_parameters(town: Instance) -> None:
    a = applied(
        town,
        """
policy: {area_boundary: false, max_moves: 3, team_size: {min_fte: 1, max_fte: 3}, disabled_rules: [contact-load]}
need: {mode: norm, norms: {psy: 250}, floor: {psy: 0.1}, blend: {"*": 0.5}}
budget: {new_posts_dkk: 1200000, overhead_share: 0.2, min_coverage: 0.9}
objective: {tolerance: 0.05, moves_before_shortfall: true}
solver: {time_limit_s: 5, seed: 3, deterministic: true}
""",
    )
    p = a.params
    assert (p.area_boundary, p.max_moves, p.team_size_min_fte, p.team_size_max_fte) == (False, 3, 1, 3)
    assert p.disabled_rules == frozenset({"contact-load"})
    assert (p.demand_mode, p.budget_dkk, p.overhead_share, p.min_coverage) == (DemandMode.NORM, 1_200_000, 0.2, 0.9)
    assert (p.tolerance, p.moves_before_shortfall) == (0.05, True)
    # The solver section fills the run's solver settings, apart from the policy; the rest stay the book's.
    assert a.settings == SolverSettings(time_limit_s=5, seed=3, deterministic=True, workers=town.solver.workers)
    assert "time_limit_s" not in p.model_dump()
    psy = a.instance.professions[0]
    assert (psy.norm_children_per_fte, psy.need_floor, psy.need_blend) == (250, 0.1, 0.5)


def test_add_move_and_lock_change_the_staff(town: Instance) -> None:
    a = applied(
        town,
        """
changes:
  - add: {profession: psy, fte: 1.5, team: B}
  - move: {staff: [m1], to_team: B}
  - lock: {staff: [m2]}
""",
    )
    staff = {s.id: s for s in a.instance.staff}
    added = [s for s in staff.values() if s.id not in {"m1", "m2", "m3", "m4"}]
    assert sorted(s.fte for s in added) == [0.5, 1.0]  # people of at most 1 FTE each
    assert {s.current_team_id for s in added} == {"B"}
    assert staff["m1"].current_team_id == "B"
    assert staff["m2"].locked_team_id == "A"
    assert [e.action for e in a.effects].count("add") == 2


def test_a_cut_takes_fte_where_coverage_is_highest(town: Instance) -> None:
    a = applied(town, "changes:\n  - cut: {share: 0.25}\n")
    assert sum(s.fte for s in a.instance.staff) == pytest.approx(3.0)
    assert {e.team_id for e in a.effects} == {"A"}  # A is covered 300 %, B 33 %


def part_time(*staff: tuple[str, float]) -> Instance:
    """The town with other staff in A (id, FTE), and m4 (1.0 FTE) in B."""
    return base(staff=[(sid, "psy", fte, "A") for sid, fte in staff] + [("m4", "psy", 1.0, "B")])


def removed(instance: Instance, fte: float, params: str = "") -> dict[str, float]:
    text = f"{params}changes:\n  - remove: {{profession: psy, fte: {fte}, team: A}}\n"
    return {e.staff_id: e.fte for e in applied(instance, text).effects}


def test_a_cut_takes_whole_posts_first() -> None:
    # 0.3 FTE from A: a1's whole 0.3 post goes, not 0.3 of a2's full-time post (the last by id).
    assert removed(part_time(("a1", 0.3), ("a2", 1.0)), 0.3) == {"a1": 0.3}
    # 1.2 FTE: a2's whole post, then 0.2 of a1 (who keeps 0.1, the smallest post).
    assert removed(part_time(("a1", 0.3), ("a2", 1.0)), 1.2) == {"a2": 1.0, "a1": 0.2}


def test_a_cut_leaves_no_piece_below_the_smallest_post() -> None:
    # 0.96 of a full-time post would leave 0.04 FTE: the post goes whole (a little more than asked).
    assert removed(part_time(("a1", 1.0)), 0.96) == {"a1": 1.0}
    assert removed(part_time(("a1", 1.0)), 0.9) == {"a1": 0.9}  # 0.1 left: the smallest post
    # With a smallest post of 0.01 FTE (Parametre mindste_stilling_årsværk) the old remnant is allowed.
    assert removed(base(params=Parameters(min_post_fte=0.01), staff=[("a1", "psy", 1.0, "A")]), 0.96) == {"a1": 0.96}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "changes:\n  - add: {profession: psy, fte: 1, team: Z}\n",
            "s.yaml:2: changes[1].add.team: teamet 'Z' findes ikke; mulige: A, B",
        ),
        (
            "changes:\n  - add: {profession: tale, fte: 1, team: A}\n",
            "s.yaml:2: changes[1].add.profession: faggruppen 'tale' findes ikke; mulige: psy",
        ),
        (
            "changes:\n  - lock: {staff: [m9]}\n",
            "s.yaml:2: changes[1].lock.staff[1]: medarbejderen 'm9' findes ikke; mulige: m1, m2, m3, m4",
        ),
        ("structure: 26_klynger\n", "s.yaml:1: structure: strukturen '26_klynger' findes ikke; mulige: ingen"),
        (
            "policy: {disabled_rules: [no-such-rule]}\n",
            "s.yaml:1: policy.disabled_rules[1]: reglen 'no-such-rule' findes ikke",
        ),
    ],
)
def test_unknown_names_are_refused_with_where_and_what(town: Instance, text: str, expected: str) -> None:
    assert refused(town, text).startswith(expected)


def test_every_problem_is_listed_not_only_the_first(town: Instance) -> None:
    message = refused(town, "changes:\n  - lock: {staff: [m8]}\n  - lock: {staff: [m9]}\n")
    assert message.splitlines() == [
        "s.yaml:2: changes[1].lock.staff[1]: medarbejderen 'm8' findes ikke; mulige: m1, m2, m3, m4",
        "s.yaml:3: changes[2].lock.staff[1]: medarbejderen 'm9' findes ikke; mulige: m1, m2, m3, m4",
    ]
