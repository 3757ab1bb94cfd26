"""The comparison workbook: the committee's side-by-side figures, written with openpyxl (opens in Excel and
LibreOffice).

Sheets: Oversigt (KPIs, scenarios side by side, and a chart of the largest shortfall), Teams and
Institutioner (winners and losers against the current allocation), Flytninger (who moves where), Ændringer
(what each scenario's changes did), Afvejning (the trade-off curve as data and a scatter chart), Scenarier
(each scenario's file, parameters, inputs hash and run id) and Metode (how to read the figures). Numbers are
written as numbers with formats (%, FTE, DKK), so they can be sorted, filtered and charted.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference, ScatterChart, Series
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from optimiser.io.columns import NUMBER_FORMATS, Kind
from optimiser.problems import Lang
from scenarios.compare import CURRENT, Comparison, KpiRow

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
PERCENT = "0.0%"
FTE = NUMBER_FORMATS[Kind.FTE]
MONEY = NUMBER_FORMATS[Kind.MONEY]
COUNT = NUMBER_FORMATS[Kind.INT]


def _t(da: str, en: str) -> dict[Lang, str]:
    return {"da": da, "en": en}


SHEETS: dict[str, dict[Lang, str]] = {
    "overview": _t("Oversigt", "Overview"),
    "teams": _t("Teams", "Teams"),
    "institutions": _t("Institutioner", "Institutions"),
    "moves": _t("Flytninger", "Moves"),
    "effects": _t("Ændringer", "Changes"),
    "frontier": _t("Afvejning", "Trade-off"),
    "scenarios": _t("Scenarier", "Scenarios"),
    "method": _t("Metode", "Method"),
}


@dataclass(frozen=True)
class Col:
    """A column of a table sheet: header, how to get the value from a row, number format, width."""

    header: dict[Lang, str]
    value: Callable[[Any], object]
    number_format: str | None = None
    width: int = 14


STATUS: dict[str, dict[Lang, str]] = {
    "current": _t("i dag", "today"),
    "optimal": _t("optimal", "optimal"),
    "feasible": _t("gyldig", "feasible"),
    "timeout": _t("tidsgrænse nået", "time limit reached"),
    "infeasible": _t("umulig", "infeasible"),
    "invalid": _t("fejl", "invalid"),
}
BOOK_STRUCTURE = _t("arbejdsbogens", "the book's")

# The KPI table: one row per figure, one column per scenario.
KPIS: tuple[tuple[dict[Lang, str], Callable[[KpiRow, Lang], object], str | None], ...] = (
    (_t("Scenarie", "Scenario"), lambda r, lang: r.scenario, None),
    (_t("Struktur", "Structure"), lambda r, lang: r.structure or BOOK_STRUCTURE[lang], None),
    (_t("Status", "Status"), lambda r, lang: STATUS.get(r.status, {}).get(lang, r.status), None),
    (_t("Antal teams", "Teams"), lambda r, lang: r.teams, COUNT),
    (_t("Største relative underdækning", "Largest relative shortfall"), lambda r, lang: r.max_shortfall, PERCENT),
    (_t("Gennemsnitlig relativ underdækning", "Mean relative shortfall"), lambda r, lang: r.mean_shortfall, PERCENT),
    (
        _t("Variationskoefficient for dækning", "Coefficient of variation of coverage"),
        lambda r, lang: r.cv_coverage,
        PERCENT,
    ),
    (_t("Medarbejdere, der skifter team", "Staff changing team"), lambda r, lang: r.staff_moved, COUNT),
    (
        _t("Institutioner med ny kontaktperson", "Institutions with a new contact"),
        lambda r, lang: r.contacts_changed,
        COUNT,
    ),
    (_t("Mindste team (årsværk)", "Smallest team (FTE)"), lambda r, lang: r.team_min_fte, FTE),
    (_t("Største team (årsværk)", "Largest team (FTE)"), lambda r, lang: r.team_max_fte, FTE),
    (_t("Årsværk i alt", "FTE in all"), lambda r, lang: r.fte, FTE),
    (_t("Nye stillinger (årsværk)", "New posts (FTE)"), lambda r, lang: r.new_posts_fte, FTE),
    (_t("Nye stillinger (kr. pr. år)", "New posts (DKK a year)"), lambda r, lang: r.new_posts_cost_dkk, MONEY),
    (_t("Omkostning (kr. pr. år)", "Cost (DKK a year)"), lambda r, lang: r.cost_dkk, MONEY),
    (
        _t("Forskel fra i dag (kr. pr. år)", "Difference from today (DKK a year)"),
        lambda r, lang: r.cost_delta_dkk,
        MONEY,
    ),
    (_t("Omkostning pr. barn (kr.)", "Cost per child (DKK)"), lambda r, lang: r.cost_per_child_dkk, MONEY),
    (_t("Teams, der får flere årsværk", "Teams gaining FTE"), lambda r, lang: r.teams_gaining, COUNT),
    (_t("Teams, der får færre årsværk", "Teams losing FTE"), lambda r, lang: r.teams_losing, COUNT),
    (_t("Institutioner, der får mere", "Institutions gaining"), lambda r, lang: r.institutions_gaining, COUNT),
    (_t("Institutioner, der får mindre", "Institutions losing"), lambda r, lang: r.institutions_losing, COUNT),
    (_t("Regnetid (sekunder)", "Solve time (seconds)"), lambda r, lang: r.seconds, "0.0"),
    (_t("Kørsel nr. (runs show)", "Run id (runs show)"), lambda r, lang: r.run_id, None),
)
CHANGE = "+0.00;-0.00;0.00"  # a change with its sign

TEAM_COLUMNS = (
    Col(_t("Scenarie", "Scenario"), lambda r: r.scenario, width=24),
    Col(_t("Team", "Team"), lambda r: r.team_id, width=24),
    Col(_t("Teamnavn", "Team name"), lambda r: r.team_name, width=28),
    Col(_t("Område", "Area"), lambda r: r.area_id, width=24),
    Col(_t("Børn", "Children"), lambda r: r.children, COUNT, 9),
    Col(_t("Behov (praksisnære årsværk)", "Demand (practice-near FTE)"), lambda r: r.demand_fte, FTE),
    Col(_t("I dag (årsværk)", "Today (FTE)"), lambda r: r.current_fte, FTE),
    Col(_t("I scenariet (årsværk)", "In the scenario (FTE)"), lambda r: r.new_fte, FTE),
    Col(_t("Ændring (årsværk)", "Change (FTE)"), lambda r: r.change_fte, CHANGE),
    Col(_t("Dækning i dag", "Coverage today"), lambda r: r.current_coverage, PERCENT),
    Col(_t("Dækning i scenariet", "Coverage in the scenario"), lambda r: r.new_coverage, PERCENT),
    Col(_t("Omkostning (kr. pr. år)", "Cost (DKK a year)"), lambda r: r.cost_dkk, MONEY, 16),
    Col(_t("Kr. pr. barn", "DKK per child"), lambda r: r.cost_per_child_dkk, MONEY),
)
INSTITUTION_COLUMNS = (
    Col(_t("Scenarie", "Scenario"), lambda r: r.scenario, width=24),
    Col(_t("Institution", "Institution"), lambda r: r.institution_id, width=12),
    Col(_t("Navn", "Name"), lambda r: r.name, width=34),
    Col(_t("Type", "Type"), lambda r: r.type, width=11),
    Col(_t("Team i dag", "Team today"), lambda r: r.current_team_id, width=24),
    Col(_t("Team i scenariet", "Team in the scenario"), lambda r: r.team_id, width=24),
    Col(_t("I dag (praksisnære årsværk)", "Today (practice-near FTE)"), lambda r: r.current_fte, FTE),
    Col(_t("I scenariet", "In the scenario"), lambda r: r.new_fte, FTE),
    Col(_t("Ændring", "Change"), lambda r: r.change_fte, CHANGE),
)
MOVE_COLUMNS = (
    Col(_t("Scenarie", "Scenario"), lambda r: r.scenario, width=24),
    Col(_t("Medarbejder", "Staff member"), lambda r: r.staff_id, width=13),
    Col(_t("Faggruppe", "Profession"), lambda r: r.profession, width=22),
    Col(_t("Årsværk", "FTE"), lambda r: r.fte, FTE, 9),
    Col(_t("Team i arbejdsbogen", "Team in the book"), lambda r: r.book_team_id or "–", width=24),
    Col(_t("Starter i", "Starts in"), lambda r: r.start_team_id, width=24),
    Col(_t("Nyt team", "New team"), lambda r: r.team_id, width=24),
)
EFFECT_COLUMNS = (
    Col(_t("Scenarie", "Scenario"), lambda r: r[0], width=24),
    Col(_t("Handling", "Action"), lambda r: r[1].action, width=10),
    Col(_t("Medarbejder", "Staff member"), lambda r: r[1].staff_id, width=13),
    Col(_t("Faggruppe", "Profession"), lambda r: r[1].profession, width=22),
    Col(_t("Team", "Team"), lambda r: r[1].team_id, width=24),
    Col(_t("Årsværk", "FTE"), lambda r: r[1].fte, FTE, 9),
)
FRONTIER_COLUMNS = (
    Col(_t("Tolerance", "Tolerance"), lambda r: r[0].tolerance, PERCENT, 11),
    Col(_t("Største relative underdækning", "Largest relative shortfall"), lambda r: r[0].max_shortfall, PERCENT, 16),
    Col(_t("Medarbejdere, der skifter team", "Staff changing team"), lambda r: r[0].staff_moved, COUNT, 16),
    Col(_t("Samlet underdækning (årsværk)", "Total shortfall (FTE)"), lambda r: r[0].total_shortfall_fte, FTE, 16),
    Col(_t("Status", "Status"), lambda r: r[0].status, width=10),
    Col(_t("På fronten", "On the frontier"), lambda r: r[1], width=11),
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


def write_comparison(comparison: Comparison, path: str | Path, lang: Lang = "da") -> None:
    """Write the comparison workbook to `path`."""
    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    _overview(book, comparison, lang)
    _table(book, SHEETS["teams"][lang], TEAM_COLUMNS, comparison.teams, lang)
    _table(book, SHEETS["institutions"][lang], INSTITUTION_COLUMNS, comparison.institutions, lang)
    _table(book, SHEETS["moves"][lang], MOVE_COLUMNS, comparison.moves, lang)
    effects = [(o.name, e) for o in comparison.outcomes for e in o.applied.effects]
    _table(book, SHEETS["effects"][lang], EFFECT_COLUMNS, effects, lang)
    if comparison.frontier is not None:
        _frontier(book, comparison, lang)
    _scenarios(book, comparison, lang)
    _method(book, lang)
    book.save(path)


def _table(book: Workbook, title: str, columns: Sequence[Col], rows: Sequence[Any], lang: Lang) -> Any:
    """A sheet with one bold, frozen, filterable header row and one row per item."""
    ws = book.create_sheet(title)
    ws.append([c.header[lang] for c in columns])
    for n, column in enumerate(columns, start=1):
        ws.cell(1, n).font = BOLD
        ws.cell(1, n).alignment = WRAP
        ws.column_dimensions[get_column_letter(n)].width = column.width
    for row in rows:
        ws.append([c.value(row) for c in columns])
    for n, column in enumerate(columns, start=1):
        if column.number_format:
            for (cell,) in ws.iter_rows(min_row=2, min_col=n, max_col=n):
                cell.number_format = column.number_format
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    return ws


def _overview(book: Workbook, comparison: Comparison, lang: Lang) -> None:
    ws = book.create_sheet(SHEETS["overview"][lang])
    ws["A1"] = _t("Sammenligning af scenarier", "Comparison of scenarios")[lang]
    ws["A1"].font = TITLE
    when = comparison.created_at.strftime("%Y-%m-%d %H:%M UTC")
    ws["A2"] = f"{_t('Arbejdsbog', 'Workbook')[lang]}: {comparison.book} · {when}"
    rows = [comparison.current, *comparison.kpis]
    header_row = 4
    ws.cell(header_row, 1, _t("Nøgletal", "Figure")[lang]).font = BOLD
    for c, row in enumerate(rows, start=2):
        title = _t("I dag", "Today")[lang] if row.scenario == CURRENT else row.title
        cell = ws.cell(header_row, c, title)
        cell.font = BOLD
        cell.alignment = WRAP
        ws.column_dimensions[get_column_letter(c)].width = 18
    ws.column_dimensions["A"].width = 40
    for r, (label, value, number_format) in enumerate(KPIS, start=header_row + 1):
        ws.cell(r, 1, label[lang])
        for c, row in enumerate(rows, start=2):
            cell = ws.cell(r, c, value(row, lang))
            if number_format and cell.value is not None:
                cell.number_format = number_format
    ws.freeze_panes = ws.cell(header_row + 1, 2)

    # The largest shortfall per scenario as a bar chart (the committee's first question).
    shortfall_row = header_row + 1 + next(n for n, k in enumerate(KPIS) if k[0]["en"] == "Largest relative shortfall")
    chart = BarChart()
    chart.title = _t("Største relative underdækning", "Largest relative shortfall")[lang]
    chart.y_axis.number_format = "0%"
    chart.y_axis.title = _t("Underdækning", "Shortfall")[lang]
    chart.add_data(Reference(ws, min_col=2, max_col=len(rows) + 1, min_row=shortfall_row), from_rows=True)
    chart.set_categories(Reference(ws, min_col=2, max_col=len(rows) + 1, min_row=header_row))
    chart.legend = None
    chart.width, chart.height = 24, 9
    ws.add_chart(chart, f"A{header_row + len(KPIS) + 3}")


def _frontier(book: Workbook, comparison: Comparison, lang: Lang) -> None:
    frontier = comparison.frontier
    assert frontier is not None
    on = set(frontier.pareto)
    yes, no = ("ja", "nej") if lang == "da" else ("yes", "no")
    rows = [(p, yes if p in on else no) for p in frontier.points]
    ws = _table(book, SHEETS["frontier"][lang], FRONTIER_COLUMNS, rows, lang)
    ws.cell(1, len(FRONTIER_COLUMNS) + 2, _t("Scenarie", "Scenario")[lang]).font = BOLD
    ws.cell(2, len(FRONTIER_COLUMNS) + 2, frontier.scenario)

    # The frontier itself, fewest moves first, as the series the chart draws.
    start = len(rows) + 4
    ws.cell(start, 1, _t("Fronten", "The frontier")[lang]).font = BOLD
    ws.cell(start + 1, 1, FRONTIER_COLUMNS[2].header[lang]).font = BOLD
    ws.cell(start + 1, 2, FRONTIER_COLUMNS[1].header[lang]).font = BOLD
    for n, point in enumerate(frontier.pareto, start=start + 2):
        ws.cell(n, 1, point.staff_moved).number_format = COUNT
        ws.cell(n, 2, point.max_shortfall).number_format = PERCENT
    last = start + 1 + len(frontier.pareto)

    chart = ScatterChart()
    chart.title = _t("Lighed mod flytninger", "Equity against moves")[lang]
    chart.style = 13
    chart.x_axis.title = FRONTIER_COLUMNS[2].header[lang]
    chart.y_axis.title = FRONTIER_COLUMNS[1].header[lang]
    chart.y_axis.number_format = "0%"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    xs = Reference(ws, min_col=1, min_row=start + 2, max_row=max(last, start + 2))
    ys = Reference(ws, min_col=2, min_row=start + 1, max_row=max(last, start + 2))
    series = Series(ys, xs, title_from_data=True)
    series.marker.symbol = "circle"
    series.marker.size = 7
    series.smooth = False  # straight steps between frontier points, not a fitted curve
    chart.series.append(series)
    chart.legend = None
    chart.width, chart.height = 20, 11
    ws.add_chart(chart, f"H{start}")


def _scenarios(book: Workbook, comparison: Comparison, lang: Lang) -> None:
    columns = (
        Col(_t("Scenarie", "Scenario"), lambda o: o.name, width=24),
        Col(_t("Titel", "Title"), lambda o: o.applied.scenario.title, width=30),
        Col(_t("Beskrivelse", "Description"), lambda o: (o.applied.scenario.spec.description or "").strip(), width=60),
        Col(_t("Fil", "File"), lambda o: o.applied.scenario.source, width=30),
        Col(_t("Struktur", "Structure"), lambda o: o.applied.scenario.spec.structure or "", width=16),
        Col(_t("Status", "Status"), lambda o: STATUS[o.result.status][lang], width=10),
        Col(_t("Kørsel nr.", "Run id"), lambda o: o.run_id, width=9),
        Col(_t("Input-hash (sha256)", "Inputs hash (sha256)"), lambda o: o.inputs_hash, width=20),
        Col(_t("Løser", "Solver"), lambda o: o.result.solver, width=22),
        Col(_t("Parametre", "Parameters"), lambda o: json.dumps(o.applied.params.model_dump(mode="json")), width=60),
        Col(_t("Scenariefil", "Scenario file"), lambda o: o.applied.scenario.text, width=80),
    )
    ws = _table(book, SHEETS["scenarios"][lang], columns, comparison.outcomes, lang)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP


def _method(book: Workbook, lang: Lang) -> None:
    ws = book.create_sheet(SHEETS["method"][lang])
    ws.column_dimensions["A"].width = 110
    lines = METHOD[lang]
    ws["A1"] = lines[0]
    ws["A1"].font = TITLE
    for n, text in enumerate(lines[1:], start=3):
        ws.cell(n, 1, text).alignment = WRAP
