"""The comparison per district, with the consultation's arguments, today's contacts and scenario moves.

The town (tests/scenarios/test_compare.py): teams A (school sA, 100 children) and B (sB, 300) in area x; four
psychologists of 1.0 FTE, three in A and one in B, practice share 0.8. Districts default to the book's teams.

Today: demand A 0.8, B 2.4 practice-near FTE; supply A 2.4, B 0.8 (coverage 3 and 1/3). Team sizes 3 and 1
people: B's psychologist is alone; each away with q = 0.15: nobody present in A 0.15³ = 0.003375, in B 0.15:
largest 0.15, mean 0.0766875. The plan of `as_is` moves two to B: supply A 0.8, B 2.4 (coverage 1 and 1), teams
of 1 and 3 people, the same chances the other way round.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from instances import town as base
from instances import two_areas
from pytest import approx

from app.cli.main import main
from optimiser.comparison import CURRENT, Comparison
from optimiser.domain import Contact, Instance
from optimiser.export.argument_sheets import add_argument_sheets, district_totals
from optimiser.export.style import new_book
from optimiser.io import write_book
from scenarios.compare import compare
from scenarios.schema import parse_scenario
from scenarios.service import Book, load_book


def _book(tmp_path: Path, instance: Instance, name: str = "book") -> Book:
    path = tmp_path / f"{name}.xlsx"
    write_book(instance, path)
    return load_book(path)


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    book = _book(tmp_path_factory.mktemp("town"), base())
    return compare(book, [parse_scenario("", "as_is.yaml", default_name="as_is")])


def test_districts_today_and_in_the_plan(town: Comparison) -> None:
    rows = {(r.scenario, r.district_id): r for r in town.districts}
    assert set(rows) == {(CURRENT, "A"), (CURRENT, "B"), ("as_is", "A"), ("as_is", "B")}
    today_a, today_b = rows[CURRENT, "A"], rows[CURRENT, "B"]
    assert (today_a.demand_fte, today_a.supply_fte, today_a.coverage) == approx((0.8, 2.4, 3.0))
    assert (today_b.demand_fte, today_b.supply_fte, today_b.coverage) == approx((2.4, 0.8, 1 / 3))
    plan_a, plan_b = rows["as_is", "A"], rows["as_is", "B"]
    assert (plan_a.current_supply_fte, plan_a.supply_fte, plan_a.coverage) == approx((2.4, 0.8, 1.0))
    assert (plan_b.current_supply_fte, plan_b.supply_fte, plan_b.coverage) == approx((0.8, 2.4, 1.0))
    assert (plan_a.district_name, plan_b.district_name) == ("Team A", "Team B")
    assert district_totals(town)["B"] == {CURRENT: approx((2.4, 0.8)), "as_is": approx((2.4, 2.4))}
    assert len(town.frames()["districts"]) == 4  # for the app


def test_the_arguments_of_today_and_the_plan(town: Comparison) -> None:
    today, plan = town.current, town.kpis[0]
    for row in (today, plan):
        assert (row.team_heads_min, row.team_heads_max, row.alone_cells) == (1, 3, 1)
        assert row.absence_risk_max == approx(0.15)
        assert row.absence_risk_mean == approx((0.15**3 + 0.15) / 2)
        assert (row.distance_mean_km, row.clusters_split) == (None, None)  # no coordinates, no clusters
    assert plan.staff_moved == 2


def test_without_the_contacts_sheet_contacts_are_not_reported(town: Comparison) -> None:
    assert (town.current.contacts_changed, town.kpis[0].contacts_changed) == (None, None)


def test_with_the_contacts_sheet_the_ties_broken_are_counted(tmp_path: Path) -> None:
    # Today m1 is sA's contact and m4 sB's. The plan moves two of m1-m3 to B; whoever stays in A keeps or takes
    # sA, and sB keeps m4: m1's tie holds only if m1 stays.
    today = (
        Contact(institution_id="sA", profession="psy", staff_id="m1"),
        Contact(institution_id="sB", profession="psy", staff_id="m4"),
    )
    book = _book(tmp_path, base().model_copy(update={"contacts": today}))
    comparison = compare(book, [parse_scenario("", "as_is.yaml", default_name="as_is")])
    stays = {m.staff_id for m in comparison.moves}
    assert comparison.current.contacts_changed == 0
    assert comparison.kpis[0].contacts_changed == (1 if "m1" in stays else 0)


def test_a_scenario_move_across_areas_is_a_move(tmp_path: Path) -> None:
    # two_areas: m2 (0.5 FTE) works in team A of area x; the scenario sends them to C in area y.
    book = _book(tmp_path, two_areas())
    scenario = parse_scenario("changes:\n  - move: {staff: [m2], to_team: C}\n", "move.yaml", default_name="move")
    comparison = compare(book, [scenario])
    moved = {m.staff_id: m for m in comparison.moves}
    assert "m2" in moved
    assert (moved["m2"].book_team_id, moved["m2"].start_team_id) == ("A", "A")
    assert moved["m2"].team_id in {"C", "D"}
    assert comparison.kpis[0].staff_moved == len(comparison.moves)


def test_the_argument_and_district_sheets(town: Comparison, tmp_path: Path) -> None:
    book = new_book()
    add_argument_sheets(book, town, "da")
    book.save(tmp_path / "cmp.xlsx")
    read = openpyxl.load_workbook(tmp_path / "cmp.xlsx")
    assert read.sheetnames == ["Argumenter", "Bydele"]
    labels = [c.value for c in read["Argumenter"]["A"]]
    assert "Faggrupper i et team med én eller ingen person" in labels
    assert any(str(v).startswith("Dagens kontaktpersoner er ikke oplyst") for v in labels)
    districts = [[c.value for c in row] for row in read["Bydele"].iter_rows(min_row=5)]
    assert districts[0][:2] == ["Team A", "Alle faggrupper"]
    assert districts[0][3:] == approx([3.0, 1.0])


def test_the_command_line_prints_the_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "town.xlsx"
    write_book(base(), book)
    (tmp_path / "as_is.yaml").write_text("title: Som den er\n", encoding="utf-8")
    code = main(["compare", str(book), str(tmp_path / "as_is.yaml"), "--out", str(tmp_path / "c.xlsx"), "--no-store"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Høringens argumenter pr. mulighed:" in out and "Dækning pr. bydel" in out
    assert "Største risiko for, at ingen fra en faggruppe er til stede" in out
    assert "Dagens kontaktpersoner er ikke oplyst" in out
