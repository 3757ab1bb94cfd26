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

from optimiser.export import figures
from optimiser.export.labels import STATUS, T, short_status
from optimiser.export.names import Names
from optimiser.export.robust_slide import RobustSlide, add_robust_slide
from optimiser.export.safety import safe_text
from optimiser.export.style import PRIMARY, SERIES, Unit, as_text, number_format
from optimiser.problems import Lang
from optimiser.results import SolveResult

SUMMARY_KIND = "bydelsteam-comparison"  # marks a comparison's JSON summary (`scenarios.compare`)
TODAY = T("I dag", "Today")
MAX_MOVE_ROWS = 12  # team pairs shown on the moves slide

# The key figures of the side-by-side slide: field of an option's figures, label, unit.
FIGURES: tuple[tuple[str, T, Unit], ...] = (
    ("max_shortfall", T("Største relative underdækning", "Largest relative shortfall"), Unit.SHARE),
    ("mean_shortfall", T("Gennemsnitlig relativ underdækning", "Mean relative shortfall"), Unit.SHARE),
    ("staff_moved", T("Medarbejdere, der skifter team", "Staff changing team"), Unit.COUNT),
    ("contacts_changed", T("Institutioner med ny kontaktperson", "Institutions with a new contact"), Unit.COUNT),
    ("teams", T("Antal teams", "Teams"), Unit.COUNT),
    ("cost_dkk", T("Omkostning pr. år", "Cost per year"), Unit.MONEY),
    ("cost_delta_dkk", T("Forskel fra i dag pr. år", "Difference from today per year"), Unit.MONEY),
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
    values: dict[str, float | None] = {key: None for key, _, _ in FIGURES}
    if k is not None:
        values |= {
            "max_shortfall": k.max_relative_shortfall,
            "mean_shortfall": k.mean_relative_shortfall,
            "staff_moved": k.staff_moved,
            "contacts_changed": k.contacts_changed,
            "cost_dkk": k.cost_dkk,
        }
    values["teams"] = len(figures.team_ids(result))
    coverage = [(names.team(t.team_id), t.current_coverage, t.coverage) for t in figures.team_coverage(result)]
    moves = [(names.team(a), names.team(b), n) for a, b, n in figures.moves(result)]
    plan = Option("plan", T("Planen", "The plan")(lang), result.status, values, coverage, moves)
    return DeckData(source, [plan], None)


def from_comparison(data: Mapping[str, Any], names: Names, lang: Lang = "da") -> DeckData:
    """The scenarios of a comparison summary (`Comparison.summary()`), each against today."""
    options = []
    for row in data["kpis"]:
        teams = [t for t in data["teams"] if t["scenario"] == row["scenario"]]
        coverage = [(names.team(t["team_id"]), t["current_coverage"], t["new_coverage"]) for t in teams]
        pairs = Counter((m["start_team_id"], m["team_id"]) for m in data["moves"] if m["scenario"] == row["scenario"])
        moves = [(names.team(a), names.team(b), n) for (a, b), n in sorted(pairs.items(), key=lambda kv: -kv[1])]
        values = {key: row.get(key) for key, _, _ in FIGURES}
        options.append(Option(row["scenario"], row["title"], row["status"], values, coverage, moves))
    frontier = None
    if data.get("frontier"):
        frontier = [(p["staff_moved"], p["max_shortfall"]) for p in data["frontier"]["pareto"]]
    today = data["current"]
    current = Option("today", TODAY(lang), "current", {key: today.get(key) for key, _, _ in FIGURES}, [], [])
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
    slide.shapes.title.text = T("Tværfaglig støtte i bydelsteams", "Cross-disciplinary support in district teams")(lang)
    names = ", ".join(o.title for o in deck.options)
    subtitle = T("Beslutningsgrundlag: {names}", "Decision basis: {names}")(lang).format(names=names)
    slide.placeholders[1].text = safe_text(f"{subtitle}\n{deck.source} · {date.today():%d-%m-%Y}")


def _side_by_side(prs: Any, deck: DeckData, lang: Lang) -> None:
    slide = _slide(prs, T("Mulighederne side om side", "The options side by side")(lang))
    rows, cols = len(FIGURES) + 2, len(deck.options) + 1
    table = slide.shapes.add_table(rows, cols, LEFT, TOP, BODY_W, Inches(0.4) * rows).table
    table.columns[0].width = Inches(4)
    for c in range(1, cols):
        table.columns[c].width = Emu(int((BODY_W - Inches(4)) / (cols - 1)))
    _cell(table, 0, 0, T("Nøgletal", "Figure")(lang), bold=True)
    _cell(table, 1, 0, T("Status", "Status")(lang))
    for c, option in enumerate(deck.options, start=1):
        _cell(table, 0, c, option.title, bold=True)
        _cell(table, 1, c, short_status(option.status, lang))
    for r, (key, label, unit) in enumerate(FIGURES, start=2):
        _cell(table, r, 0, label(lang))
        for c, option in enumerate(deck.options, start=1):
            _cell(table, r, c, as_text(option.figures.get(key), unit, lang))


def _cell(table: Any, row: int, col: int, text: str, bold: bool = False) -> None:
    cell = table.cell(row, col)
    cell.text = safe_text(text)
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
    title = T("Dækning pr. team: {name}", "Coverage per team: {name}")(lang).format(name=option.title)
    slide = _slide(prs, title)
    data = CategoryChartData(number_format=number_format(Unit.SHARE, lang))
    data.categories = [safe_text(team) for team, _, _ in option.coverage]
    data.add_series(TODAY(lang), [today for _, today, _ in option.coverage])
    data.add_series(safe_text(option.title), [plan for _, _, plan in option.coverage])
    chart = _chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data, Unit.SHARE, lang)
    _axis_titles(chart, T("Team", "Team")(lang), T("Dækning af behovet (%)", "Coverage of need (%)")(lang))


