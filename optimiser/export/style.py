"""The shared look of every export: number formats, colours, table headers, print set-up and charts.

One module so that the results workbook, the comparison workbook and the deck look alike. Excel number formats
are written in Excel's neutral notation (`#,##0.00`, as the file format requires); Excel and LibreOffice show
them with the reader's separators, so a Danish reader sees `1.234,56` and `12,5 %` (a Danish `#.##0,00` in
the file would be read as something else). Units and figures are in `optimiser.figures`. Every cell is
written through `put`, which passes
text through `safe_text` (formula injection, see `optimiser.export.safety`) and forces it to be stored as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from optimiser.export.safety import safe_text
from optimiser.figures import Unit
from optimiser.i18n import currency, text
from optimiser.problems import Lang


def number_format(unit: Unit, lang: Lang = "da") -> str:
    """The Excel number format of a unit (text: the General format)."""
    money = f'#,##0 "{currency(lang)}"'
    return {
        Unit.TEXT: "General",
        Unit.COUNT: "#,##0",
        Unit.FTE: "#,##0.00",
        Unit.SHARE: "0.0%",
        Unit.MONEY: money,
        Unit.NUMBER: "#,##0.00##",
        Unit.CHANGE: "+#,##0.00;-#,##0.00;0.00",
    }[unit]


# Colours (RGB hex): the municipality-neutral palette every export uses.
PRIMARY = "1F4E79"  # headers, titles, the first series
MUTED = "7F7F7F"  # notes, "before" series
SERIES = ("1F4E79", "ED7D31", "70AD47", "FFC000", "5B9BD5", "A5A5A5", "9E480E", "264478", "636363", "997300")
RED, YELLOW, GREEN = "F8696B", "FFEB84", "63BE7B"
# The coverage colour scale: red at or below 75 %, yellow at 90 %, green from 100 % (full need covered).
COVERAGE_SCALE = (0.75, 0.9, 1.0)

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14, color=PRIMARY)
NOTE = Font(italic=True, color=MUTED)
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor=PRIMARY)
HEADER_BORDER = Border(bottom=Side(style="thin", color=PRIMARY))
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
MIN_WIDTH, MAX_WIDTH = 8, 60


def new_book() -> Workbook:
    """An empty workbook (its default sheet removed); add sheets with `add_sheet`."""
    book = Workbook()
    book.remove(book.active)
    return book


@dataclass(frozen=True)
class Col:
    """One column of a table: header, unit (number format) and an optional fixed width."""

    header: str
    unit: Unit = Unit.TEXT
    width: int | None = None


@dataclass(frozen=True)
class Num:
    """A number with its own unit, for tables whose rows differ in unit (the key figures)."""

    value: float | None
    unit: Unit


@dataclass(frozen=True)
class Sheet:
    """A worksheet and the language its numbers are formatted in; every write goes through `put`."""

    ws: Worksheet
    lang: Lang

    def put(self, row: int, column: int, value: object, unit: Unit = Unit.TEXT, font: Font | None = None) -> Cell:
        """Write one cell: text made inert and stored as text, numbers with the unit's format, None as blank."""
        cell: Cell = self.ws.cell(row=row, column=column)
        if isinstance(value, Num):
            unit = value.unit
            value = value.value
        if isinstance(value, bool):
            raise TypeError("write yes/no as text, not as a bool")
        if isinstance(value, str):
            cell.value = safe_text(value)
            cell.data_type = "s"  # never a formula or an error value, whatever the text
        else:
            cell.value = value
            if value is not None and unit is not Unit.TEXT:
                cell.number_format = number_format(unit, self.lang)
        if font is not None:
            cell.font = font
        return cell

    def title(self, row: int, text: str, note: str | None = None) -> int:
        """A title line (and a note under it); returns the next free row after a blank one."""
        self.put(row, 1, text, font=TITLE)
        if note:
            row += 1
            self.put(row, 1, note, font=NOTE)
        return row + 2

    def table(
        self,
        top: int,
        columns: Sequence[Col],
        rows: Iterable[Sequence[object]],
        *,
        left: int = 1,
        freeze: bool = False,
        freeze_columns: int = 1,
        autofilter: bool = False,
    ) -> int:
        """A header row at `top` and the rows under it; returns the last row written.

        `freeze` keeps the header (and the first `freeze_columns` columns) in view and repeats it on every
        printed page; `autofilter` adds filter buttons. Column widths fit the content, within 8 and 60 characters.
        """
        ws = self.ws
        widths = [len(c.header) + 2 for c in columns]
        for n, column in enumerate(columns):
            cell = self.put(top, left + n, column.header, font=HEADER_FONT)
            cell.fill = HEADER_FILL
            cell.alignment = HEADER_ALIGN
            cell.border = HEADER_BORDER
        last = top
        for last, values in enumerate(rows, start=top + 1):
            for n, (column, value) in enumerate(zip(columns, values, strict=True)):
                self.put(last, left + n, value, column.unit)
                widths[n] = max(widths[n], _width(value, column.unit))
        for n, column in enumerate(columns):
            width = column.width or min(MAX_WIDTH, max(MIN_WIDTH, widths[n]))
            letter = get_column_letter(left + n)
            ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0, width)
        if freeze:
            ws.freeze_panes = ws.cell(row=top + 1, column=left + freeze_columns)
            ws.print_title_rows = f"{top}:{top}"
        if autofilter and last > top:
            ws.auto_filter.ref = f"{get_column_letter(left)}{top}:{get_column_letter(left + len(columns) - 1)}{last}"
        return last


