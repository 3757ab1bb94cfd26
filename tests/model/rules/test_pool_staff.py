"""The pool-staff rule on the town (`rulecase`): m1 belongs to a competence centre at sA serving the area."""

from __future__ import annotations

from instances import make_instance
from rulecase import SCHOOLS, STAFF, TEAMS, solved, team_of

from optimiser import check
from optimiser.domain import Instance, Parameters, Pool, PoolKind
from optimiser.model.data import problem_data
from optimiser.model.rules import pool_staff

CENTRE = Pool(id="P", kind=PoolKind.CENTRE, home="sA", professions=frozenset({"psy"}))


def town(params: Parameters | None = None, start: str = "A", **extra: object) -> Instance:
    """The town with m1 in the centre, starting in team `start`."""
    staff = [("m1", "psy", 1.0, start), *STAFF[1:]]
    fields = {"m1": {"competence_centre": "sA", **extra}}
    return make_instance(TEAMS, SCHOOLS, staff, params=params, staff_extra=fields, pools=[CENTRE])


def test_a_pooled_group_keeps_only_its_team() -> None:
    data = problem_data(town())
    pooled = next(g for g in data.groups if g.pool_id)
    assert pooled.members == ("m1",) and data.candidate_teams(pooled) == ("A",)
    assert pool_staff.prune(data, pooled, ("A", "B")) == ("A",)
    others = next(g for g in data.groups if not g.pool_id)
    assert others.members == ("m2", "m3", "m4") and data.candidate_teams(others) == ("A", "B")
    off = problem_data(town(Parameters(disabled_rules=frozenset({"pool-staff"}))))
    assert off.candidate_teams(next(g for g in off.groups if g.pool_id)) == ("A", "B")


def test_pool_staff_stay_and_a_scenario_move_is_kept() -> None:
    # m1 stays in A; a scenario that moves m1 makes B its start, and there it stays.
    assert team_of(solved(town()))["m1"] == "A"
    assert team_of(solved(town(start="B")))["m1"] == "B"


def test_a_lock_decides_over_the_pool() -> None:
    result = solved(town(locked_team_id="B"))
    assert team_of(result)["m1"] == "B"


def test_the_checker_finds_a_moved_pool_member() -> None:
    instance = town()
    result = solved(instance)
    moved = tuple(
        a.model_copy(update={"team_id": "B", "moved": True}) if a.staff_id == "m1" else a for a in result.assignments
    )
    problems = check.verify(instance, result.model_copy(update={"assignments": moved}))
    assert "pool-staff: m1 of pool P in B, not A" in problems
