"""The comparison workbook: the committee's side-by-side figures, in the same style as the results workbook
(`optimiser.export.style`: number formats, header colours, print set-up, inert text). It prints a
`optimiser.comparison.Comparison` (plain data, built by `scenarios.compare`).

Sheets: Oversigt (key figures, scenarios side by side), Diagrammer (the largest shortfall and the cost per
scenario), Teams and Institutioner (winners and losers against the current allocation), Flytninger (who moves
where), Ændringer (what each scenario's changes did), Afvejning (the trade-off curve as data) and its chart,
Scenarier (each scenario's description, structure, status, run and parameters as Danish label / value rows,
side by side) and Metode (how to read the figures).
Each sheet is written by one function of `WRITERS`; `write_comparison(..., extra=...)` adds more (the districts'
and the consultation's sheets) before Scenarier and Metode. Staff are shown by name only where the book has
names and `pseudonymise` is off.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference, ScatterChart, Series
from openpyxl.utils import get_column_letter

from optimiser import i18n
from optimiser.comparison import CURRENT, Comparison, KpiRow, ScenarioRow
from optimiser.export.argument_sheets import add_argument_sheets
from optimiser.export.parameters import parameter_rows
from optimiser.export.style import (
    BOLD,
    LINE_PT,
    MIO_DKK,
    SERIES,
    WRAP,
    Col,
    Num,
    Sheet,
    add_sheet,
    axis_format,
    cell_format,
    chart_sheet,
    colour_scale,
    lines,
    new_book,
)
from optimiser.figures import Unit, figure
from optimiser.i18n import N_, text
from optimiser.names import Names
from optimiser.problems import Lang
from optimiser.vocabulary import AREA, PROFESSION, SCENARIO, TEAM, TODAY, action, short_status, status, yes_no

SHEETS = {
    "overview": N_("Overview"),
    "charts": N_("Charts"),
    "frontier_chart": N_("Trade-off chart"),
    "teams": N_("Teams"),
    "institutions": N_("Institutions"),
    "moves": N_("Moves"),
    "effects": N_("Changes"),
    "frontier": N_("Trade-off"),
    "scenarios": N_("Scenarios"),
    "method": N_("Method"),
}
BOOK_STRUCTURE = N_("As today")
NEW_STRUCTURE = N_("New structure")
CHART_NOTE = N_("The chart's figures are on the sheet {sheet}.")
SheetWriter = Callable[[Workbook, Comparison, Names, Lang], None]


@dataclass(frozen=True)
class Column:
    """A table column: header (an English msgid), how to get its value from a row, unit, width."""

    header: str
    value: Callable[[Any], object]
    unit: Unit = Unit.TEXT
    width: int | None = None

    def col(self, lang: Lang) -> Col:
        return Col(text(self.header, lang), self.unit, self.width)


def _status(row: KpiRow, lang: Lang) -> str:
    return short_status(row.status, lang)


def _structure(row: KpiRow, lang: Lang) -> str:
    """A structure as a committee reads it, never its key ("14_bydelsteams"): today's teams or a new one (the
    next row gives its number of teams; the scenario's title says which)."""
    return text(NEW_STRUCTURE if row.structure else BOOK_STRUCTURE, lang)


# The key figures: one row per figure, one column per scenario; the figures from the one catalogue.
FIGURES = tuple(
    figure(name)
    for name in (
        "teams",
        "max_shortfall",
        "mean_shortfall",
        "total_shortfall_fte",
        "cv_coverage",
        "staff_moved",
        "contacts_changed",
        "team_min_fte",
        "team_max_fte",
        "fte",
        "new_posts_fte",
        "new_posts_cost_dkk",
        "cost_dkk",
        "cost_delta_dkk",
        "cost_per_child_dkk",
        "teams_gaining",
        "teams_losing",
        "institutions_gaining",
        "institutions_losing",
        "seconds",
        "run_id",
    )
)


def _field(name: str) -> Callable[[KpiRow, Lang], object]:
    if name == "seconds":  # to a tenth: "2,676" reads as thousands
        return lambda row, lang: round(row.seconds, 1) if row.seconds is not None else None
    return lambda row, lang: getattr(row, name)


