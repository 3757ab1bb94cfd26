"""A transition plan in the exports: the results workbook's step sheets and the deck's path slide.

The workbook is the final step's results workbook (`write_result_book`: its "today" is the last step's
start) with four sheets more, before Metode: Trin (every step's date, limits, status and key figures, and how
the last step compares with the one-step plan), Flytninger (the dated move list: who, from, to, when), Dækning
pr. trin (coverage per team and profession today and after every step) and Afstand til mål (distance from
the need-based target per team and profession after every step, in FTE and kr.). The deck has the title and
one slide: coverage per team along the path.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Inches, Pt

from optimiser.domain import Instance
from optimiser.export import deck
from optimiser.export.result_book import write_result_book
from optimiser.export.safety import safe_text
from optimiser.export.style import SERIES, Col, Num, Sheet, add_sheet, colour_scale, number_format
from optimiser.figures import Unit, figure
from optimiser.i18n import N_, text
from optimiser.names import Names
from optimiser.problems import Lang
from optimiser.results import Coverage, SolveResult
from optimiser.transition import PhasePlan, PhaseStep, reach_text
from optimiser.vocabulary import short_status

W = {
    "steps": N_("Steps"),
    "moves": N_("Moves"),
    "coverage": N_("Coverage per step"),
    "distance": N_("Distance to target"),
    "steps_title": N_("The transition plan, step by step"),
    "steps_note": N_(
        "Each step is solved from the plan of the step before, within its own limits; the other sheets show "
        "the last step."
    ),
    "moves_title": N_("Who moves when"),
    "coverage_title": N_("Coverage per team and profession along the path"),
    "distance_title": N_("Distance from the need-based target (practice-near FTE; kr. a year for the staff)"),
    "distance_note": N_("Target = the need at the last step. Above zero: short of the target; below zero: above it."),
    "date": N_("Date"),
    "title": N_("Step"),
    "status": N_("Status"),
    "moves_n": N_("Moves"),
    "cap": N_("Move cap"),
    "caps": N_("Caps per profession"),
    "team_caps": N_("Caps per team (staff who leave it)"),
    "caps_title": N_("Caps on moves per team and per profession at each step (blank: no cap)"),
    "caps_kind": N_("Cap"),
    "caps_for": N_("Team or profession"),
    "budget": N_("Budget for new posts"),
    "floor": N_("Pace floor"),
    "new_posts": N_("New posts (FTE)"),
    "checker": N_("Checker"),
    "passes": N_("passes"),
    "staff": N_("Staff id"),
    "name": N_("Name"),
    "profession": N_("Profession"),
    "fte": N_("FTE"),
    "from": N_("From team"),
    "to": N_("To team"),
    "team": N_("Team"),
    "today": N_("Today"),
    "target": N_("Target (FTE)"),
    "path_title": N_("Coverage per team along the path"),
    "coverage_axis": N_("Coverage of need (%)"),
    "nobody": N_("Nobody changes team."),
}


NOTE_H = Inches(0.8)  # the path slide's note under its chart


def _w(key: str, lang: Lang) -> str:
    return text(W[key], lang)


def write_phase_book(
    instance: Instance,
    result: SolveResult,
    plan: PhasePlan,
    path: str | Path,
    *,
    pseudonymise: bool = False,
    lang: Lang = "da",
    inputs_sha256: str | None = None,
) -> None:
    """The final step's results workbook (`instance`, `result`) with the plan's step sheets."""
    names = Names.of(instance, pseudonymise=pseudonymise)

    def sheets(book: Workbook) -> None:
        _steps(book, plan, names, lang)
        _moves(book, plan, names, lang)
        _coverage(book, plan, names, lang)
        _distance(book, plan, names, lang)

    write_result_book(
        instance, result, path, pseudonymise=pseudonymise, lang=lang, inputs_sha256=inputs_sha256, extra=sheets
    )


def _steps(book: Workbook, plan: PhasePlan, names: Names, lang: Lang) -> None:
    sh = add_sheet(book, _w("steps", lang), lang)
    row = sh.title(1, f"{_w('steps_title', lang)}: {plan.title}", _w("steps_note", lang))
    sh.put(row, 1, reach_text(plan, lang))
    columns = [
        Col(_w("date", lang)),
        Col(_w("title", lang)),
        Col(_w("status", lang)),
        Col(_w("moves_n", lang), Unit.COUNT),
        Col(_w("cap", lang), Unit.COUNT),
        Col(_w("budget", lang), Unit.MONEY),
        Col(_w("floor", lang), Unit.SHARE),
        Col(_w("new_posts", lang), Unit.FTE),
        Col(figure("max_relative_shortfall").title(lang), Unit.SHARE),
        Col(figure("total_shortfall_fte").title(lang), Unit.FTE),
        Col(_w("checker", lang)),
    ]
    rows = [
        [
            s.date.isoformat(),
            s.title or "",
            short_status(s.status, lang),
            len(s.moves),
            s.limits.max_moves,
            s.limits.budget_dkk,
            s.limits.floor,
            s.kpis.new_posts_fte if s.kpis else None,
            s.kpis.max_relative_shortfall if s.kpis else None,
            s.kpis.total_shortfall_fte if s.kpis else None,
            _w("passes", lang) if not s.checker else "; ".join(s.checker)[:500],
        ]
        for s in plan.steps
    ]
    last = sh.table(row + 2, columns, rows, freeze=True)
    _caps_table(sh, last + 2, plan, names, lang)


def _caps_table(sh: Sheet, row: int, plan: PhasePlan, names: Names, lang: Lang) -> None:
    """The caps per team (staff who may leave it) and per profession, one column per step (blank: no cap)."""
    kinds: list[tuple[str, str, Callable[[PhaseStep], Mapping[str, int]]]] = [
        (_w("team_caps", lang), "team", lambda s: s.limits.max_moves_per_team),
        (_w("caps", lang), "profession", lambda s: s.limits.max_moves_per_profession),
    ]
    lines = []
    for title, kind, caps_of in kinds:
        label = names.team if kind == "team" else names.profession
        keys = sorted({k for s in plan.steps for k in caps_of(s)}, key=label)
        lines += [[title, label(k), *(caps_of(s).get(k) for s in plan.steps)] for k in keys]
    if not lines:
        return
    columns = [
        Col(_w("caps_kind", lang)),
        Col(_w("caps_for", lang)),
        *(Col(s.date.isoformat(), Unit.COUNT) for s in plan.steps),
    ]
    sh.put(row, 1, _w("caps_title", lang))
    sh.table(row + 1, columns, lines)


def _moves(book: Workbook, plan: PhasePlan, names: Names, lang: Lang) -> None:
    sh = add_sheet(book, _w("moves", lang), lang)
    row = sh.title(1, _w("moves_title", lang))
    if not any(s.moves for s in plan.steps):
        sh.put(row, 1, _w("nobody", lang))
        return
    with_names = names.has_staff_names
    columns = [
        Col(_w("date", lang)),
        Col(_w("title", lang)),
        Col(_w("staff", lang)),
        *([Col(_w("name", lang))] if with_names else []),
        Col(_w("profession", lang)),
        Col(_w("fte", lang), Unit.FTE),
        Col(_w("from", lang)),
        Col(_w("to", lang)),
    ]
    rows = [
        [
            m.date.isoformat(),
            step.title or "",
            m.staff_id,
            *([names.staff.get(m.staff_id, "")] if with_names else []),
            names.profession(m.profession),
            m.fte,
            names.team(m.from_team_id),
            names.team(m.to_team_id),
        ]
        for step in plan.steps
        for m in step.moves
    ]
    sh.table(row, columns, rows, freeze=True, autofilter=True)


def _coverage(book: Workbook, plan: PhasePlan, names: Names, lang: Lang) -> None:
    sh = add_sheet(book, _w("coverage", lang), lang)
    row = sh.title(1, _w("coverage_title", lang))
    dates = [s.date.isoformat() for s in plan.steps]
    columns = [
        Col(_w("team", lang)),
        Col(_w("profession", lang)),
        Col(_w("today", lang), Unit.SHARE),
        *(Col(d, Unit.SHARE) for d in dates),
    ]
    cells = _cells(plan)
    today = _today(plan)
    rows = [
        [names.team(t), names.profession(p), today.get((t, p)), *(_share(step.get((t, p))) for step in cells)]
        for t, p in sorted(set(today) | {c for step in cells for c in step}, key=lambda c: _by_name(c, names))
    ]
    last = sh.table(row, columns, rows, freeze=True, freeze_columns=2, autofilter=True)
    colour_scale(sh.ws, f"C{row + 1}:{get_column_letter(len(columns))}{last}")


def _distance(book: Workbook, plan: PhasePlan, names: Names, lang: Lang) -> None:
    sh = add_sheet(book, _w("distance", lang), lang)
    row = sh.title(1, _w("distance_title", lang), _w("distance_note", lang))
    dates = [s.date.isoformat() for s in plan.steps]
    columns = [
        Col(_w("team", lang)),
        Col(_w("profession", lang)),
        Col(_w("today", lang), Unit.FTE),
        Col(_w("target", lang), Unit.FTE),
        *(Col(f"{d} ({_w('fte', lang)})", Unit.CHANGE) for d in dates),
        *(Col(f"{d} (kr.)", Unit.MONEY) for d in dates),
    ]
    rows = [
        [
            names.team(d.team_id),
            names.profession(d.profession),
            d.today_fte,
            d.target_fte,
            *d.fte,
            *(Num(x, Unit.MONEY) for x in d.dkk),
        ]
        for d in plan.distance
    ]
    sh.table(row, columns, rows, freeze=True, freeze_columns=2, autofilter=True)


def _by_name(cell: tuple[str, str], names: Names) -> tuple[str, str]:
    return names.team(cell[0]), names.profession(cell[1])


def _cells(plan: PhasePlan) -> list[dict[tuple[str, str], Coverage]]:
    return [{(c.team_id, c.profession): c for c in s.coverage} for s in plan.steps]


def _today(plan: PhasePlan) -> dict[tuple[str, str], float | None]:
    first = plan.steps[0].coverage if plan.steps else ()
    return {(c.team_id, c.profession): c.current_supply_fte / c.demand_fte if c.demand_fte > 0 else None for c in first}


def _share(cell: Coverage | None) -> float | None:
    return cell.coverage if cell is not None else None


def team_path(plan: PhasePlan) -> tuple[list[str], list[float | None], list[list[float | None]]]:
    """Coverage per team (all professions: practice-near supply over demand) today and after every step: the
    teams, today's coverage and one list per step."""
    teams = sorted({c.team_id for s in plan.steps for c in s.coverage})

    def per_team(rows: Sequence[Coverage], today: bool) -> list[float | None]:
        demand: dict[str, float] = defaultdict(float)
        supply: dict[str, float] = defaultdict(float)
        for c in rows:
            demand[c.team_id] += c.demand_fte
            supply[c.team_id] += c.current_supply_fte if today else c.supply_fte
        return [supply[t] / demand[t] if demand[t] > 0 else None for t in teams]

    first = plan.steps[0].coverage if plan.steps else ()
    return teams, per_team(first, True), [per_team(s.coverage, False) for s in plan.steps]


