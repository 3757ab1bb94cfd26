"""The results workbook: one solve as a spreadsheet a budget officer or area manager can read, print and filter.

Sheets: Sammendrag (status, key figures today, after the plan and the difference, stages), Dækning (team ×
profession coverage, colour scale), Dækningsdiagram, Behov og udbud (demand and supply per team and
profession), Teams (composition and size), Teamdiagram, Medarbejdere (who goes where), Institutioner (FTE and
contact per profession), Omkostninger (cost per team and profession, new posts), Omkostningsdiagram, Metode (the
need model in plain words, professions, weights, indicators) and Teknisk bilag (the run's parameters, solver,
versions and the inputs' hash). One table per sheet, so its repeated print header is its own; a chart on a
sheet of its own. Numbers are numbers with formats; every text passes through `safe_text`; staff names appear
only where the book has them and `pseudonymise` is off (docs/exports.md).
"""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Callable, Sequence
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import Reference
from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from optimiser import i18n
from optimiser.domain import Instance, Parameters
from optimiser.evaluate import compute_kpis
from optimiser.explain import render
from optimiser.export import figures
from optimiser.export.parameters import parameter_rows
from optimiser.export.pool_sheet import write_pool_sheet
from optimiser.export.robust_sheet import write_robust_sheet
from optimiser.export.style import (
    BOLD,
    MIO_DKK,
    NEW_POSTS_COLOUR,
    NOTE,
    SERIES,
    Col,
    Num,
    Sheet,
    add_sheet,
    bar_chart,
    chart_sheet,
    colour_scale,
    new_book,
)
from optimiser.figures import KPIS, Unit
from optimiser.i18n import N_, text
from optimiser.names import Names
from optimiser.problems import Lang
from optimiser.reference import describe
from optimiser.results import Kpis, SolveResult
from optimiser.robust import RobustReport
from optimiser.vocabulary import AREA, NEW_POSTS, PROFESSION, TEAM, TODAY, TOTAL, stage, status, yes_no

SHEETS = {
    "summary": N_("Summary"),
    "coverage": N_("Coverage"),
    "coverage_chart": N_("Coverage chart"),
    "supply": N_("Demand and supply"),
    "teams": N_("Teams"),
    "teams_chart": N_("Teams chart"),
    "staff": N_("Staff"),
    "institutions": N_("Institutions"),
    "contacts": N_("Contacts"),
    "costs": N_("Costs"),
    "costs_chart": N_("Cost chart"),
    "method": N_("Method"),
    "appendix": N_("Technical appendix"),
}
AFTER = N_("After the plan")
CHART_NOTE = N_("The chart's figures are on the sheet {sheet}.")
DIFFERENCE = N_("Difference")
NO_PLAN = N_("No plan: see Summary.")


