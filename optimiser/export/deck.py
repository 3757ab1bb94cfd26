"""The committee deck: a PowerPoint file with native charts that tells the decision, from one result or a
comparison of scenarios.

Slides: title; the question; the options side by side (split over slides, never cut); coverage per district
(or per team, where the comparison has no districts) on one axis for every option, with today the same on
every slide; cost in mio. kr. from 0 with the difference from today; who gains and who loses; moves and new
posts; the consultation's arguments (every figure of `optimiser.figures.ARGUMENTS`); the trade-off curve with
the option's own plan marked; who moves (every pair of teams, split over slides); method and caveats. Every
slide has its number and speaker notes naming the figures' source (the comparison and its runs); the deck is
`da-DK` throughout (every run and the core properties), so PowerPoint spell-checks it as Danish.

Text from the user's files passes through `safe_text`; the tool's own numbers do not (a negative difference
is a number, not a formula). Staff are never named on a slide: moves are counted per pair of teams.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt

from optimiser import i18n
from optimiser.export import figures
from optimiser.export.robust_slide import RobustSlide, add_robust_slide
from optimiser.export.safety import safe_text
from optimiser.export.style import MUTED, PRIMARY, SERIES, number_format
from optimiser.figures import ARGUMENTS, KPIS, Figure, Unit, as_text, figure
from optimiser.i18n import N_, text
from optimiser.names import Names
from optimiser.problems import Lang
from optimiser.results import SolveResult
from optimiser.vocabulary import TEAM, TODAY, short_status, status

T = TypeVar("T")
SUMMARY_KIND = "bydelsteam-comparison"  # marks a comparison's JSON summary (`scenarios.compare`)
CURRENT = "nuværende"  # today's rows in a comparison summary (`optimiser.comparison.CURRENT`)
LANGUAGES: dict[Lang, str] = {"da": "da-DK", "en": "en-GB"}  # every run's and the core properties' language
LANGUAGE = LANGUAGES["da"]  # PowerPoint and Word spell-check by it
AUTHOR = "Bydelsteam"  # the deck's author where the book names no municipality (the template has no such field)
OPTIONS_PER_SLIDE = 4  # option columns beside "today" on a table slide
COVERAGE_PER_SLIDE = 2  # coverage charts on one slide
MOVE_PAIRS = 3  # pairs of teams named per option on "Who moves" (the rest in one row, all in the notes)
MOVE_ROWS_PER_SLIDE = 16  # rows of "Who moves" per slide (0.32 in each)
OPTION_ROWS_PER_SLIDE = 8  # options as rows (gains and losses, moves and new posts)
SHOWN_CHANGES = 2  # districts or professions named per option and direction
AXIS_STEP = 0.2  # the coverage axis ends at a multiple of 20 %, never below 100 %
MILLIONS = frozenset({"cost_dkk", "cost_delta_dkk", "new_posts_cost_dkk"})  # shown in mio. kr. (per child: kr.)
FTE_STEP = 0.005  # a change below half the FTE resolution is rounding

# The key figures of the side-by-side slide, from the one catalogue; an option's figures are keyed by `row`.
FIGURES: tuple[Figure, ...] = tuple(
    figure(name)
    for name in (
        "max_shortfall",
        "mean_shortfall",
        "total_shortfall_fte",
        "staff_moved",
        "contacts_changed",
        "teams",
        "new_posts_fte",
        "cost_dkk",
        "cost_delta_dkk",
        "cost_per_child_dkk",
    )
)
ROWS: tuple[str, ...] = tuple(
    dict.fromkeys(f.row for f in (*FIGURES, figure("new_posts_cost_dkk"), *ARGUMENTS))
)  # every figure an option carries


@dataclass(frozen=True)
class Option:
    """One column of the deck: a scenario's plan (or today's allocation)."""

    name: str
    title: str
    status: str
    figures: Mapping[str, float | None]
    coverage: Sequence[tuple[str, float | None, float | None]]  # district or team, coverage today, in the option
    moves: Sequence[tuple[str, str, int]]  # from team, to team, staff
    run_id: int | None = None
    places: Sequence[tuple[str, float]] = ()  # district or team, change in FTE (most gained first)
    professions: Sequence[tuple[str, float]] = ()  # profession, change in FTE (most gained first)


@dataclass(frozen=True)
class Curve:
    """The trade-off curve of one option, and that option's own plan."""

    option: str  # its title
    points: Sequence[tuple[int, float]]  # (staff moved, largest shortfall), fewest moves first
    plan: tuple[int, float] | None  # the option's plan (staff moved, largest shortfall)


