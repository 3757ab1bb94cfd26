"""Leximin equity, moves that buy something, and the checker's optimality checks, worked out by hand.

Norm mode, 100 children per practice-near FTE, psychologists of 1.0 FTE giving 0.8 each.

`stuck()`: area x has teams A, B, C with schools of 100, 200, 300 children (need 1.0, 2.0, 3.0 FTE) and five
psychologists, all in C today; area y has team D (100 children) and nobody. D is stuck at 100 % shortfall.
With a, b, c people in A, B, C (a + b + c = 5), relative shortfalls are 1 - 0.8a/1, 1 - 0.8b/2, 1 - 0.8c/3:

    (1, 2, 2): A 0.2, B 0.2, C 0.4667 -> sorted 0.4667, 0.2, 0.2   (3 moves, total shortfall 2.0)
    (0, 2, 3): A 1.0, B 0.2, C 0.2    -> sorted 1.0, 0.2, 0.2      (2 moves, total shortfall 2.0)
    (1, 1, 3): A 0.2, B 0.6, C 0.2    -> sorted 0.6, 0.2, 0.2      (2 moves, total shortfall 2.0)

The old engine held only the largest shortfall (D's 1.0), then total shortfall (a tie at 2.0), then moves: it
left A with nobody. Leximin levels area x as far as its own staff allow: (1, 2, 2), whole vector
1.0, 0.4667, 0.2, 0.2.
"""

from __future__ import annotations

from instances import make_instance, psy
from instances import town as base
from rulecase import solved, team_of

from optimiser.check import verify
from optimiser.domain import Instance, Parameters
from optimiser.explain import render
from optimiser.results import SolveResult

NORM = psy(norm_children_per_fte=100)


def stuck(params: Parameters | None = None) -> Instance:
    return make_instance(
        {"A": "x", "B": "x", "C": "x", "D": "y"},
        [("sA", "A", 100), ("sB", "B", 200), ("sC", "C", 300), ("sD", "D", 100)],
        [(f"m{n}", "psy", 1.0, "C") for n in range(1, 6)],
        professions=[NORM],
        params=params or Parameters(demand_mode="norm"),
    )


def counts(result: SolveResult) -> dict[str, int]:
    teams = team_of(result)
    return {t: sum(1 for v in teams.values() if v == t) for t in "ABCD"}


def test_the_worst_cell_is_stuck_and_the_others_still_level() -> None:
    result = solved(stuck())
    assert counts(result) == {"A": 1, "B": 2, "C": 2, "D": 0}
    levels = [(lv.rank, lv.team_id, lv.level) for lv in result.equity_levels]
    assert levels == [(1, "D", 1.0), (2, "C", 0.4667), (3, "A", 0.2), (4, "B", 0.2)]
    assert all(lv.proven for lv in result.equity_levels)
    assert result.kpis is not None
    assert (result.kpis.staff_moved, round(result.kpis.total_shortfall_fte, 4)) == (3, 3.0)


def test_explanation_names_each_levels_bottleneck() -> None:
    text = " ".join(render(solved(stuck()).explanation))
    assert "Lighed, niveau 1: 100,0 % mangel: Psy i Team D" in text
    assert "Lighed, niveau 2: 46,67 % mangel: Psy i Team C" in text


def three_teams(people: int) -> Instance:
    """Area x of `stuck()` alone, with `people` psychologists in C."""
    return make_instance(
        {"A": "x", "B": "x", "C": "x"},
        [("sA", "A", 100), ("sB", "B", 200), ("sC", "C", 300)],
        [(f"m{n}", "psy", 1.0, "C") for n in range(1, people + 1)],
        professions=[NORM],
        params=Parameters(demand_mode="norm"),
    )


def test_six_people_level_every_team_at_twenty_percent() -> None:
    # (1, 2, 3): 0.2 everywhere; every other split has a cell above 0.2 (e.g. (2, 2, 2): C 0.4667).
    result = solved(three_teams(6))
    assert counts(result) == {"A": 1, "B": 2, "C": 3, "D": 0}
    assert [lv.level for lv in result.equity_levels] == [0.2, 0.2, 0.2]


