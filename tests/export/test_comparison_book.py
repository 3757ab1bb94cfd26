"""The comparison workbook: key figures side by side, charts, the trade-off curve, inert text, names only
when allowed."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from instances import EVIL
from openpyxl import Workbook

from optimiser.domain import Instance
from optimiser.export.comparison_book import write_comparison
from optimiser.export.style import GREEN, RED, YELLOW
from optimiser.names import Names
from optimiser.problems import Lang
from scenarios.compare import Comparison, compare
from scenarios.schema import parse_scenario
from scenarios.service import Book

SHEETS = [
    "Oversigt",
    "Diagrammer",
    "Argumenter",  # the consultation's arguments and coverage per district (optimiser.export.argument_sheets)
    "Bydele",
    "Teams",
    "Institutioner",
    "Flytninger",
    "Ændringer",
    "Afvejning",
    "Afvejningsdiagram",
    "Scenarier",
    "Metode",
]


@pytest.fixture(scope="module")
def comparison(town: Instance) -> Comparison:
    scenarios = [
        parse_scenario("", "as_is.yaml", "as_is"),
        parse_scenario("policy: {max_moves: 1}\n", "one.yaml", "one"),
    ]
    return compare(Book("town.xlsx", b"", town), scenarios, frontier_of="as_is", tolerances=(0.0, 0.5, 1.0))


@pytest.fixture(scope="module")
def book(comparison: Comparison, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cmp") / "cmp.xlsx"
    write_comparison(comparison, path)
    return path


def test_sheets_and_charts(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == SHEETS
    assert len(wb["Diagrammer"]._charts) == 2  # largest shortfall and cost per scenario
    assert len(wb["Afvejningsdiagram"]._charts) == 1
    assert not wb["Oversigt"]._charts and not wb["Afvejning"]._charts  # never beside a table


def test_key_figures_side_by_side(book: Path) -> None:
    rows = {r[0]: r[1:4] for r in openpyxl.load_workbook(book)["Oversigt"].iter_rows(values_only=True) if r and r[0]}
    assert rows["Nøgletal"] == ("I dag", "as_is", "one")
    shortfall = rows["Største relative underdækning"]
    assert shortfall == (pytest.approx(2 / 3), pytest.approx(0.0), pytest.approx(1 / 3))
    assert rows["Medarbejdere, der skifter team"] == (0, 2, 1)
    assert rows["Omkostning (kr. pr. år)"] == (2_400_000, 2_400_000, 2_400_000)


def test_the_frontier_sheet(book: Path, comparison: Comparison) -> None:
    assert comparison.frontier is not None
    ws = openpyxl.load_workbook(book)["Afvejning"]
    pareto = [x for p in comparison.frontier.pareto for x in (p.staff_moved, p.max_shortfall)]
    rows = list(ws.iter_rows(values_only=True))
    start = next(n for n, r in enumerate(rows) if r[0] == "Fronten")
    shown = [x for r in rows[start + 2 : start + 2 + len(pareto) // 2] for x in r[:2]]
    assert shown == pytest.approx(pareto)


def test_names_shown_only_when_allowed(comparison: Comparison, book: Path, tmp_path: Path) -> None:
    moves = list(openpyxl.load_workbook(book)["Flytninger"].iter_rows(values_only=True))
    assert moves[0][2] == "Navn"
    assert {r[2] for r in moves[1:]} <= {f"'{n}" if n[0] in "=+-@" else n for n in EVIL.values()}
    hidden = tmp_path / "pseudonym.xlsx"
    write_comparison(comparison, hidden, pseudonymise=True)
    cells = [str(c) for ws in openpyxl.load_workbook(hidden) for r in ws.iter_rows(values_only=True) for c in r if c]
    assert not any(name[1:] in c for name in EVIL.values() for c in cells)


def test_no_cell_can_execute(book: Path) -> None:
    for ws in openpyxl.load_workbook(book):
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.value[0] not in "=+-@", (ws.title, cell.coordinate, cell.value)


def test_the_shortfall_scale_is_red_for_worse(book: Path) -> None:
    ws = openpyxl.load_workbook(book)["Oversigt"]
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    colours = [c.rgb[-6:] for c in rules[0].colorScale.color]
    assert colours == [GREEN, YELLOW, RED]  # the smallest shortfall green, the largest (today's 2/3) red
    assert [v.type for v in rules[0].colorScale.cfvo] == ["min", "percentile", "max"]


def test_the_structure_in_words(book: Path) -> None:
    rows = {r[0]: r[1:4] for r in openpyxl.load_workbook(book)["Oversigt"].iter_rows(values_only=True) if r and r[0]}
    assert rows["Struktur"] == ("Som i dag", "Som i dag", "Som i dag")


def test_scenarios_as_danish_label_value_rows(book: Path) -> None:
    rows = {r[0]: r[1:3] for r in openpyxl.load_workbook(book)["Scenarier"].iter_rows(values_only=True) if r[0]}
    assert rows["Indstilling"] == ("as_is", "one")  # the scenarios' titles (these files give none)
    assert rows["Højst antal medarbejdere, der skifter team"] == ("–", 1)
    assert rows["Medarbejdere bliver i eget område"] == ("ja", "ja")
    cells = " ".join(str(c) for r in rows.values() for c in r)
    assert "{" not in cells and "max_moves" not in cells and "policy" not in cells  # no JSON, no YAML


def test_more_sheets_through_extra_writers(comparison: Comparison, tmp_path: Path) -> None:
    def another(book: Workbook, comparison: Comparison, names: Names, lang: Lang) -> None:
        book.create_sheet("Ekstra")

    path = tmp_path / "extra.xlsx"
    write_comparison(comparison, path, extra=[another])
    names = openpyxl.load_workbook(path).sheetnames
    assert names == [*SHEETS[:-2], "Ekstra", *SHEETS[-2:]]  # before Scenarier and Metode
