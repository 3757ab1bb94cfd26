"""The comparison workbook: the committee's side-by-side figures, in the same style as the results workbook
(`optimiser.export.style`: number formats, header colours, print set-up, inert text). It prints a
`optimiser.comparison.Comparison` (plain data, built by `scenarios.compare`).

Sheets: Oversigt (key figures, scenarios side by side, and a chart of the largest shortfall and of the cost),
Teams and Institutioner (winners and losers against the current allocation), Flytninger (who moves where),
Ændringer (what each scenario's changes did), Afvejning (the trade-off curve as data and a scatter chart),
Scenarier (each scenario's file, parameters, solver settings, inputs hash and run id) and Metode (how to read the
figures).
Staff are shown by name only where the book has names and `pseudonymise` is off.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference, ScatterChart, Series
from openpyxl.utils import get_column_letter

from optimiser import i18n
from optimiser.comparison import CURRENT, Comparison, KpiRow
from optimiser.domain import readable
from optimiser.export.style import (
    BOLD,
    SERIES,
    WRAP,
    Col,
    Num,
    Sheet,
    add_sheet,
    colour_scale,
    new_book,
    number_format,
)
from optimiser.figures import Unit, figure
from optimiser.i18n import N_, text
from optimiser.names import Names
from optimiser.problems import Lang
from optimiser.vocabulary import AREA, PROFESSION, SCENARIO, TEAM, TODAY, action, short_status, status, yes_no

SHEETS = {
    "overview": N_("Overview"),
    "teams": N_("Teams"),
    "institutions": N_("Institutions"),
    "moves": N_("Moves"),
    "effects": N_("Changes"),
    "frontier": N_("Trade-off"),
    "scenarios": N_("Scenarios"),
    "method": N_("Method"),
}
BOOK_STRUCTURE = N_("as in the workbook")


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
    return readable(row.structure) if row.structure else text(BOOK_STRUCTURE, lang)


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


def write_comparison(
    comparison: Comparison, path: str | Path, lang: Lang = "da", *, pseudonymise: bool = False
) -> None:
    """Write the comparison workbook to `path`."""
    titles = {r.scenario: r.title for r in comparison.scenarios}
    names = Names.of(comparison.base, pseudonymise=pseudonymise, scenarios=titles)
    book = new_book()
    _overview(book, comparison, lang)
    _table(book, text(SHEETS["teams"], lang), _team_columns(names), comparison.teams, lang)
    _table(book, text(SHEETS["institutions"], lang), _institution_columns(names), comparison.institutions, lang)
    _table(book, text(SHEETS["moves"], lang), _move_columns(names), comparison.moves, lang)
    _table(book, text(SHEETS["effects"], lang), _effect_columns(names, lang), comparison.effects, lang)
    if comparison.frontier is not None:
        _frontier(book, comparison, names, lang)
    _scenarios(book, comparison, names, lang)
    _method(book, lang)
    book.save(path)


def _table(book: Workbook, title: str, columns: Sequence[Column], rows: Sequence[Any], lang: Lang) -> Sheet:
    """A sheet with a frozen, filterable header row and one row per item."""
    sh = add_sheet(book, title, lang)
    sh.table(
        1, [c.col(lang) for c in columns], ([c.value(r) for c in columns] for r in rows), freeze=True, autofilter=True
    )
    return sh


def _overview(book: Workbook, comparison: Comparison, lang: Lang) -> None:
    sh = add_sheet(book, text(SHEETS["overview"], lang), lang)
    when = i18n.day(comparison.created_at.date(), lang)
    top = sh.title(1, text("Comparison of scenarios", lang), f"{comparison.book} · {when}")
    rows = [comparison.current, *comparison.kpis]
    columns = [Col(text("Figure", lang), width=40)]
    columns += [
        Col(text(TODAY, lang) if r.scenario == CURRENT else r.title or readable(r.scenario), Unit.TEXT, 18)
        for r in rows
    ]
    # One unit per row, not per column: each figure carries its own (`Num`).
    table = [[text(label, lang), *(_figure(value(r, lang), unit) for r in rows)] for label, value, unit in KPIS]
    last = sh.table(top, columns, table, freeze=True)
    shortfall_row = top + 1 + SHORTFALL_ROW
    shortfall_cells = f"B{shortfall_row}:{get_column_letter(len(rows) + 1)}{shortfall_row}"
    colour_scale(sh.ws, shortfall_cells, (0.0, 0.1, 0.25))
    anchor = last + 2
    for n, index in enumerate((SHORTFALL_ROW, COST_ROW)):
        label, _, unit = KPIS[index]
        chart = _row_chart(sh, top, top + 1 + index, len(rows), text(label, lang), unit, lang)
        sh.ws.add_chart(chart, f"{'A' if n == 0 else 'E'}{anchor}")


def _figure(value: object, unit: Unit) -> object:
    """A key figure as written: text as it is, a number with its row's unit."""
    return value if unit is Unit.TEXT else Num(cast(float | None, value), unit)


