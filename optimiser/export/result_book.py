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
from collections.abc import Sequence
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import Reference
from openpyxl.utils import get_column_letter

from optimiser.domain import Instance
from optimiser.export import figures
from optimiser.export.labels import AREA, KPIS, NEW_POSTS, PROFESSION, TEAM, TOTAL, T, stage, status, yes_no
from optimiser.export.names import Names
from optimiser.export.robust_sheet import write_robust_sheet
from optimiser.export.style import BOLD, WRAP, Col, Num, Sheet, Unit, add_sheet, bar_chart, colour_scale, new_book
from optimiser.io.columns import PARAMS, Kind
from optimiser.problems import Lang
from optimiser.results import SolveResult
from optimiser.robust import RobustReport

SHEETS = {
    "summary": T("Sammendrag", "Summary"),
    "coverage": T("Dækning", "Coverage"),
    "teams": T("Teams", "Teams"),
    "staff": T("Medarbejdere", "Staff"),
    "institutions": T("Institutioner", "Institutions"),
    "costs": T("Omkostninger", "Costs"),
    "method": T("Metode", "Method"),
}
NO_PLAN = T("Ingen plan: se Sammendrag.", "No plan: see Summary.")


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
    robust: RobustReport | None = None,
) -> None:
    """Write the results workbook of `result` (solved from `instance`) to `path`; with `robust`, a robustness
    sweep's sheet too (optimiser.export.robust_sheet)."""
    names = Names.of(instance, pseudonymise=pseudonymise)
    book = new_book()
    _summary(book, result, lang)
    _coverage(book, result, names, lang)
    _teams(book, instance, result, names, lang)
    _staff(book, instance, result, names, lang)
    _institutions(book, instance, result, names, lang)
    _costs(book, instance, result, names, lang)
    if robust is not None:
        write_robust_sheet(book, robust, names, lang)
    _method(book, instance, result, lang, inputs_sha256)
    book.save(Path(path))


def _sheet(book: Workbook, key: str, lang: Lang) -> Sheet:
    return add_sheet(book, SHEETS[key](lang), lang)


def _summary(book: Workbook, result: SolveResult, lang: Lang) -> None:
    sh = _sheet(book, "summary", lang)
    row = sh.title(
        1,
        T("Bydelsteams – resultat af fordelingen", "District teams – allocation result")(lang),
        T(
            f"Lavet {date.today():%d.%m.%Y}. Tal i praksisnære årsværk, kr. pr. år; andele i procent.",
            f"Made {date.today():%Y-%m-%d}. Practice-near FTE, DKK per year; shares in per cent.",
        )(lang),
    )
    value = T("Værdi", "Value")(lang)
    run = [
        (T("Status", "Status")(lang), status(result.status, lang)),
        (T("Afstand til bevist optimum (gap)", "Gap to proven optimum")(lang), Num(result.gap, Unit.SHARE)),
        (T("Regnetid (sekunder)", "Solving time (seconds)")(lang), Num(result.seconds, Unit.NUMBER)),
        (T("Løser", "Solver")(lang), result.solver),
        (T("Medarbejdere", "Staff")(lang), Num(len(result.assignments), Unit.COUNT)),
        (T("Teams", "Teams")(lang), Num(len(figures.team_ids(result)), Unit.COUNT)),
    ]
    row = sh.table(row, [Col(T("Kørsel", "Run")(lang), width=44), Col(value, width=24)], run) + 2
    if result.kpis is not None:
        kpis = result.kpis
        rows = [(f.label(lang), Num(getattr(kpis, f.field), f.unit)) for f in KPIS]
        row = sh.table(row, [Col(T("Nøgletal", "Key figure")(lang)), Col(value)], rows) + 2
    stages = [
        (label, status(s.status, lang), Num(s.objective, unit), Num(s.bound, unit), Num(s.seconds, Unit.NUMBER))
        for s in result.stages
        for label, unit in [stage(s.name, lang)]
    ]
    stage_cols = [
        Col(T("Trin (målfunktion)", "Stage (objective)")(lang)),
        Col(T("Status", "Status")(lang)),
        Col(T("Værdi", "Objective")(lang)),
        Col(T("Bevist grænse", "Proven bound")(lang)),
        Col(T("Sekunder", "Seconds")(lang)),
    ]
    row = sh.table(row, stage_cols, stages) + 2
    sh.put(row, 1, T("Forklaring", "Explanation")(lang), font=BOLD)
    for n, line in enumerate(result.explanation, start=row + 1):
        sh.put(n, 1, line)


