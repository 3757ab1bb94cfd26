"""The deck's robustness slide: for the first scenario, the team × profession cells most at risk of falling
below the level, with the plan held fixed and re-optimised (share of samples), and which scenario is most often
best on the largest relative shortfall. Words through `optimiser.i18n`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches, Pt

from optimiser.export.robust_sheet import profession_label
from optimiser.export.safety import safe_text
from optimiser.export.style import number_format
from optimiser.figures import Unit
from optimiser.i18n import N_, percent, text
from optimiser.names import Names
from optimiser.problems import Lang
from optimiser.robust import FIXED, REOPTIMISED, RobustReport

MAX_CELLS = 12  # bars on the slide
TITLE = N_("How sure is the plan? Risk of coverage below {level}")
HELD = N_("Plan held fixed")
REDONE = N_("Re-optimised for each sample")
AXIS_CELL = N_("Team and profession")
AXIS_RISK = N_("Share of samples below the level")
NOTE = N_("{done} of {samples} samples solved; the largest relative shortfall is lowest under {best} in {share}.")
NOTE_ONE = N_("{done} of {samples} samples solved.")


@dataclass(frozen=True)
class RobustSlide:
    """What the slide shows, in the reader's words."""

    title: str
    categories: list[str]
    held: list[float | None]
    redone: list[float | None]
    note: str


def robust_slide(report: RobustReport, names: Names, lang: Lang = "da") -> RobustSlide:
    """The slide's data from a sweep's report."""
    first = report.scenarios[0] if report.scenarios else ""
    cells = [c for c in report.cells if c.scenario == first]
    cells.sort(key=lambda c: (-c.probability_below.get(REOPTIMISED, 0.0), -c.probability_below.get(FIXED, 0.0)))
    shown = cells[:MAX_CELLS][::-1]  # a bar chart draws its first category at the bottom
    ranking = next((r for r in report.ranking if r.kpi == "max_relative_shortfall"), None)
    args = {"done": report.samples_done, "samples": report.settings.samples}
    if ranking is not None and len(report.scenarios) > 1:
        best = max(ranking.first, key=lambda n: ranking.first[n])
        note = text(NOTE, lang, **args, best=best, share=percent(ranking.first[best], 0, lang))
    else:
        note = text(NOTE_ONE, lang, **args)
    return RobustSlide(
        title=text(TITLE, lang, level=percent(report.settings.level, 0, lang)),
        categories=[f"{names.team(c.district)}: {profession_label(c.profession)}" for c in shown],
        held=[c.probability_below.get(FIXED) for c in shown],
        redone=[c.probability_below.get(REOPTIMISED) for c in shown],
        note=note,
    )


def add_robust_slide(prs: Any, slide: RobustSlide, lang: Lang = "da") -> None:
    """Draw the slide into the presentation `prs` (the deck's layout: title only, chart, a note at the foot)."""
    from optimiser.export.deck import BODY_H, BODY_W, LEFT, TOP, _axis_titles, _chart, _slide

    page = _slide(prs, slide.title)
    data = CategoryChartData(number_format=number_format(Unit.SHARE, lang))
    data.categories = [safe_text(c) for c in slide.categories]
    data.add_series(text(HELD, lang), slide.held)
    data.add_series(text(REDONE, lang), slide.redone)
    chart = _chart(page, XL_CHART_TYPE.BAR_CLUSTERED, data, Unit.SHARE, lang)
    _axis_titles(chart, text(AXIS_CELL, lang), text(AXIS_RISK, lang))
    frame = page.shapes.add_textbox(LEFT, TOP + BODY_H - Inches(0.1), BODY_W, Inches(0.4)).text_frame
    frame.text = safe_text(slide.note)
    frame.paragraphs[0].font.size = Pt(12)
