"""Constraint families: one module each, `add_<family>(model, data, vars)`, each behind one enforcement literal.

`FAMILIES` lists them in the order they are added; `TEXT` says each rule in a planner's words (Danish, English),
used when an infeasible scenario is explained by the rules that clash.
"""

from __future__ import annotations

from collections.abc import Callable

from ortools.sat.python import cp_model

from optimiser.model.data import ProblemData
from optimiser.model.rules.area_boundary import add_area_boundary
from optimiser.model.rules.budget import add_budget
from optimiser.model.rules.contact_load import add_contact_load
from optimiser.model.rules.locked_assignments import add_locked_assignments
from optimiser.model.rules.max_moves import add_max_moves
from optimiser.model.rules.minimum_coverage import add_minimum_coverage
from optimiser.model.rules.practice_share import add_practice_share
from optimiser.model.rules.profession_serves import add_profession_serves
from optimiser.model.rules.staff_covered_once import add_staff_covered_once
from optimiser.model.rules.team_minimum import add_team_minimum
from optimiser.model.rules.team_size_bounds import add_team_size_bounds
from optimiser.model.variables import Variables

AddRule = Callable[[cp_model.CpModel, ProblemData, Variables], None]

FAMILIES: dict[str, AddRule] = {
    "staff-covered-once": add_staff_covered_once,
    "area-boundary": add_area_boundary,
    "locked-assignments": add_locked_assignments,
    "profession-serves-institution-types": add_profession_serves,
    "team-minimum-per-profession": add_team_minimum,
    "team-size-bounds": add_team_size_bounds,
    "practice-share": add_practice_share,
    "budget": add_budget,
    "max-moves": add_max_moves,
    "contact-load": add_contact_load,
    "minimum-coverage": add_minimum_coverage,
}

TEXT: dict[str, dict[str, str]] = {
    "staff-covered-once": {
        "da": "alle medarbejdere skal være i præcis ét team",
        "en": "every staff member is in exactly one team",
    },
    "area-boundary": {
        "da": "medarbejdere bliver i deres eget område (områdegrænse)",
        "en": "staff stay in their own area (area boundary)",
    },
    "locked-assignments": {
        "da": "låste medarbejdere bliver i det team, de er låst til",
        "en": "locked staff stay in the team they are locked to",
    },
    "profession-serves-institution-types": {
        "da": "en faggruppe placeres kun i teams med institutioner af de typer, den betjener",
        "en": "a profession is placed only in teams with institutions of the types it serves",
    },
    "team-minimum-per-profession": {
        "da": "hvert team har mindst det fastsatte antal medarbejdere af hver faggruppe",
        "en": "every team has at least the set number of staff of each profession",
    },
    "team-size-bounds": {
        "da": "hvert teams samlede årsværk ligger inden for de fastsatte grænser",
        "en": "every team's total FTE lies within the set bounds",
    },
    "practice-share": {
        "da": "kun praksisandelen (fx 80 %) af tiden går til institutionerne (80/20)",
        "en": "only the practice share (e.g. 80 %) of time goes to the institutions (80/20)",
    },
    "budget": {
        "da": "nye stillinger koster højst budgettet",
        "en": "new posts cost no more than the budget",
    },
    "max-moves": {
        "da": "højst det fastsatte antal medarbejdere skifter team",
        "en": "at most the set number of staff change team",
    },
    "contact-load": {
        "da": "hver institution har en kontaktperson i sit team, med en mindste tidsandel og et loft over "
        "antal institutioner pr. person",
        "en": "every institution has a contact person in its team, with a minimum slice and a cap on "
        "institutions per person",
    },
    "minimum-coverage": {
        "da": "hvert team har mindst den fastsatte dækning af behovet for hver faggruppe",
        "en": "every team covers at least the set share of its need for each profession",
    },
}


def add_rules(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    """Add every constraint family; each is enforced by its own literal."""
    for add in FAMILIES.values():
        add(model, data, vars)
