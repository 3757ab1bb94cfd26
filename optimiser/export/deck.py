"""The committee deck: a PowerPoint file with native charts, from one result or a comparison of scenarios.

Slides: title; the options side by side (key figures); coverage per team, today against each option; cost per
option; the trade-off curve (when the comparison has one); who moves; method and caveats. Every text passes
through `safe_text` (chart categories become cells of the chart's embedded workbook). Staff are never named on
a slide: moves are counted per pair of teams.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Emu, Inches, Pt

from optimiser import i18n
from optimiser.export import figures
from optimiser.export.robust_slide import RobustSlide, add_robust_slide
from optimiser.export.safety import safe_text
from optimiser.export.style import PRIMARY, SERIES, number_format
from optimiser.figures import KPIS, Figure, Unit, figure
from optimiser.i18n import N_, text
from optimiser.names import Names
from optimiser.problems import Lang
from optimiser.results import SolveResult
from optimiser.vocabulary import TEAM, TODAY, short_status, status

SUMMARY_KIND = "bydelsteam-comparison"  # marks a comparison's JSON summary (`scenarios.compare`)
MAX_MOVE_ROWS = 12  # team pairs shown on the moves slide

# The key figures of the side-by-side slide, from the one catalogue; an option's figures are keyed by `row`.
FIGURES: tuple[Figure, ...] = tuple(
    figure(name)
    for name in (
        "max_shortfall",
        "mean_shortfall",
        "staff_moved",
        "contacts_changed",
        "teams",
        "cost_dkk",
        "cost_delta_dkk",
    )
)


@dataclass(frozen=True)
class Option:
    """One column of the deck: a scenario's plan (or today's allocation)."""

    name: str
    title: str
    status: str
    figures: Mapping[str, float | None]
    coverage: Sequence[tuple[str, float | None, float | None]]  # team label, coverage today, in the option
    moves: Sequence[tuple[str, str, int]]  # from team, to team, staff


@dataclass(frozen=True)
class DeckData:
    source: str
    options: Sequence[Option]
    frontier: Sequence[tuple[int, float]] | None  # (staff moved, largest shortfall), fewest moves first
    robust: RobustSlide | None = None  # a robustness sweep's slide (optimiser.export.robust_slide)


def from_result(result: SolveResult, names: Names, source: str, lang: Lang = "da") -> DeckData:
    """One plan against today."""
    k = result.kpis
    values: dict[str, float | None] = {f.row: None for f in FIGURES}
    if k is not None:
        values |= {f.row: getattr(k, f.field) for f in KPIS}
    values["teams"] = len(figures.team_ids(result))
    coverage = [(names.team(t.team_id), t.current_coverage, t.coverage) for t in figures.team_coverage(result)]
    moves = [(names.team(a), names.team(b), n) for a, b, n in figures.moves(result)]
    plan = Option("plan", text("The plan", lang), result.status, values, coverage, moves)
    return DeckData(source, [plan], None)


def from_comparison(data: Mapping[str, Any], names: Names, lang: Lang = "da") -> DeckData:
    """The scenarios of a comparison summary (`Comparison.summary()`), each against today."""
    options = []
    for row in data["kpis"]:
        teams = [t for t in data["teams"] if t["scenario"] == row["scenario"]]
        coverage = [(names.team(t["team_id"]), t["current_coverage"], t["new_coverage"]) for t in teams]
        pairs = Counter((m["start_team_id"], m["team_id"]) for m in data["moves"] if m["scenario"] == row["scenario"])
        moves = [(names.team(a), names.team(b), n) for (a, b), n in sorted(pairs.items(), key=lambda kv: -kv[1])]
        values = {f.row: row.get(f.row) for f in FIGURES}
        title = row.get("title") or names.scenario(row["scenario"])
        options.append(Option(row["scenario"], title, row["status"], values, coverage, moves))
    frontier = None
    if data.get("frontier"):
        frontier = [(p["staff_moved"], p["max_shortfall"]) for p in data["frontier"]["pareto"]]
    today = data["current"]
    current = Option("today", text(TODAY, lang), "current", {f.row: today.get(f.row) for f in FIGURES}, [], [])
    return DeckData(str(data.get("book", "")), [current, *options], frontier)


def is_comparison(data: object) -> bool:
    return isinstance(data, dict) and data.get("kind") == SUMMARY_KIND


# -- writing --------------------------------------------------------------------------------------------------

WIDE, HIGH = Inches(13.333), Inches(7.5)  # 16:9
LEFT, TOP = Inches(0.5), Inches(1.3)
BODY_W, BODY_H = WIDE - 2 * LEFT, HIGH - TOP - Inches(0.4)


def write_deck(deck: DeckData, path: str | Path, lang: Lang = "da") -> None:
    """Write the committee deck to `path`."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDE, HIGH
    _title(prs, deck, lang)
    _side_by_side(prs, deck, lang)
    for option in deck.options:
        if option.coverage:
            _coverage(prs, option, lang)
    _cost(prs, deck, lang)
    if deck.frontier:
        _frontier(prs, deck.frontier, lang)
    if deck.robust is not None:
        add_robust_slide(prs, deck.robust, lang)
    _moves(prs, deck, lang)
    _method(prs, deck, lang)
    prs.save(str(path))


