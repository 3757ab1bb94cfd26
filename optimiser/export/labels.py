"""The words of the exports, in Danish and English: key figures, statuses, stages, yes / no.

Shared by the workbook and the deck so both call a figure the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from optimiser.export.style import Unit
from optimiser.problems import Lang


@dataclass(frozen=True)
class T:
    """A text in both languages; `T(...)(lang)` picks one."""

    da: str
    en: str

    def __call__(self, lang: Lang) -> str:
        return self.da if lang == "da" else self.en


@dataclass(frozen=True)
class Figure:
    """A key figure: its field in `Kpis`, its label and its unit."""

    field: str
    label: T
    unit: Unit


KPIS: tuple[Figure, ...] = (
    Figure("max_relative_shortfall", N_('Largest relative shortfall'), Unit.SHARE),
    Figure("mean_relative_shortfall", N_('Mean relative shortfall'), Unit.SHARE),
    Figure("total_shortfall_fte", N_('Total shortfall (FTE)'), Unit.FTE),
    Figure("cv_coverage", N_('Coefficient of variation of coverage'), Unit.SHARE),
    Figure("staff_moved", N_('Staff changing team'), Unit.COUNT),
    Figure("contacts_changed", N_('Institutions with a new contact'), Unit.COUNT),
    Figure("team_size_min_fte", N_('Smallest team (FTE)'), Unit.FTE),
    Figure("team_size_max_fte", N_('Largest team (FTE)'), Unit.FTE),
    Figure("cost_dkk", N_('Cost per year'), Unit.MONEY),
    Figure("cost_per_child_dkk", N_('Cost per child per year'), Unit.MONEY),
    Figure("fte_per_1000_children", N_('FTE per 1,000 children'), Unit.FTE),
    Figure("new_posts_fte", N_('New posts (FTE)'), Unit.FTE),
    Figure("new_posts_cost_dkk", N_('New posts, cost per year'), Unit.MONEY),
)

STATUS: dict[str, T] = {
    "optimal": N_('optimal (proven best)'),
    "feasible": N_('feasible plan'),
    "timeout": N_('time limit reached (best plan found)'),
    "infeasible": N_('infeasible: the rules clash'),
    "invalid": N_('model error'),
}

STAGES: dict[str, tuple[T, Unit]] = {
    "equity": (N_('Equity: largest relative shortfall'), Unit.SHARE),
    "shortfall": (N_('Total shortfall (FTE)'), Unit.FTE),
    "moves": (N_('Continuity: staff changing team'), Unit.COUNT),
    "preferences": (N_('Wishes: staff not in their wished team'), Unit.COUNT),
    "cost": (N_('Cost of new posts'), Unit.MONEY),
    "weighted": (N_('Weighted sum'), Unit.NUMBER),
}

YES = N_('yes')
NO = N_('no')
TODAY = N_('today')
NEW_POSTS = N_('New posts')
TOTAL = N_('Total')
TEAM = N_('Team')
AREA = N_('Area')
PROFESSION = N_('Profession')


def yes_no(value: bool, lang: Lang) -> str:
    return (YES if value else NO)(lang)


def status(value: str, lang: Lang) -> str:
    return STATUS[value](lang) if value in STATUS else value


def short_status(value: str, lang: Lang) -> str:
    """A status for a table cell: the words before the explanation in brackets; "current" is today's plan."""
    return TODAY(lang) if value == "current" else status(value, lang).split(" (")[0]


def stage(name: str, lang: Lang) -> tuple[str, Unit]:
    """A stage's label and the unit of its objective and bound."""
    label, unit = STAGES.get(name, (T(name, name), Unit.NUMBER))
    return label(lang), unit
