"""Fixtures for the workbook tests: a reader of edited copies of the tiny book (`tiny_book` in
tests/conftest.py; its instance and Excel rows are described at `instances.tiny`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest

from optimiser.io import ReadResult, read_book

# (sheet, Excel row, column header) -> new value; a sheet's edits are applied after its structural changes.
Edits = dict[tuple[str, int, str], object]


def column_index(ws: object, header: str) -> int:
    """1-based index of the column headed `header` in row 1."""
    for cell in ws[1]:  # type: ignore[index]
        if cell.value == header:
            return int(cell.column)
    raise KeyError(header)


@pytest.fixture
def read_edited(tiny_book: Path) -> Iterator[Callable[..., ReadResult]]:
    """Read the tiny book after edits:

    edits: {(sheet, row, header): value}; delete_sheets: [sheet]; delete_columns: [(sheet, header)];
    append: {sheet: [row values, ...]} (after the last row; a new sheet if there is none);
    blank_rows: [(sheet, row)] (cleared).
    """

    def read(
        edits: Edits | None = None,
        *,
        delete_sheets: tuple[str, ...] = (),
        delete_columns: tuple[tuple[str, str], ...] = (),
        append: dict[str, list[list[object]]] | None = None,
        blank_rows: tuple[tuple[str, int], ...] = (),
    ) -> ReadResult:
        book = openpyxl.load_workbook(tiny_book)
        for sheet, header in delete_columns:
            book[sheet].delete_cols(column_index(book[sheet], header))
        for sheet, row in blank_rows:
            for cell in book[sheet][row]:
                cell.value = None
        for sheet, rows in (append or {}).items():
            ws = book[sheet] if sheet in book.sheetnames else book.create_sheet(sheet)
            for values in rows:
                ws.append(values)
        for (sheet, row, header), value in (edits or {}).items():
            book[sheet].cell(row, column_index(book[sheet], header)).value = value
        for sheet in delete_sheets:
            del book[sheet]
        edited = tiny_book.with_name("edited.xlsx")
        book.save(edited)
        return read_book(edited)

    yield read


def found(result: ReadResult) -> list[tuple[str | None, int | None, str | None, str]]:
    """The errors as (sheet, row, column, code), in report order."""
    return [(p.sheet, p.row, p.column, p.code) for p in result.errors]


@pytest.fixture
def errors() -> Callable[[ReadResult], list[tuple[str | None, int | None, str | None, str]]]:
    return found