def write_phase_deck(plan: PhasePlan, names: Names, path: str | Path, lang: Lang = "da") -> None:
    """A deck with the title slide and coverage per team along the path (today and after every step)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = deck.WIDE, deck.HIGH
    deck.add_title(prs, plan.title, plan.scenario, lang)
    add_path_slide(prs, plan, names, lang)
    prs.save(str(path))


def _every_label(axis: Any) -> None:
    """Name every category, however many (a viewer otherwise skips some): `c:tickLblSkip` 1, in its place in
    the axis (before `c:tickMarkSkip` / `c:noMultiLvlLbl` / `c:extLst`)."""
    skip = OxmlElement("c:tickLblSkip")
    skip.set("val", "1")
    element = axis._element
    after = next((c for c in element if c.tag.split("}")[1] in ("tickMarkSkip", "noMultiLvlLbl", "extLst")), None)
    if after is None:
        element.append(skip)
    else:
        after.addprevious(skip)


def add_path_slide(prs: object, plan: PhasePlan, names: Names, lang: Lang) -> None:
    """The slide: one bar per team and date, today first, the teams from the top in name order; under the
    chart, the plan and how its last step compares with the target."""
    slide = deck.add_slide(prs, _w("path_title", lang))
    teams, today, steps = team_path(plan)
    # A bar chart draws its first category and series at the bottom: given last first, the teams read from
    # the top in name order and each team's bars from today down to the last step.
    order = sorted(range(len(teams)), key=lambda n: names.team(teams[n]), reverse=True)
    series = [(_w("today", lang), today), *((s.date.isoformat(), v) for s, v in zip(plan.steps, steps, strict=True))]
    data = CategoryChartData(number_format=number_format(Unit.SHARE, lang))
    data.categories = [safe_text(names.team(teams[n])) for n in order]
    for label, values in reversed(series):
        data.add_series(label, [values[n] for n in order])
    chart = deck.add_chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data, Unit.SHARE, lang)
    for n, drawn in enumerate(reversed(chart.plots[0].series)):  # today in the first colour, as elsewhere
        drawn.format.fill.fore_color.rgb = RGBColor.from_string(SERIES[n % len(SERIES)])
    frame = slide.shapes[-1]
    frame.height -= NOTE_H  # room for the note under the chart
    deck.axis_titles(chart, _w("team", lang), _w("coverage_axis", lang))
    chart.category_axis.tick_labels.font.size = Pt(11)
    _every_label(chart.category_axis)
    note = slide.shapes.add_textbox(frame.left, frame.top + frame.height, frame.width, NOTE_H).text_frame
    note.word_wrap = True
    note.text = safe_text(f"{plan.title}. {reach_text(plan, lang)}")
    note.paragraphs[0].font.size = Pt(12)
