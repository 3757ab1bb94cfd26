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
    Figure("max_relative_shortfall", T("Største relative underdækning", "Largest relative shortfall"), Unit.SHARE),
    Figure("mean_relative_shortfall", T("Gennemsnitlig relativ underdækning", "Mean relative shortfall"), Unit.SHARE),
    Figure("total_shortfall_fte", T("Samlet underdækning (årsværk)", "Total shortfall (FTE)"), Unit.FTE),
    Figure("cv_coverage", T("Variationskoefficient for dækning", "Coefficient of variation of coverage"), Unit.SHARE),
    Figure("staff_moved", T("Medarbejdere, der skifter team", "Staff changing team"), Unit.COUNT),
    Figure("contacts_changed", T("Institutioner med ny kontaktperson", "Institutions with a new contact"), Unit.COUNT),
    Figure("team_size_min_fte", T("Mindste team (årsværk)", "Smallest team (FTE)"), Unit.FTE),
    Figure("team_size_max_fte", T("Største team (årsværk)", "Largest team (FTE)"), Unit.FTE),
    Figure("cost_dkk", T("Omkostning pr. år", "Cost per year"), Unit.MONEY),
    Figure("cost_per_child_dkk", T("Omkostning pr. barn pr. år", "Cost per child per year"), Unit.MONEY),
    Figure("fte_per_1000_children", T("Årsværk pr. 1.000 børn", "FTE per 1,000 children"), Unit.FTE),
    Figure("new_posts_fte", T("Nye stillinger (årsværk)", "New posts (FTE)"), Unit.FTE),
    Figure("new_posts_cost_dkk", T("Nye stillinger, omkostning pr. år", "New posts, cost per year"), Unit.MONEY),
)

STATUS: dict[str, T] = {
    "optimal": T("optimal (bevist bedst)", "optimal (proven best)"),
    "feasible": T("gyldig plan", "feasible plan"),
    "timeout": T("tidsgrænse nået (bedste fundne plan)", "time limit reached (best plan found)"),
    "infeasible": T("umulig: reglerne modsiger hinanden", "infeasible: the rules clash"),
    "invalid": T("fejl i modellen", "model error"),
}

STAGES: dict[str, tuple[T, Unit]] = {
    "equity": (T("Lighed: største relative underdækning", "Equity: largest relative shortfall"), Unit.SHARE),
    "shortfall": (T("Samlet underdækning (årsværk)", "Total shortfall (FTE)"), Unit.FTE),
    "moves": (T("Kontinuitet: medarbejdere, der skifter team", "Continuity: staff changing team"), Unit.COUNT),
    "preferences": (T("Ønsker: medarbejdere uden ønsket team", "Wishes: staff not in their wished team"), Unit.COUNT),
    "cost": (T("Omkostning til nye stillinger", "Cost of new posts"), Unit.MONEY),
    "weighted": (T("Vægtet sum", "Weighted sum"), Unit.NUMBER),
}

YES = T("ja", "yes")
NO = T("nej", "no")
TODAY = T("i dag", "today")
NEW_POSTS = T("Nye stillinger", "New posts")
TOTAL = T("I alt", "Total")
TEAM = T("Team", "Team")
AREA = T("Område", "Area")
PROFESSION = T("Faggruppe", "Profession")


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