@dataclass(frozen=True)
class DeckData:
    source: str  # where the figures come from, for the speaker notes (a file name, never on a slide)
    options: Sequence[Option]  # today first in a comparison
    frontier: Curve | None
    robust: RobustSlide | None = None  # a robustness sweep's slide (optimiser.export.robust_slide)
    author: str = AUTHOR
    districts: bool = False  # coverage per district (the same for every structure), else per team
    reference: str = ""  # what every figure is measured against, in words
    made: str = ""  # when the figures were made (the comparison's date), in words
    subtitle: str = ""  # the title slide's second line (default: the options counted)

    @property
    def plans(self) -> list[Option]:
        return [o for o in self.options if o.status != "current"]

    @property
    def today(self) -> Option | None:
        return next((o for o in self.options if o.status == "current"), None)


def from_result(result: SolveResult, names: Names, source: str, lang: Lang = "da") -> DeckData:
    """One plan against today (`source`: the result's file, named in the speaker notes only)."""
    k = result.kpis
    values: dict[str, float | None] = dict.fromkeys(ROWS)
    if k is not None:
        values |= {f.row: getattr(k, f.field) for f in KPIS}
    values["teams"] = len(figures.team_ids(result))
    shares = figures.team_coverage(result)
    coverage = [(names.team(t.team_id), t.current_coverage, t.coverage) for t in shares]
    places = _ranked((names.team(t.team_id), t.supply_fte - t.current_supply_fte) for t in shares)
    gained: dict[str, float] = defaultdict(float)
    for c in result.coverage:
        gained[names.profession(c.profession)] += c.supply_fte - c.current_supply_fte
    moves = [(names.team(a), names.team(b), n) for a, b, n in figures.moves(result)]
    title = text("The plan", lang)
    plan = Option("plan", title, result.status, values, coverage, moves, None, places, _ranked(gained.items()))
    return DeckData(source, [plan], None, subtitle=title)


def summary_names(data: Mapping[str, Any], names: Names) -> Names:
    """`names` completed by the summary's own display names (`names` entry; team names of its team rows), so a
    deck or paper made without the book never shows a raw id."""
    given: Mapping[str, Mapping[str, str]] = data.get("names") or {}
    teams = {t["team_id"]: t["team_name"] for t in data.get("teams", []) if t.get("team_name")}
    teams |= dict(given.get("teams", {}))
    scenarios = {r["scenario"]: r["title"] for r in data.get("kpis", []) if r.get("title")}
    return Names(
        professions={**given.get("professions", {}), **names.professions},
        indicators=names.indicators,
        indicator_notes=names.indicator_notes,
        areas={**given.get("areas", {}), **names.areas},
        teams={**teams, **names.teams},
        team_areas=names.team_areas,
        institutions=names.institutions,
        staff={},  # a deck and a paper never name staff
        scenarios={**scenarios, **names.scenarios},
    )


def from_comparison(data: Mapping[str, Any], names: Names, lang: Lang = "da", source: str = "") -> DeckData:
    """The scenarios of a comparison summary (`Comparison.summary()`), each against today; `source` names the
    summary's file in the speaker notes."""
    names = summary_names(data, names)
    districts = _districts(data, names)
    today_values = {row: data["current"].get(row) for row in ROWS}
    today_cover = districts.get(CURRENT) or next(iter(districts.values()), None)
    today = Option(
        "today",
        text(TODAY, lang),
        "current",
        today_values,
        [(d, now, now) for d, now, _, _ in today_cover or ()],
        [],
    )
    options = []
    for row in data["kpis"]:
        name = row["scenario"]
        pairs = Counter((m["start_team_id"], m["team_id"]) for m in data["moves"] if m["scenario"] == name)
        moves = [(names.team(a), names.team(b), n) for (a, b), n in sorted(pairs.items(), key=lambda kv: -kv[1])]
        if districts:
            rows = districts.get(name, [])
            now = {d: c for d, c, _, _ in today_cover or ()}
            coverage = [(d, now.get(d, c0), c1) for d, c0, c1, _ in rows]
            places = _ranked((d, delta) for d, _, _, delta in rows)
            professions = _ranked(_profession_changes(data, name, names).items())
        else:
            teams = [t for t in data["teams"] if t["scenario"] == name]
            coverage = [(names.team(t["team_id"]), t["current_coverage"], t["new_coverage"]) for t in teams]
            places = _ranked((names.team(t["team_id"]), t["change_fte"]) for t in teams)
            professions = []
        values = {r: row.get(r) for r in ROWS}
        title = row.get("title") or names.scenario(name)
        options.append(
            Option(name, title, row["status"], values, coverage, moves, row.get("run_id"), places, professions)
        )
    return DeckData(
        source=source or str(data.get("book", "")),
        options=[today, *options],
        frontier=_curve(data, options),
        districts=bool(districts),
        reference=str(data.get("reference") or ""),
        made=_made(data.get("created_at"), lang),
    )


def _made(created: object, lang: Lang) -> str:
    try:
        return i18n.day(datetime.fromisoformat(str(created)).date(), lang)
    except ValueError:
        return ""


