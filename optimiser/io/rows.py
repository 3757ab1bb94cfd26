"""A worksheet's rows, read from its XML in row order, every cell kept where it belongs.

openpyxl's read-only worksheet yields rows as they stand in the XML and silently skips a row whose number is
not above the previous one: a row written out of order or twice loses a staff member without a word. A cell it
cannot convert (`<v>NaN</v>`, a shared-string index past the end, `ZZZZ4`) raises a bare ValueError or IndexError
for the whole book. Here openpyxl's cell parser is used row by row instead:

* rows are placed by their number, so order in the file does not matter; a row number given twice is refused;
* a cell whose value cannot be used becomes `Unreadable` in its place (NaN and infinities too, which openpyxl
  would return as floats), so the reader reports it with sheet, row and column;
* a cell or row reference that is no reference refuses the sheet, naming the row and the reference.

Only rows are parsed: the other parts of the sheet (formatting, validations, ...) are never built as objects.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element, ParseError, iterparse

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

from optimiser.io import limits
from optimiser.io.cells import Unreadable, preview
from optimiser.problems import Problem

Cells = tuple[object, ...]
ROW_TAG = f"{{{SHEET_MAIN_NS}}}row"
VALUE_TAG = f"{{{SHEET_MAIN_NS}}}v"


class _SheetError(Exception):
    """A sheet that cannot be read on; `problem` says where."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def _value_problem(text: str) -> str:
    """Why a stored value could not be used: not finite (NaN, inf, 1E999) or not a number at all."""
    try:
        return "unreadable_cell" if math.isfinite(float(text)) else "not_finite"
    except ValueError:
        return "unreadable_cell"


class _Parser(WorkSheetParser):  # type: ignore[misc]  # openpyxl has no type hints
    """openpyxl's cell parser, with every cell it cannot convert kept as `Unreadable`."""

    sheet = ""
    row_counter: int
    col_counter: int

    def parse_cell(self, element: Element) -> dict[str, Any]:
        ref = element.get("r")
        if ref:
            try:
                row, column = coordinate_to_tuple(ref)
            except (ValueError, TypeError):
                problem = Problem(self.sheet, self.row_counter, None, "bad_cell_reference", {"cell": preview(ref)})
                raise _SheetError(problem) from None
        else:
            row, column = self.row_counter, self.col_counter + 1
        try:
            cell: dict[str, Any] = super().parse_cell(element)
        except (ValueError, IndexError, KeyError, TypeError, OverflowError):
            self.col_counter = column
            text = element.findtext(VALUE_TAG) or ""
            return {"row": row, "column": column, "value": Unreadable(_value_problem(text), text)}
        value = cell["value"]
        if isinstance(value, float) and not math.isfinite(value):
            cell["value"] = Unreadable("not_finite", element.findtext(VALUE_TAG) or str(value))
        return cell

    def parse_row(self, row: Element) -> tuple[int, list[dict[str, Any]]]:
        try:
            number, cells = super().parse_row(row)
        except _SheetError:
            raise
        except (ValueError, TypeError, OverflowError):
            shown = preview(str(row.get("r")))
            raise _SheetError(Problem(self.sheet, None, None, "bad_row_number", {"value": shown})) from None
        return int(number), cells

    def rows(self) -> Iterator[tuple[int, list[dict[str, Any]]]]:
        """Each `<row>` of the sheet data in file order; everything else is dropped as soon as it is read."""
        depth = 0
        for event, element in iterparse(self.source, events=("start", "end")):
            if event == "start":
                depth += 1
                continue
            depth -= 1
            if depth == 2 and element.tag == ROW_TAG:  # worksheet > sheetData > row
                yield self.parse_row(element)
                element.clear()
            elif depth <= 1:
                element.clear()


def sheet_rows(ws: Any, name: str, left: int) -> tuple[list[Cells], int] | Problem:
    """A read-only worksheet's rows (row 1 first, ragged, missing rows as empty tuples) and the cells they took.

    Refused as soon as a row past the row limit holds data (never read to the end), the cells exceed `left`, or
    a row number appears twice. Blank rows past the limit are passed over, up to Excel's last row. A row is as
    long as its last cell in the file, blank or not, and every such cell counts: a cell far to the right on
    many rows is refused instead of filling memory. `name` is the sheet's name as messages show it.
    """
    book = ws.parent
    rows: dict[int, Cells] = {}
    used = 0
    last = limits.MAX_DATA_ROWS + 1  # the header, then the data rows
    with ws._get_source() as source:  # openpyxl's own handle on the part in the zip
        parser = _Parser(
            source,
            ws._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        parser.sheet = name
        try:
            for number, cells in parser.rows():
                width = max((c["column"] for c in cells), default=0)
                used += width
                if used > left:
                    return limits.cells_beyond_limit(name)
                values: list[object] = [None] * width
                for cell in cells:
                    values[cell["column"] - 1] = cell["value"]
                blank = values.count(None) == width
                if number < 1:
                    return Problem(name, None, None, "bad_row_number", {"value": number})
                if number > limits.EXCEL_MAX_ROWS or (number > last and not blank):
                    return limits.rows_beyond_limit(name)
                if number in rows:
                    return Problem(name, number, None, "duplicate_row", {"row": number})
                if number <= last:
                    rows[number] = () if blank else tuple(values)
        except _SheetError as err:
            return err.problem
        except ParseError as err:
            return Problem(name, None, None, "sheet_not_xml", {"line": err.position[0]})
    return [rows.get(n, ()) for n in range(1, max(rows, default=0) + 1)], used