def _cost(prs: Any, deck: DeckData, lang: Lang) -> None:
    slide = _slide(prs, T("Omkostning pr. mulighed", "Cost per option")(lang))
    data = CategoryChartData(number_format=number_format(Unit.MONEY, lang))
    data.categories = [safe_text(o.title) for o in deck.options]
    data.add_series(
        T("Omkostning pr. år (kr.)", "Cost per year (DKK)")(lang), [o.figures.get("cost_dkk") for o in deck.options]
    )
    chart = _chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, data, Unit.MONEY, lang, legend=False)
    _axis_titles(chart, T("Mulighed", "Option")(lang), T("Kr. pr. år", "DKK per year")(lang))


def _frontier(prs: Any, points: Sequence[tuple[int, float]], lang: Lang) -> None:
    slide = _slide(prs, T("Afvejning: lighed mod flytninger", "Trade-off: equity against moves")(lang))
    data = XyChartData()
    series = data.add_series(T("Fronten", "The frontier")(lang), number_format=number_format(Unit.SHARE, lang))
    for moved, shortfall in points:
        series.add_data_point(moved, shortfall)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES, LEFT, TOP, BODY_W, BODY_H, data).chart
    chart.has_legend = False
    chart.value_axis.tick_labels.number_format = number_format(Unit.SHARE, lang)
    chart.value_axis.tick_labels.number_format_is_linked = False
    moved_label = T("Medarbejdere, der skifter team", "Staff changing team")(lang)
    _axis_titles(chart, moved_label, T("Største relative underdækning", "Largest relative shortfall")(lang))


def _moves(prs: Any, deck: DeckData, lang: Lang) -> None:
    slide = _slide(prs, T("Hvem flytter", "Who moves")(lang))
    flows = [(o.title, a, b, n) for o in deck.options for a, b, n in o.moves[:MAX_MOVE_ROWS]]
    if not flows:
        box = slide.shapes.add_textbox(LEFT, TOP, BODY_W, Inches(1)).text_frame
        box.text = T("Ingen skifter team.", "Nobody changes team.")(lang)
        return
    shown = flows[: 3 * MAX_MOVE_ROWS]
    table = slide.shapes.add_table(len(shown) + 1, 4, LEFT, TOP, BODY_W, Inches(0.3) * (len(shown) + 1)).table
    headers = (
        T("Mulighed", "Option"),
        T("Fra team", "From team"),
        T("Til team", "To team"),
        T("Medarbejdere", "Staff"),
    )
    for c, header in enumerate(headers):
        _cell(table, 0, c, header(lang), bold=True)
    for r, (option, a, b, n) in enumerate(shown, start=1):
        for c, text in enumerate((option, a, b, str(n))):
            _cell(table, r, c, text)


def _method(prs: Any, deck: DeckData, lang: Lang) -> None:
    slide = _slide(prs, T("Metode og forbehold", "Method and caveats")(lang))
    lines = {
        "da": [
            "Behov: børn pr. institution vægtet med behovsindikatorer (med gulv og blanding af behov og antal), "
            "fordelt på teams; se docs/method.md.",
            "Plan: CP-SAT-optimering i rækkefølge: lighed (største relative underdækning), samlet underdækning, "
            "færrest flytninger — under de valgte regler (områdegrænse, låste, 80/20, minimum pr. team, budget).",
            "Hver plan er efterprøvet af en uafhængig kontrol af alle regler og nøgletal.",
            "Status pr. mulighed: " + _statuses(deck, lang) + ".",
            "Tallene er kun så gode som arbejdsbogens data. Eksempelkommunens data er illustrative, ikke rigtige.",
            "Ingen oplysninger om enkelte børn; medarbejdere vises med pseudonyme id'er.",
        ],
        "en": [
            "Need: children per institution weighted by need indicators (with a floor and a blend of need and head "
            "count), summed per team; see docs/method.md.",
            "Plan: CP-SAT optimisation in order: equity (largest relative shortfall), total shortfall, fewest "
            "moves — under the chosen rules (area boundary, locks, 80/20, minimum per team, budget).",
            "Every plan is re-checked by an independent checker of every rule and figure.",
            "Status per option: " + _statuses(deck, lang) + ".",
            "The figures are only as good as the workbook's data. The sample municipality's data are illustrative.",
            "No data on individual children; staff are shown by pseudonymous ids.",
        ],
    }[lang]
    frame = slide.shapes.add_textbox(LEFT, TOP, BODY_W, BODY_H).text_frame
    frame.word_wrap = True
    for n, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.text = safe_text("• " + line)
        paragraph.font.size = Pt(16)
        paragraph.space_after = Pt(8)


def _statuses(deck: DeckData, lang: Lang) -> str:
    return "; ".join(f"{o.title}: {STATUS[o.status](lang)}" for o in deck.options if o.status in STATUS)