def _districts(data: Mapping[str, Any], names: Names) -> dict[str, list[tuple[str, float | None, float, float]]]:
    """Per scenario: (district, coverage today, coverage in the plan, change in FTE) over all professions."""
    sums: dict[str, dict[str, list[float]]] = defaultdict(dict)
    for d in data.get("districts", []):
        label = d.get("district_name") or names.area(d["district_id"])
        acc = sums[d["scenario"]].setdefault(label, [0.0, 0.0, 0.0])
        acc[0] += d["demand_fte"]
        acc[1] += d["current_supply_fte"]
        acc[2] += d["supply_fte"]
    return {
        scenario: [
            (label, now / need if need > 0 else None, new / need if need > 0 else 0.0, new - now)
            for label, (need, now, new) in rows.items()
        ]
        for scenario, rows in sums.items()
    }


def _profession_changes(data: Mapping[str, Any], scenario: str, names: Names) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for d in data.get("districts", []):
        if d["scenario"] == scenario:
            out[names.profession(d["profession"])] += d["supply_fte"] - d["current_supply_fte"]
    return out


def _ranked(changes: Iterable[tuple[str, float]]) -> list[tuple[str, float]]:
    return sorted(((k, v) for k, v in changes), key=lambda kv: (-kv[1], kv[0]))


def _curve(data: Mapping[str, Any], options: Sequence[Option]) -> Curve | None:
    front = data.get("frontier")
    if not front or not front.get("pareto"):
        return None
    owner = next((o for o in options if o.name == front.get("scenario")), None)
    points = [(p["staff_moved"], p["max_shortfall"]) for p in front["pareto"]]
    plan = None
    if owner is not None and owner.figures.get("staff_moved") is not None:
        moved, worst = owner.figures["staff_moved"], owner.figures.get("max_shortfall")
        plan = (int(moved or 0), float(worst)) if worst is not None else None
    return Curve(owner.title if owner else str(front.get("scenario", "")), points, plan)


def is_comparison(data: object) -> bool:
    return isinstance(data, dict) and data.get("kind") == SUMMARY_KIND


# -- writing --------------------------------------------------------------------------------------------------

WIDE, HIGH = Inches(13.333), Inches(7.5)  # 16:9
LEFT, TOP = Inches(0.5), Inches(1.3)
BODY_W, BODY_H = WIDE - 2 * LEFT, HIGH - TOP - Inches(0.6)
ROW_H = Inches(0.4)
MOVE_ROW_H = Inches(0.32)
LABEL_W = Inches(3.4)  # the first column of a figure table