KPIS: tuple[tuple[str, Callable[[KpiRow, Lang], object], Unit], ...] = (
    (N_("Structure"), _structure, Unit.TEXT),
    (N_("Status"), _status, Unit.TEXT),
    *((f.label, _field(f.row), f.unit) for f in FIGURES),
)
# The rows charted under the table: the largest shortfall and the cost.
SHORTFALL_ROW = next(n for n, k in enumerate(KPIS) if k[0] == figure("max_shortfall").label)
COST_ROW = next(n for n, k in enumerate(KPIS) if k[0] == figure("cost_dkk").label)


def _team_columns(names: Names) -> tuple[Column, ...]:
    return (
        Column(SCENARIO, lambda r: names.scenario(r.scenario)),
        Column(TEAM, lambda r: r.team_name or names.team(r.team_id)),
        Column(AREA, lambda r: names.area(r.area_id)),
        Column(N_("Children"), lambda r: r.children, Unit.COUNT),
        Column(N_("Demand (practice-near FTE)"), lambda r: r.demand_fte, Unit.FTE),
        Column(N_("Today (FTE)"), lambda r: r.current_fte, Unit.FTE),
        Column(N_("In the scenario (FTE)"), lambda r: r.new_fte, Unit.FTE),
        Column(N_("Change (FTE)"), lambda r: r.change_fte, Unit.CHANGE),
        Column(N_("Coverage today"), lambda r: r.current_coverage, Unit.SHARE),
        Column(N_("Coverage in the scenario"), lambda r: r.new_coverage, Unit.SHARE),
        Column(figure("cost_dkk").label, lambda r: r.cost_dkk, Unit.MONEY),
        Column(figure("cost_per_child_dkk").label, lambda r: r.cost_per_child_dkk, Unit.MONEY),
    )


def _institution_columns(names: Names) -> tuple[Column, ...]:
    return (
        Column(SCENARIO, lambda r: names.scenario(r.scenario)),
        Column(N_("Institution"), lambda r: r.name or names.institution(r.institution_id)),
        Column(N_("Type"), lambda r: r.type),
        Column(N_("Team today"), lambda r: names.team(r.current_team_id)),
        Column(N_("Team in the scenario"), lambda r: names.team(r.team_id)),
        Column(N_("Today (practice-near FTE)"), lambda r: r.current_fte, Unit.FTE),
        Column(N_("In the scenario"), lambda r: r.new_fte, Unit.FTE),
        Column(N_("Change"), lambda r: r.change_fte, Unit.CHANGE),
    )


def _frontier_columns(lang: Lang) -> tuple[Column, ...]:
    return (
        Column(N_("Tolerance"), lambda r: r[0].tolerance, Unit.SHARE),
        Column(figure("max_shortfall").label, lambda r: r[0].max_shortfall, Unit.SHARE),
        Column(figure("staff_moved").label, lambda r: r[0].staff_moved, Unit.COUNT),
        Column(figure("total_shortfall_fte").label, lambda r: r[0].total_shortfall_fte, Unit.FTE),
        Column(N_("Status"), lambda r: short_status(r[0].status, lang)),
        Column(N_("On the frontier"), lambda r: r[1]),
    )


def _move_columns(names: Names) -> tuple[Column, ...]:
    return (
        Column(SCENARIO, lambda r: names.scenario(r.scenario)),
        Column(N_("Staff member"), lambda r: r.staff_id),
        *((Column(N_("Name"), lambda r: names.person(r.staff_id)),) if names.has_staff_names else ()),
        Column(PROFESSION, lambda r: names.profession(r.profession)),
        Column(N_("FTE"), lambda r: r.fte, Unit.FTE),
        Column(N_("Team in the book"), lambda r: names.team(r.book_team_id) if r.book_team_id else "–"),
        Column(N_("Starts in"), lambda r: names.team(r.start_team_id)),
        Column(N_("New team"), lambda r: names.team(r.team_id)),
    )