def book_sha256(path: str | Path) -> str:
    """The sha256 of a file's bytes: the inputs' hash the Metode sheet records."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def write_result_book(
    instance: Instance,
    result: SolveResult,
    path: str | Path,
    *,
    pseudonymise: bool = False,
    lang: Lang = "da",
    inputs_sha256: str | None = None,
    extra: Callable[[Workbook], None] | None = None,
    robust: RobustReport | None = None,
) -> None:
    """Write the results workbook of `result` (solved from `instance`) to `path`; `extra` adds sheets before
    Metode (a transition plan's steps, `optimiser.export.phase`); with `robust`, a robustness sweep's sheet too
    (`optimiser.export.robust_sheet`)."""
    names = Names.of(instance, pseudonymise=pseudonymise)
    book = new_book()
    _summary(book, instance, result, lang)
    _coverage(book, result, names, lang)
    _teams(book, instance, result, names, lang)
    _staff(book, instance, result, names, lang)
    _institutions(book, instance, result, names, lang)
    _costs(book, instance, result, names, lang)
    if result.pools:  # the specialist pools' coverage over their catchments (`optimiser.pools`)
        write_pool_sheet(book, instance, result, names, lang)
    if extra is not None:
        extra(book)
    if robust is not None:
        write_robust_sheet(book, robust, names, lang)
    _method(book, instance, names, lang)
    _appendix(book, instance, result, names, lang, inputs_sha256)
    book.save(Path(path))


def _chart_note(sheet: str, lang: Lang) -> str:
    return text(CHART_NOTE, lang, sheet=text(SHEETS[sheet], lang))


def _sheet(book: Workbook, key: str, lang: Lang) -> Sheet:
    return add_sheet(book, text(SHEETS[key], lang), lang)


def _today(instance: Instance, result: SolveResult) -> Kpis | None:
    """The key figures of the staff where they are today (in the plan's structure), under the run's parameters:
    the Sammendrag's today column (None when the run's parameters do not read back)."""
    try:
        params = Parameters.model_validate(result.parameters)
        return compute_kpis(instance, params, {s.id: s.current_team_id for s in instance.staff}, (), ())
    except (ValidationError, KeyError):
        return None


def _summary(book: Workbook, instance: Instance, result: SolveResult, lang: Lang) -> None:
    sh = _sheet(book, "summary", lang)
    row = sh.title(
        1,
        text("District teams – allocation result", lang),
        text(
            "Made {date}. Practice-near FTE, DKK per year; shares in per cent.", lang, date=i18n.day(date.today(), lang)
        ),
    )
    value = text("Value", lang)
    run = [
        (text("Status", lang), status(result.status, lang)),
        (text("Gap to proven optimum", lang), Num(result.gap, Unit.SHARE)),
        (text("Solving time (seconds)", lang), Num(round(result.seconds, 1), Unit.NUMBER)),
        (text("Solver", lang), result.solver),
        (text("Measured against", lang), describe(result.reference, lang)),
        (text("Staff", lang), Num(len(result.assignments), Unit.COUNT)),
        (text("Teams", lang), Num(len(figures.team_ids(result)), Unit.COUNT)),
    ]
    row = sh.table(row, [Col(text("Run", lang), width=44), Col(value, width=24)], run) + 2
    if result.kpis is not None:
        kpis, today = result.kpis, _today(instance, result)

        def change(field: str) -> float | None:
            now, before = getattr(kpis, field), getattr(today, field) if today else None
            return None if now is None or before is None else now - before  # None: not known (no Kontakter)

        rows = [
            (
                f.title(lang),
                Num(getattr(today, f.field), f.unit) if today else None,
                Num(getattr(kpis, f.field), f.unit),
                Num(change(f.field), f.unit),
            )
            for f in KPIS
        ]
        figures_cols = [
            Col(text("Key figure", lang), width=44),
            Col(text(TODAY, lang), width=18),
            Col(text(AFTER, lang), width=18),
            Col(text(DIFFERENCE, lang), width=18),
        ]
        row = sh.table(row, figures_cols, rows) + 2
    stages = [
        (
            label,
            status(s.status, lang),
            Num(s.objective, unit),
            Num(s.bound, unit),
            Num(round(s.seconds, 1), Unit.NUMBER),
        )
        for s in result.stages
        for label, unit in [stage(s.name, lang)]
    ]
    stage_cols = [
        Col(text("Stage (objective)", lang)),
        Col(text("Status", lang)),
        Col(text("Objective", lang)),
        Col(text("Proven bound", lang)),
        Col(text("Seconds", lang)),
    ]
    row = sh.table(row, stage_cols, stages) + 2
    sh.put(row, 1, text("Explanation", lang), font=BOLD)
    row += 1
    for line in render(result.explanation, lang):
        sh.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        row = sh.wrapped(row, line, 44, span=44 + 18 * 4)


def _coverage(book: Workbook, result: SolveResult, names: Names, lang: Lang) -> None:
    sh = _sheet(book, "coverage", lang)
    row = sh.title(
        1,
        text("Coverage per team and profession", lang),
        text(
            "Coverage = practice-near supply ÷ demand. Green from 100 %, yellow at 90 %, red at 75 % and below.", lang
        ),
    )
    if not result.coverage:
        sh.put(row, 1, text(NO_PLAN, lang))
        return
    profs = figures.professions(result)
    pairs = figures.coverage_by_pair(result)
    teams = figures.team_coverage(result)
    after, before = N_("All, after the plan"), N_("All, today")
    columns = [
        Col(text(TEAM, lang)),
        Col(text(AREA, lang)),
        *(Col(names.profession(p), Unit.SHARE) for p in profs),
        Col(text(after, lang), Unit.SHARE),
        Col(text(before, lang), Unit.SHARE),
    ]
    rows = [
        [
            names.team(t.team_id),
            names.area_of(t.team_id),
            *(pairs[t.team_id, p].coverage if (t.team_id, p) in pairs else None for p in profs),
            t.coverage,
            t.current_coverage,
        ]
        for t in teams
    ]
    top = row
    last = sh.table(top, columns, rows, freeze=True)
    colour_scale(sh.ws, f"C{top + 1}:{get_column_letter(len(columns))}{last}")

    chart = bar_chart(
        text("Coverage per team, all professions", lang),
        Reference(sh.ws, min_col=len(columns) - 1, max_col=len(columns), min_row=top, max_row=last),
        Reference(sh.ws, min_col=1, min_row=top + 1, max_row=last),
        unit=Unit.SHARE,
        category_title=text(TEAM, lang),
        value_title=text("Coverage (practice-near supply ÷ demand)", lang),
        lang=lang,
        count=len(rows),
    )
    chart_sheet(book, text(SHEETS["coverage_chart"], lang), _chart_note("coverage", lang), [chart], lang)

    sh = _sheet(book, "supply", lang)
    top = sh.title(1, text("Demand and supply (practice-near FTE)", lang))
    detail = [
        Col(text(TEAM, lang)),
        Col(text(AREA, lang)),
        Col(text(PROFESSION, lang)),
        Col(text("Demand (FTE)", lang), Unit.FTE),
        Col(text("Supply after the plan", lang), Unit.FTE),
        Col(text("Supply today", lang), Unit.FTE),
        Col(text("Coverage after the plan", lang), Unit.SHARE),
        Col(text("Coverage today", lang), Unit.SHARE),
        Col(text("Shortfall (FTE)", lang), Unit.FTE),
    ]
    detail_rows = [
        [
            names.team(c.team_id),
            names.area_of(c.team_id),
            names.profession(c.profession),
            c.demand_fte,
            c.supply_fte,
            c.current_supply_fte,
            c.coverage,
            c.current_supply_fte / c.demand_fte if c.demand_fte > 0 else None,
            max(0.0, c.demand_fte - c.supply_fte),
        ]
        for c in result.coverage
    ]
    last = sh.table(top, detail, detail_rows, freeze=True, freeze_columns=3, autofilter=True)
    colour_scale(sh.ws, f"G{top + 1}:H{last}")


def _teams(book: Workbook, instance: Instance, result: SolveResult, names: Names, lang: Lang) -> None:
    sh = _sheet(book, "teams", lang)
    row = sh.title(
        1,
        text("The teams after the plan", lang),
        text("FTE per profession (staff and new posts); coverage in practice-near FTE.", lang),
    )
    if not result.assignments:
        sh.put(row, 1, text(NO_PLAN, lang))
        return
    profs = [p.id for p in instance.professions]
    comp = figures.composition(instance, result)
    cover = {t.team_id: t for t in figures.team_coverage(result)}
    moved_in, moved_out = figures.moves_in_out(result)
    columns = [
        Col(text(TEAM, lang)),
        Col(text(AREA, lang)),
        *(Col(names.profession(p), Unit.FTE) for p in profs),
        Col(text("New posts (FTE)", lang), Unit.FTE),
        Col(text("Total (FTE)", lang), Unit.FTE),
        Col(text("Staff", lang), Unit.COUNT),
        Col(text("Moving in", lang), Unit.COUNT),
        Col(text("Moving out", lang), Unit.COUNT),
        Col(text("Demand (practice-near FTE)", lang), Unit.FTE),
        Col(text("Supply (practice-near FTE)", lang), Unit.FTE),
        Col(text("Coverage", lang), Unit.SHARE),
        Col(text("Lowest coverage (profession)", lang), Unit.SHARE),
    ]
    rows = []
    teams = figures.team_ids(result)
    for t in teams:
        c = cover.get(t)
        rows.append(
            [
                names.team(t),
                names.area_of(t),
                *(comp.fte.get((t, p), 0.0) + comp.new_posts_fte.get((t, p), 0.0) for p in profs),
                sum(v for (team, _), v in comp.new_posts_fte.items() if team == t),
                comp.team_fte(t),
                comp.heads.get(t, 0),
                moved_in[t],
                moved_out[t],
                c.demand_fte if c else None,
                c.supply_fte if c else None,
                c.coverage if c else None,
                c.lowest if c else None,
            ]
        )
    top = row
    last = sh.table(top, columns, rows, freeze=True)
    colour_scale(sh.ws, f"{get_column_letter(len(columns) - 1)}{top + 1}:{get_column_letter(len(columns))}{last}")
    chart = bar_chart(
        text("FTE per team and profession", lang),
        Reference(sh.ws, min_col=3, max_col=2 + len(profs), min_row=top, max_row=last),
        Reference(sh.ws, min_col=1, min_row=top + 1, max_row=last),
        unit=Unit.FTE,
        category_title=text(TEAM, lang),
        value_title=text("FTE (staff and new posts)", lang),
        lang=lang,
        stacked=True,
        count=len(rows),
    )
    chart_sheet(book, text(SHEETS["teams_chart"], lang), _chart_note("teams", lang), [chart], lang)


def _staff(book: Workbook, instance: Instance, result: SolveResult, names: Names, lang: Lang) -> None:
    sh = _sheet(book, "staff", lang)
    row = sh.title(
        1,
        text("Staff: current and new team", lang),
        text("Names are shown only where the book has them and the result is not pseudonymised.", lang),
    )
    staff = {s.id: s for s in instance.staff}
    with_names = names.has_staff_names
    columns = [
        Col(text("Staff id", lang)),
        *([Col(text("Name", lang))] if with_names else []),
        Col(text(PROFESSION, lang)),
        Col(text("FTE", lang), Unit.FTE),
        Col(text(AREA, lang)),
        Col(text("Current team", lang)),
        Col(text("New team", lang)),
        Col(text("Changes team", lang)),
        Col(text("Locked", lang)),
    ]
    rows = []
    for a in result.assignments:
        member = staff.get(a.staff_id)
        rows.append(
            [
                a.staff_id,
                *([names.staff.get(a.staff_id, "")] if with_names else []),
                names.profession(member.profession) if member else "",
                a.fte,
                names.area(member.area_id) if member else "",
                names.team(a.current_team_id),
                names.team(a.team_id),
                yes_no(a.moved, lang),
                yes_no(a.locked, lang),
            ]
        )
    if not rows:
        sh.put(row, 1, text(NO_PLAN, lang))
        return
    sh.table(row, columns, rows, freeze=True, autofilter=True)


def _institutions(book: Workbook, instance: Instance, result: SolveResult, names: Names, lang: Lang) -> None:
    """Two sheets, one page wide each: the practice-near FTE per institution and profession, and who is each
    institution's contact per profession."""
    sh = _sheet(book, "institutions", lang)
    row = sh.title(
        1,
        text("Institutions: practice-near FTE per profession", lang),
        text("FTE = practice-near FTE the institution gets from its team's profession.", lang),
    )
    contacts = _sheet(book, "contacts", lang)
    contact_row = contacts.title(1, text("Institutions: the contact person per profession", lang))
    if not result.institutions:
        sh.put(row, 1, text(NO_PLAN, lang))
        contacts.put(contact_row, 1, text(NO_PLAN, lang))
        return
    profs = list(dict.fromkeys(a.profession for a in result.institutions))
    cells = {(a.institution_id, a.profession): a for a in result.institutions}
    team = {a.institution_id: a.team_id for a in result.institutions}
    ordered = [i for i in instance.institutions if i.id in team]
    first = [Col(text("Institution", lang)), Col(text(TEAM, lang))]
    # No type column here: with seven professions it would push the table past one page wide.
    fte_cols = [*first, Col(text("Children", lang), Unit.COUNT), *(Col(names.profession(p), Unit.FTE) for p in profs)]
    fte_rows = [
        [
            inst.name,
            names.team(team[inst.id]),
            inst.children,
            *(cells[inst.id, p].fte if (inst.id, p) in cells else None for p in profs),
        ]
        for inst in ordered
    ]
    sh.table(row, fte_cols, fte_rows, freeze=True, autofilter=True)
    contact_cols = [*first, *(Col(names.profession(p)) for p in profs)]
    contact_rows = [
        [
            inst.name,
            names.team(team[inst.id]),
            *(names.person(cells[inst.id, p].contact_staff_id) if (inst.id, p) in cells else "" for p in profs),
        ]
        for inst in ordered
    ]
    contacts.table(contact_row, contact_cols, contact_rows, freeze=True, autofilter=True)


def _costs(book: Workbook, instance: Instance, result: SolveResult, names: Names, lang: Lang) -> None:
    sh = _sheet(book, "costs", lang)
    overhead = float(str(result.parameters.get("overhead_share", instance.parameters.overhead_share)))
    note = (
        text(
            "FTE × annual cost (the person's own if given), plus new posts with a mark-up of {share}.",
            lang,
            share=i18n.percent(overhead, 0, lang),
        )
        if overhead > 0
        else text("FTE × annual cost (the person's own if given), plus new posts.", lang)
    )
    row = sh.title(1, text("Cost per team and profession (DKK per year)", lang), note)
    if not result.assignments:
        sh.put(row, 1, text(NO_PLAN, lang))
        return
    profs = [p.id for p in instance.professions]
    cost = figures.costs(instance, result)
    teams = figures.team_ids(result)
    columns = [
        Col(text(TEAM, lang)),
        Col(text(AREA, lang)),
        *(Col(names.profession(p), Unit.MONEY) for p in profs),
        Col(text(NEW_POSTS, lang), Unit.MONEY),
        Col(text(TOTAL, lang), Unit.MONEY),
    ]

    def line(label: str, area: str, team_ids: Sequence[str]) -> list[object]:
        chosen = set(team_ids)
        by_prof = [sum(v for (t, q), v in cost.staff.items() if t in chosen and q == p) for p in profs]
        posts = sum(v for (t, _), v in cost.new_posts.items() if t in chosen)
        return [label, area, *by_prof, posts, sum(by_prof) + posts]

    rows = [line(names.team(t), names.area_of(t), [t]) for t in teams]
    top = row
    last = sh.table(top, columns, rows, freeze=True)
    total_row = last + 1
    for n, value in enumerate(line(text(TOTAL, lang), "", teams), start=1):
        sh.put(total_row, n, value, columns[n - 1].unit, font=BOLD)
    chart = bar_chart(
        text("Cost per team (DKK per year)", lang),
        Reference(sh.ws, min_col=3, max_col=3 + len(profs), min_row=top, max_row=last),
        Reference(sh.ws, min_col=1, min_row=top + 1, max_row=last),
        unit=Unit.MONEY,
        category_title=text(TEAM, lang),
        value_title=text(MIO_DKK, lang),
        lang=lang,
        stacked=True,
        count=len(rows),
        colours=[*(SERIES[n % len(SERIES)] for n in range(len(profs))), NEW_POSTS_COLOUR],
    )
    chart_sheet(book, text(SHEETS["costs_chart"], lang), _chart_note("costs", lang), [chart], lang)

    row = total_row + 3
    sh.put(row - 1, 1, text(NEW_POSTS, lang), font=BOLD)
    if not result.new_posts:
        sh.put(row, 1, text("No new posts.", lang))
        return
    post_cols = [
        Col(text(TEAM, lang)),
        Col(text(PROFESSION, lang)),
        Col(text("FTE", lang), Unit.FTE),
        Col(text("Cost (DKK a year)", lang), Unit.MONEY),
    ]
    posts = [(names.team(p.team_id), names.profession(p.profession), p.fte, p.cost_dkk) for p in result.new_posts]
    sh.table(row, post_cols, posts)


# The method in a committee's words; the formulas and the run's settings are in the technical appendix.
METHOD_TEXT: tuple[str, ...] = (
    N_(
        "What the figures show: how many of the staff's working hours near the children (practice-near FTE) "
        "each team and each profession has, against what the children's need calls for."
    ),
    N_(
        "Need: every school, daycare and leisure centre counts its children, weighted by the need indicators "
        "below (for instance the share of children with special support). A place with more need than the "
        "municipal average counts for more; no place counts for less than the profession's need floor."
    ),
    N_(
        "Demand: each profession's staff are shared over the institutions in proportion to their need "
        "(or, in norm mode, the profession's norm of children per FTE sets the demand). A team's demand is the sum "
        "over its institutions."
    ),
    N_(
        "Supply: a staff member's FTE times the share of time spent near the children (80 % by default). "
        "Coverage = supply ÷ demand; 100 % means the need is met. Shortfall = the part of the demand not covered."
    ),
    N_(
        "The plan: the tool first makes the worst-covered team and profession as well covered as the staff "
        "allow, then the next worst, and so on; then it lowers the total shortfall; then it moves as few staff "
        "as possible. A move is only made where it buys a stated gain."
    ),
    N_(
        "Checked: every key figure is recomputed from the plan independently of the optimisation, and the "
        "run can be repeated with the settings in the technical appendix."
    ),
    N_("Caveat: the figures are only as good as the book's data: child counts, need indicators and staff."),
)
# The formulas behind the plain words, for the analyst (the technical appendix).
FORMULAS: tuple[str, ...] = (
    N_("Need: for every profession and institution, need = children the profession serves × need multiplier."),
    N_(
        "Need multiplier = max(floor; 1 + Σ weight × (indicator ÷ child-weighted municipal mean − "
        "1)). A blank indicator counts as the mean."
    ),
    N_("Share = blend × the institution's share of need + (1 − blend) × its share of the children."),
    N_(
        "Fair-share mode: demand in practice-near FTE = share × practice share × the profession's "
        "total FTE. Norm mode: demand = (blend × need + (1 − blend) × children) ÷ norm."
    ),
    N_(
        "Supply = staff FTE × practice share (80/20). Coverage = supply ÷ demand. A team's demand "
        "is the sum over its institutions."
    ),
    N_(
        "The allocation is optimised in stages: equity (largest relative shortfall), then total "
        "shortfall, then fewest moves, then wishes and cost; each stage is held while the next is "
        "optimised."
    ),
    N_("Every key figure can be recomputed independently of the solver: bydelsteam check BOOK.xlsx RESULT.json."),
)
APPENDIX_NOTE = N_(
    "The professions' costs and need model, the need weights and the run's settings are on the sheet {sheet}."
)
METHOD_WIDTH = 110  # characters: the Metode sheet's text column, one page wide at 100 %


def _method(book: Workbook, instance: Instance, names: Names, lang: Lang) -> None:
    sh = _sheet(book, "method", lang)
    row = sh.title(1, text("Method: how the figures are computed", lang))
    for msgid in METHOD_TEXT:
        row = sh.wrapped(row, text(msgid, lang), METHOD_WIDTH)
    row += 1

    sh.put(row, 1, text("Need indicators", lang), font=BOLD)
    row += 1
    for k in instance.indicator_names():
        note = names.indicator_notes.get(k, "")
        row = sh.wrapped(row, f"{names.indicator(k)}: {note}" if note else names.indicator(k), METHOD_WIDTH)
    appendix = text(APPENDIX_NOTE, lang, sheet=text(SHEETS["appendix"], lang))
    sh.wrapped(row + 1, appendix, METHOD_WIDTH, font=NOTE)


def _versions() -> list[tuple[str, str]]:
    out = [("Python", platform.python_version())]
    for package, shown in (("bydelsteam", "bydelsteam"), ("ortools", "OR-Tools"), ("openpyxl", "openpyxl")):
        try:
            out.append((shown, version(package)))
        except PackageNotFoundError:
            out.append((shown, "?"))
    return out


def _appendix(
    book: Workbook, instance: Instance, result: SolveResult, names: Names, lang: Lang, inputs_sha256: str | None
) -> None:
    """The technical details behind the Metode sheet: the run, the parameters it used, versions, the inputs'
    hash (to repeat the run: `bydelsteam runs rerun`), the professions' need model and the need weights."""
    sh = _sheet(book, "appendix", lang)
    row = sh.title(
        1,
        text("Technical appendix: the run and its settings", lang),
        text("For the analyst: the settings behind the figures, to repeat the run.", lang),
    )
    sh.put(row, 1, text("Formulas", lang), font=BOLD)
    row += 1
    for msgid in FORMULAS:
        sh.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=7)
        row = sh.wrapped(row, text(msgid, lang), 48, span=130)  # over the professions table's seven columns
    row += 1
    sh.put(row, 1, text("Run", lang), font=BOLD)
    run: list[tuple[str, object]] = [
        (text("Status", lang), status(result.status, lang)),
        (text("Solver", lang), result.solver),
        *_versions(),
        (text("Inputs hash (sha256 of the book)", lang), inputs_sha256 or "–"),
    ]
    cols = [Col(text("What", lang), width=48), Col(text("Value", lang), width=30)]
    row = sh.table(row + 1, cols, run) + 2

    sh.put(row, 1, text("Parameters used in the run", lang), font=BOLD)
    settings = result.solver_settings.model_dump() if result.solver_settings else {}
    params = parameter_rows(result.parameters, settings, lang)
    row = sh.table(row + 1, [Col(text("Parameter", lang), width=48), Col(text("Value", lang), width=30)], params) + 2

    sh.put(row, 1, text("Professions", lang), font=BOLD)
    prof_cols = [
        Col(text(PROFESSION, lang)),
        Col(text("Annual cost", lang), Unit.MONEY),
        Col(text("Practice share", lang), Unit.SHARE),
        Col(text("Need floor", lang), Unit.NUMBER),
        Col(text("Need blend", lang), Unit.SHARE),
        Col(text("Norm (children per FTE)", lang), Unit.NUMBER),
        Col(text("Min. per team", lang), Unit.COUNT),
    ]
    prof_rows = [
        (
            names.profession(p.id),
            p.annual_cost_dkk,
            p.practice_share,
            p.need_floor,
            p.need_blend,
            p.norm_children_per_fte,
            p.min_per_team,
        )
        for p in instance.professions
    ]
    row = sh.table(row + 1, prof_cols, prof_rows) + 2

    sh.put(row, 1, text("Need weights", lang), font=BOLD)
    weight_cols = [
        Col(text(PROFESSION, lang)),
        Col(text("Indicator", lang)),
        Col(text("Weight", lang), Unit.NUMBER),
    ]
    weights = [(names.profession(w.profession), names.indicator(w.indicator), w.weight) for w in instance.need_weights]
    sh.table(row + 1, weight_cols, weights)
