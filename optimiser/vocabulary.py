"""The words every report shares beside its figures: solver statuses, objective stages, yes / no, the nouns of
a plan. English msgids, Danish in the catalogue (`optimiser.i18n`); figures are in `optimiser.figures`."""

from __future__ import annotations

from optimiser.figures import Unit
from optimiser.i18n import N_, text
from optimiser.problems import Lang

STATUS: dict[str, str] = {
    "optimal": N_("optimal (proven best)"),
    "feasible": N_("feasible (not proven best)"),
    "timeout": N_("time limit reached (best plan found)"),
    "infeasible": N_("infeasible (the rules clash)"),
    "invalid": N_("model error"),
    "current": N_("today"),
}

STAGES: dict[str, tuple[str, Unit]] = {
    "equity": (N_("Equity: largest relative shortfall"), Unit.SHARE),
    "shortfall": (N_("Total shortfall (FTE)"), Unit.FTE),
    "moves": (N_("Continuity: staff changing team"), Unit.COUNT),
    "preferences": (N_("Wishes: staff not in their wished team"), Unit.COUNT),
    "cost": (N_("Cost of new posts"), Unit.MONEY),
    "weighted": (N_("Weighted sum"), Unit.NUMBER),
}

TODAY = N_("Today")
NEW_POSTS = N_("New posts")
TOTAL = N_("Total")
TEAM = N_("Team")
AREA = N_("Area")
PROFESSION = N_("Profession")
INDICATOR = N_("Indicator")
SCENARIO = N_("Scenario")


def yes_no(value: bool, lang: Lang) -> str:
    return text(N_("yes") if value else N_("no"), lang)


def status(value: str, lang: Lang) -> str:
    """A solver status as a planner reads it: "infeasible" -> "ingen mulig plan (reglerne modsiger hinanden)"."""
    return text(STATUS[value], lang) if value in STATUS else value


def short_status(value: str, lang: Lang) -> str:
    """A status for a table cell: the words before the explanation in brackets."""
    return status(value, lang).split(" (")[0]


def stage(name: str, lang: Lang) -> tuple[str, Unit]:
    """A stage's label and the unit of its objective and bound (an unknown stage by its name)."""
    if name not in STAGES:
        return name, Unit.NUMBER
    label, unit = STAGES[name]
    return text(label, lang), unit


# What a scenario's change did to a staff member (`scenarios.apply` effects).
ACTIONS: dict[str, str] = {
    "add": N_("added"),
    "remove": N_("removed"),
    "move": N_("moved"),
    "lock": N_("locked"),
}


def action(name: str, lang: Lang) -> str:
    return text(ACTIONS[name], lang) if name in ACTIONS else name