def write_deck(deck: DeckData, path: str | Path, lang: Lang = "da") -> None:
    """Write the committee deck to `path`."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDE, HIGH
    _title(prs, deck, lang)
    _question(prs, deck, lang)
    _figure_tables(prs, deck, text("The options side by side", lang), FIGURES, lang, status_row=True)
    _coverage(prs, deck, lang)
    _cost(prs, deck, lang)
    _gains(prs, deck, lang)
    _moves_and_posts(prs, deck, lang)
    if ARGUMENTS:
        _figure_tables(prs, deck, text("The consultation's arguments per option", lang), ARGUMENTS, lang)
    if deck.frontier:
        _frontier(prs, deck, deck.frontier, lang)
    if deck.robust is not None:
        add_robust_slide(prs, deck.robust, lang)
        _notes(prs.slides[-1], deck, lang)
    _moves(prs, deck, lang)
    _method(prs, deck, lang)
    finish(prs, deck.author, text("Cross-disciplinary support in district teams", lang), lang)
    prs.save(str(path))


def finish(prs: Any, author: str, title: str, lang: Lang = "da") -> None:
    """Slide numbers, the core properties (author, title, created now, language) and the language on every run
    (`da-DK` for a Danish deck)."""
    total = len(prs.slides)
    for n, slide in enumerate(prs.slides, start=1):
        if n > 1:  # the title slide carries no number
            box = slide.shapes.add_textbox(WIDE - Inches(1.6), HIGH - Inches(0.45), Inches(1.2), Inches(0.35))
            box.text_frame.text = f"{n}/{total}"
            box.text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT
            box.text_frame.paragraphs[0].font.size = Pt(11)
            box.text_frame.paragraphs[0].font.color.rgb = RGBColor.from_string(MUTED)
    core = prs.core_properties
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    core.author = core.last_modified_by = author
    core.title, core.language = title, LANGUAGES[lang]
    core.created = core.modified = now
    core.revision = 1
    _language(prs, LANGUAGES[lang])


def _language(prs: Any, tag: str) -> None:
    """`lang` (da-DK) on every run, paragraph end and default of every part (slides, notes, layouts, masters,
    charts, the presentation's default text style), so no text is spell-checked as English."""
    tags = {qn("a:rPr"), qn("a:endParaRPr"), qn("a:defRPr")}
    for part in prs.part.package.iter_parts():
        root = getattr(part, "_element", None)
        if root is None:
            continue
        for run in root.iter(qn("a:r")):
            if run.find(qn("a:rPr")) is None:
                run.insert(0, OxmlElement("a:rPr"))
        for element in root.iter(*tags):
            element.set("lang", tag)
        for lang in root.iter(qn("c:lang")):
            lang.set("val", tag)


def _slide(prs: Any, title: str) -> Any:
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # title only
    head = slide.shapes.title
    head.left, head.top, head.width, head.height = LEFT, Inches(0.2), BODY_W, Inches(0.7)
    head.text = safe_text(title)
    head.text_frame.paragraphs[0].font.size = Pt(28)
    slide.shapes.title.text_frame.paragraphs[0].font.color.rgb = RGBColor.from_string(PRIMARY)
    return slide


def _notes(slide: Any, deck: DeckData, lang: Lang, *lines: str) -> None:
    """The speaker notes: what the slide says (`lines`) and where its figures come from."""
    runs = "; ".join(
        f"{o.title}: " + (text("run no. {run}", lang, run=o.run_id) if o.run_id else text("not stored", lang))
        for o in deck.plans
    )
    source = text("Source: {source}", lang, source=deck.source or "–")
    if deck.made:
        source += " " + text("(made {day})", lang, day=deck.made)
    frame = slide.notes_slide.notes_text_frame
    frame.text = safe_text("\n".join([*lines, source + ".", text("Runs: {runs}.", lang, runs=runs)]))


def _title(prs: Any, deck: DeckData, lang: Lang) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = text("Cross-disciplinary support in district teams", lang)
    slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(40)
    options = len(deck.plans)
    subtitle = deck.subtitle or text("Decision basis: {n} options", lang, n=options)
    frame = slide.placeholders[1].text_frame
    frame.text = safe_text(subtitle)
    frame.add_paragraph().text = safe_text(f"{deck.author} · {i18n.day(date.today(), lang)}")
    for paragraph in frame.paragraphs:
        paragraph.font.size = Pt(22)
    _notes(slide, deck, lang)


def _question(prs: Any, deck: DeckData, lang: Lang) -> None:
    slide = _slide(prs, text("The question", lang))
    plans = deck.plans
    if len(plans) > 1:
        lines = [text("The committee chooses how to organise the support. The options:", lang)]
        lines += [f"{n}. {o.title}" for n, o in enumerate(plans, start=1)]
    else:
        lines = [text("What does the plan mean for coverage, moves and cost, against today?", lang)]
    today = deck.today
    if today is not None and today.figures.get("max_shortfall") is not None:
        worst = as_text(today.figures["max_shortfall"], Unit.SHARE, lang)
        lines.append(text("Today the largest relative shortfall is {worst}.", lang, worst=worst))
    if deck.reference:
        lines.append(
            text("Every option is measured against the same need: {reference}.", lang, reference=deck.reference)
        )
    _bullets(slide, lines, size=18 if len(lines) <= 8 else 15)
    _notes(slide, deck, lang)


def _bullets(slide: Any, lines: Sequence[str], size: int = 16, top: int = TOP) -> None:
    frame = slide.shapes.add_textbox(LEFT, top, BODY_W, HIGH - top - Inches(0.6)).text_frame
    frame.word_wrap = True
    for n, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.text = safe_text(line)
        paragraph.font.size = Pt(size)
        paragraph.space_after = Pt(6)


def _chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[n : n + size] for n in range(0, len(items), size)] or [items]


def _numbered(title: str, n: int, total: int, lang: Lang) -> str:
    return title if total == 1 else text("{title} ({n} of {total})", lang, title=title, n=n, total=total)


def shown(fig: Figure, value: float | None, lang: Lang) -> str:
    """A figure as the deck and the paper write it: money in mio. kr. (a difference with its sign)."""
    if fig.row in MILLIONS and value is not None:
        signed = "+" if fig.row == "cost_delta_dkk" and value > 0 else ""
        return signed + i18n.mio_dkk(value, 1, lang)
    return as_text(value, fig.unit, lang)


def _figure_tables(
    prs: Any, deck: DeckData, title: str, rows: Sequence[Figure], lang: Lang, status_row: bool = False
) -> None:
    """Figures as rows, options as columns; today beside every group of at most OPTIONS_PER_SLIDE options, and
    as many figures per slide as fit its height (a long label takes two lines)."""
    today = [o for o in deck.options if o.status == "current"]
    groups = _chunks(deck.plans, OPTIONS_PER_SLIDE)
    parts = _fitting_rows(rows, lang, status_row)
    total = len(groups) * len(parts)
    for n, (group, part) in enumerate(((g, p) for g in groups for p in parts), start=1):
        slide = _slide(prs, _numbered(title, n, total, lang))
        columns = [*today, *group]
        body = [(text("Status", lang), [short_status(o.status, lang) for o in columns])] if status_row else []
        body += [(f.title(lang), [shown(f, o.figures.get(f.row), lang) for o in columns]) for f in part]
        header = [text("Figure", lang), *(o.title for o in columns)]
        _table(slide, header, body, lang)
        _notes(slide, deck, lang)


