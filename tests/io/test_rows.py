"""A worksheet's rows from its XML: placed by their number, every cell in its column, what cannot be used
kept as `Unreadable` in its cell, and a sheet that breaks the rules refused with the place named."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from badbooks import edit_part

from optimiser.io import limits
from optimiser.io.cells import Unreadable
from optimiser.io.rows import Cells, sheet_rows
from optimiser.problems import Problem


def cell(ref: str, value: str, kind: str = "n") -> str:
    return f'<c r="{ref}" t="{kind}"><v>{value}</v></c>'


def read(rows_xml: str, tmp_path: Path, left: int = limits.MAX_CELLS) -> tuple[list[Cells], int] | Problem:
    """`sheet_rows` of a one-sheet book ("Ark") whose sheet data is `rows_xml`."""
    book = openpyxl.Workbook()
    book.active.title = "Ark"
    book.active["A1"] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    data = edit_part(
        buffer.getvalue(),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(r"<sheetData>.*</sheetData>", f"<sheetData>{rows_xml}</sheetData>", xml, flags=re.S),
    )
    path = tmp_path / "rows.xlsx"
    path.write_bytes(data)
    loaded = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return sheet_rows(loaded["Ark"], "Ark", left)
    finally:
        loaded.close()


def test_rows_are_placed_by_number_and_missing_rows_are_empty(tmp_path: Path) -> None:
    xml = (
        f'<row r="3">{cell("B3", "7")}</row>'
        f'<row r="1">{cell("A1", "id", "str")}{cell("C1", "1.5")}</row>'  # written out of order
    )
    assert read(xml, tmp_path) == ([("id", None, 1.5), (), (None, 7)], 5)


def test_a_row_of_blank_cells_is_empty_but_its_cells_count(tmp_path: Path) -> None:
    xml = f'<row r="1">{cell("A1", "a", "str")}</row><row r="2"><c r="D2"/></row>'
    assert read(xml, tmp_path) == ([("a",), ()], 5)


def test_a_value_that_cannot_be_used_stays_in_its_cell(tmp_path: Path) -> None:
    xml = f'<row r="1">{cell("A1", "NaN")}{cell("B1", "1E999")}{cell("C1", "abc")}{cell("D1", "9", "s")}</row>'
    result = read(xml, tmp_path)
    assert not isinstance(result, Problem)
    (row,), _ = result
    assert [(type(v).__name__, getattr(v, "code", None), str(v)) for v in row] == [
        ("Unreadable", "not_finite", "NaN"),
        ("Unreadable", "not_finite", "1E999"),
        ("Unreadable", "unreadable_cell", "abc"),
        ("Unreadable", "unreadable_cell", "9"),  # shared string 9 of none
    ]
    assert all(isinstance(v, Unreadable) for v in row)


@pytest.mark.parametrize(
    ("xml", "problem"),
    [
        (
            f'<row r="2">{cell("A2", "1")}</row><row r="2">{cell("A2", "2")}</row>',
            Problem("Ark", 2, None, "duplicate_row", {"row": 2}),
        ),
        (f'<row r="1">{cell("ZZZZ1", "1")}</row>', Problem("Ark", 1, None, "bad_cell_reference", {"cell": "ZZZZ1"})),
        (f'<row r="x">{cell("A1", "1")}</row>', Problem("Ark", None, None, "bad_row_number", {"value": "x"})),
        (f'<row r="0">{cell("A1", "1")}</row>', Problem("Ark", None, None, "bad_row_number", {"value": 0})),
        (
            f'<row r="{limits.MAX_DATA_ROWS + 2}">{cell("A1", "1")}</row>',
            limits.rows_beyond_limit("Ark"),
        ),
    ],
)
def test_a_sheet_that_breaks_the_rules_is_refused_where_it_does(tmp_path: Path, xml: str, problem: Problem) -> None:
    assert read(xml, tmp_path) == problem


def test_blank_rows_past_the_limit_are_passed_over(tmp_path: Path) -> None:
    past = limits.MAX_DATA_ROWS + 2
    xml = f'<row r="1">{cell("A1", "1")}</row><row r="{past}"><c r="A{past}"/></row>'
    assert read(xml, tmp_path) == ([(1,)], 2)


def test_the_cells_of_the_whole_book_are_bounded(tmp_path: Path) -> None:
    xml = f'<row r="1">{cell("A1", "1")}{cell("E1", "2")}</row>'
    assert read(xml, tmp_path, left=5) == ([(1, None, None, None, 2)], 5)
    assert read(xml, tmp_path, left=4) == limits.cells_beyond_limit("Ark")