def _coverage(book: Workbook, result: SolveResult, names: Names, lang: Lang) -> None:
    sh = _sheet(book, "coverage", lang)
    row = sh.title(
        1,
        T("Dækning pr. team og faggruppe", "Coverage per team and profession")(lang),
        T(
            "Dækning = praksisnært udbud ÷ behov. Grøn fra 100 %, gul ved 90 %, rød ved 75 % og derunder.",
            "Coverage = practice-near supply ÷ demand. Green from 100 %, yellow at 90 %, red at 75 % and below.",
        )(lang),
    )
    if not result.coverage:
        sh.put(row, 1, NO_PLAN(lang))
        return
    profs = figures.professions(result)
    pairs = figures.coverage_by_pair(result)
    teams = figures.team_coverage(result)
    after, before = T("I alt efter planen", "All, after the plan"), T("I alt i dag", "All, today")
    columns = [
        Col(TEAM(lang)),
        Col(AREA(lang)),
        *(Col(p, Unit.SHARE) for p in profs),
        Col(after(lang), Unit.SHARE),
        Col(before(lang), Unit.SHARE),
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
        T("Dækning pr. team, alle faggrupper", "Coverage per team, all professions")(lang),
        Reference(sh.ws, min_col=len(columns) - 1, max_col=len(columns), min_row=top, max_row=last),
        Reference(sh.ws, min_col=1, min_row=top + 1, max_row=last),
        unit=Unit.SHARE,
        lang=lang,
        count=len(rows),
    )
    detail = [
        Col(TEAM(lang)),
        Col(AREA(lang)),
        Col(PROFESSION(lang)),
        Col(T("Behov (årsværk)", "Demand (FTE)")(lang), Unit.FTE),
        Col(T("Udbud efter planen", "Supply after the plan")(lang), Unit.FTE),
        Col(T("Udbud i dag", "Supply today")(lang), Unit.FTE),
        Col(T("Dækning efter planen", "Coverage after the plan")(lang), Unit.SHARE),
        Col(T("Dækning i dag", "Coverage today")(lang), Unit.SHARE),
        Col(T("Underdækning (årsværk)", "Shortfall (FTE)")(lang), Unit.FTE),
    ]
    sh.ws.add_chart(chart, f"{get_column_letter(max(len(columns), len(detail)) + 2)}{top}")
    detail_rows = [
        [
            names.team(c.team_id),
            names.area_of(c.team_id),
            c.profession,
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
    sh.put(
        top - 1, 1, T("Behov og udbud (praksisnære årsværk)", "Demand and supply (practice-near FTE)")(lang), font=BOLD
    )
    last = sh.table(top, detail, detail_rows)
    colour_scale(sh.ws, f"G{top + 1}:H{last}")


def _teams(book: Workbook, instance: Instance, result: SolveResult, names: Names, lang: Lang) -> None:
    sh = _sheet(book, "teams", lang)
    row = sh.title(
        1,
        T("Teamenes sammensætning efter planen", "The teams after the plan")(lang),
        T(
            "Årsværk pr. faggruppe (medarbejdere og nye stillinger); dækning i praksisnære årsværk.",
            "FTE per profession (staff and new posts); coverage in practice-near FTE.",
        )(lang),
    )
    if not result.assignments:
        sh.put(row, 1, NO_PLAN(lang))
        return
    profs = [p.id for p in instance.professions]
    comp = figures.composition(instance, result)
    cover = {t.team_id: t for t in figures.team_coverage(result)}
    moved_in, moved_out = figures.moves_in_out(result)
    columns = [
        Col(TEAM(lang)),
        Col(AREA(lang)),
        *(Col(p, Unit.FTE) for p in profs),
        Col(T("Nye stillinger (årsværk)", "New posts (FTE)")(lang), Unit.FTE),
        Col(T("I alt (årsværk)", "Total (FTE)")(lang), Unit.FTE),
        Col(T("Medarbejdere", "Staff")(lang), Unit.COUNT),
        Col(T("Flytter ind", "Moving in")(lang), Unit.COUNT),
        Col(T("Flytter ud", "Moving out")(lang), Unit.COUNT),
        Col(T("Behov (praksisnære årsværk)", "Demand (practice-near FTE)")(lang), Unit.FTE),
        Col(T("Udbud (praksisnære årsværk)", "Supply (practice-near FTE)")(lang), Unit.FTE),
        Col(T("Dækning", "Coverage")(lang), Unit.SHARE),
        Col(T("Laveste dækning (faggruppe)", "Lowest coverage (profession)")(lang), Unit.SHARE),
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
        T("Årsværk pr. team og faggruppe", "FTE per team and profession")(lang),
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
        T("Medarbejdere: nuværende og nyt team", "Staff: current and new team")(lang),
        T(
            "Navne vises kun, hvis arbejdsbogen har dem og resultatet ikke er pseudonymiseret.",
            "Names are shown only where the book has them and the result is not pseudonymised.",
        )(lang),
    )
    staff = {s.id: s for s in instance.staff}
    areas = {a.id: a.name for a in instance.areas}
    with_names = names.has_staff_names
    columns = [
        Col(T("Medarbejder-id", "Staff id")(lang)),
        *([Col(T("Navn", "Name")(lang))] if with_names else []),
        Col(PROFESSION(lang)),
        Col(T("Årsværk", "FTE")(lang), Unit.FTE),
        Col(AREA(lang)),
        Col(T("Nuværende team", "Current team")(lang)),
        Col(T("Nyt team", "New team")(lang)),
        Col(T("Skifter team", "Changes team")(lang)),
        Col(T("Låst", "Locked")(lang)),
    ]
    rows = []
    for a in result.assignments:
        member = staff.get(a.staff_id)
        rows.append(
            [
                a.staff_id,
                *([names.staff.get(a.staff_id, "")] if with_names else []),
                member.profession if member else "",
                a.fte,
                areas.get(member.area_id, member.area_id) if member else "",
                names.team(a.current_team_id),
                names.team(a.team_id),
                yes_no(a.moved, lang),
                yes_no(a.locked, lang),
            ]
        )
    if not rows:
        sh.put(row, 1, NO_PLAN(lang))
        return
    sh.table(row, columns, rows, freeze=True, autofilter=True)


def _institutions(book: Workbook, instance: Instance, result: SolveResult, names: Names, lang: Lang) -> None:
    sh = _sheet(book, "institutions", lang)
    row = sh.title(
        1,
        T("Institutioner: tid og kontaktperson pr. faggruppe", "Institutions: time and contact per profession")(lang),
        T(
            "Årsværk = praksisnære årsværk, institutionen får af sit teams faggruppe.",
            "FTE = practice-near FTE the institution gets from its team's profession.",
        )(lang),
    )
    if not result.institutions:
        sh.put(row, 1, NO_PLAN(lang))
        return
    profs = list(dict.fromkeys(a.profession for a in result.institutions))
    cells = {(a.institution_id, a.profession): a for a in result.institutions}
    team = {a.institution_id: a.team_id for a in result.institutions}
    ordered = [i for i in instance.institutions if i.id in team]
    contact = T("kontakt", "contact")(lang)
    fte = T("årsværk", "FTE")(lang)
    columns = [
        Col(T("Institution-id", "Institution id")(lang)),
        Col(T("Navn", "Name")(lang)),
        Col(T("Type", "Type")(lang)),
        Col(TEAM(lang)),
        Col(T("Børn", "Children")(lang), Unit.COUNT),
    ]
    for p in profs:
        columns += [Col(f"{p}: {fte}", Unit.FTE), Col(f"{p}: {contact}")]
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
        T("Omkostninger pr. team og faggruppe (kr. pr. år)", "Cost per team and profession (DKK per year)")(lang),
        T(
            f"Årsværk × årsløn (medarbejderens egen, hvis angivet) × (1 + overhead {overhead:.1%}), "
            "plus nye stillinger.",
            f"FTE × annual cost (the person's own if given) × (1 + overhead {overhead:.1%}), plus new posts.",
        )(lang),
    )
    if not result.assignments:
        sh.put(row, 1, NO_PLAN(lang))
        return
    profs = [p.id for p in instance.professions]
    cost = figures.costs(instance, result)
    teams = figures.team_ids(result)
    columns = [
        Col(TEAM(lang)),
        Col(AREA(lang)),
        *(Col(p, Unit.MONEY) for p in profs),
        Col(NEW_POSTS(lang), Unit.MONEY),
        Col(TOTAL(lang), Unit.MONEY),
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
    for n, value in enumerate(line(TOTAL(lang), "", teams), start=1):
        sh.put(total_row, n, value, columns[n - 1].unit, font=BOLD)
    chart = bar_chart(
        T("Omkostning pr. team (kr. pr. år)", "Cost per team (DKK per year)")(lang),
        Reference(sh.ws, min_col=3, max_col=3 + len(profs), min_row=top, max_row=last),
        Reference(sh.ws, min_col=1, min_row=top + 1, max_row=last),
        unit=Unit.MONEY,
        lang=lang,
        stacked=True,
        count=len(rows),
    )
    sh.ws.add_chart(chart, f"{get_column_letter(len(columns) + 2)}{top}")

    row = total_row + 3
    sh.put(row - 1, 1, NEW_POSTS(lang), font=BOLD)
    if not result.new_posts:
        sh.put(row, 1, T("Ingen nye stillinger.", "No new posts.")(lang))
        return
    post_cols = [
        Col(TEAM(lang)),
        Col(PROFESSION(lang)),
        Col(T("Årsværk", "FTE")(lang), Unit.FTE),
        Col(T("Omkostning pr. år", "Cost per year")(lang), Unit.MONEY),
    ]
    posts = [(names.team(p.team_id), p.profession, p.fte, p.cost_dkk) for p in result.new_posts]
    sh.table(row, post_cols, posts)


METHOD_TEXT: tuple[T, ...] = (
    T(
        "Behov: for hver faggruppe og institution er behov = børn, faggruppen betjener × behovsfaktor.",
        "Need: for every profession and institution, need = children the profession serves × need multiplier.",
    ),
    T(
        "Behovsfaktor = max(behovsgulv; 1 + Σ vægt × (indikator ÷ kommunens børnevægtede gennemsnit − 1)). "
        "En tom indikator tæller som gennemsnittet.",
        "Need multiplier = max(floor; 1 + Σ weight × (indicator ÷ child-weighted municipal mean − 1)). "
        "A blank indicator counts as the mean.",
    ),
    T(
        "Andel = behovsandel × institutionens andel af behovet + (1 − behovsandel) × dens andel af børnene.",
        "Share = blend × the institution's share of need + (1 − blend) × its share of the children.",
    ),
    T(
        "Behovsmodel fordeling: behov i praksisnære årsværk = andel × praksisandel × faggruppens årsværk i alt. "
        "Behovsmodel norm: behov = (behovsandel × behov + (1 − behovsandel) × børn) ÷ norm.",
        "Fair-share mode: demand in practice-near FTE = share × practice share × the profession's total FTE. "
        "Norm mode: demand = (blend × need + (1 − blend) × children) ÷ norm.",
    ),
    T(
        "Udbud = medarbejdernes årsværk × praksisandel (80/20). Dækning = udbud ÷ behov. Et teams behov er summen "
        "over dets institutioner.",
        "Supply = staff FTE × practice share (80/20). Coverage = supply ÷ demand. A team's demand is the sum over "
        "its institutions.",
    ),
    T(
        "Fordelingen optimeres i trin: først lighed (største relative underdækning), så samlet underdækning, så "
        "færrest flytninger, så ønsker og omkostning; hvert trin holdes, mens det næste optimeres.",
        "The allocation is optimised in stages: equity (largest relative shortfall), then total shortfall, then "
        "fewest moves, then wishes and cost; each stage is held while the next is optimised.",
    ),
    T(
        "Alle nøgletal kan regnes efter uafhængigt af løseren: bydelsteam check BOG.xlsx RESULTAT.json.",
        "Every key figure can be recomputed independently of the solver: bydelsteam check BOOK.xlsx RESULT.json.",
    ),
    T(
        "Forbehold: tallene er ikke bedre end arbejdsbogens data; eksempeldata (data/sample) er illustrative.",
        "Caveat: the figures are as good as the book's data; the sample data (data/sample) is illustrative.",
    ),
)

UNIT_OF_KIND = {Kind.FTE: Unit.FTE, Kind.MONEY: Unit.MONEY, Kind.SHARE: Unit.SHARE, Kind.INT: Unit.COUNT}


def _parameter_rows(result: SolveResult, lang: Lang) -> list[tuple[str, object]]:
    """Every parameter the run used, by its key on the Parametre sheet; engine keys the sheet lacks by name."""
    params = result.parameters
    weights = params.get("weights")
    rows: list[tuple[str, object]] = []
    for p in PARAMS:
        raw = weights.get(p.term) if p.term and isinstance(weights, dict) else params.get(p.field)
        value: object
        if raw is None:
            value = T("standard", "default")(lang)
        elif isinstance(raw, bool):
            value = yes_no(raw, lang)
        elif p.choices:
            value = next((d for d, v in p.choices if v == raw), str(raw)) if lang == "da" else str(raw)
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


def _method(book: Workbook, instance: Instance, result: SolveResult, lang: Lang, inputs_sha256: str | None) -> None:
    sh = _sheet(book, "method", lang)
    row = sh.title(1, T("Metode: sådan er tallene regnet", "Method: how the figures are computed")(lang))
    for n, text in enumerate(METHOD_TEXT, start=row):
        sh.put(n, 1, text(lang)).alignment = WRAP
        sh.ws.merge_cells(start_row=n, start_column=1, end_row=n, end_column=7)
        sh.ws.row_dimensions[n].height = 30
    row += len(METHOD_TEXT) + 1

    sh.put(row, 1, T("Kørsel", "Run")(lang), font=BOLD)
    run: list[tuple[str, object]] = [
        (T("Status", "Status")(lang), status(result.status, lang)),
        (T("Løser", "Solver")(lang), result.solver),
        *_versions(),
        (T("Input-hash (sha256 af arbejdsbogen)", "Inputs hash (sha256 of the book)")(lang), inputs_sha256 or "–"),
    ]
    row = sh.table(row + 1, [Col(T("Hvad", "What")(lang)), Col(T("Værdi", "Value")(lang))], run) + 2

    sh.put(row, 1, T("Parametre brugt i kørslen", "Parameters used in the run")(lang), font=BOLD)
    params = _parameter_rows(result, lang)
    row = sh.table(row + 1, [Col(T("Nøgle", "Key")(lang)), Col(T("Værdi", "Value")(lang))], params) + 2

    sh.put(row, 1, T("Faggrupper", "Professions")(lang), font=BOLD)
    prof_cols = [
        Col(PROFESSION(lang)),
        Col(T("Årsløn", "Annual cost")(lang), Unit.MONEY),
        Col(T("Praksisandel", "Practice share")(lang), Unit.SHARE),
        Col(T("Behovsgulv", "Need floor")(lang), Unit.NUMBER),
        Col(T("Behovsandel", "Need blend")(lang), Unit.SHARE),
        Col(T("Norm (børn pr. årsværk)", "Norm (children per FTE)")(lang), Unit.NUMBER),
        Col(T("Min. pr. team", "Min. per team")(lang), Unit.COUNT),
    ]
    prof_rows = [
        (p.id, p.annual_cost_dkk, p.practice_share, p.need_floor, p.need_blend, p.norm_children_per_fte, p.min_per_team)
        for p in instance.professions
    ]
    row = sh.table(row + 1, prof_cols, prof_rows) + 2

    sh.put(row, 1, T("Behovsvægte", "Need weights")(lang), font=BOLD)
    weight_cols = [
        Col(PROFESSION(lang)),
        Col(T("Indikator", "Indicator")(lang)),
        Col(T("Vægt", "Weight")(lang), Unit.NUMBER),
    ]
    sh.table(row + 1, weight_cols, [(w.profession, w.indicator, w.weight) for w in instance.need_weights])