LABEL_CHARS = 34  # characters of a 12 pt label on one line of the LABEL_W column (Calibri, measured by render)


def _fitting_rows(rows: Sequence[Figure], lang: Lang, status_row: bool) -> list[Sequence[Figure]]:
    """`rows` split into slides' worth: a row is ROW_H high, two lines where its label is longer than a line;
    the header (two lines at most) and the status row come first on every slide."""
    room = BODY_H - 2 * ROW_H - (ROW_H if status_row else 0)
    parts: list[list[Figure]] = [[]]
    used = 0
    for fig in rows:
        height = ROW_H if len(fig.title(lang)) <= LABEL_CHARS else int(ROW_H * 1.7)
        if parts[-1] and used + height > room:
            parts.append([])
            used = 0
        parts[-1].append(fig)
        used += height
    return [p for p in parts if p] or [list(rows)]


def _table(slide: Any, header: Sequence[str], body: Sequence[tuple[str, Sequence[str]]], lang: Lang) -> Any:
    """A table with the first column LABEL_W wide and the rest shared; headers sized so no word breaks."""
    cols = len(header)
    width = Emu(int((BODY_W - LABEL_W) / max(1, cols - 1)))
    shape = slide.shapes.add_table(len(body) + 1, cols, LEFT, TOP, BODY_W, ROW_H * (len(body) + 1))
    table = shape.table
    table.columns[0].width = LABEL_W
    for c in range(1, cols):
        table.columns[c].width = width
    size = fit_size(header[1:], width, 14)
    _cell(table, 0, 0, header[0], bold=True, size=size)
    for c, words in enumerate(header[1:], start=1):
        _cell(table, 0, c, abbreviate(words, width, size), bold=True, size=size)
    for r, (label, values) in enumerate(body, start=1):
        _cell(table, r, 0, label, size=12)
        for c, value in enumerate(values, start=1):
            _cell(table, r, c, value, size=12, own=True)
    return table


CHAR_EM = 0.62  # a bold character's width in em (Calibri's widest common letters), for fitting
CELL_PAD = Inches(0.2)  # a cell's left and right margins together


def fit_size(headers: Sequence[str], width: int, largest: int, smallest: int = 9) -> int:
    """The largest font size (pt) at which every word of `headers` fits a column of `width` EMU on one line."""
    longest = max((len(w) for h in headers for w in h.split()), default=1)
    room = (width - CELL_PAD) / 12700  # points
    for size in range(largest, smallest - 1, -1):
        if longest * CHAR_EM * size <= room:
            return size
    return smallest


def abbreviate(words: str, width: int, size: int) -> str:
    """`words` with any word too long for the column at `size` shortened with a full stop (never broken)."""
    room = int((width - CELL_PAD) / 12700 / (CHAR_EM * size))
    return " ".join(w if len(w) <= room else w[: max(1, room - 1)] + "." for w in words.split())


def _cell(table: Any, row: int, col: int, words: str, bold: bool = False, size: int = 13, own: bool = False) -> None:
    """A table cell; `own`: the tool's own figure (written as is: a leading minus is a sign, not a formula)."""
    cell = table.cell(row, col)
    cell.text = words if own else safe_text(words)
    for paragraph in cell.text_frame.paragraphs:
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bold


def _chart(
    slide: Any,
    kind: Any,
    data: Any,
    unit: Unit,
    lang: Lang,
    legend: bool = True,
    box: tuple[int, int, int, int] | None = None,
) -> Any:
    x, y, w, h = box or (LEFT, TOP, BODY_W, BODY_H)
    chart = slide.shapes.add_chart(kind, x, y, w, h, data).chart
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    chart.value_axis.tick_labels.number_format = number_format(unit, lang)
    chart.value_axis.tick_labels.number_format_is_linked = False
    for n, series in enumerate(chart.plots[0].series):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(SERIES[n % len(SERIES)])
    return chart


def _axis_titles(chart: Any, category: str, value: str) -> None:
    chart.category_axis.has_title = True
    chart.category_axis.axis_title.text_frame.text = safe_text(category)
    chart.value_axis.has_title = True
    chart.value_axis.axis_title.text_frame.text = safe_text(value)


def every_label(chart: Any, size: int) -> None:
    """Every category labelled (no label skipped however many teams), at `size` points, first at the top."""
    axis = chart.category_axis
    axis.tick_labels.font.size = Pt(size)
    axis.reverse_order = True  # a bar chart draws its first category at the bottom
    crosses = chart.value_axis._element.find(qn("c:crosses"))
    if crosses is not None:  # the value axis crosses at the last category: below the bars, not above them
        crosses.set("val", "max")
    cat = axis._element
    for old in cat.findall(qn("c:tickLblSkip")):
        cat.remove(old)
    skip = OxmlElement("c:tickLblSkip")
    skip.set("val", "1")
    cat.append(skip)
    # the schema wants tickLblSkip after c:lblOffset; move it to its place
    offset = cat.find(qn("c:lblOffset"))
    if offset is not None:
        offset.addnext(skip)