def _effect_columns(names: Names, lang: Lang) -> tuple[Column, ...]:
    return (
        Column(SCENARIO, lambda r: names.scenario(r.scenario)),
        Column(N_("Action"), lambda r: action(r.action, lang)),
        Column(N_("Staff member"), lambda r: r.staff_id),
        Column(PROFESSION, lambda r: names.profession(r.profession)),
        Column(TEAM, lambda r: names.team(r.team_id)),
        Column(N_("FTE"), lambda r: r.fte, Unit.FTE),
    )


METHOD: tuple[str, ...] = (
    N_("How to read the figures"),
    N_(
        "Coverage = practice-near FTE / demand. Shortfall = (demand − FTE)⁺ / demand per team and profession; "
        "equity is measured on the largest."
    ),
    N_(
        "Today = the staff in their current teams; each team's practice-near FTE is shared over its institutions "
        "by demand (the book's need model). An institution or team gains (loses) when its practice-near FTE "
        "rises (falls) by at least 0.01."
    ),
    N_(
        "In another structure each staff member starts in the structure's team holding most of the children of "
        "their current team (in their own area). Moves count from there: a district split into two clusters "
        "costs moves; a merger costs none."
    ),
    N_(
        "Cost = FTE × annual cost plus new posts, which carry the mark-up (overhead). Difference from today = "
        "the scenario's cost minus the book's staff today."
    ),
    N_(
        "The trade-off: the equity tolerance is raised step by step; each step finds the fewest moves that keep "
        "the largest shortfall within it. Points beaten on both counts by another point are not on the frontier."
    ),
)


def _teams(book: Workbook, comparison: Comparison, names: Names, lang: Lang) -> None:
    _table(book, text(SHEETS["teams"], lang), _team_columns(names), comparison.teams, lang)


def _institutions(book: Workbook, comparison: Comparison, names: Names, lang: Lang) -> None:
    _table(book, text(SHEETS["institutions"], lang), _institution_columns(names), comparison.institutions, lang)


def _moves(book: Workbook, comparison: Comparison, names: Names, lang: Lang) -> None:
    _table(book, text(SHEETS["moves"], lang), _move_columns(names), comparison.moves, lang)


def _effects(book: Workbook, comparison: Comparison, names: Names, lang: Lang) -> None:
    _table(book, text(SHEETS["effects"], lang), _effect_columns(names, lang), comparison.effects, lang)


def write_comparison(
    comparison: Comparison,
    path: str | Path,
    lang: Lang = "da",
    *,
    pseudonymise: bool = False,
    extra: Sequence[SheetWriter] = (),
) -> None:
    """Write the comparison workbook to `path`: the sheets of `WRITERS`, with `extra`'s before Scenarier and
    Metode."""
    titles = {r.scenario: r.title for r in comparison.scenarios}
    names = Names.of(comparison.base, pseudonymise=pseudonymise, scenarios=titles)
    book = new_book()
    for write in (*WRITERS, *extra, *CLOSING):
        write(book, comparison, names, lang)
    book.save(path)


def _table(book: Workbook, title: str, columns: Sequence[Column], rows: Sequence[Any], lang: Lang) -> Sheet:
    """A sheet with a frozen, filterable header row and one row per item."""
    sh = add_sheet(book, title, lang)
    values = ([c.value(r) for c in columns] for r in rows)
    # The scenario and the team (institution, person) repeat on every page across.
    sh.table(1, [c.col(lang) for c in columns], values, freeze=True, freeze_columns=2, autofilter=True)
    return sh


def _overview(book: Workbook, comparison: Comparison, names: Names, lang: Lang) -> None:
    sh = add_sheet(book, text(SHEETS["overview"], lang), lang)
    when = i18n.day(comparison.created_at.date(), lang)
    top = sh.title(1, text("Comparison of scenarios", lang), f"{comparison.book} · {when}")
    rows = [comparison.current, *comparison.kpis]
    columns = [Col(text("Figure", lang), width=40)]
    columns += [Col(_title(r, names, lang), Unit.TEXT, 18) for r in rows]
    # One unit per row, not per column: each figure carries its own (`Num`).
    table = [[text(label, lang), *(_figure(value(r, lang), unit) for r in rows)] for label, value, unit in KPIS]
    sh.table(top, columns, table, freeze=True)
    shortfall_row = top + 1 + SHORTFALL_ROW
    shortfall_cells = f"B{shortfall_row}:{get_column_letter(len(rows) + 1)}{shortfall_row}"
    # Red for the largest shortfall, green for the smallest, relative to the options shown.
    colour_scale(sh.ws, shortfall_cells, None, higher_is_worse=True)
    charts = [
        _row_chart(sh, top, top + 1 + index, len(rows), text(KPIS[index][0], lang), KPIS[index][2], lang)
        for index in (SHORTFALL_ROW, COST_ROW)
    ]
    chart_sheet(book, text(SHEETS["charts"], lang), text(CHART_NOTE, lang, sheet=sh.ws.title), charts, lang)


