"""Statutory work (optimiser/statutory.py), worked out by hand on the town.

The town (tests/helpers/instances.py): teams A and B; schools sA (100 children) in A and sB (300) in B; four
psychologists of 1.0 FTE, three in A and one in B; practice share 0.8. Here sA has 40 statutory cases a year
and sB 10, a case takes a psychologist 16 hours, and an FTE-year has 1,600 hours:

* A: 40 x 16 / 1,600 = 0.4 FTE of casework; three people keep 3 x 0.2 = 0.6 FTE outside practice: covered;
* B: 10 x 16 / 1,600 = 0.1 FTE; one person keeps 0.2: covered.

Today everything is covered (100 %). In a plan with two of A's people in B, A keeps only 0.2 of 0.4: A is
short, and the share covered is (0.2 + 0.1) / (0.4 + 0.1) = 60 %. With the 80/20 rule off nothing is kept
outside practice: 0 %.
"""

from __future__ import annotations

import pytest
from instances import town

from optimiser.check import verify
from optimiser.domain import Instance, Parameters
from optimiser.evaluate import compute_kpis
from optimiser.names import Names
from optimiser.results import StatutoryCell
from optimiser.settings import SolverSettings
from optimiser.solve import solve
from optimiser.statutory import covered_line, covered_share, short, statutory_cells

TODAY = {"m1": "A", "m2": "A", "m3": "A", "m4": "B"}
MOVED = {"m1": "A", "m2": "B", "m3": "B", "m4": "B"}
PARAMS = Parameters(hours_per_fte=1600)


def with_cases(params: Parameters = PARAMS) -> Instance:
    instance = town(params=params)
    institutions = tuple(
        i.model_copy(update={"statutory_cases": {"sA": 40.0, "sB": 10.0}[i.id]}) for i in instance.institutions
    )
    professions = tuple(p.model_copy(update={"hours_per_case": 16.0}) for p in instance.professions)
    return instance.model_copy(update={"institutions": institutions, "professions": professions})


def cell(team: str, required: float, available: float) -> StatutoryCell:
    return StatutoryCell(team_id=team, profession="psy", required_fte=required, available_fte=available)


def approx(cells: list[StatutoryCell]) -> list[tuple[str, float, float]]:
    return [(c.team_id, round(c.required_fte, 9), round(c.available_fte, 9)) for c in cells]


def test_todays_casework_is_covered() -> None:
    cells = statutory_cells(with_cases(), PARAMS, TODAY)
    assert approx(cells) == [("A", 0.4, 0.6), ("B", 0.1, 0.2)]
    assert covered_share(cells) == pytest.approx(1.0)
    assert short(cells) == ()


def test_a_plan_that_leaves_a_team_short_names_it() -> None:
    cells = statutory_cells(with_cases(), PARAMS, MOVED)
    assert approx(cells) == [("A", 0.4, 0.2), ("B", 0.1, 0.6)]
    assert covered_share(cells) == pytest.approx(0.6)
    assert [c.team_id for c in short(cells)] == ["A"]
    kpis = compute_kpis(with_cases(), PARAMS, MOVED, (), ())
    assert kpis.statutory_covered == pytest.approx(0.6)
    assert [c.team_id for c in kpis.statutory_short] == ["A"]
    line = covered_line(kpis, "da", Names.of(with_cases()))
    assert line == (
        "Lovpligtigt arbejde dækket af tiden uden for praksis (20 %): 60,0 %\n"
        "Ikke nok i: Team A (Psy: kræver 0,40 årsværk, har 0,20)"
    )


def test_with_the_80_20_rule_off_nothing_is_kept_for_statutory_work() -> None:
    off = Parameters(hours_per_fte=1600, disabled_rules=frozenset({"practice-share"}))
    cells = statutory_cells(with_cases(off), off, TODAY)
    assert covered_share(cells) == 0.0 and len(short(cells)) == 2


def test_without_a_caseload_there_is_no_figure() -> None:
    assert statutory_cells(town(), PARAMS, TODAY) == []
    assert covered_share([]) is None
    assert compute_kpis(town(), PARAMS, TODAY, (), ()).statutory_covered is None
    assert covered_share([cell("A", 0.0, 1.0)]) is None


def test_the_checker_recomputes_the_figure() -> None:
    instance = with_cases()
    result = solve(instance, PARAMS, settings=SolverSettings(workers=1, time_limit_s=30))
    assert result.kpis is not None and result.kpis.statutory_covered == pytest.approx(0.6)  # the optimum moves two
    assert verify(instance, result, PARAMS) == []
    wrong = result.kpis.model_copy(update={"statutory_covered": 1.0, "statutory_short": ()})
    problems = verify(instance, result.model_copy(update={"kpis": wrong}), PARAMS)
    assert any("statutory_covered" in p for p in problems) and any("statutory_short" in p for p in problems)