def _slide(prs: Any, title: str) -> Any:
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # title only
    slide.shapes.title.text = safe_text(title)
    slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(28)
    slide.shapes.title.text_frame.paragraphs[0].font.color.rgb = RGBColor.from_string(PRIMARY)
    return slide


def _title(prs: Any, deck: DeckData, lang: Lang) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = text("Cross-disciplinary support in district teams", lang)
    names = ", ".join(o.title for o in deck.options)
    subtitle = text("Decision basis: {names}", lang, names=names)
    slide.placeholders[1].text = safe_text(f"{subtitle}\n{deck.source} · {i18n.day(date.today(), lang)}")


def _side_by_side(prs: Any, deck: DeckData, lang: Lang) -> None:
    slide = _slide(prs, text("The options side by side", lang))
    rows, cols = len(FIGURES) + 2, len(deck.options) + 1
    table = slide.shapes.add_table(rows, cols, LEFT, TOP, BODY_W, Inches(0.4) * rows).table
    table.columns[0].width = Inches(4)
    for c in range(1, cols):
        table.columns[c].width = Emu(int((BODY_W - Inches(4)) / (cols - 1)))
    _cell(table, 0, 0, text("Figure", lang), bold=True)
    _cell(table, 1, 0, text("Status", lang))
    for c, option in enumerate(deck.options, start=1):
        _cell(table, 0, c, option.title, bold=True)
        _cell(table, 1, c, short_status(option.status, lang))
    for r, fig in enumerate(FIGURES, start=2):
        _cell(table, r, 0, fig.title(lang))
        for c, option in enumerate(deck.options, start=1):
            _cell(table, r, c, fig.show(option.figures.get(fig.row), lang))


def _cell(table: Any, row: int, col: int, words: str, bold: bool = False) -> None:
    cell = table.cell(row, col)
    cell.text = safe_text(words)
    for paragraph in cell.text_frame.paragraphs:
        paragraph.font.size = Pt(13)
        paragraph.font.bold = bold


def _chart(slide: Any, kind: Any, data: Any, unit: Unit, lang: Lang, legend: bool = True) -> Any:
    chart = slide.shapes.add_chart(kind, LEFT, TOP, BODY_W, BODY_H, data).chart
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


def _coverage(prs: Any, option: Option, lang: Lang) -> None:
    title = text("Coverage per team: {name}", lang, name=option.title)
    slide = _slide(prs, title)
    data = CategoryChartData(number_format=number_format(Unit.SHARE, lang))
    data.categories = [safe_text(team) for team, _, _ in option.coverage]
    data.add_series(text(TODAY, lang), [today for _, today, _ in option.coverage])
    data.add_series(safe_text(option.title), [plan for _, _, plan in option.coverage])
    chart = _chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data, Unit.SHARE, lang)
    _axis_titles(chart, text(TEAM, lang), text("Coverage of need (%)", lang))


def _cost(prs: Any, deck: DeckData, lang: Lang) -> None:
    slide = _slide(prs, text("Cost per option", lang))
    data = CategoryChartData(number_format=number_format(Unit.MONEY, lang))
    data.categories = [safe_text(o.title) for o in deck.options]
    cost = figure("cost_dkk")
    data.add_series(cost.title(lang), [o.figures.get(cost.row) for o in deck.options])
    chart = _chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, data, Unit.MONEY, lang, legend=False)
    _axis_titles(chart, text("Option", lang), text("DKK per year", lang))


