"""The shared look of every export: number formats, colours, table headers, print set-up and charts.

One module so that the results workbook, the comparison workbook and the deck look alike. Excel number formats
are written in Excel's neutral notation (`#,##0.00`, as the file format requires). A workbook's cells carry
the reader's locale tag too (`cell_format`: `[$-406]` for Danish), so LibreOffice prints `1.234,56` and
`12,5 %` whatever the machine's locale (Excel takes its separators from the system, as a Danish reader's
already are). Units and figures are in `optimiser.figures`. Every cell is written through `put`, which passes
text through `safe_text` (formula injection, see `optimiser.export.safety`) and forces it to be stored as text.

Print set-up: A4 landscape at a scale chosen from the sheet's column widths (`fit_columns`): 100 % when the
tables fit one page wide, down to `MIN_SCALE` when that makes them fit, otherwise `MIN_SCALE` over several
pages across with the first columns repeated. Never "fit to one page wide", which shrank 19 columns and a chart
to 3 pt text. Charts go on a sheet of their own (`chart_sheet`), never beside a table, so a table's repeated
print header is never printed above a chart.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart._chart import ChartBase
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from optimiser.export.safety import safe_text
from optimiser.figures import Unit
from optimiser.i18n import N_, currency, text
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
        Unit.NUMBER: "#,##0.00",  # two decimals, as `figures.as_text` writes them ("3,704" reads as thousands)
        Unit.CHANGE: "+#,##0.00;-#,##0.00;0.00",
    }[unit]


# Excel's language ids: the tag a cell's format carries so LibreOffice shows the reader's separators.
LANGUAGE_IDS: dict[Lang, str] = {"da": "406", "en": "809"}


def cell_format(unit: Unit, lang: Lang = "da") -> str:
    """A workbook cell's number format: the unit's format tagged with the reader's language; Danish shares
    with the space before the per cent sign ("12,5 %")."""
    code = number_format(unit, lang)
    if unit is Unit.TEXT:
        return code
    if unit is Unit.SHARE and lang == "da":
        code = '0.0" "%'
    return f"[$-{LANGUAGE_IDS[lang]}]{code}"


MIO_DKK = N_("mio. DKK a year")  # the title of an axis in millions (`axis_format`)


def axis_format(unit: Unit, lang: Lang = "da") -> str:
    """A chart axis's number format: money in millions (Excel's ",," divides by a million; title the axis
    `MIO_DKK`), everything else as its cells."""
    if unit is Unit.MONEY:
        return f"[$-{LANGUAGE_IDS[lang]}]#,##0,,"
    return cell_format(unit, lang)


# Colours (RGB hex): the municipality-neutral palette every export uses.
PRIMARY = "1F4E79"  # headers, titles, the first series
MUTED = "7F7F7F"  # notes, "before" series
SERIES = ("1F4E79", "ED7D31", "70AD47", "FFC000", "5B9BD5", "A5A5A5", "9E480E", "264478", "636363", "997300")
NEW_POSTS_COLOUR = "7030A0"  # new posts: a colour no profession has (SERIES holds none like it)
RED, YELLOW, GREEN = "F8696B", "FFEB84", "63BE7B"
# The coverage colour scale: red at or below 75 %, yellow at 90 %, green from 100 % (full need covered).
COVERAGE_SCALE = (0.75, 0.9, 1.0)

# Every font named: a font without a name prints in LibreOffice's default (a serif), wider than Calibri.
FONT = "Calibri"
BOLD = Font(name=FONT, bold=True)
TITLE = Font(name=FONT, bold=True, size=14, color=PRIMARY)
NOTE = Font(name=FONT, italic=True, color=MUTED)
HEADER_FONT = Font(name=FONT, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor=PRIMARY)
HEADER_BORDER = Border(bottom=Side(style="thin", color=PRIMARY))
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
INDENT = Alignment(horizontal="left", indent=1)
MIN_WIDTH, MAX_WIDTH = 8, 60
# Print: A4 landscape, half-inch side margins (less a little, for rounding); a column of width w (characters)
# prints 5.55 w pt wide in Calibri 11 (LibreOffice with Carlito, measured).
PAGE_WIDTH_PT = 842 - 2 * 36 - 30
PAGE_HEIGHT_CM = 13.5  # a chart's height that fits one landscape page under its title
PAGE_WIDTH_CM = 24.0  # charts side by side within the columns one page holds
MIN_SCALE = 65  # the smallest print scale: 11 pt text prints at 7.2 pt, still readable
LINE_PT = 15.0  # one line of 11 pt text


def column_points(width: float) -> float:
    """The printed width of a column `width` characters wide, in points."""
    return 5.6 * width


def _words(value: str) -> list[str]:
    """The pieces a wrapped cell breaks between: words, and the parts of a hyphenated word."""
    return re.findall(r"[^\s-]+-?", value)


def lines(value: str, width: float) -> int:
    """How many lines `value` wraps to in a column `width` characters wide (words kept whole)."""
    count = 0
    for paragraph in value.split("\n"):
        line, count = 0, count + 1
        for word in _words(paragraph):
            if line and line + 1 + len(word) > width:
                count, line = count + 1, len(word)
            else:
                line += len(word) + (1 if line else 0)
    return max(1, count)


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
                cell.number_format = cell_format(unit, self.lang)
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
        widths = [_header_width(c.header) for c in columns]
        for n, column in enumerate(columns):
            cell = self.put(top, left + n, column.header, font=HEADER_FONT)
            cell.fill = HEADER_FILL
            cell.alignment = HEADER_ALIGN
            cell.border = HEADER_BORDER
        last = top
        # Text right after a right-aligned number would touch it ("32,11bedste plan"): indent it.
        indent = [n > 0 and c.unit is Unit.TEXT and columns[n - 1].unit is not Unit.TEXT for n, c in enumerate(columns)]
        for last, values in enumerate(rows, start=top + 1):
            for n, (column, value) in enumerate(zip(columns, values, strict=True)):
                cell = self.put(last, left + n, value, column.unit)
                if indent[n]:
                    cell.alignment = INDENT
                widths[n] = max(widths[n], _width(value, column.unit))
        header_lines = 1
        for n, column in enumerate(columns):
            width = column.width or min(MAX_WIDTH, max(MIN_WIDTH, widths[n]))
            letter = get_column_letter(left + n)
            ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0, width)
            # bold is wider than the column's characters: a little room to spare
            header_lines = max(header_lines, lines(column.header, (ws.column_dimensions[letter].width or width) - 3))
        # LibreOffice does not grow a wrapped header's row: give it the lines its words need.
        ws.row_dimensions[top].height = LINE_PT * header_lines
        if freeze:
            ws.freeze_panes = ws.cell(row=top + 1, column=left + freeze_columns)
            ws.print_title_rows = f"{top}:{top}"
            ws.print_title_cols = f"A:{get_column_letter(left + freeze_columns - 1)}"
        if autofilter and last > top:
            ws.auto_filter.ref = f"{get_column_letter(left)}{top}:{get_column_letter(left + len(columns) - 1)}{last}"
        fit_columns(ws)
        return last

    def wrapped(self, row: int, value: str, width: int, *, span: int | None = None, font: Font | None = None) -> int:
        """`value` in column A of `row` (at least `width` characters wide; `span`: the width of the cells it is
        merged over), wrapped, the row as high as its lines (LibreOffice prints a wrapped cell's lines over the
        next row's otherwise); returns the next row."""
        letter = "A"
        self.ws.column_dimensions[letter].width = max(self.ws.column_dimensions[letter].width or 0, width)
        cell = self.put(row, 1, value, font=font)
        cell.alignment = WRAP
        self.ws.row_dimensions[row].height = LINE_PT * lines(value, (span or width) - 2) + 3
        fit_columns(self.ws)
        return row + 1


def add_sheet(book: Workbook, title: str, lang: Lang = "da") -> Sheet:
    """A sheet with the print set-up: A4 landscape at 100 % (tables set their scale, `fit_columns`), sheet
    name and page numbers in the footer."""
    ws = book.create_sheet(safe_text(title)[:31])
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.scale = 100
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.right.text = text("Page &P of &N", lang)
    return Sheet(ws, lang)


def fit_columns(ws: Worksheet) -> None:
    """The print scale that puts the sheet's columns on one page wide, but never below `MIN_SCALE`: a wider
    table runs over pages across at that scale (a frozen table repeats its first columns on each)."""
    total = sum(
        column_points(ws.column_dimensions[get_column_letter(n)].width or 8.43) for n in range(1, ws.max_column + 1)
    )
    scale = math.floor(100 * PAGE_WIDTH_PT / total) if total > 0 else 100
    ws.page_setup.scale = min(100, max(MIN_SCALE, scale))


def chart_sheet(book: Workbook, title: str, heading: str, charts: Sequence[ChartBase], lang: Lang = "da") -> Sheet:
    """A sheet holding its charts side by side under a heading, printed on one landscape page: a chart never
    shares a page (and a table's repeated print header) with a table."""
    sh = add_sheet(book, title, lang)
    sh.put(1, 1, heading, font=NOTE)
    width = PAGE_WIDTH_CM / max(1, len(charts))
    for n, chart in enumerate(charts):
        chart.width = width - 0.5
        chart.height = min(chart.height, PAGE_HEIGHT_CM)
        # Columns are 8.43 characters (1.65 cm) wide: the next chart starts past the previous one.
        sh.ws.add_chart(chart, f"{get_column_letter(1 + round(n * width / 1.65))}3")
    return sh


def _header_width(header: str) -> int:
    """The width a header asks of its column: its longest word, or a third of it (headers wrap, at most about
    three lines), so a long header does not make a column of short numbers wide."""
    longest = max((len(w) for w in _words(header)), default=0)
    return max(longest, math.ceil(len(header) / 3)) + 3  # bold: wider than the body text


def _width(value: object, unit: Unit) -> int:
    if isinstance(value, Num):
        unit = value.unit
        value = value.value
    if value is None:
        return 0
    if isinstance(value, str):
        return len(value) + 2
    if isinstance(value, int | float):
        whole = unit in (Unit.MONEY, Unit.COUNT)  # printed without decimals
        return len(f"{value:,.0f}" if whole else f"{value:,.2f}") + (5 if unit is Unit.MONEY else 2)
    return len(str(value)) + 2


def colour_scale(
    ws: Worksheet,
    cells: str,
    points: tuple[float, float, float] | None = COVERAGE_SCALE,
    *,
    higher_is_worse: bool = False,
) -> None:
    """Red / yellow / green by value over `cells` (e.g. "C5:I18"), red meaning worse. For coverage (the
    default): red at or below 75 %, yellow at 90 %, green from 100 %. `points=None`: relative, from the lowest
    to the highest value (the median yellow). `higher_is_worse` (a shortfall): green low, red high."""
    start, end = (GREEN, RED) if higher_is_worse else (RED, GREEN)
    if points is None:
        rule = ColorScaleRule(
            start_type="min",
            start_color=start,
            mid_type="percentile",
            mid_value=50,
            mid_color=YELLOW,
            end_type="max",
            end_color=end,
        )
    else:
        low, mid, high = points
        rule = ColorScaleRule(
            start_type="num",
            start_value=low,
            start_color=start,
            mid_type="num",
            mid_value=mid,
            mid_color=YELLOW,
            end_type="num",
            end_value=high,
            end_color=end,
        )
    ws.conditional_formatting.add(cells, rule)


def bar_chart(
    title_text: str,
    data: Reference,
    categories: Reference,
    *,
    unit: Unit,
    category_title: str,
    value_title: str,
    lang: Lang = "da",
    stacked: bool = False,
    horizontal: bool = True,
    count: int = 10,
    colours: Sequence[str] | None = None,
) -> BarChart:
    """A native Excel bar chart of `data` (series in columns, first row their titles) over `categories`.

    Horizontal bars by default (team names stay readable); both axes titled; every category labelled (no
    label skipped, however many teams); `count` categories size the chart; `colours` per series (default
    the palette in order).
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
    chart.y_axis.number_format = axis_format(unit, lang)
    chart.y_axis.majorGridlines = None
    chart.x_axis.title = category_title
    chart.y_axis.title = value_title
    chart.x_axis.tickLblSkip = 1  # every team's name, not every other
    chart.x_axis.txPr = _axis_text(8)
    # openpyxl leaves the axes' "deleted" flag unset, which newer Excel reads as hidden axes.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # first category on top, as in the table
    palette = list(colours) if colours is not None else list(SERIES)
    for n, series in enumerate(chart.series):
        colour = palette[n % len(palette)]
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
    bars = count if stacked else count * len(chart.series)
    chart.width = 25
    # Room for every label: about 0.35 cm a bar, 0.55 cm a category, plus title, axis and legend.
    chart.height = min(PAGE_HEIGHT_CM, max(8.0, 5 + max(0.35 * bars, 0.55 * count)))
    chart.legend.position = "b"
    return chart


def _axis_text(size: int) -> RichText:
    """Axis labels at `size` pt, so every team's name has room."""
    props = CharacterProperties(sz=size * 100)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])
