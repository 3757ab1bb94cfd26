from instances import town as base
from rulecase import solved, stage

from optimiser.domain import Parameters


def test_one_move_allowed() -> None:
    # One move: A 2 (1.6 / 0.8), B 2 (1.6 / 2.4) -> 1/3 short instead of 0 with two moves.
    result = solved(base(Parameters(max_moves=1)))
    assert stage(result, "equity") == 0.3333
    assert result.kpis is not None and result.kpis.staff_moved == 1


def test_no_cap_needs_two_moves() -> None:
    result = solved(base())
    assert stage(result, "equity") == 0.0
    assert stage(result, "moves") == 2
