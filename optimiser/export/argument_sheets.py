"""The comparison workbook's sheets for the consultation: its arguments per option, and coverage per district.

`add_argument_sheets(book, comparison, lang)` adds two sheets to a comparison workbook (the integrator calls it
from `optimiser.export.comparison_book.write_comparison`):

* Argumenter — one row per figure of `optimiser.figures.ARGUMENTS`, one column per option (today first), and
  notes on how each is measured (docs/method.md), whether today's contacts were supplied, and which daycare
  clusters an option splits;
* Bydele — coverage per district (`bydel`, the same institutions in every structure) and profession, today and
  in every option, with the districts' demand; one line per district for all professions together first.

`district_totals` and `argument_rows` are the same tables as plain data, for the command line.
"""

from __future__ import annotations

import math
from collections import defaultdict

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from optimiser import i18n
from optimiser.comparison import CURRENT, Comparison, DistrictRow, KpiRow
from optimiser.domain import readable
from optimiser.export.style import BOLD, WRAP, Col, Num, Sheet, add_sheet, colour_scale
from optimiser.figures import ARGUMENTS, Unit
from optimiser.i18n import N_, text
from optimiser.names import Names
from optimiser.problems import Lang
from optimiser.vocabulary import PROFESSION, TODAY

SHEETS = {"arguments": N_("Arguments"), "districts": N_("Districts")}
ALL_PROFESSIONS = N_("All professions")
DISTRICT = N_("District")
NO_CONTACTS = N_(
    "Today's contacts were not supplied (sheet Kontakter), so contacts changed are not shown: the tool does not "
    "invent them."
)
NOTES: tuple[str, ...] = (
    N_("How the arguments are measured"),
    N_(
        "Team size: FTE (staff and new posts) and people (staff; a new post counts as one person per started "
        "FTE) per team: smallest, median, largest."
    ),
    N_("Alone in the profession: teams × professions with demand that hold one person or nobody."),
    N_(
        "Double staffing: each person is away on a given day with probability q (Parametre: "
        "fravær_sandsynlighed, here {q}), independently; a team with n people of a profession has nobody "
        "present with probability qⁿ (1 with nobody). Largest and mean over the teams × professions with demand."
    ),
    N_("Institutions per contact person: over the people who are primary contact in the plan."),
    N_(
        "Daycare clusters (Institutioner: klynge_id) split across teams: the structure's teams are data, so this "
        "is a check of each structure, not a rule the optimiser enforces."
    ),
    N_(
        "Distance: straight-line km from the team's base (its coordinates on sheet Teams, else the "
        "children-weighted centre of its institutions) to each of its institutions with coordinates "
        "(Institutioner: bredde, længde); mean over all institutions and the longest. A dash: no coordinates."
    ),
    N_(
        "Contacts changed: today's contacts (sheet Kontakter) that the option breaks. Staff start in a structure "
        "where sheet Startteams says; without a row, in the structure's team holding most of the children of "
        "their team (the start rule)."
    ),
    N_("Districts: every figure also per district (Institutioner: bydel), the same institutions in every option."),
)
HEADER_HEIGHT = 32  # points: two lines of header text
SPLIT = N_("{option}: clusters split: {clusters}")


def _option(row: KpiRow, lang: Lang) -> str:
    return text(TODAY, lang) if row.scenario == CURRENT else row.title or readable(row.scenario)


def argument_rows(comparison: Comparison, lang: Lang) -> tuple[list[str], list[list[str]]]:
    """The arguments as text: headers (figure, then the options) and one row per figure."""
    rows = [comparison.current, *comparison.kpis]
    headers = [text(N_("Figure"), lang), *(_option(r, lang) for r in rows)]
    table = [[f.title(lang), *(f.show(getattr(r, f.row), lang) for r in rows)] for f in ARGUMENTS]
    return headers, table


def district_totals(comparison: Comparison) -> dict[str, dict[str, tuple[float, float]]]:
    """District -> option (scenario name, `CURRENT` for today) -> (demand, practice-near supply), all professions
    together; districts in the order the comparison lists them."""
    out: dict[str, dict[str, tuple[float, float]]] = defaultdict(dict)
    for r in comparison.districts:
        demand, supply = out[r.district_id].get(r.scenario, (0.0, 0.0))
        out[r.district_id][r.scenario] = (demand + r.demand_fte, supply + r.supply_fte)
    return dict(out)


def district_names(comparison: Comparison) -> dict[str, str]:
    return {r.district_id: r.district_name for r in comparison.districts}


def add_argument_sheets(book: Workbook, comparison: Comparison, lang: Lang = "da", names: Names | None = None) -> None:
    """Add the sheets Argumenter and Bydele to a comparison workbook."""
    names = names or Names.of(comparison.base)
    _arguments(book, comparison, lang)
    _districts(book, comparison, names, lang)


