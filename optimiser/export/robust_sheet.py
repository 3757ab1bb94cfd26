"""The results workbook's robustness sheet (Robusthed): a sweep's ROB.json as tables a planner can filter.

Cells (team × profession: coverage in the plan, its 5 %, 50 % and 95 % quantiles and the probability of falling
below the level, with the plan held fixed and re-optimised), the people whose team flips most often, how often
each scenario ranks first on each key figure, and the samples that failed. Words through `optimiser.i18n`.
"""

from __future__ import annotations

from openpyxl import Workbook

from optimiser.export.style import BOLD, Col, add_sheet, colour_scale
from optimiser.figures import KPIS, Unit
from optimiser.i18n import N_, percent, text
from optimiser.names import Names
from optimiser.problems import Lang
from optimiser.robust import FIXED, REOPTIMISED, RobustReport

SHEET = N_("Robustness")
TITLE = N_("How much to trust the plan when the need data are uncertain")
NOTE = N_(
    "{samples} samples (seed {seed}), of which {done} solved. Indicators vary by {indicator_cv}, child counts by "
    "{children_cv}, weights by ± {weight_range} ({vary}). Risk = share of samples with coverage below {level}."
)
VARY = {"data": N_("indicators and child counts"), "weights": N_("weights"), "both": N_("data and weights")}
FAILURES = {
    "failed": N_("failed"),
    "timeout": N_("timed out"),
    "worker_lost": N_("worker stopped"),
    "cancelled": N_("cancelled"),
    "no_plan": N_("no plan"),
}
HEAD = {
    "scenario": N_("Scenario"),
    "team": N_("Team"),
    "area": N_("Area"),
    "profession": N_("Profession"),
    "plan": N_("Coverage in the plan"),
    "fixed_p05": N_("Plan held: 5 %"),
    "fixed_p50": N_("Plan held: median"),
    "fixed_p95": N_("Plan held: 95 %"),
    "fixed_risk": N_("Plan held: risk"),
    "re_p05": N_("Re-optimised: 5 %"),
    "re_p50": N_("Re-optimised: median"),
    "re_p95": N_("Re-optimised: 95 %"),
    "re_risk": N_("Re-optimised: risk"),
    "staff": N_("Staff member"),
    "base_team": N_("Team in the plan"),
    "share": N_("Share of samples in another team"),
    "most": N_("Most often to"),
    "figure": N_("Key figure"),
    "sample": N_("Sample"),
    "reason": N_("Reason"),
    "detail": N_("Detail"),
}
FLIPS = N_("Staff whose team changes in more than {share} of the samples")
RANKING = N_("How often each scenario is best (share of samples)")
FAILED = N_("Samples without a result")
BASE = N_("base plan")


def profession_label(profession: str) -> str:
    """A profession as a planner reads it (tale_hørekonsulent -> Tale-hørekonsulent) while the book has no
    display names for professions."""
    words = profession.replace("_", "-")
    return words[:1].upper() + words[1:]


def kpi_label(field: str, lang: Lang) -> str:
    return next((f.title(lang) for f in KPIS if f.field == field), field)


def write_robust_sheet(book: Workbook, report: RobustReport, names: Names, lang: Lang = "da") -> None:
    """Add the Robusthed sheet of `report` to `book`."""
    sh = add_sheet(book, text(SHEET, lang), lang)
    s, u = report.settings, report.settings.uncertainty
    data, weights = u.vary.value in ("data", "both"), u.vary.value in ("weights", "both")
    note = text(
        NOTE,
        lang,
        samples=s.samples,
        seed=s.seed,
        done=report.samples_done,
        indicator_cv=percent(u.indicator_cv if data else 0.0, 0, lang),
        children_cv=percent(u.children_cv if data else 0.0, 0, lang),
        weight_range=percent(u.weight_range if weights else 0.0, 0, lang),
        vary=text(VARY[u.vary.value], lang),
        level=percent(s.level, 0, lang),
    )
    row = sh.title(1, text(TITLE, lang), note)
    h = {k: text(v, lang) for k, v in HEAD.items()}
    share = Unit.SHARE
    columns = [
        Col(h["scenario"]),
        Col(h["team"]),
        Col(h["area"]),
        Col(h["profession"]),
        Col(h["plan"], share),
        *(Col(h[k], share) for k in ("fixed_p05", "fixed_p50", "fixed_p95", "fixed_risk")),
        *(Col(h[k], share) for k in ("re_p05", "re_p50", "re_p95", "re_risk")),
    ]

    def quantiles(kind: str, cell_q: dict[str, dict[str, float]]) -> list[float | None]:
        q = cell_q.get(kind, {})
        return [q.get("p05"), q.get("p50"), q.get("p95")]

    rows = [
        [
            c.scenario,
            names.team(c.district),
            names.area_of(c.district),
            profession_label(c.profession),
            c.base_coverage,
            *quantiles(FIXED, c.coverage_quantiles),
            c.probability_below.get(FIXED),
            *quantiles(REOPTIMISED, c.coverage_quantiles),
            c.probability_below.get(REOPTIMISED),
        ]
        for c in report.cells
    ]
    top = row
    last = sh.table(top, columns, rows, freeze=True, freeze_columns=4, autofilter=True)
    colour_scale(sh.ws, f"E{top + 1}:H{last}")
    colour_scale(sh.ws, f"J{top + 1}:L{last}")

    row = last + 3
    sh.put(row - 1, 1, text(FLIPS, lang, share=percent(s.flip_share, 0, lang)), font=BOLD)
    flips = [
        [
            f.scenario,
            names.person(f.staff_id),
            names.team(f.base_team),
            f.share,
            names.team(max(f.teams, key=lambda t: (f.teams[t], t))),
        ]
        for f in report.flips
    ]
    cols = [Col(h["scenario"]), Col(h["staff"]), Col(h["base_team"]), Col(h["share"], share), Col(h["most"])]
    row = sh.table(row, cols, flips) + 3

    sh.put(row - 1, 1, text(RANKING, lang), font=BOLD)
    ranking = [[kpi_label(r.kpi, lang), *(r.first.get(n) for n in report.scenarios)] for r in report.ranking]
    cols = [Col(h["figure"]), *(Col(n, share) for n in report.scenarios)]
    row = sh.table(row, cols, ranking) + 3

    sh.put(row - 1, 1, text(FAILED, lang), font=BOLD)
    failures = [
        [
            text(BASE, lang) if f.sample < 0 else str(f.sample),
            f.scenario or "",
            text(FAILURES[f.failure], lang),
            f.detail,
        ]
        for f in report.failures
    ]
    cols = [Col(h["sample"]), Col(h["scenario"]), Col(h["reason"]), Col(h["detail"])]
    sh.table(row, cols, failures)
