"""A run's parameters and solver settings as a committee reads them: a Danish label and a value per row, never
the Parametre sheet's keys ("slå_fra_regler", "frø") or a JSON dump.

One list for both workbooks: the results workbook's technical appendix and the comparison workbook's Scenarier
sheet. The values keep their units (`Num`), choices are the book's words ("fordeling"), rules their titles.
"""

from __future__ import annotations

from collections.abc import Mapping

from optimiser.domain import readable
from optimiser.export.style import Num
from optimiser.figures import Unit
from optimiser.i18n import N_, text
from optimiser.io.columns import PARAMS, Kind, Param
from optimiser.model.rules import RULES
from optimiser.problems import Lang
from optimiser.vocabulary import yes_no

# Every key of the Parametre sheet in a planner's words (by field; weights by the objective term they weigh).
LABELS: dict[str, str] = {
    "demand_mode": N_("Need model"),
    "area_boundary": N_("Staff stay in their area"),
    "disabled_rules": N_("Rules switched off"),
    "team_size_min_fte": N_("Smallest team allowed (FTE)"),
    "team_size_max_fte": N_("Largest team allowed (FTE)"),
    "max_moves": N_("Most staff changing team"),
    "budget_dkk": N_("Budget for new posts"),
    "overhead_share": N_("Mark-up on new posts"),
    "tolerance": N_("Equity may give way by"),
    "shortfall_tolerance": N_("Total shortfall may rise by"),
    "min_gain": N_("Smallest gain of a move (FTE)"),
    "moves_before_shortfall": N_("Fewest moves before least shortfall"),
    "min_coverage": N_("Minimum coverage in every team"),
    "objective": N_("What counts as best"),
    "time_limit_s": N_("Time limit (seconds)"),
    "seed": N_("Random seed"),
    "deterministic": N_("Reproducible run"),
    "contact_min_fte": N_("Smallest time per contact and institution (FTE)"),
    "contact_max_institutions": N_("Most institutions per contact"),
    "workers": N_("Processor cores"),
    "shrink_indicators": N_("Rates pulled towards the mean"),
    "shrink_years": N_("Years of data behind the rates"),
    "weight:equity": N_("Weight on equity"),
    "weight:shortfall": N_("Weight on total shortfall"),
    "weight:moves": N_("Weight on moves"),
    "weight:preferences": N_("Weight on unmet wishes"),
    "weight:cost": N_("Weight on cost"),
}
UNIT_OF_KIND = {Kind.FTE: Unit.FTE, Kind.MONEY: Unit.MONEY, Kind.SHARE: Unit.SHARE, Kind.INT: Unit.COUNT}
DEFAULT = N_("default")


def label(param: Param, lang: Lang) -> str:
    """A parameter's label in the reader's words."""
    key = f"weight:{param.term}" if param.term else param.field
    return text(LABELS[key], lang) if key in LABELS else readable(param.key)


def _value(param: Param, raw: object, lang: Lang) -> object:
    if raw is None:  # blank on the sheet: no limit, no requirement, or the solver's own default weight
        return text(DEFAULT, lang) if param.term else "–"
    if isinstance(raw, bool):
        return yes_no(raw, lang)
    if param.choices:
        return next((d for d, v in param.choices if v == raw), str(raw))  # the book's word, as the planner typed it
    if isinstance(raw, list | tuple | set | frozenset):
        if not raw:
            return "–"
        shown = (text(RULES[str(v)].title, lang) if str(v) in RULES else str(v) for v in raw)
        return ", ".join(sorted(shown))
    if isinstance(raw, int | float):
        return Num(raw, UNIT_OF_KIND.get(param.kind, Unit.NUMBER))
    return str(raw)


def parameter_rows(
    parameters: Mapping[str, object], settings: Mapping[str, object] | None, lang: Lang
) -> list[tuple[str, object]]:
    """(label, value) for every parameter of the Parametre sheet, in its order: the policy from `parameters`
    (a run's `Parameters` as stored), the solver's from `settings`; weights from `parameters["weights"]`."""
    weights = parameters.get("weights")
    found = settings or {}
    rows: list[tuple[str, object]] = []
    for p in PARAMS:
        if p.term:
            raw = weights.get(p.term) if isinstance(weights, dict) else None
        else:
            raw = found.get(p.field) if p.solver else parameters.get(p.field)
        rows.append((label(p, lang), _value(p, raw, lang)))
    return rows
