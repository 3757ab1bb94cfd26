"""Objective terms and stages on the base instance of tests/helpers/rulecase.py (worked out there)."""

from instances import town as base
from rulecase import solved, stage

from optimiser.domain import Parameters, Staff
from optimiser.model.data import problem_data
from optimiser.model.objectives import stage_order


def test_default_stages_are_equity_shortfall_moves() -> None:
    assert [s.name for s in solved(base()).stages] == ["equity", "shortfall", "moves"]


def test_budget_adds_cost_last_and_coverage_level_puts_it_first() -> None:
    assert stage_order(problem_data(base(Parameters(budget_dkk=1e6)))) == ["equity", "shortfall", "moves", "cost"]
    assert stage_order(problem_data(base(Parameters(min_coverage=0.5))))[0] == "cost"


def test_preferences_stage_only_when_someone_has_a_preference() -> None:
    instance = base(staff_extra={"m1": {"preferred_team_id": "B"}})
    result = solved(instance)
    assert [s.name for s in result.stages] == ["equity", "shortfall", "moves", "preferences"]
    # Two of A's three must go to B; m1 wants to, so m1 is one of them and nobody misses a preference.
    assert stage(result, "preferences") == 0
    assert {a.staff_id for a in result.assignments if a.moved} >= {"m1"}


def test_equity_tolerance_alone_is_undone_by_least_shortfall() -> None:
    # Total shortfall, the second stage, still needs both moves.
    result = solved(base(Parameters(tolerance=0.34)))
    assert result.kpis is not None and result.kpis.staff_moved == 2


def test_equity_tolerance_with_moves_first_buys_fewer_moves() -> None:
    # Exact equity needs two moves. Allowing 34 percentage points: one move (A 2, B 2) leaves B 1/3 short.
    result = solved(base(Parameters(tolerance=0.34, moves_before_shortfall=True)))
    assert [s.name for s in result.stages] == ["equity", "moves", "shortfall"]
    # The stage proved 0 and the plan, within the tolerance, stands at B's 1/3.
    equity = next(s for s in result.stages if s.name == "equity")
    assert (equity.bound, stage(result, "equity")) == (0.0, 0.3333)
    assert result.kpis is not None
    assert result.kpis.staff_moved == 1
    assert abs(result.kpis.max_relative_shortfall - 1 / 3) < 1e-9


def test_weighted_mode_is_one_stage() -> None:
    # 10 per percentage point of equity outweighs one move: both moves are made.
    result = solved(base(Parameters(objective="weighted")))
    assert [s.name for s in result.stages] == ["weighted"]
    assert result.kpis is not None and result.kpis.staff_moved == 2
    assert result.kpis.max_relative_shortfall == 0


def test_weighted_mode_with_heavy_moves_stays_put() -> None:
    # A move weighted 10,000 costs more than the 66.7 points of equity (x 10) and 1.6 FTE (x 10) it buys.
    result = solved(base(Parameters(objective="weighted", weights={"moves": 10_000})))
    assert result.kpis is not None and result.kpis.staff_moved == 0


def test_unknown_weight_name_is_refused() -> None:
    try:
        Parameters(weights={"speed": 1.0})
    except ValueError as err:
        assert "unknown objective term(s) speed" in str(err)
    else:
        raise AssertionError("an unknown objective term must be refused")


def test_shared_staff_type_is_unchanged() -> None:
    # The base instance keeps its four full-time psychologists (guards the fixture the tests rely on).
    assert [(s.id, s.fte) for s in base().staff] == [("m1", 1.0), ("m2", 1.0), ("m3", 1.0), ("m4", 1.0)]
    assert all(isinstance(s, Staff) for s in base().staff)
