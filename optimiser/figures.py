"""The one catalogue of figures: every key figure a person reads, with its label, unit and format.

The CLI, the app, the results workbook, the comparison workbook and the deck all take a figure's words and
its format from here, so "Omkostning (kr. pr. år)" is written once. Labels are English msgids (Danish in the
catalogue, `optimiser.i18n`); `short` is the label where space is tight (a metric tile, a narrow column).
A figure has one field in `Kpis` (`optimiser.results`) and, where it differs, another in a comparison's
rows (`scenarios.compare.KpiRow`); `figure(name)` finds it by either.

No openpyxl, pandas or streamlit here: the CLI reads it on its quick path.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from optimiser import i18n
from optimiser.i18n import N_
from optimiser.problems import Lang


class Unit(StrEnum):
    """What a figure is; decides its number format in a workbook and its text everywhere else."""

    TEXT = "text"
    COUNT = "count"  # whole numbers: people, institutions
    FTE = "fte"  # årsværk, two decimals
    SHARE = "share"  # 0.93 = 93,0 %
    MONEY = "money"  # DKK per year, whole kroner
    NUMBER = "number"  # a plain decimal (weights, multipliers, seconds)
    CHANGE = "change"  # a change in FTE, with its sign: +1,60, -0,80


def as_text(value: float | None, unit: Unit, lang: Lang = "da") -> str:
    """A figure as a person reads it: "25,0 %", "6.400.000 kr.", "12,50", "+1,60"; a dash for no value."""
    if value is None:
        return "–"
    if unit is Unit.SHARE:
        return i18n.percent(value, 1, lang)
    if unit is Unit.MONEY:
        return i18n.dkk(value, lang)
    decimals = {Unit.COUNT: 0, Unit.FTE: 2}.get(unit, 2)
    shown = i18n.number(value, decimals, lang)
    return "+" + shown if unit is Unit.CHANGE and value > 0 else shown


@dataclass(frozen=True)
class Figure:
    """A key figure: its field, its label (an English msgid), its unit, and a short label for tight places."""

    field: str
    label: str
    unit: Unit
    short: str = ""
    row_field: str = ""  # its name in a comparison row, where that differs from `field`

    @property
    def row(self) -> str:
        return self.row_field or self.field

    def title(self, lang: Lang) -> str:
        return i18n.text(self.label, lang)

    def short_title(self, lang: Lang) -> str:
        return i18n.text(self.short or self.label, lang)

    def show(self, value: float | None, lang: Lang) -> str:
        return as_text(value, self.unit, lang)


# The fields of `Kpis`, in the order every report lists them.
KPIS: tuple[Figure, ...] = (
    Figure(
        "max_relative_shortfall",
        N_("Largest relative shortfall"),
        Unit.SHARE,
        N_("Largest shortfall"),
        "max_shortfall",
    ),
    Figure(
        "mean_relative_shortfall",
        N_("Mean relative shortfall"),
        Unit.SHARE,
        N_("Mean shortfall"),
        "mean_shortfall",
    ),
    Figure("total_shortfall_fte", N_("Total shortfall (FTE)"), Unit.FTE),
    Figure("cv_coverage", N_("Coefficient of variation of coverage"), Unit.SHARE, N_("Variation of coverage (CV)")),
    Figure("staff_moved", N_("Staff changing team"), Unit.COUNT, N_("Change team")),
    Figure("contacts_changed", N_("Institutions with a new contact"), Unit.COUNT, N_("New contact")),
    Figure("team_size_min_fte", N_("Smallest team (FTE)"), Unit.FTE, row_field="team_min_fte"),
    Figure("team_size_max_fte", N_("Largest team (FTE)"), Unit.FTE, row_field="team_max_fte"),
    Figure("cost_dkk", N_("Cost (DKK a year)"), Unit.MONEY, N_("Cost (DKK)")),
    Figure("cost_per_child_dkk", N_("Cost per child (DKK a year)"), Unit.MONEY, N_("DKK per child")),
    Figure("fte_per_1000_children", N_("FTE per 1,000 children"), Unit.FTE),
    Figure("new_posts_fte", N_("New posts (FTE)"), Unit.FTE),
    Figure("new_posts_cost_dkk", N_("New posts (DKK a year)"), Unit.MONEY),
    # The share of the statutory caseload's hours the time outside practice covers (None: no caseload given).
    Figure("statutory_covered", N_("Statutory work covered"), Unit.SHARE),
)

# Figures only a comparison has (one scenario against today).
COMPARISON: tuple[Figure, ...] = (
    Figure("teams", N_("Number of teams"), Unit.COUNT),
    Figure("fte", N_("FTE in all"), Unit.FTE),
    Figure("cost_delta_dkk", N_("Difference from today (DKK a year)"), Unit.MONEY, N_("Difference (DKK)")),
    Figure("teams_gaining", N_("Teams gaining FTE"), Unit.COUNT),
    Figure("teams_losing", N_("Teams losing FTE"), Unit.COUNT),
    Figure("institutions_gaining", N_("Institutions gaining"), Unit.COUNT),
    Figure("institutions_losing", N_("Institutions losing"), Unit.COUNT),
    Figure("seconds", N_("Solve time (seconds)"), Unit.NUMBER),
    Figure("run_id", N_("Run no. (runs show)"), Unit.COUNT),
)

# The consultation's arguments measured per option (team size, a person alone in a profession, double staffing,
# closeness, clusters kept together, continuity): fields of a comparison's rows, None where not measurable.
# Team size, contacts changed: the KPIs' own figures, so one field has one label everywhere.
_KPI = {f.field: f for f in KPIS}
ARGUMENTS: tuple[Figure, ...] = (
    _KPI["team_size_min_fte"],
    Figure("team_fte_median", N_("Median team (FTE)"), Unit.FTE),
    _KPI["team_size_max_fte"],
    Figure("team_heads_min", N_("Smallest team (people)"), Unit.COUNT),
    Figure("team_heads_median", N_("Median team (people)"), Unit.NUMBER),
    Figure("team_heads_max", N_("Largest team (people)"), Unit.COUNT),
    Figure(
        "alone_cells",
        N_("Team professions with one person or nobody"),
        Unit.COUNT,
        N_("Alone in the profession"),
    ),
    Figure(
        "absence_risk_max",
        N_("Largest chance that nobody of a profession is present"),
        Unit.SHARE,
        N_("Nobody present, largest"),
    ),
    Figure(
        "absence_risk_mean",
        N_("Mean chance that nobody of a profession is present"),
        Unit.SHARE,
        N_("Nobody present, mean"),
    ),
    Figure(
        "institutions_per_contact_mean",
        N_("Institutions per contact person (mean)"),
        Unit.NUMBER,
        N_("Institutions per contact"),
    ),
    Figure(
        "institutions_per_contact_max",
        N_("Institutions per contact person (largest)"),
        Unit.COUNT,
        N_("Most per contact"),
    ),
    Figure("clusters_split", N_("Daycare clusters split across teams"), Unit.COUNT, N_("Clusters split")),
    Figure("distance_mean_km", N_("Distance from the team's base, mean (km)"), Unit.NUMBER, N_("Distance (km)")),
    Figure(
        "distance_max_km",
        N_("Distance from the team's base, largest (km)"),
        Unit.NUMBER,
        N_("Longest distance (km)"),
    ),
    _KPI["contacts_changed"],
)

_BY_NAME: dict[str, Figure] = {
    **{f.field: f for f in (*KPIS, *COMPARISON, *ARGUMENTS)},
    **{f.row: f for f in (*KPIS, *COMPARISON, *ARGUMENTS)},
}


def figure(name: str) -> Figure:
    """The figure of a `Kpis` field or of a comparison row's field (KeyError for neither)."""
    return _BY_NAME[name]