def coverage_axis(deck: DeckData) -> float:
    """The end of every coverage slide's axis: the largest coverage shown, rounded up to 20 %, at least 100 %."""
    values = [v for o in deck.plans for _, a, b in o.coverage for v in (a, b) if v is not None]
    top = max([1.0, *values])
    return math.ceil(round(top / AXIS_STEP, 6)) * AXIS_STEP


def _coverage(prs: Any, deck: DeckData, lang: Lang) -> None:
    shown_options = [o for o in deck.plans if o.coverage]
    if not shown_options:
        return
    end = coverage_axis(deck)
    place = N_("District") if deck.districts else TEAM
    title = text(N_("Coverage per district") if deck.districts else N_("Coverage per team"), lang)
    groups = _chunks(shown_options, COVERAGE_PER_SLIDE)
    gap = Inches(0.3)
    width = Emu(int((BODY_W - gap * (COVERAGE_PER_SLIDE - 1)) / COVERAGE_PER_SLIDE))
    for n, group in enumerate(groups, start=1):
        slide = _slide(prs, _numbered(title, n, len(groups), lang))
        note = (
            text("Today is the same on every slide: coverage now, against the same need for every option.", lang)
            if deck.districts
            else text("Today: the option's own teams with the staff where they are now.", lang)
        )
        add_note(slide, note)
        for k, option in enumerate(group):
            data = CategoryChartData(number_format=number_format(Unit.SHARE, lang))
            data.categories = [safe_text(label) for label, _, _ in option.coverage]
            data.add_series(text(TODAY, lang), [now for _, now, _ in option.coverage])
            data.add_series(safe_text(option.title), [plan for _, _, plan in option.coverage])
            box = (LEFT + (width + gap) * k, TOP, width, BODY_H)
            chart = _chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data, Unit.SHARE, lang, box=box)
            chart.has_title = True
            chart.chart_title.text_frame.text = safe_text(option.title)
            chart.chart_title.text_frame.paragraphs[0].font.size = Pt(14)
            chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = 0.0, end
            chart.value_axis.major_unit = AXIS_STEP
            chart.value_axis.tick_labels.number_format = "0%"
            chart.value_axis.tick_labels.font.size = Pt(10)
            chart.legend.font.size = Pt(11)
            every_label(chart, 10 if len(option.coverage) <= 16 else 8)
            _axis_titles(chart, text(place, lang), text("Coverage of need (%)", lang))
            for axis in (chart.category_axis, chart.value_axis):
                axis.axis_title.text_frame.paragraphs[0].font.size = Pt(11)
        lines = [
            f"{o.title}: " + "; ".join(f"{p} {_pct(a, lang)} → {_pct(b, lang)}" for p, a, b in o.coverage)
            for o in group
        ]
        _notes(slide, deck, lang, *lines)


def _pct(value: float | None, lang: Lang) -> str:
    return i18n.percent(value, 1, lang)


def _cost(prs: Any, deck: DeckData, lang: Lang) -> None:
    slide = _slide(prs, text("Cost per option", lang))
    options = deck.options
    cost, delta = figure("cost_dkk"), figure("cost_delta_dkk")
    data = CategoryChartData(number_format="#,##0.0")
    data.categories = [safe_text(o.title) for o in options]
    values = [o.figures.get(cost.row) for o in options]
    data.add_series(text("Mio. DKK a year", lang), [v / 1e6 if v is not None else None for v in values])
    chart = _chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data, Unit.NUMBER, lang, legend=False)
    chart.has_title = False
    chart.value_axis.minimum_scale = 0.0  # from 0: a 5 % cut must look like 5 %
    largest = max((v for v in values if v is not None), default=0.0) / 1e6
    chart.value_axis.maximum_scale = float(math.ceil(largest * 1.45 / 50) * 50 or 1)  # room for the labels
    chart.value_axis.tick_labels.number_format = "#,##0"
    every_label(chart, 12 if len(options) <= 10 else 10)
    _axis_titles(chart, text("Option", lang), text("Mio. DKK a year", lang))
    plot = chart.plots[0]
    plot.has_data_labels = True
    for point, option in zip(plot.series[0].points, options, strict=True):
        value = option.figures.get(cost.row)
        if value is None:
            continue
        words = i18n.number(value / 1e6, 1, lang)  # the axis says mio. kr.: a label short enough not to wrap
        change = option.figures.get(delta.row)
        if option.status != "current" and change is not None:
            words += " (" + ("+" if change > 0 else "") + i18n.number(change / 1e6, 1, lang) + ")"
        label = point.data_label
        label.position = XL_LABEL_POSITION.OUTSIDE_END
        label.text_frame.text = words
        label.text_frame.paragraphs[0].font.size = Pt(12)
    add_note(slide, text("Annual cost in mio. DKK from 0; in brackets the difference from today.", lang))
    lines = [f"{o.title}: {shown(cost, o.figures.get(cost.row), lang)}" for o in options]
    _notes(slide, deck, lang, *lines)


