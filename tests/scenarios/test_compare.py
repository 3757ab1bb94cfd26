"""The comparison table on a two-team town worked out by hand.

The town (tests/helpers/rulecase.py): teams A and B; school sA (100 children) in A, sB (300) in B; four
psychologists of 1.0 FTE at 600.000 kr., three now in A and one in B; practice share 0.8.

Now: practice-near supply A 2.4, B 0.8 of a fair-share demand A 0.8, B 2.4 (3.2 FTE shared 1:3 by
children). Coverage A 3, B 1/3; relative shortfall A 0, B 2/3 -> largest 2/3, mean 1/3;
CV = pstdev(3, 1/3) / mean(3, 1/3) = (4/3) / (5/3) = 0.8. Teams 3.0 and 1.0 FTE. Cost 2.400.000 kr.

* `as_is` (the book as it is): two of A's psychologists move to B -> A 0.8, B 2.4: every shortfall 0,
  CV 0, 2 moved, teams 1.0 and 3.0 FTE, same cost. A loses 1.6 practice-near FTE, B gains 1.6.
* `one_move` (at most one move): A 1.6, B 1.6 -> coverage 2 and 2/3; largest 1/3, mean 1/6,
  CV = pstdev(2, 2/3) / (4/3) = 0.5; teams 2.0 and 2.0 FTE; 1 moved.
* `add_one` (one new psychologist in B; overhead 25 %): measured against the book's fixed demand (A 0.8,
  B 2.4; before the fixed reference, demand grew with the added person to A 1.0, B 3.0 and the scenario
  read as 20 % short). One of A's three moves: A 1.6, B 2.4, every shortfall 0; coverage 2 and 1, CV =
  pstdev(2, 1) / 1.5 = 1/3; teams 2.0 and 3.0 FTE. Cost 5 x 600.000 = 3.000.000 kr. (the overhead is a
  mark-up on posts the solver buys, not on people a scenario adds), +600.000 kr. against today; per child
  7.500 kr.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from instances import town as base

from app.cli.main import main
from optimiser.check import verify
from optimiser.comparison import CURRENT, Comparison
from optimiser.io import write_book
from scenarios.compare import compare
from scenarios.schema import parse_scenario
from scenarios.service import Book, Outcome, load_book
from scenarios.store import RunStore

SCENARIOS = {
    "as_is": "",
    "one_move": "policy: {max_moves: 1}\n",
    "add_one": "budget: {overhead_share: 0.25}\nchanges:\n  - add: {profession: psy, fte: 1.0, team: B}\n",
}


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Book:
    path = tmp_path_factory.mktemp("town") / "town.xlsx"
    write_book(base(), path)
    return load_book(path)


@pytest.fixture(scope="module")
def solved(town: Book) -> tuple[Comparison, list[Outcome]]:
    scenarios = [parse_scenario(text, f"{name}.yaml", default_name=name) for name, text in SCENARIOS.items()]
    outcomes: list[Outcome] = []
    return compare(town, scenarios, on_outcome=outcomes.append), outcomes


@pytest.fixture(scope="module")
def comparison(solved: tuple[Comparison, list[Outcome]]) -> Comparison:
    return solved[0]


def row(comparison: Comparison, name: str) -> dict[str, object]:
    kpis = {r.scenario: r for r in [comparison.current, *comparison.kpis]}
    return vars(kpis[name])


def test_every_scenario_passes_the_checker(solved: tuple[Comparison, list[Outcome]]) -> None:
    assert [o.name for o in solved[1]] == list(SCENARIOS)
    for outcome in solved[1]:
        applied = outcome.applied
        assert outcome.result.status == "optimal"
        assert verify(applied.instance, outcome.result, applied.params, applied.structure) == []


@pytest.mark.parametrize(
    ("name", "largest", "mean", "cv", "moved", "smallest", "largest_team", "cost", "delta"),
    [
        (CURRENT, 2 / 3, 1 / 3, 0.8, 0, 1.0, 3.0, 2_400_000, 0),
        ("as_is", 0.0, 0.0, 0.0, 2, 1.0, 3.0, 2_400_000, 0),
        ("one_move", 1 / 3, 1 / 6, 0.5, 1, 2.0, 2.0, 2_400_000, 0),
        ("add_one", 0.0, 0.0, 1 / 3, 1, 2.0, 3.0, 3_000_000, 600_000),
    ],
)
def test_the_kpi_table(
    comparison: Comparison,
    name: str,
    largest: float,
    mean: float,
    cv: float,
    moved: int,
    smallest: float,
    largest_team: float,
    cost: float,
    delta: float,
) -> None:
    r = row(comparison, name)
    assert r["max_shortfall"] == pytest.approx(largest, abs=1e-9)
    assert r["mean_shortfall"] == pytest.approx(mean, abs=1e-9)
    assert r["cv_coverage"] == pytest.approx(cv, abs=1e-9)
    assert r["staff_moved"] == moved
    assert r["team_min_fte"] == pytest.approx(smallest)
    assert r["team_max_fte"] == pytest.approx(largest_team)
    assert r["cost_dkk"] == pytest.approx(cost)
    assert r["cost_delta_dkk"] == pytest.approx(delta)


def test_cost_per_child(comparison: Comparison) -> None:
    assert row(comparison, CURRENT)["cost_per_child_dkk"] == pytest.approx(6_000)
    assert row(comparison, "add_one")["cost_per_child_dkk"] == pytest.approx(7_500)


def test_winners_and_losers_per_team_and_institution(comparison: Comparison) -> None:
    teams = {(t.scenario, t.team_id): t for t in comparison.teams}
    assert teams["as_is", "A"].current_fte == pytest.approx(2.4)
    assert teams["as_is", "A"].change_fte == pytest.approx(-1.6)
    assert teams["as_is", "B"].change_fte == pytest.approx(1.6)
    assert teams["one_move", "B"].new_coverage == pytest.approx(2 / 3)
    assert teams["add_one", "B"].demand_fte == pytest.approx(2.4)  # the book's demand: the reference
    assert (row(comparison, "as_is")["teams_gaining"], row(comparison, "as_is")["teams_losing"]) == (1, 1)
    schools = {(i.scenario, i.institution_id): i for i in comparison.institutions}
    assert schools["one_move", "sA"].change_fte == pytest.approx(-0.8)
    assert schools["one_move", "sB"].change_fte == pytest.approx(0.8)
    assert (
        row(comparison, "one_move")["institutions_gaining"],
        row(comparison, "one_move")["institutions_losing"],
    ) == (
        1,
        1,
    )


def test_who_moves_where(comparison: Comparison) -> None:
    moves = [(m.scenario, m.start_team_id, m.team_id) for m in comparison.moves]
    assert sorted(moves) == [("add_one", "A", "B")] + [("as_is", "A", "B")] * 2 + [("one_move", "A", "B")]
    assert {m.staff_id for m in comparison.moves if m.scenario == "as_is"} <= {"m1", "m2", "m3"}


def test_the_scenarios_and_their_effects_are_plain_data(comparison: Comparison) -> None:
    """What the workbook prints of each scenario: the add_one change added one psychologist (NY001) in B."""
    assert [(s.scenario, s.status, s.text) for s in comparison.scenarios] == [
        (name, "optimal", text) for name, text in SCENARIOS.items()
    ]
    assert [(e.scenario, e.action, e.staff_id, e.team_id, e.fte) for e in comparison.effects] == [
        ("add_one", "add", "NY001", "B", 1.0)
    ]
    assert comparison.every_scenario_planned


def test_frames_for_the_app(comparison: Comparison) -> None:
    frames = comparison.frames()
    assert list(frames["kpis"]["scenario"]) == [CURRENT, "as_is", "one_move", "add_one"]
    assert len(frames["moves"]) == 4


def test_the_comparison_command_writes_a_workbook(
    town: Book, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:

    book = tmp_path / "town.xlsx"
    book.write_bytes(town.data)
    files = []
    for name, text in SCENARIOS.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
        files.append(str(tmp_path / f"{name}.yaml"))
    out = tmp_path / "cmp.xlsx"
    assert main(["compare", str(book), *files, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "one_move" in printed and "33,3 %" in printed
    assert len(openpyxl.load_workbook(out).sheetnames) >= 3


def test_the_executor_solves_the_scenarios_to_the_same_comparison(
    town: Book, solved: tuple[Comparison, list[Outcome]], tmp_path: Path
) -> None:
    """Two scenarios at once on the local process pool: the same plans, figures and stored runs as one by one."""
    scenarios = [parse_scenario(text, f"{name}.yaml", default_name=name) for name, text in SCENARIOS.items()]
    store = RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}")
    try:
        outcomes: list[Outcome] = []
        pooled = compare(town, scenarios, jobs=2, store=store, on_outcome=outcomes.append)
        stored = store.list_runs()
    finally:
        store.close()
    comparison, one_by_one = solved
    assert pooled.kpis == [
        replace(r, seconds=p.seconds, run_id=p.run_id) for r, p in zip(comparison.kpis, pooled.kpis, strict=True)
    ]
    for one, other in zip(one_by_one, outcomes, strict=True):
        assert one.result.assignments == other.result.assignments
    assert sorted(r.scenario_name or "" for r in stored) == sorted(SCENARIOS)
    assert {p.run_id for p in pooled.kpis} == {r.id for r in stored}