def _arguments(book: Workbook, comparison: Comparison, lang: Lang) -> None:
    sh = add_sheet(book, text(SHEETS["arguments"], lang), lang)
    top = sh.title(1, text(N_("The consultation's arguments per option"), lang), comparison.book)
    rows = [comparison.current, *comparison.kpis]
    columns = [Col(text(N_("Figure"), lang), width=52), *(Col(_option(r, lang), Unit.TEXT, 22) for r in rows)]
    table = [[f.title(lang), *(Num(getattr(r, f.row), f.unit) for r in rows)] for f in ARGUMENTS]
    line = sh.table(top, columns, table, freeze=True) + 2
    sh.ws.row_dimensions[top].height = HEADER_HEIGHT  # options' titles wrap onto two lines
    widths = [c.width or 22 for c in columns]
    base = comparison.base
    notes: list[tuple[str, bool]] = []
    if base is not None and not base.contacts:
        notes.append((text(NO_CONTACTS, lang), False))
    q = base.parameters.absence_probability if base is not None else 0.15
    notes.append((text(NOTES[0], lang), True))
    notes += [(text(msgid, lang, q=i18n.percent(q, 0, lang)), False) for msgid in NOTES[1:]]
    for r in comparison.kpis:
        if r.clusters_split:
            split = ", ".join(_split_clusters(comparison, r))
            notes.append((text(SPLIT, lang, option=_option(r, lang), clusters=split), False))
    for words, bold in notes:
        _note(sh, line, widths, words, bold)
        line += 1


NOTE_WIDTH = 100  # characters: a note spans the first columns up to this width, so it prints on the first page


def _note(sh: Sheet, row: int, widths: list[int], words: str, bold: bool) -> None:
    """A line of text over the table's first columns (at most NOTE_WIDTH wide, or the first column where that
    alone is wider), wrapped, its row as high as the text needs."""
    span, width = 1, widths[0]
    while span < len(widths) and width + widths[span] <= NOTE_WIDTH:
        width += widths[span]
        span += 1
    cell = sh.put(row, 1, words, font=BOLD if bold else None)
    cell.alignment = WRAP
    if span > 1:
        sh.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=span)
    sh.ws.row_dimensions[row].height = 15 * max(1, math.ceil(len(words) / (width * 1.1)))


def _split_clusters(comparison: Comparison, row: KpiRow) -> list[str]:
    """The clusters whose institutions lie in more than one team of the option (from the institution rows)."""
    base = comparison.base
    if base is None:
        return []
    team = {i.institution_id: i.team_id for i in comparison.institutions if i.scenario == row.scenario}
    teams: dict[str, set[str]] = defaultdict(set)
    for inst in base.institutions:
        if inst.cluster_id is not None and inst.id in team:
            teams[inst.cluster_id].add(team[inst.id])
    return [c for c, ts in teams.items() if len(ts) > 1]


def _districts(book: Workbook, comparison: Comparison, names: Names, lang: Lang) -> None:
    sh = add_sheet(book, text(SHEETS["districts"], lang), lang)
    top = sh.title(
        1,
        text(N_("Coverage per district"), lang),
        text(N_("Practice-near FTE / demand; the same institutions in every option."), lang),
    )
    options = [comparison.current, *comparison.kpis]
    columns = [
        Col(text(DISTRICT, lang), width=26),
        Col(text(PROFESSION, lang), width=24),
        Col(text(N_("Demand (practice-near FTE)"), lang), Unit.FTE),
        *(Col(_option(r, lang), Unit.SHARE, 22) for r in options),
    ]
    by_key: dict[tuple[str, str, str], DistrictRow] = {
        (r.district_id, r.profession, r.scenario): r for r in comparison.districts
    }
    totals, shown = district_totals(comparison), district_names(comparison)
    table: list[list[object]] = []
    for district, per_option in totals.items():
        demand = per_option.get(CURRENT, (0.0, 0.0))[0]
        cover = [_share(*per_option.get(r.scenario, (0.0, 0.0))) for r in options]
        table.append([shown[district], text(ALL_PROFESSIONS, lang), demand, *cover])
        professions = dict.fromkeys(p for d, p, _ in by_key if d == district)
        for profession in professions:
            now = by_key.get((district, profession, CURRENT))
            cells = [by_key.get((district, profession, r.scenario)) for r in options]
            table.append(
                [
                    shown[district],
                    names.profession(profession),
                    now.demand_fte if now else None,
                    *(c.coverage if c else None for c in cells),
                ]
            )
    last = sh.table(top, columns, table, freeze=True, autofilter=True)
    sh.ws.row_dimensions[top].height = HEADER_HEIGHT
    for n, values in enumerate(table, start=top + 1):
        if values[1] == text(ALL_PROFESSIONS, lang):  # a district's line for all professions stands out
            for column in range(1, len(columns) + 1):
                sh.ws.cell(row=n, column=column).font = BOLD
    if last > top:
        colour_scale(sh.ws, f"D{top + 1}:{get_column_letter(3 + len(options))}{last}")


def _share(demand: float, supply: float) -> float | None:
    return supply / demand if demand > 0 else None