def add_sheet(book: Workbook, title: str, lang: Lang = "da") -> Sheet:
    """A sheet with the print set-up: A4 landscape, fit to one page wide, sheet name and page numbers in the
    footer."""
    ws = book.create_sheet(safe_text(title)[:31])
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.right.text = text("Page &P of &N", lang)
    return Sheet(ws, lang)


def _width(value: object, unit: Unit) -> int:
    if isinstance(value, Num):
        unit = value.unit
        value = value.value
    if value is None:
        return 0
    if isinstance(value, str):
        return len(value) + 2
    if isinstance(value, int | float):
        return len(f"{value:,.2f}") + (5 if unit is Unit.MONEY else 2)
    return len(str(value)) + 2


def colour_scale(ws: Worksheet, cells: str, points: tuple[float, float, float] = COVERAGE_SCALE) -> None:
    """Red / yellow / green by value over `cells` (e.g. "C5:I18"); for coverage: red at or below 75 %,
    yellow at 90 %, green from 100 %."""
    low, mid, high = points
    rule = ColorScaleRule(
        start_type="num",
        start_value=low,
        start_color=RED,
        mid_type="num",
        mid_value=mid,
        mid_color=YELLOW,
        end_type="num",
        end_value=high,
        end_color=GREEN,
    )
    ws.conditional_formatting.add(cells, rule)


def bar_chart(
    title_text: str,
    data: Reference,
    categories: Reference,
    *,
    unit: Unit,
    lang: Lang = "da",
    stacked: bool = False,
    horizontal: bool = True,
    count: int = 10,
) -> BarChart:
    """A native Excel bar chart of `data` (series in columns, first row their titles) over `categories`.

    Horizontal bars by default (team names stay readable); `count` categories size the chart.
    """
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title_text
    chart.style = 10
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    if stacked:
        chart.grouping = "stacked"
        chart.overlap = 100
    chart.y_axis.number_format = number_format(unit, lang)
    # openpyxl leaves the axes' "deleted" flag unset, which newer Excel reads as hidden axes.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # first category on top, as in the table
    for n, series in enumerate(chart.series):
        series.graphicalProperties.solidFill = SERIES[n % len(SERIES)]
        series.graphicalProperties.line.solidFill = SERIES[n % len(SERIES)]
    bars = count if stacked else count * len(chart.series)
    chart.width = 18
    chart.height = min(30.0, max(7.5, 3 + 0.45 * bars))
    chart.legend.position = "b"
    return chart