def _changes(changes: Sequence[tuple[str, float]], lang: Lang, gained: bool) -> str:
    picked = [(k, v) for k, v in changes if (v > FTE_STEP if gained else v < -FTE_STEP)]
    picked = picked[:SHOWN_CHANGES] if gained else picked[::-1][:SHOWN_CHANGES]
    if not picked:
        return "–"
    return "\n".join(f"{safe_text(k)} {as_text(v, Unit.CHANGE, lang)}" for k, v in picked)


def _option_rows(
    prs: Any, deck: DeckData, title: str, header: Sequence[str], rows: Sequence[tuple[str, Sequence[str]]], lang: Lang
) -> None:
    """Options as rows, split over slides; `header[0]` heads the options' column."""
    groups = _chunks(rows, OPTION_ROWS_PER_SLIDE)
    for n, group in enumerate(groups, start=1):
        slide = _slide(prs, _numbered(title, n, len(groups), lang))
        table = _table(slide, header, group, lang)
        for r in range(1, len(group) + 1):  # option titles come from the user's files
            table.cell(r, 0).text = safe_text(group[r - 1][0])
            table.cell(r, 0).text_frame.paragraphs[0].font.size = Pt(12)
        _notes(slide, deck, lang)


def _gains(prs: Any, deck: DeckData, lang: Lang) -> None:
    place = text(N_("district") if deck.districts else N_("team"), lang)
    header = [
        text("Option", lang),
        text("Gains most FTE ({place})", lang, place=place),
        text("Loses most FTE ({place})", lang, place=place),
        text("Professions gaining", lang),
        text("Professions losing", lang),
    ]
    rows = [
        (
            o.title,
            [
                _changes(o.places, lang, True),
                _changes(o.places, lang, False),
                _changes(o.professions, lang, True),
                _changes(o.professions, lang, False),
            ],
        )
        for o in deck.plans
    ]
    _option_rows(prs, deck, text("Who gains and who loses", lang), header, rows, lang)


def _moves_and_posts(prs: Any, deck: DeckData, lang: Lang) -> None:
    picked = [figure(n) for n in ("staff_moved", "contacts_changed", "new_posts_fte", "new_posts_cost_dkk")]
    header = [text("Option", lang), *(f.title(lang) for f in picked)]
    rows = [(o.title, [shown(f, o.figures.get(f.row), lang) for f in picked]) for o in deck.plans]
    _option_rows(prs, deck, text("Moves and new posts per option", lang), header, rows, lang)


def _frontier(prs: Any, deck: DeckData, curve: Curve, lang: Lang) -> None:
    slide = _slide(prs, text("Trade-off: equity against moves", lang))
    fmt = number_format(Unit.SHARE, lang)
    data = XyChartData()
    series = data.add_series(text("The curve: fewest moves at each level of equity", lang), number_format=fmt)
    for moved, shortfall in curve.points:
        series.add_data_point(moved, shortfall)
    if curve.plan is not None:
        mark = data.add_series(text("The option's plan", lang), number_format=fmt)
        mark.add_data_point(*curve.plan)
    box = (LEFT, TOP + Inches(0.5), BODY_W, BODY_H - Inches(1.1))
    chart = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES, *box, data).chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.value_axis.tick_labels.number_format = "0%"  # whole per cents: no decimal mark to localise
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = 0.0, 1.0  # a shortfall is 0-100 %
    chart.value_axis.major_unit = AXIS_STEP
    if curve.plan is not None:
        plan_series = chart.plots[0].series[1]
        plan_series.format.line.fill.background()  # a point, no line
        plan_series.marker.style = XL_MARKER_STYLE.DIAMOND
        plan_series.marker.size = 14
        plan_series.marker.format.fill.solid()
        plan_series.marker.format.fill.fore_color.rgb = RGBColor.from_string(SERIES[1])
    _axis_titles(chart, figure("staff_moved").title(lang), figure("max_shortfall").title(lang))
    add_note(slide, text("The curve belongs to the option {option}.", lang, option=curve.option))
    end_moves, end_worst = curve.points[-1]
    why = text(
        "The curve's points hold other settings than the option's plan: moves come right after equity (before "
        "total shortfall) and equity may be a little worse. So its end point ({moves} moves at {worst}) is not "
        "the option's plan, which is marked apart.",
        lang,
        moves=end_moves,
        worst=_pct(end_worst, lang),
    )
    if curve.plan is not None:
        why += " " + text(
            "The plan: {moves} moves at {worst}.", lang, moves=curve.plan[0], worst=_pct(curve.plan[1], lang)
        )
    frame = slide.shapes.add_textbox(LEFT, HIGH - Inches(1.15), BODY_W, Inches(0.7)).text_frame
    frame.word_wrap = True
    frame.text = safe_text(why)
    frame.paragraphs[0].font.size = Pt(12)
    lines = [f"{m}: {_pct(s, lang)}" for m, s in curve.points]
    _notes(slide, deck, lang, text("The curve (moves: largest shortfall): {points}", lang, points="; ".join(lines)))


