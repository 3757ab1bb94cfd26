"""solve(): parts against one model, determinism, time limits, warm start, progress, never raising."""

from functools import cache
from pathlib import Path

import pytest
from instances import two_areas
from rulecase import solved

from optimiser.check import verify
from optimiser.domain import Instance, Parameters
from optimiser.explain import render
from optimiser.problems import Lang
from optimiser.results import SolveResult
from optimiser.sample import generate
from optimiser.settings import SolverSettings
from optimiser.solve import Progress, Window, solve


@cache
def sample() -> Instance:
    return generate(1, 2025)


def optima(result: SolveResult) -> list[tuple[str, float | None]]:
    return [(s.name, s.objective) for s in result.stages]


def test_parts_give_the_same_optima_as_one_model() -> None:
    apart = solved(two_areas())
    # A cap on moves that never binds couples the parts: one model.
    whole = solved(two_areas(Parameters(max_moves=100)))
    assert optima(apart) == optima(whole)
    assert apart.status == whole.status == "optimal"


def test_sample_is_solved_to_optimality_and_checks() -> None:
    result = solve(sample())
    assert result.status == "optimal" and all(s.status == "optimal" for s in result.stages)
    assert verify(sample(), result) == []
    assert result.gap == 0.0


def test_deterministic_runs_repeat_exactly() -> None:
    settings = SolverSettings(deterministic=True, seed=7)
    first, second = solve(sample(), settings=settings), solve(sample(), settings=settings)
    assert first.assignments == second.assignments
    assert first.institutions == second.institutions


def test_deterministic_runs_repeat_exactly_when_the_limit_is_hit() -> None:
    # A limit the boundary-off equity rounds cannot meet: deterministic time, not the wall clock, cuts them.
    params = sample().parameters.model_copy(update={"area_boundary": False})
    settings = SolverSettings(deterministic=True, time_limit_s=2.0)
    first, second = solve(sample(), params, settings=settings), solve(sample(), params, settings=settings)
    assert first.status == "timeout"
    assert first.assignments == second.assignments
    assert first.equity_levels == second.equity_levels


def test_window_shares_what_is_left_over_the_rounds_of_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [0.0]
    monkeypatch.setattr("optimiser.solve.time.perf_counter", lambda: clock[0])
    window = Window(deadline=12.0, seconds=12.0, parts=7, workers=2, deterministic=False)
    window.claim()
    window.claim()
    assert window.share() == 3.0  # 7 parts on 2 workers: 4 rounds of 12 s
    window.release()
    clock[0] = 1.0  # one finished early: 11 s left for the one running and 5 waiting, 3 rounds
    assert window.share() == pytest.approx(11 / 3)
    clock[0] = 13.0  # past the deadline: nothing left (a part without a plan still gets a moment, see Budget)
    assert window.share() == 0.0
    fixed = Window(deadline=12.0, seconds=12.0, parts=7, workers=2, deterministic=True)
    assert fixed.share() == 12.0 * 2 / 7  # deterministic time, whatever the clock says


def test_stage_values_are_the_plans_own_after_a_timeout() -> None:
    params = sample().parameters.model_copy(update={"area_boundary": False})
    result = solve(sample(), params, settings=SolverSettings(time_limit_s=2.0))
    assert result.kpis is not None
    values = {s.name: s.objective for s in result.stages}
    # The model's own values: demand rounded to 1e-5 FTE inside the solver, so a hair from the evaluator's.
    assert values["equity"] == pytest.approx(result.kpis.max_relative_shortfall, abs=1e-5)
    assert values["shortfall"] == pytest.approx(result.kpis.total_shortfall_fte, abs=1e-3)
    assert values["moves"] == result.kpis.staff_moved


def test_time_limit_returns_best_plan_with_status_and_gap() -> None:
    # Without the area boundary the equity stage is a hard partitioning problem: 1 s is not enough to prove it.
    params = sample().parameters.model_copy(update={"area_boundary": False})
    result = solve(sample(), params, settings=SolverSettings(time_limit_s=1.0))
    assert result.status == "timeout"
    if result.kpis is not None:  # a plan was found (it starts from the current allocation)
        assert result.gap is not None and result.gap > 0
        assert verify(sample(), result, params) == []


def test_warm_start_after_a_lock() -> None:
    first = solve(sample())
    someone = next(a for a in first.assignments if not a.locked)
    staff = next(s for s in sample().staff if s.id == someone.staff_id)
    other = next(t.id for t in sample().teams if t.area_id == staff.area_id and t.id != someone.team_id)
    edited = sample().model_copy(
        update={
            "staff": tuple(s.model_copy(update={"locked_team_id": other}) if s is staff else s for s in sample().staff)
        }
    )
    again = solve(edited, warm_start=first)
    assert again.status == "optimal"
    assert next(a.team_id for a in again.assignments if a.staff_id == staff.id) == other
    assert verify(edited, again) == []


def test_progress_reports_each_stage() -> None:
    events: list[Progress] = []
    solve(two_areas(), progress=events.append)
    assert {e.stage for e in events} == {"equity", "shortfall", "moves"}
    assert all(e.parts == 2 and 0 <= e.part < 2 for e in events)


def test_infeasible_returns_a_result_not_an_exception() -> None:
    result = solve(two_areas(Parameters(team_size_min_fte=3)))
    assert result.status == "infeasible"
    assert result.kpis is None and result.assignments == ()
    assert "(team-size-bounds)" in "\n".join(render(result.explanation))


def test_a_result_solved_in_danish_reads_in_english() -> None:
    result = solve(two_areas(Parameters(team_size_min_fte=3)), lang="da")
    english = render(result.explanation, "en")
    assert english[0] == "The scenario cannot be solved: these rules cannot all hold at once:"
    assert english[1] == "• every team's total FTE lies within the set bounds (team-size-bounds)"
    assert render(result.explanation, "da")[1] == (
        "• hvert teams samlede årsværk ligger inden for de fastsatte grænser (team-size-bounds)"
    )


@pytest.mark.parametrize("lang", ["da", "en"])
def test_result_round_trips_through_json(tmp_path: Path, lang: Lang) -> None:
    result = solve(two_areas(), lang=lang)
    path = tmp_path / "r.json"
    result.save(path)
    assert SolveResult.load(path) == result