def _title(row: KpiRow, names: Names, lang: Lang) -> str:
    return text(TODAY, lang) if row.scenario == CURRENT else row.title or names.scenario(row.scenario)


def _figure(value: object, unit: Unit) -> object:
    """A key figure as written: text as it is, a number with its row's unit."""
    return value if unit is Unit.TEXT else Num(cast(float | None, value), unit)


def _row_chart(sh: Sheet, header: int, row: int, count: int, title: str, unit: Unit, lang: Lang) -> BarChart:
    """A bar chart of one key-figure row across the scenarios: horizontal bars (the scenarios' titles stay
    readable), every title labelled, the axis from 0 (a 5 % cut must not look like a collapse), money in
    millions."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = title
    chart.add_data(Reference(sh.ws, min_col=2, max_col=count + 1, min_row=row), from_rows=True)
    chart.set_categories(Reference(sh.ws, min_col=2, max_col=count + 1, min_row=header))
    money = unit is Unit.MONEY
    chart.y_axis.number_format = axis_format(unit, lang)
    chart.y_axis.scaling.min = 0
    chart.y_axis.title = text(MIO_DKK, lang) if money else title
    chart.y_axis.majorGridlines = None
    chart.x_axis.title = text(SCENARIO, lang)
    chart.x_axis.tickLblSkip = 1
    chart.x_axis.scaling.orientation = "maxMin"  # today on top, as in the table's order
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend = None
    for series in chart.series:
        series.graphicalProperties.solidFill = SERIES[0]
    chart.width, chart.height = 12.5, 14
    return chart


def _frontier(book: Workbook, comparison: Comparison, names: Names, lang: Lang) -> None:
    frontier = comparison.frontier
    if frontier is None:
        return
    on = set(frontier.pareto)
    columns = _frontier_columns(lang)
    points = [(p, yes_no(p in on, lang)) for p in frontier.points]
    sh = add_sheet(book, text(SHEETS["frontier"], lang), lang)
    top = sh.title(
        1,
        text("The trade-off between equity and moves: {scenario}", lang, scenario=names.scenario(frontier.scenario)),
    )
    table = [[c.value(p) for c in columns] for p in points]
    end = sh.table(top, [c.col(lang) for c in columns], table, freeze=True)

    # The frontier itself, fewest moves first: the series the chart draws.
    start = end + 3
    sh.put(start, 1, text("The frontier", lang), font=BOLD)
    moved, shortfall = text(columns[2].header, lang), text(columns[1].header, lang)
    last = sh.table(
        start + 1,
        [Col(moved, Unit.COUNT), Col(shortfall, Unit.SHARE)],
        [(p.staff_moved, p.max_shortfall) for p in frontier.pareto],
    )

    chart = ScatterChart()
    chart.title = text("Equity against moves", lang)
    chart.style = 13
    chart.x_axis.title = moved
    chart.y_axis.title = shortfall
    chart.y_axis.number_format = cell_format(Unit.SHARE, lang)
    chart.x_axis.number_format = cell_format(Unit.COUNT, lang)
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    xs = Reference(sh.ws, min_col=1, min_row=start + 2, max_row=max(last, start + 2))
    ys = Reference(sh.ws, min_col=2, min_row=start + 1, max_row=max(last, start + 2))
    series = Series(ys, xs, title_from_data=True)
    series.marker.symbol = "circle"
    series.marker.size = 7
    series.smooth = False  # straight steps between frontier points, not a fitted curve
    series.graphicalProperties.line.solidFill = SERIES[0]
    chart.series.append(series)
    chart.legend = None
    chart.x_axis.scaling.min = 0
    chart.y_axis.scaling.min = 0
    chart.height = 14
    chart.title = text("Equity against moves: {scenario}", lang, scenario=names.scenario(frontier.scenario))
    heading = text(CHART_NOTE, lang, sheet=sh.ws.title)
    chart_sheet(book, text(SHEETS["frontier_chart"], lang), heading, [chart], lang)


SCENARIO_TITLE = N_("The scenarios as run: what each changes, and the settings behind its figures")
SCENARIO_ROWS: tuple[tuple[str, Callable[[ScenarioRow, Lang], object]], ...] = (
    (N_("Description"), lambda r, lang: r.description),
    (N_("Status"), lambda r, lang: status(r.status, lang)),
    (N_("Run no. (runs show)"), lambda r, lang: Num(r.run_id, Unit.COUNT) if r.run_id is not None else "–"),
    (N_("Solver"), lambda r, lang: r.solver),
    (N_("Inputs hash (sha256)"), lambda r, lang: r.inputs_hash[:16] + "…" if r.inputs_hash else "–"),
)
LABEL_WIDTH = 34
SCENARIO_WIDTH = 19  # characters a scenario's column holds: 8 scenarios one page wide at the smallest scale


def _loads(data: str) -> dict[str, object]:
    """Stored JSON (a run's parameters or solver settings) as a dict; {} for nothing or something else."""
    try:
        found = json.loads(data) if data else {}
    except json.JSONDecodeError:
        return {}
    return found if isinstance(found, dict) else {}


def _scenarios(book: Workbook, comparison: Comparison, names: Names, lang: Lang) -> None:
    """One column per scenario, one row per fact: the description, the structure, the status, the run (its
    number and inputs' hash find the scenario's file and text), then every parameter and solver setting by its
    Danish label (not the stored JSON, not the scenario file's comments)."""
    sh = add_sheet(book, text(SHEETS["scenarios"], lang), lang)
    top = sh.title(1, text(SCENARIO_TITLE, lang))
    scenarios = comparison.scenarios
    structure = {k.scenario: _structure(k, lang) for k in comparison.kpis}
    facts: list[list[object]] = [
        [text(label, lang), *(value(r, lang) for r in scenarios)] for label, value in SCENARIO_ROWS
    ]
    facts.insert(1, [text(N_("Structure"), lang), *(structure.get(r.scenario, "–") for r in scenarios)])
    settings = [parameter_rows(_loads(r.parameters), _loads(r.solver_settings), lang) for r in scenarios]
    for n, (label, _) in enumerate(settings[0] if settings else []):
        facts.append([label, *(rows[n][1] for rows in settings)])
    columns = [Col(text("Parameter", lang), width=LABEL_WIDTH)]
    columns += [Col(names.scenario(r.scenario), width=SCENARIO_WIDTH) for r in scenarios]
    last = sh.table(top, columns, facts, freeze=True)
    for row in range(top + 1, last + 1):  # wrapped text, its row as high as its longest cell
        cells = sh.ws[row]
        for cell in cells:
            cell.alignment = WRAP
        longest = max(lines(str(c.value or ""), (LABEL_WIDTH if c.column == 1 else SCENARIO_WIDTH) - 2) for c in cells)
        sh.ws.row_dimensions[row].height = LINE_PT * longest + 2


METHOD_WIDTH = 110  # characters: one page wide at 100 %


def _method(book: Workbook, comparison: Comparison, names: Names, lang: Lang) -> None:
    sh = add_sheet(book, text(SHEETS["method"], lang), lang)
    row = sh.title(1, text(METHOD[0], lang))
    for msgid in METHOD[1:]:
        row = sh.wrapped(row, text(msgid, lang), METHOD_WIDTH)


def _consultation(book: Workbook, comparison: Comparison, names: Names, lang: Lang) -> None:
    """The consultation's arguments per option and coverage per district (`optimiser.export.argument_sheets`)."""
    add_argument_sheets(book, comparison, lang, names)


WRITERS: tuple[SheetWriter, ...] = (_overview, _consultation, _teams, _institutions, _moves, _effects, _frontier)
CLOSING: tuple[SheetWriter, ...] = (_scenarios, _method)
