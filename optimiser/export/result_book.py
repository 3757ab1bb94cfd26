"""The results workbook: one solve as a spreadsheet a budget officer or area manager can read, print and filter.

Sheets: Sammendrag (status, key figures, stages), Dækning (team × profession coverage, colour scale, chart),
Teams (composition and size, chart), Medarbejdere (who goes where), Institutioner (FTE and contact per
profession), Omkostninger (cost per team and profession, new posts, chart) and Metode (need model, weights,
parameters, solver and versions, the inputs' hash). Numbers are numbers with formats; every text passes through
`safe_text`; staff names appear only where the book has them and `pseudonymise` is off (docs/exports.md).
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

from optimiser import i18n
from optimiser.domain import Instance
from optimiser.explain import render
from optimiser.export import figures
from optimiser.export.robust_sheet import write_robust_sheet
from optimiser.export.style import BOLD, WRAP, Col, Num, Sheet, add_sheet, bar_chart, colour_scale, new_book
from optimiser.figures import KPIS, Unit
from optimiser.i18n import N_, text
from optimiser.io.columns import PARAMS, Kind
from optimiser.names import Names
from optimiser.problems import Lang
from optimiser.reference import describe
from optimiser.results import SolveResult
from optimiser.robust import RobustReport
from optimiser.vocabulary import AREA, INDICATOR, NEW_POSTS, PROFESSION, TEAM, TOTAL, stage, status, yes_no

SHEETS = {
    "summary": N_("Summary"),
    "coverage": N_("Coverage"),
    "teams": N_("Teams"),
    "staff": N_("Staff"),
    "institutions": N_("Institutions"),
    "costs": N_("Costs"),
    "method": N_("Method"),
}
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
    _summary(book, result, lang)
    _coverage(book, result, names, lang)
    _teams(book, instance, result, names, lang)
    _staff(book, instance, result, names, lang)
    _institutions(book, instance, result, names, lang)
    _costs(book, instance, result, names, lang)
    if extra is not None:
        extra(book)
    if robust is not None:
        write_robust_sheet(book, robust, names, lang)
    _method(book, instance, result, names, lang, inputs_sha256)
    book.save(Path(path))


def _sheet(book: Workbook, key: str, lang: Lang) -> Sheet:
    return add_sheet(book, text(SHEETS[key], lang), lang)


def _summary(book: Workbook, result: SolveResult, lang: Lang) -> None:
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
        (text("Solving time (seconds)", lang), Num(result.seconds, Unit.NUMBER)),
        (text("Solver", lang), result.solver),
        (text("Measured against", lang), describe(result.reference, lang)),
        (text("Staff", lang), Num(len(result.assignments), Unit.COUNT)),
        (text("Teams", lang), Num(len(figures.team_ids(result)), Unit.COUNT)),
    ]
    row = sh.table(row, [Col(text("Run", lang), width=44), Col(value, width=24)], run) + 2
    if result.kpis is not None:
        kpis = result.kpis
        rows = [(f.title(lang), Num(getattr(kpis, f.field), f.unit)) for f in KPIS]
        row = sh.table(row, [Col(text("Key figure", lang)), Col(value)], rows) + 2
    stages = [
        (label, status(s.status, lang), Num(s.objective, unit), Num(s.bound, unit), Num(s.seconds, Unit.NUMBER))
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
    for n, line in enumerate(render(result.explanation, lang), start=row + 1):
        sh.put(n, 1, line)


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
        lang=lang,
        count=len(rows),
    )
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
    sh.ws.add_chart(chart, f"{get_column_letter(max(len(columns), len(detail)) + 2)}{top}")
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
    top = last + 3
    sh.put(top - 1, 1, text("Demand and supply (practice-near FTE)", lang), font=BOLD)
    last = sh.table(top, detail, detail_rows)
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
        lang=lang,
        stacked=True,
        count=len(rows),
    )
    sh.ws.add_chart(chart, f"{get_column_letter(len(columns) + 2)}{top}")


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
    sh = _sheet(book, "institutions", lang)
    row = sh.title(
        1,
        text("Institutions: time and contact per profession", lang),
        text("FTE = practice-near FTE the institution gets from its team's profession.", lang),
    )
    if not result.institutions:
        sh.put(row, 1, text(NO_PLAN, lang))
        return
    profs = list(dict.fromkeys(a.profession for a in result.institutions))
    cells = {(a.institution_id, a.profession): a for a in result.institutions}
    team = {a.institution_id: a.team_id for a in result.institutions}
    ordered = [i for i in instance.institutions if i.id in team]
    columns = [
        Col(text("Institution id", lang)),
        Col(text("Name", lang)),
        Col(text("Type", lang)),
        Col(text(TEAM, lang)),
        Col(text("Children", lang), Unit.COUNT),
    ]
    for p in profs:
        shown = names.profession(p)
        columns += [
            Col(text("{profession}: FTE", lang, profession=shown), Unit.FTE),
            Col(text("{profession}: contact", lang, profession=shown)),
        ]
    rows = []
    for inst in ordered:
        values: list[object] = [inst.id, inst.name, inst.type.value, names.team(team[inst.id]), inst.children]
        for p in profs:
            a = cells.get((inst.id, p))
            values += [a.fte if a else None, names.person(a.contact_staff_id) if a else ""]
        rows.append(values)
    sh.table(row, columns, rows, freeze=True, freeze_columns=2, autofilter=True)


def _costs(book: Workbook, instance: Instance, result: SolveResult, names: Names, lang: Lang) -> None:
    sh = _sheet(book, "costs", lang)
    overhead = float(str(result.parameters.get("overhead_share", instance.parameters.overhead_share)))
    row = sh.title(
        1,
        text("Cost per team and profession (DKK per year)", lang),
        text(
            "FTE × annual cost (the person's own if given), plus new posts with a mark-up of {share}.",
            lang,
            share=i18n.percent(overhead, 1, lang),
        ),
    )
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
        lang=lang,
        stacked=True,
        count=len(rows),
    )
    sh.ws.add_chart(chart, f"{get_column_letter(len(columns) + 2)}{top}")

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


METHOD_TEXT: tuple[str, ...] = (
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
    N_("Caveat: the figures are as good as the book's data; the sample data (data/sample) is illustrative."),
)

UNIT_OF_KIND = {Kind.FTE: Unit.FTE, Kind.MONEY: Unit.MONEY, Kind.SHARE: Unit.SHARE, Kind.INT: Unit.COUNT}


def _parameter_rows(result: SolveResult, lang: Lang) -> list[tuple[str, object]]:
    """Every parameter the run used, by its key on the Parametre sheet (the solver settings it ran with among
    them, as the sheet holds them); engine keys the sheet lacks by name."""
    params = result.parameters
    settings = result.solver_settings.model_dump() if result.solver_settings else {}
    weights = params.get("weights")
    rows: list[tuple[str, object]] = []
    for p in PARAMS:
        raw = (
            weights.get(p.term)
            if p.term and isinstance(weights, dict)
            else settings.get(p.field)
            if p.solver
            else params.get(p.field)
        )
        value: object
        if raw is None:
            value = text("default", lang)
        elif isinstance(raw, bool):
            value = yes_no(raw, lang)
        elif p.choices:
            value = next((d for d, v in p.choices if v == raw), str(raw))  # the book's word, as the planner typed it
        elif isinstance(raw, list | tuple | set | frozenset):
            value = ", ".join(sorted(str(v) for v in raw)) or "–"
        elif isinstance(raw, int | float):
            value = Num(raw, UNIT_OF_KIND.get(p.kind, Unit.NUMBER))
        else:
            value = str(raw)
        rows.append((p.key, value))
    known = {p.field for p in PARAMS}
    rows += [(k, str(v)) for k, v in params.items() if k not in known]
    return rows


def _versions() -> list[tuple[str, str]]:
    out = [("python", platform.python_version())]
    for package in ("bydelsteam", "ortools", "openpyxl"):
        try:
            out.append((package, version(package)))
        except PackageNotFoundError:
            out.append((package, "?"))
    return out


def _method(
    book: Workbook, instance: Instance, result: SolveResult, names: Names, lang: Lang, inputs_sha256: str | None
) -> None:
    sh = _sheet(book, "method", lang)
    row = sh.title(1, text("Method: how the figures are computed", lang))
    for n, msgid in enumerate(METHOD_TEXT, start=row):
        sh.put(n, 1, text(msgid, lang)).alignment = WRAP
        sh.ws.merge_cells(start_row=n, start_column=1, end_row=n, end_column=7)
        sh.ws.row_dimensions[n].height = 30
    row += len(METHOD_TEXT) + 1

    sh.put(row, 1, text("Run", lang), font=BOLD)
    run: list[tuple[str, object]] = [
        (text("Status", lang), status(result.status, lang)),
        (text("Solver", lang), result.solver),
        *_versions(),
        (text("Inputs hash (sha256 of the book)", lang), inputs_sha256 or "–"),
    ]
    row = sh.table(row + 1, [Col(text("What", lang)), Col(text("Value", lang))], run) + 2

    sh.put(row, 1, text("Parameters used in the run", lang), font=BOLD)
    params = _parameter_rows(result, lang)
    row = sh.table(row + 1, [Col(text("Key", lang)), Col(text("Value", lang))], params) + 2

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
            p.name,
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
    row = sh.table(row + 1, weight_cols, weights) + 2

    sh.put(row, 1, text("Need indicators", lang), font=BOLD)
    indicator_cols = [Col(text(INDICATOR, lang), width=30), Col(text("What it measures", lang), width=80)]
    indicators = [(names.indicator(k), names.indicator_notes.get(k, "")) for k in instance.indicator_names()]
    sh.table(row + 1, indicator_cols, indicators)