def _moves(prs: Any, deck: DeckData, lang: Lang) -> None:
    """Every option with its MOVE_PAIRS largest pairs of teams and one row for the other pairs (an option
    without moves says so), split over slides; every pair is in the speaker notes."""
    flows: list[tuple[str, Sequence[str]]] = []
    for o in deck.plans:
        flows += [(o.title, [a, b, str(n)]) for a, b, n in o.moves[:MOVE_PAIRS]]
        rest = o.moves[MOVE_PAIRS:]
        if rest:
            others = text("{pairs} other pairs of teams", lang, pairs=len(rest))
            flows.append((o.title, [others, "", str(sum(n for _, _, n in rest))]))
        if not o.moves:
            flows.append((o.title, [text("Nobody changes team.", lang), "", "0"]))
    header = [text(h, lang) for h in (N_("Option"), N_("From team"), N_("To team"), N_("Staff"))]
    groups = _chunks(flows, MOVE_ROWS_PER_SLIDE)
    for n, group in enumerate(groups, start=1):
        slide = _slide(prs, _numbered(text("Who moves", lang), n, len(groups), lang))
        shape = slide.shapes.add_table(len(group) + 1, 4, LEFT, TOP, BODY_W, MOVE_ROW_H * (len(group) + 1))
        table = shape.table
        for c, w in enumerate((Inches(4.1), Inches(3.2), Inches(3.2))):
            table.columns[c].width = w
        table.columns[3].width = BODY_W - Inches(10.5)
        for row in table.rows:
            row.height = MOVE_ROW_H
        for c, header_words in enumerate(header):
            _cell(table, 0, c, header_words, bold=True, size=12)
        for r, (option, (a, b, staff)) in enumerate(group, start=1):
            for c, words in enumerate((option, a, b)):
                _cell(table, r, c, words, size=11)
            _cell(table, r, 3, staff, size=11, own=True)
        pairs = [f"{o.title}: " + "; ".join(f"{a} → {b}: {k}" for a, b, k in o.moves) for o in deck.plans]
        _notes(slide, deck, lang, *pairs)


def _method(prs: Any, deck: DeckData, lang: Lang) -> None:
    slide = _slide(prs, text("Method and caveats", lang))
    lines = [text(msgid, lang) for msgid in METHOD_LINES]
    if deck.reference:
        lines.insert(
            2, text("Every option is measured against the same need: {reference}.", lang, reference=deck.reference)
        )
    lines.insert(3, text("Status per option: {statuses}.", lang, statuses=_statuses(deck, lang)))
    _bullets(slide, ["• " + line for line in lines], size=15)
    _notes(slide, deck, lang)


# The method slide, in a committee's words (the status line is added per deck).
METHOD_LINES: tuple[str, ...] = (
    N_(
        "Need: the children of each institution, weighted by need indicators (with a floor, and a blend of need "
        "and head count), summed per district team."
    ),
    N_(
        "Plan: a mathematical optimisation first makes coverage as even as it can (the largest relative shortfall "
        "as small as possible), then the total shortfall as small as possible, then moves as few as possible — "
        "under the chosen rules (area boundary, locked staff, 80/20, a minimum per team, the budget)."
    ),
    N_("Every plan is checked again by an independent control of every rule and figure."),
    N_("The figures are only as good as the workbook's data. The sample municipality's data are illustrative."),
    N_("No data on individual children; staff are never named on the slides."),
)


def _statuses(deck: DeckData, lang: Lang) -> str:
    return "; ".join(f"{o.title}: {status(o.status, lang)}" for o in deck.plans)


# -- the same look for slides made elsewhere (a transition plan's path, `optimiser.export.phase`) -------------


def add_title(prs: Any, title: str, source: str, lang: Lang) -> None:
    """A title slide naming one plan (`source`: shown beside the date)."""
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = text("Cross-disciplinary support in district teams", lang)
    slide.placeholders[1].text = safe_text(f"{title}\n{source} · {i18n.day(date.today(), lang)}")


def add_slide(prs: Any, title: str) -> Any:
    return _slide(prs, title)


def add_chart(slide: Any, kind: Any, data: Any, unit: Unit, lang: Lang) -> Any:
    return _chart(slide, kind, data, unit, lang)


def axis_titles(chart: Any, category: str, value: str) -> None:
    _axis_titles(chart, category, value)


def add_note(slide: Any, words: str) -> None:
    """One line under the title (the chart fills the body)."""
    box = slide.shapes.add_textbox(LEFT, TOP - Inches(0.45), BODY_W, Inches(0.4)).text_frame
    box.word_wrap = True
    box.text = safe_text(words)
    box.paragraphs[0].font.size = Pt(12)