def _frontier(prs: Any, points: Sequence[tuple[int, float]], lang: Lang) -> None:
    slide = _slide(prs, text("Trade-off: equity against moves", lang))
    data = XyChartData()
    series = data.add_series(text("The frontier", lang), number_format=number_format(Unit.SHARE, lang))
    for moved, shortfall in points:
        series.add_data_point(moved, shortfall)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES, LEFT, TOP, BODY_W, BODY_H, data).chart
    chart.has_legend = False
    chart.value_axis.tick_labels.number_format = number_format(Unit.SHARE, lang)
    chart.value_axis.tick_labels.number_format_is_linked = False
    _axis_titles(chart, figure("staff_moved").title(lang), figure("max_shortfall").title(lang))


def _moves(prs: Any, deck: DeckData, lang: Lang) -> None:
    slide = _slide(prs, text("Who moves", lang))
    flows = [(o.title, a, b, n) for o in deck.options for a, b, n in o.moves[:MAX_MOVE_ROWS]]
    if not flows:
        box = slide.shapes.add_textbox(LEFT, TOP, BODY_W, Inches(1)).text_frame
        box.text = text("Nobody changes team.", lang)
        return
    shown = flows[: 3 * MAX_MOVE_ROWS]
    table = slide.shapes.add_table(len(shown) + 1, 4, LEFT, TOP, BODY_W, Inches(0.3) * (len(shown) + 1)).table
    headers = (N_("Option"), N_("From team"), N_("To team"), N_("Staff"))
    for c, header in enumerate(headers):
        _cell(table, 0, c, text(header, lang), bold=True)
    for r, (option, a, b, n) in enumerate(shown, start=1):
        for c, words in enumerate((option, a, b, str(n))):
            _cell(table, r, c, words)


def _method(prs: Any, deck: DeckData, lang: Lang) -> None:
    slide = _slide(prs, text("Method and caveats", lang))
    lines = [text(msgid, lang) for msgid in METHOD_LINES]
    lines.insert(3, text("Status per option: {statuses}.", lang, statuses=_statuses(deck, lang)))
    frame = slide.shapes.add_textbox(LEFT, TOP, BODY_W, BODY_H).text_frame
    frame.word_wrap = True
    for n, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.text = safe_text("• " + line)
        paragraph.font.size = Pt(16)
        paragraph.space_after = Pt(8)


# The method slide, in a committee's words (the status line is added per deck).
METHOD_LINES: tuple[str, ...] = (
    N_(
        "Need: children per institution weighted by need indicators (with a floor and a blend of need and head "
        "count), summed per team."
    ),
    N_(
        "Plan: optimised in order: equity (largest relative shortfall), total shortfall, fewest moves — under "
        "the chosen rules (area boundary, locks, 80/20, minimum per team, budget)."
    ),
    N_("Every plan is re-checked by an independent checker of every rule and figure."),
    N_("The figures are only as good as the workbook's data. The sample municipality's data are illustrative."),
    N_("No data on individual children; staff are shown by pseudonymous ids."),
)


def _statuses(deck: DeckData, lang: Lang) -> str:
    return "; ".join(f"{o.title}: {status(o.status, lang)}" for o in deck.options if o.status != "current")


# -- the same look for slides made elsewhere (a transition plan's path, `optimiser.export.phase`) -------------


def add_title(prs: Any, title: str, source: str, lang: Lang) -> None:
    """A title slide naming one plan."""
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = text("Cross-disciplinary support in district teams", lang)
    slide.placeholders[1].text = safe_text(f"{title}\n{source} · {date.today():%d-%m-%Y}")


def add_slide(prs: Any, title: str) -> Any:
    return _slide(prs, title)


def add_chart(slide: Any, kind: Any, data: Any, unit: Unit, lang: Lang) -> Any:
    return _chart(slide, kind, data, unit, lang)


def axis_titles(chart: Any, category: str, value: str) -> None:
    _axis_titles(chart, category, value)


def add_note(slide: Any, text: str) -> None:
    """One line under the title (the chart fills the body)."""
    box = slide.shapes.add_textbox(LEFT, TOP - Inches(0.45), BODY_W, Inches(0.4)).text_frame
    box.word_wrap = True
    box.text = safe_text(text)
    box.paragraphs[0].font.size = Pt(12)