def test_a_tolerance_on_every_level_saves_moves() -> None:
    # 27 points on every level: (1, 1, 3) keeps 0.6, 0.2, 0.2 under 0.7367, 0.47, 0.47 with 2 moves;
    # (0, 2, 3) would put A at 1.0 > 0.7367. Total shortfall ties at 2.0, so fewest moves decide.
    result = solved(stuck(Parameters(demand_mode="norm", tolerance=0.27)))
    assert counts(result) == {"A": 1, "B": 1, "C": 3, "D": 0}
    assert result.kpis is not None and result.kpis.staff_moved == 2


# -- moves that buy something ----------------------------------------------------------------------------
# The rule-test base (tests/helpers/rulecase.py) in fair-share mode: need A 0.8, B 2.4; three people in A, one
# in B. With 34 points of tolerance one move (A 2, B 2: B 1/3 short) is enough for equity; the second move
# buys the last 0.8 FTE of shortfall.


def test_a_second_move_is_made_when_it_buys_at_least_min_gain() -> None:
    result = solved(base(Parameters(tolerance=0.34, min_gain=0.5)))
    assert result.kpis is not None and result.kpis.staff_moved == 2


def test_a_move_that_buys_less_than_min_gain_is_not_made() -> None:
    result = solved(base(Parameters(tolerance=0.34, min_gain=1.0)))
    assert result.kpis is not None
    assert (result.kpis.staff_moved, round(result.kpis.total_shortfall_fte, 4)) == (1, 0.8)


# -- the checker's optimality checks on doctored plans -----------------------------------------------------


def doctored(result: SolveResult, moves: dict[str, str]) -> SolveResult:
    rows = tuple(
        a.model_copy(update={"team_id": moves[a.staff_id], "moved": moves[a.staff_id] != a.current_team_id})
        if a.staff_id in moves
        else a
        for a in result.assignments
    )
    return result.model_copy(update={"assignments": rows})


def test_checker_finds_a_transfer_that_levels_better() -> None:
    instance = stuck()
    result = solved(instance)
    person_in_a = next(sid for sid, t in team_of(result).items() if t == "A")
    bad = doctored(result, {person_in_a: "C"})  # (0, 2, 3): A at 100 %
    assert f"equity: moving {person_in_a} from C to A levels psy better" in verify(instance, bad)


def test_checker_finds_a_move_that_buys_nothing() -> None:
    # Need A 1.0, B 1.0; two in A (1.6, over-covered), one in B (0.8): a move from A to B leaves the sorted
    # shortfalls (0.2, 0) and the total (0.2) as they were: it buys nothing.
    instance = make_instance(
        {"A": "x", "B": "x"},
        [("sA", "A", 100), ("sB", "B", 100)],
        [("m1", "psy", 1.0, "A"), ("m2", "psy", 1.0, "A"), ("m3", "psy", 1.0, "B")],
        professions=[NORM],
        params=Parameters(demand_mode="norm"),
    )
    result = solved(instance)
    assert result.kpis is not None and result.kpis.staff_moved == 0
    bad = doctored(result, {"m1": "B"})
    problems = verify(instance, bad)
    assert "min-gain: m1 could stay in A; total shortfall would rise by 0.00000 FTE only" in problems
    assert not any(p.startswith("equity:") for p in problems)


def test_a_cap_on_moves_that_does_not_bind_changes_nothing() -> None:
    # The cap couples the areas into one model; the shortfall tolerance still acts per area and profession.
    free = solved(stuck(Parameters(demand_mode="norm", shortfall_tolerance=0.5)))
    capped = solved(stuck(Parameters(demand_mode="norm", shortfall_tolerance=0.5, max_moves=100)))
    assert counts(free) == counts(capped)
    assert [lv.level for lv in free.equity_levels] == [lv.level for lv in capped.equity_levels]