def _row_chart(sh: Sheet, header: int, row: int, count: int, title: str, unit: Unit, lang: Lang) -> BarChart:
    """A column chart of one key-figure row across the scenarios."""
    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.add_data(Reference(sh.ws, min_col=2, max_col=count + 1, min_row=row), from_rows=True)
    chart.set_categories(Reference(sh.ws, min_col=2, max_col=count + 1, min_row=header))
    chart.y_axis.number_format = number_format(unit, lang)
    chart.y_axis.title = title
    chart.x_axis.title = text(SCENARIO, lang)
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend = None
    for series in chart.series:
        series.graphicalProperties.solidFill = SERIES[0]
    chart.width, chart.height = 16, 9
    return chart


def _frontier(book: Workbook, comparison: Comparison, names: Names, lang: Lang) -> None:
    frontier = comparison.frontier
    assert frontier is not None
    on = set(frontier.pareto)
    columns = _frontier_columns(lang)
    points = [(p, yes_no(p in on, lang)) for p in frontier.points]
    sh = _table(book, text(SHEETS["frontier"], lang), columns, points, lang)
    sh.put(1, len(columns) + 2, text(SCENARIO, lang), font=BOLD)
    sh.put(2, len(columns) + 2, names.scenario(frontier.scenario))

    # The frontier itself, fewest moves first: the series the chart draws.
    start = len(frontier.points) + 4
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
    chart.y_axis.number_format = number_format(Unit.SHARE, lang)
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
    chart.width, chart.height = 20, 11
    sh.ws.add_chart(chart, f"H{start}")


def _scenarios(book: Workbook, comparison: Comparison, names: Names, lang: Lang) -> None:
    columns = (
        Column(SCENARIO, lambda r: names.scenario(r.scenario)),
        Column(N_("Title"), lambda r: r.title),
        Column(N_("Description"), lambda r: r.description, width=60),
        Column(N_("File"), lambda r: r.source),
        Column(N_("Structure"), lambda r: readable(r.structure or "")),
        Column(N_("Status"), lambda r: status(r.status, lang)),
        Column(N_("Run id"), lambda r: r.run_id, Unit.COUNT),
        Column(N_("Inputs hash (sha256)"), lambda r: r.inputs_hash, width=20),
        Column(N_("Solver"), lambda r: r.solver),
        Column(N_("Parameters"), lambda r: r.parameters, width=60),
        Column(N_("Solver settings"), lambda r: r.solver_settings, width=40),
        Column(N_("Scenario file"), lambda r: r.text, width=80),
    )
    sh = _table(book, text(SHEETS["scenarios"], lang), columns, comparison.scenarios, lang)
    for row in sh.ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP


def _method(book: Workbook, lang: Lang) -> None:
    sh = add_sheet(book, text(SHEETS["method"], lang), lang)
    sh.ws.column_dimensions["A"].width = 110
    sh.title(1, text(METHOD[0], lang))
    for n, msgid in enumerate(METHOD[1:], start=3):
        sh.put(n, 1, text(msgid, lang)).alignment = WRAP
