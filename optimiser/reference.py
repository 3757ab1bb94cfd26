"""The fixed reference demand: one yardstick for every scenario run, so a cut shows as shortfall and new posts
as gain.

Fair-share demand distributes FTE by need. Distributing each scenario's *own* FTE re-normalises demand to
supply: a 5 % cut lowers demand by 5 % too and reads as "fairer", new posts raise it and read as no gain. The
reference fixes *what is distributed* instead: the base book's practice-near FTE per profession, before the
scenario is applied (or a chosen stored run's: its staff and new posts). The run's need model still says where
it is needed (its weights, blend, floors and structure), so a structure's team demand is the sum of its
institutions' demand and a scenario that changes the need model still moves demand between places:

    fair share:  D_ip = share_ip * R_p          R_p = sum over the reference's staff of FTE * s_p
    norm:        D_ip = blended_ip / norm_p * b_p

`s_p` is the share of time demand and supply are both counted at: the book's practice share with the 80/20
rule on, all of the time with it off (`b_p` = 1 / the practice share then, else 1), so switching the rule off
raises supply and demand alike. A scenario that lowers a practice share lowers supply against the same demand.

`optimiser.need` reads `Instance.reference`; the run service (`scenarios.service.prepare`) sets it on every
applied instance, and RESULT.json records it (`SolveResult.reference`, docs/result.md).
"""

from __future__ import annotations

from collections import defaultdict

from optimiser import i18n
from optimiser.domain import DemandMode, Instance, Parameters, Reference
from optimiser.i18n import N_
from optimiser.problems import Lang
from optimiser.results import SolveResult

BOOK = N_("the workbook's demand ({mode}: {fte} FTE today), book {sha}")
RUN = N_("the demand of stored run no. {run} ({mode}: {fte} FTE)")
MODES = {DemandMode.FAIR_SHARE: N_("fair share"), DemandMode.NORM: N_("norm")}
SHOWN = N_("Measured against: {reference}")


def book_reference(base: Instance, params: Parameters, sha256: str | None = None) -> Reference:
    """The base book's demand: its staff's FTE (before any scenario) at the run's basis (`params`)."""
    on = "practice-share" in params.enabled_rules()
    practice = {p.id: 0.0 for p in base.professions}
    for s in base.staff:
        practice[s.profession] += s.fte * (base.profession(s.profession).practice_share if on else 1.0)
    return Reference(
        kind="book",
        mode=params.demand_mode,
        practice_fte=practice,
        basis={p.id: 1.0 if on else 1.0 / p.practice_share for p in base.professions},
        staff_fte=sum(s.fte for s in base.staff),
        book_sha256=sha256,
    )


def run_reference(result: SolveResult, run_id: int, sha256: str | None = None) -> Reference:
    """A stored run's demand: the practice-near FTE its plan gives (its staff and new posts), in its mode. The
    run is best solved with the same 80/20 setting as the runs measured against it (its supply is its basis)."""
    if result.kpis is None or not result.coverage:
        raise ValueError(f"run {run_id} has no plan to measure against")
    practice: dict[str, float] = defaultdict(float)
    for row in result.coverage:
        practice[row.profession] += row.supply_fte
    mode = DemandMode(str(result.parameters.get("demand_mode", DemandMode.FAIR_SHARE.value)))
    fte = sum(a.fte for a in result.assignments) + sum(p.fte for p in result.new_posts)
    return Reference(
        kind="run", mode=mode, practice_fte=dict(practice), staff_fte=fte, book_sha256=sha256, run_id=run_id
    )


def with_reference(instance: Instance, reference: Reference | None) -> Instance:
    """`instance` measured against `reference` (a copy; the need model is computed afresh for it)."""
    if instance.reference == reference:
        return instance
    return instance.model_copy(update={"reference": reference})


def describe(reference: Reference | None, lang: Lang = "da") -> str:
    """What a run is measured against, in words: every output says it."""
    if reference is None:
        return i18n.text(N_("the run's own staff (no fixed reference)"), lang)
    mode = i18n.text(MODES[reference.mode], lang)
    fte = i18n.number(reference.staff_fte, 2, lang)
    if reference.kind == "run":
        return i18n.text(RUN, lang, run=reference.run_id, mode=mode, fte=fte)
    return i18n.text(BOOK, lang, mode=mode, fte=fte, sha=(reference.book_sha256 or "–")[:12])


def shown(reference: Reference | None, lang: Lang = "da") -> str:
    """The line every output prints: "Målt mod: …"."""
    return i18n.text(SHOWN, lang, reference=describe(reference, lang))
