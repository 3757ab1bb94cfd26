"""The independent checker finds every broken rule and every KPI that does not recompute."""

from collections.abc import Callable

import pytest
from instances import psy
from instances import town as base
from rulecase import solved

from optimiser.check import verify
from optimiser.domain import Instance, Parameters
from optimiser.results import Assignment, InstitutionAllocation, NewPost, SolveResult


def with_assignments(result: SolveResult, change: Callable[[list[Assignment]], list[Assignment]]) -> SolveResult:
    return result.model_copy(update={"assignments": tuple(change(list(result.assignments)))})


def move(staff_id: str, team: str) -> Callable[[list[Assignment]], list[Assignment]]:
    def change(rows: list[Assignment]) -> list[Assignment]:
        return [a.model_copy(update={"team_id": team}) if a.staff_id == staff_id else a for a in rows]

    return change


def test_a_good_result_passes() -> None:
    assert verify(base(), solved(base())) == []


def test_someone_left_out() -> None:
    result = with_assignments(solved(base()), lambda rows: rows[1:])
    assert verify(base(), result) == ["staff-covered-once: m1 not placed"]


def test_someone_placed_twice() -> None:
    result = with_assignments(solved(base()), lambda rows: [*rows, rows[0]])
    assert verify(base(), result) == ["staff-covered-once: m1 placed 2 times"]


def test_wrong_fte() -> None:
    result = with_assignments(solved(base()), lambda rows: [rows[0].model_copy(update={"fte": 0.5}), *rows[1:]])
    assert verify(base(), result) == ["staff-covered-once: m1 placed with 0.5 FTE"]


def test_area_boundary_broken() -> None:
    instance = base(teams={"A": "x", "B": "y"})
    result = solved(base(Parameters(area_boundary=False), teams={"A": "x", "B": "y"}))
    assert "area-boundary" in " ".join(verify(instance, result))


def test_lock_broken() -> None:
    instance = base(staff_extra={"m1": {"locked_team_id": "A"}})
    result = with_assignments(solved(instance), move("m1", "B"))
    assert any(p.startswith("locked-assignments: m1 locked to A, in B") for p in verify(instance, result))


def test_team_minimum_broken() -> None:
    instance = base(professions=[psy(min_per_team=2)])
    result = solved(base())  # three in B, one in A
    assert "team-minimum-per-profession: A has 1 psy" in verify(instance, result)


def test_max_moves_broken() -> None:
    instance = base(Parameters(max_moves=1))
    assert "max-moves: 2 > 1" in verify(instance, solved(base()))


def test_kpi_that_does_not_recompute() -> None:
    result = solved(base())
    assert result.kpis is not None
    bad = result.model_copy(update={"kpis": result.kpis.model_copy(update={"staff_moved": 7})})
    assert verify(base(), bad) == ["kpi staff_moved: reported 7, recomputed 2"]


def test_contact_from_another_team() -> None:
    result = solved(base())
    wrong = [a.model_copy(update={"contact_staff_id": "m4"}) if a.team_id == "A" else a for a in result.institutions]
    problems = verify(base(), result.model_copy(update={"institutions": tuple(wrong)}))
    assert "contact-load: m4 cannot be contact for sA" in problems


def test_institution_given_more_than_the_team_has() -> None:
    result = solved(base())
    more = [a.model_copy(update={"fte": a.fte + 1}) if a.team_id == "A" else a for a in result.institutions]
    problems = verify(base(), result.model_copy(update={"institutions": tuple(more)}))
    assert any(p.startswith("practice-share: ('A', 'psy') gives 1.8000 FTE of 0.8000") for p in problems)


def test_missing_contact_and_thin_slice() -> None:
    instance = base(Parameters(contact_min_fte=0.1))
    result = solved(instance)
    rows = [
        InstitutionAllocation(institution_id="sA", team_id="A", profession="psy", fte=0.05, contact_staff_id=None),
        *[a for a in result.institutions if a.institution_id != "sA"],
    ]
    problems = verify(instance, result.model_copy(update={"institutions": tuple(rows)}))
    assert "contact-load: sA/psy has no contact" in problems
    assert "contact-load: sA/psy gets 0.0500 FTE" in problems


@pytest.mark.parametrize(
    ("budget", "expected"),
    [(None, "budget: new posts without a budget or a coverage level"), (100_000.0, "budget: new posts cost 600000")],
)
def test_new_posts_beyond_the_budget(budget: float | None, expected: str) -> None:
    instance: Instance = base(Parameters(budget_dkk=budget))
    result = solved(instance)
    post = NewPost(team_id="B", profession="psy", fte=1.0, cost_dkk=600_000)
    problems = verify(instance, result.model_copy(update={"new_posts": (post,), "kpis": None}))
    assert any(p.startswith(expected) for p in problems)


def test_nothing_to_check_without_a_plan() -> None:
    result = solved(base(professions=[psy(min_per_team=3)]))
    assert result.status == "infeasible" and verify(base(), result) == []


def test_a_solver_supply_doctored_by_a_hundredth_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    import optimiser.solve as engine

    honest = engine.cell_supply
    monkeypatch.setattr(engine, "cell_supply", lambda part, t, p: honest(part, t, p) + 1_000)  # 0.01 FTE
    result = engine.solve(base())
    problems = verify(base(), result)
    assert "model A/psy: solver supply 0.810000, plan 0.800000" in problems
    assert "model B/psy: solver supply 2.410000, plan 2.400000" in problems


def test_a_stage_value_that_is_not_the_plans_fails() -> None:
    result = solved(base())
    stages = tuple(s.model_copy(update={"objective": 3.0}) if s.name == "moves" else s for s in result.stages)
    assert verify(base(), result.model_copy(update={"stages": stages})) == ["stage moves: reported 3.0, recomputed 2.0"]


def test_an_institution_given_more_than_its_share_fails() -> None:
    # sA gets all of A's 0.8 FTE, sB all of B's 2.4; give sB 0.1 more and the team gives more than it has.
    result = solved(base())
    rows = tuple(
        a.model_copy(update={"fte": a.fte + 0.1}) if a.institution_id == "sB" else a for a in result.institutions
    )
    problems = verify(base(), result.model_copy(update={"institutions": rows}))
    assert "institutions of B/psy: given 2.500000 FTE of a supply of 2.400000" in problems


def test_a_new_post_larger_than_the_model_bought_fails() -> None:
    instance = base(Parameters(budget_dkk=1_000_000))
    result = solved(instance)
    # One post of 1.0 FTE in B (600,000 DKK) covers B without moving anyone.
    assert result.new_posts == (NewPost(team_id="B", profession="psy", fte=1.0, cost_dkk=600_000),)
    post = NewPost(team_id="B", profession="psy", fte=1.5, cost_dkk=900_000)
    problems = verify(instance, result.model_copy(update={"new_posts": (post,)}))
    assert "model B/psy: solver new posts 1.0, plan 1.5" in problems
    assert "model new posts cost: solver 600000.0, plan 900000.0" in problems
