"""The results workbook: its sheets, charts and key figures agree with the result, and no text can execute."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from instances import EVIL

from optimiser.domain import Instance
from optimiser.export import write_result_book
from optimiser.export.safety import FORMULA_PREFIXES
from optimiser.results import SolveResult

SHEETS = ["Sammendrag", "Dækning", "Teams", "Medarbejdere", "Institutioner", "Omkostninger", "Metode"]


@pytest.fixture(scope="module")
def book(town: Instance, result: SolveResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("book") / "resultat.xlsx"
    write_result_book(town, result, path, inputs_sha256="f" * 64)
    return path


def values(ws: openpyxl.worksheet.worksheet.Worksheet) -> list[object]:
    return [c.value for row in ws.iter_rows() for c in row if c.value is not None]


def beside(ws: openpyxl.worksheet.worksheet.Worksheet, label: str) -> object:
    """The value in the cell right of the first cell holding `label`."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == label:
                return ws.cell(cell.row, cell.column + 1).value
    raise AssertionError(f"{label!r} not on {ws.title}")


def test_the_sheets_in_order(book: Path) -> None:
    assert openpyxl.load_workbook(book).sheetnames == SHEETS


def test_key_figures_equal_the_result(book: Path, result: SolveResult) -> None:
    ws = openpyxl.load_workbook(book)["Sammendrag"]
    k = result.kpis
    assert k is not None
    assert beside(ws, "Største relative underdækning") == pytest.approx(k.max_relative_shortfall)
    assert beside(ws, "Medarbejdere, der skifter team") == k.staff_moved == 2
    assert beside(ws, "Omkostning (kr. pr. år)") == pytest.approx(k.cost_dkk) == 2_400_000
    assert beside(ws, "Status") == "bedste plan (bevist)"


def test_coverage_sheet_has_the_plan_and_today(book: Path, result: SolveResult) -> None:
    ws = openpyxl.load_workbook(book)["Dækning"]
    # Team B: today 0.8 of 2.4 practice-near FTE, after the plan 2.4 of 2.4.
    row = next(r for r in ws.iter_rows(values_only=True) if r and r[0] == "Team B" and r[1] == "Område x")
    assert row[2:5] == (pytest.approx(1.0), pytest.approx(1.0), pytest.approx(1 / 3))
    assert ws.conditional_formatting  # the colour scale
    assert ws.freeze_panes is not None


def test_native_charts(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    charts = {name: len(wb[name]._charts) for name in SHEETS}
    assert charts["Dækning"] >= 1 and charts["Teams"] >= 1 and charts["Omkostninger"] >= 1


def test_print_set_up(book: Path) -> None:
    for ws in openpyxl.load_workbook(book):
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.page_setup.fitToWidth == 1


def test_staff_sheet_shows_who_moves(book: Path, result: SolveResult) -> None:
    rows = list(openpyxl.load_workbook(book)["Medarbejdere"].iter_rows(values_only=True))
    moved = {a.staff_id for a in result.assignments if a.moved}
    shown = [r for r in rows if r and r[0] in moved]
    assert len(shown) == 2


def test_no_cell_can_execute(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_PREFIXES), (ws.title, cell.coordinate, cell.value)
                    assert cell.data_type == "s"
    shown = [v for ws in wb for v in values(ws) if isinstance(v, str)]
    assert '\'=HYPERLINK("http://x")' in shown  # neutralised, still readable
    assert "'=cmd|' /C calc'!A0" in shown


def test_pseudonymised_workbook_has_no_names(town: Instance, result: SolveResult, tmp_path: Path) -> None:
    path = tmp_path / "pseudonym.xlsx"
    write_result_book(town, result, path, pseudonymise=True)
    text = " ".join(str(v) for ws in openpyxl.load_workbook(path) for v in values(ws))
    for name in EVIL.values():
        assert name not in text and name[1:] not in text
    assert "m1" in text
