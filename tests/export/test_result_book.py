"""The results workbook: its sheets, charts and key figures agree with the result, and no text can execute."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from instances import EVIL
from openpyxl import Workbook

from optimiser.domain import Instance
from optimiser.export import write_result_book
from optimiser.export.safety import FORMULA_PREFIXES
from optimiser.export.style import NEW_POSTS_COLOUR
from optimiser.results import SolveResult

SHEETS = [
    "Sammendrag",
    "Dækning",
    "Dækningsdiagram",
    "Behov og udbud",
    "Teams",
    "Teamdiagram",
    "Medarbejdere",
    "Institutioner",
    "Kontaktpersoner",
    "Omkostninger",
    "Omkostningsdiagram",
    "Metode",
    "Teknisk bilag",
]
CHARTS = {"Dækningsdiagram", "Teamdiagram", "Omkostningsdiagram"}


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


def row_of(ws: openpyxl.worksheet.worksheet.Worksheet, label: str) -> tuple[object, ...]:
    """The values right of the first cell holding `label`, on its row."""
    for row in ws.iter_rows(values_only=True):
        if label in row:
            return tuple(row[row.index(label) + 1 :])
    raise AssertionError(f"{label!r} not on {ws.title}")


def test_key_figures_today_after_the_plan_and_the_difference(book: Path, result: SolveResult) -> None:
    ws = openpyxl.load_workbook(book)["Sammendrag"]
    k = result.kpis
    assert k is not None
    assert row_of(ws, "Nøgletal")[:3] == ("I dag", "Efter planen", "Forskel")
    # Team B has 0.8 of 2.4 practice-near FTE today (2/3 short), none after the plan.
    assert row_of(ws, "Største relative underdækning")[:3] == (
        pytest.approx(2 / 3),
        pytest.approx(0.0),
        pytest.approx(-2 / 3),
    )
    assert k.max_relative_shortfall == pytest.approx(0.0)
    assert row_of(ws, "Medarbejdere, der skifter team")[:3] == (0, k.staff_moved, 2)
    assert k.staff_moved == 2
    assert row_of(ws, "Omkostning (kr. pr. år)")[:3] == (2_400_000, pytest.approx(k.cost_dkk), 0)
    assert beside(ws, "Status") == "bedste plan (bevist)"


def test_numbers_carry_the_danish_format(book: Path) -> None:
    ws = openpyxl.load_workbook(book)["Sammendrag"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "Omkostning (kr. pr. år)")
    assert ws.cell(cell.row, cell.column + 1).number_format == '[$-406]#,##0 "kr."'
    share = next(c for row in ws.iter_rows() for c in row if c.value == "Største relative underdækning")
    assert ws.cell(share.row, share.column + 1).number_format == '[$-406]0.0" "%'


def test_coverage_sheet_has_the_plan_and_today(book: Path, result: SolveResult) -> None:
    ws = openpyxl.load_workbook(book)["Dækning"]
    # Team B: today 0.8 of 2.4 practice-near FTE, after the plan 2.4 of 2.4.
    row = next(r for r in ws.iter_rows(values_only=True) if r and r[0] == "Team B" and r[1] == "Område x")
    assert row[2:5] == (pytest.approx(1.0), pytest.approx(1.0), pytest.approx(1 / 3))
    assert ws.conditional_formatting  # the colour scale
    assert ws.freeze_panes is not None
    assert ws.print_title_rows == "$4:$4"  # the heat map's own header, the only table on the sheet


def test_charts_on_sheets_of_their_own_with_titled_axes(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    charts = {name: len(wb[name]._charts) for name in SHEETS}
    assert charts == {name: 1 if name in CHARTS else 0 for name in SHEETS}  # never beside a table


def test_chart_axes_labels_and_colours(town: Instance, result: SolveResult, monkeypatch: pytest.MonkeyPatch) -> None:
    """The charts as written (openpyxl does not read a chart's axes back from a file)."""
    written: list[Workbook] = []
    monkeypatch.setattr(Workbook, "save", lambda self, path: written.append(self))
    write_result_book(town, result, "never-saved.xlsx")
    wb = written[0]
    for name in CHARTS:
        chart = wb[name]._charts[0]
        assert chart.x_axis.title is not None and chart.y_axis.title is not None, name
        assert chart.x_axis.tickLblSkip == 1, name  # every team's name
    fills = [s.graphicalProperties.solidFill.srgbClr for s in wb["Omkostningsdiagram"]._charts[0].series]
    assert fills[-1] == NEW_POSTS_COLOUR  # "Nye stillinger", in a colour no profession has
    assert NEW_POSTS_COLOUR not in fills[:-1]


def test_print_set_up(book: Path) -> None:
    for ws in openpyxl.load_workbook(book):
        assert ws.page_setup.orientation == "landscape"
        assert not ws.sheet_properties.pageSetUpPr.fitToPage  # no fit-to-width that shrinks the text
        assert 65 <= int(ws.page_setup.scale) <= 100


def test_metode_in_plain_words_and_the_keys_in_the_appendix(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    method = " ".join(str(v) for v in values(wb["Metode"]))
    appendix = " ".join(str(v) for v in values(wb["Teknisk bilag"]))
    for key in ("slå_fra_regler", "frø", "tråde", "overhead", "_"):
        assert key not in method
    for key in ("slå_fra_regler", "frø", "tråde"):
        assert key not in appendix
    assert "Regler slået fra" in appendix and "Startværdi for tilfældighed" in appendix
    assert "Processorkerner" in appendix


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
