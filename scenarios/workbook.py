"""The comparison workbook: the committee's side-by-side figures, in the same style as the results workbook
(`optimiser.export.style`: number formats, header colours, print set-up, inert text).

Sheets: Oversigt (key figures, scenarios side by side, and a chart of the largest shortfall and of the cost),
Teams and Institutioner (winners and losers against the current allocation), Flytninger (who moves where),
Ændringer (what each scenario's changes did), Afvejning (the trade-off curve as data and a scatter chart),
Scenarier (each scenario's file, parameters, inputs hash and run id) and Metode (how to read the figures).
Staff are shown by name only where the book has names and `pseudonymise` is off.
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

from optimiser.export.labels import STATUS, T, short_status
from optimiser.export.names import Names
from optimiser.export.style import (
    BOLD,
    SERIES,
    WRAP,
    Col,
    Num,
    Sheet,
    Unit,
    add_sheet,
    colour_scale,
    new_book,
    number_format,
)
from optimiser.problems import Lang
from scenarios.compare import CURRENT, Comparison, KpiRow

SHEETS = {
    "overview": N_('Overview'),
    "teams": N_('Teams'),
    "institutions": N_('Institutions'),
    "moves": N_('Moves'),
    "effects": N_('Changes'),
    "frontier": N_('Trade-off'),
    "scenarios": N_('Scenarios'),
    "method": N_('Method'),
}
TODAY = N_('Today')
BOOK_STRUCTURE = N_("the book's")
SCENARIO = N_('Scenario')


@dataclass(frozen=True)
class Column:
    """A table column: header, how to get its value from a row, unit, width."""

    header: T
    value: Callable[[Any], object]
    unit: Unit = Unit.TEXT
    width: int | None = None

    def col(self, lang: Lang) -> Col:
        return Col(self.header(lang), self.unit, self.width)


def _status(row: KpiRow, lang: Lang) -> str:
    return short_status(row.status, lang)


# The key figures: one row per figure, one column per scenario.
KPIS: tuple[tuple[T, Callable[[KpiRow, Lang], object], Unit], ...] = (
    (N_('Structure'), lambda r, lang: r.structure or BOOK_STRUCTURE(lang), Unit.TEXT),
    (N_('Status'), _status, Unit.TEXT),
    (N_('Number of teams'), lambda r, lang: r.teams, Unit.COUNT),
    (N_('Largest relative shortfall'), lambda r, lang: r.max_shortfall, Unit.SHARE),
    (N_('Mean relative shortfall'), lambda r, lang: r.mean_shortfall, Unit.SHARE),
    (
        N_('Coefficient of variation of coverage'),
        lambda r, lang: r.cv_coverage,
        Unit.SHARE,
    ),
    (N_('Staff changing team'), lambda r, lang: r.staff_moved, Unit.COUNT),
    (
        N_('Institutions with a new contact'),
        lambda r, lang: r.contacts_changed,
        Unit.COUNT,
    ),
    (N_('Smallest team (FTE)'), lambda r, lang: r.team_min_fte, Unit.FTE),
    (N_('Largest team (FTE)'), lambda r, lang: r.team_max_fte, Unit.FTE),
    (N_('FTE in all'), lambda r, lang: r.fte, Unit.FTE),
    (N_('New posts (FTE)'), lambda r, lang: r.new_posts_fte, Unit.FTE),
    (N_('New posts (DKK a year)'), lambda r, lang: r.new_posts_cost_dkk, Unit.MONEY),
    (N_('Cost (DKK a year)'), lambda r, lang: r.cost_dkk, Unit.MONEY),
    (
        N_('Difference from today (DKK a year)'),
        lambda r, lang: r.cost_delta_dkk,
        Unit.MONEY,
    ),
    (N_('Cost per child (DKK)'), lambda r, lang: r.cost_per_child_dkk, Unit.MONEY),
    (N_('Teams gaining FTE'), lambda r, lang: r.teams_gaining, Unit.COUNT),
    (N_('Teams losing FTE'), lambda r, lang: r.teams_losing, Unit.COUNT),
    (N_('Institutions gaining'), lambda r, lang: r.institutions_gaining, Unit.COUNT),
    (N_('Institutions losing'), lambda r, lang: r.institutions_losing, Unit.COUNT),
    (N_('Solve time (seconds)'), lambda r, lang: r.seconds, Unit.NUMBER),
    (N_('Run id (runs show)'), lambda r, lang: r.run_id, Unit.COUNT),
)
# The rows charted under the table: the largest shortfall and the cost.
SHORTFALL_ROW = next(n for n, k in enumerate(KPIS) if k[0].en == "Largest relative shortfall")
COST_ROW = next(n for n, k in enumerate(KPIS) if k[0].en == "Cost (DKK a year)")

TEAM_COLUMNS = (
    Column(SCENARIO, lambda r: r.scenario),
    Column(N_('Team'), lambda r: r.team_id),
    Column(N_('Team name'), lambda r: r.team_name),
    Column(N_('Area'), lambda r: r.area_id),
    Column(N_('Children'), lambda r: r.children, Unit.COUNT),
    Column(N_('Demand (practice-near FTE)'), lambda r: r.demand_fte, Unit.FTE),
    Column(N_('Today (FTE)'), lambda r: r.current_fte, Unit.FTE),
    Column(N_('In the scenario (FTE)'), lambda r: r.new_fte, Unit.FTE),
    Column(N_('Change (FTE)'), lambda r: r.change_fte, Unit.CHANGE),
    Column(N_('Coverage today'), lambda r: r.current_coverage, Unit.SHARE),
    Column(N_('Coverage in the scenario'), lambda r: r.new_coverage, Unit.SHARE),
    Column(N_('Cost (DKK a year)'), lambda r: r.cost_dkk, Unit.MONEY),
    Column(N_('DKK per child'), lambda r: r.cost_per_child_dkk, Unit.MONEY),
)
INSTITUTION_COLUMNS = (
    Column(SCENARIO, lambda r: r.scenario),
    Column(N_('Institution'), lambda r: r.institution_id),
    Column(N_('Name'), lambda r: r.name),
    Column(N_('Type'), lambda r: r.type),
    Column(N_('Team today'), lambda r: r.current_team_id),
    Column(N_('Team in the scenario'), lambda r: r.team_id),
    Column(N_('Today (practice-near FTE)'), lambda r: r.current_fte, Unit.FTE),
    Column(N_('In the scenario'), lambda r: r.new_fte, Unit.FTE),
    Column(N_('Change'), lambda r: r.change_fte, Unit.CHANGE),
)
FRONTIER_COLUMNS = (
    Column(N_('Tolerance'), lambda r: r[0].tolerance, Unit.SHARE),
    Column(N_('Largest relative shortfall'), lambda r: r[0].max_shortfall, Unit.SHARE),
    Column(N_('Staff changing team'), lambda r: r[0].staff_moved, Unit.COUNT),
    Column(N_('Total shortfall (FTE)'), lambda r: r[0].total_shortfall_fte, Unit.FTE),
    Column(N_('Status'), lambda r: r[0].status),
    Column(N_('On the frontier'), lambda r: r[1]),
)


def _move_columns(names: Names) -> tuple[Column, ...]:
    return (
        Column(SCENARIO, lambda r: r.scenario),
        Column(N_('Staff member'), lambda r: r.staff_id),
        Column(N_('Name'), lambda r: names.person(r.staff_id)),
        Column(N_('Profession'), lambda r: r.profession),
        Column(N_('FTE'), lambda r: r.fte, Unit.FTE),
        Column(N_('Team in the book'), lambda r: r.book_team_id or "–"),
        Column(N_('Starts in'), lambda r: r.start_team_id),
        Column(N_('New team'), lambda r: r.team_id),
    )


EFFECT_COLUMNS = (
    Column(SCENARIO, lambda r: r[0]),
    Column(N_('Action'), lambda r: r[1].action),
    Column(N_('Staff member'), lambda r: r[1].staff_id),
    Column(N_('Profession'), lambda r: r[1].profession),
    Column(N_('Team'), lambda r: r[1].team_id),
    Column(N_('FTE'), lambda r: r[1].fte, Unit.FTE),
)

METHOD: dict[Lang, tuple[str, ...]] = {
    "da": (
        "Sådan læses tallene",
        "Dækning = praksisnære årsværk / behov. Underdækning = (behov − årsværk)⁺ / behov for hvert team og "
        "hver faggruppe; den største er det, ligheden måles på.",
        "I dag = medarbejderne i deres nuværende teams; hvert teams praksisnære årsværk deles mellem dets "
        "institutioner efter behov (arbejdsbogens behovsmodel). En institution eller et team vinder (taber), når "
        "dets praksisnære årsværk stiger (falder) med mindst 0,01.",
        "I en anden struktur starter hver medarbejder i det team i strukturen, der har flest af børnene fra "
        "medarbejderens nuværende team (i eget område). Flytninger tælles derfra: en bydel, der deles i to "
        "klynger, koster flytninger; en sammenlægning koster ingen.",
        "Omkostning = årsværk × årsløn × (1 + overhead) plus nye stillinger. Forskel fra i dag = scenariets "
        "omkostning minus arbejdsbogens medarbejdere i dag med samme overhead.",
        "Afvejningen: tolerancen på ligheden øges trin for trin; for hvert trin findes færrest flytninger, der "
        "holder den største underdækning inden for tolerancen. Punkter, som et andet punkt slår på begge "
        "mål, er ikke på fronten.",
        "Se docs/scenarios.md og docs/method.md for detaljer.",
    ),
    "en": (
        "How to read the figures",
        "Coverage = practice-near FTE / demand. Shortfall = (demand − FTE)⁺ / demand per team and profession; "
        "equity is measured on the largest.",
        "Today = the staff in their current teams; each team's practice-near FTE is shared over its institutions "
        "by demand (the book's need model). An institution or team gains (loses) when its practice-near FTE "
        "rises (falls) by at least 0.01.",
        "In another structure each staff member starts in the structure's team holding most of the children of "
        "their current team (in their own area). Moves count from there: a district split into two clusters "
        "costs moves; a merger costs none.",
        "Cost = FTE × annual cost × (1 + overhead) plus new posts. Difference from today = the scenario's cost "
        "minus the book's staff today at the same overhead.",
        "The trade-off: the equity tolerance is raised step by step; each step finds the fewest moves that keep "
        "the largest shortfall within it. Points beaten on both counts by another point are not on the frontier.",
        "See docs/scenarios.md and docs/method.md for details.",
    ),
}


def write_comparison(
    comparison: Comparison, path: str | Path, lang: Lang = "da", *, pseudonymise: bool = False
) -> None:
    """Write the comparison workbook to `path`."""
    names = Names.of(comparison.base, pseudonymise=pseudonymise)
    book = new_book()
    _overview(book, comparison, lang)
    _table(book, SHEETS["teams"](lang), TEAM_COLUMNS, comparison.teams, lang)
    _table(book, SHEETS["institutions"](lang), INSTITUTION_COLUMNS, comparison.institutions, lang)
    move_columns = _move_columns(names)
    if not names.has_staff_names:
        move_columns = tuple(c for c in move_columns if c.header.en != "Name")
    _table(book, SHEETS["moves"](lang), move_columns, comparison.moves, lang)
    effects = [(o.name, e) for o in comparison.outcomes for e in o.applied.effects]
    _table(book, SHEETS["effects"](lang), EFFECT_COLUMNS, effects, lang)
    if comparison.frontier is not None:
        _frontier(book, comparison, lang)
    _scenarios(book, comparison, lang)
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
    sh = add_sheet(book, SHEETS["overview"](lang), lang)
    when = comparison.created_at.strftime("%Y-%m-%d %H:%M UTC")
    top = sh.title(1, text('Comparison of scenarios', lang), f"{comparison.book} · {when}")
    rows = [comparison.current, *comparison.kpis]
    columns = [Col(text('Figure', lang), width=40)]
    columns += [Col(TODAY(lang) if r.scenario == CURRENT else r.title, Unit.TEXT, 18) for r in rows]
    # One unit per row, not per column: each figure carries its own (`Num`).
    table = [[label(lang), *(_figure(value(r, lang), unit) for r in rows)] for label, value, unit in KPIS]
    last = sh.table(top, columns, table, freeze=True)
    shortfall_row = top + 1 + SHORTFALL_ROW
    shortfall_cells = f"B{shortfall_row}:{get_column_letter(len(rows) + 1)}{shortfall_row}"
    colour_scale(sh.ws, shortfall_cells, (0.0, 0.1, 0.25))
    anchor = last + 2
    for n, index in enumerate((SHORTFALL_ROW, COST_ROW)):
        label, _, unit = KPIS[index]
        chart = _row_chart(sh, top, top + 1 + index, len(rows), label(lang), unit, lang)
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
    chart.x_axis.title = SCENARIO(lang)
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend = None
    for series in chart.series:
        series.graphicalProperties.solidFill = SERIES[0]
    chart.width, chart.height = 16, 9
    return chart


def _frontier(book: Workbook, comparison: Comparison, lang: Lang) -> None:
    frontier = comparison.frontier
    assert frontier is not None
    on = set(frontier.pareto)
    yes, no = text('yes', lang), text('no', lang)
    sh = _table(
        book, SHEETS["frontier"](lang), FRONTIER_COLUMNS, [(p, yes if p in on else no) for p in frontier.points], lang
    )
    sh.put(1, len(FRONTIER_COLUMNS) + 2, SCENARIO(lang), font=BOLD)
    sh.put(2, len(FRONTIER_COLUMNS) + 2, frontier.scenario)

    # The frontier itself, fewest moves first: the series the chart draws.
    start = len(frontier.points) + 4
    sh.put(start, 1, text('The frontier', lang), font=BOLD)
    moved, shortfall = FRONTIER_COLUMNS[2].header(lang), FRONTIER_COLUMNS[1].header(lang)
    last = sh.table(
        start + 1,
        [Col(moved, Unit.COUNT), Col(shortfall, Unit.SHARE)],
        [(p.staff_moved, p.max_shortfall) for p in frontier.pareto],
    )

    chart = ScatterChart()
    chart.title = text('Equity against moves', lang)
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


def _scenarios(book: Workbook, comparison: Comparison, lang: Lang) -> None:
    columns = (
        Column(SCENARIO, lambda o: o.name),
        Column(N_('Title'), lambda o: o.applied.scenario.title),
        Column(
            N_('Description'), lambda o: (o.applied.scenario.spec.description or "").strip(), width=60
        ),
        Column(N_('File'), lambda o: o.applied.scenario.source),
        Column(N_('Structure'), lambda o: o.applied.scenario.spec.structure or ""),
        Column(N_('Status'), lambda o: STATUS[o.result.status](lang)),
        Column(N_('Run id'), lambda o: o.run_id, Unit.COUNT),
        Column(N_('Inputs hash (sha256)'), lambda o: o.inputs_hash, width=20),
        Column(N_('Solver'), lambda o: o.result.solver),
        Column(N_('Parameters'), lambda o: json.dumps(o.applied.params.model_dump(mode="json")), width=60),
        Column(N_('Scenario file'), lambda o: o.applied.scenario.text, width=80),
    )
    sh = _table(book, SHEETS["scenarios"](lang), columns, comparison.outcomes, lang)
    for row in sh.ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP


def _method(book: Workbook, lang: Lang) -> None:
    sh = add_sheet(book, SHEETS["method"](lang), lang)
    sh.ws.column_dimensions["A"].width = 110
    lines = METHOD[lang]
    sh.title(1, lines[0])
    for n, text in enumerate(lines[1:], start=3):
        sh.put(n, 1, text).alignment = WRAP
