"""The results page's edits in words: each edit as the planner reads it, and what a solve that could not keep the
edits says — on the town with a minimum of one psychologist per team (tests/helpers/instances.py)."""

from __future__ import annotations

from instances import psy, town

from app.web import edits, state
from optimiser.explain import CLASHING_RULE
from optimiser.names import Names
from optimiser.results import Reason
from optimiser.solve import solve
from scenarios.plan_edits import Contact, Lock, Move

MINIMUM = "hvert team har mindst det fastsatte antal medarbejdere af hver faggruppe"


def test_each_edit_in_words() -> None:
    instance = town(staff_extra={"m1": {"name": "Anna Hansen"}})
    names = Names.of(instance)
    assert edits.describe(Move("m1", "B"), names, "da") == "Flyt Anna Hansen til Team B"
    assert edits.describe(Lock("m2", "A"), names, "da") == "Lås m2 til Team A"
    assert edits.describe(Lock("m2", None), names, "da") == "Lås m2 op"
    assert edits.describe(Contact("sB", "psy", "m1"), names, "da") == "Anna Hansen som kontaktperson for sB (Psy)"
    assert edits.describe(Move("m1", "B"), names, "en") == "Move Anna Hansen to Team B"


def test_a_failed_solve_says_which_edit_breaks_which_rule() -> None:
    instance = town(professions=[psy(min_per_team=1)])
    result = solve(instance)
    run = state.ShownRun("Byen", instance, None, result)
    chosen = (Lock("m4", "B"), Lock("m1", "B"))  # nobody left in A
    core = Reason(code=CLASHING_RULE, args={"rule": "team-minimum-per-profession", "rule_id": "x"})
    failed = result.model_copy(update={"kpis": None, "explanation": (core,)})
    lines = edits.clash_lines(edits.Resolve(None, run, chosen), failed, "da")
    assert lines == [
        "Beregningen med dine ændringer fandt ingen plan, så den forrige plan og dine ændringer står stadig på "
        "skærmen.",
        f"Lås m1 til Team B bryder reglen: {MINIMUM}.",
    ]


def test_edits_that_break_nothing_alone_are_named_together() -> None:
    instance = town(professions=[psy(min_per_team=1)])
    result = solve(instance)
    run = state.ShownRun("Byen", instance, None, result)
    core = Reason(code=CLASHING_RULE, args={"rule": "team-minimum-per-profession", "rule_id": "x"})
    failed = result.model_copy(update={"kpis": None, "explanation": (core,)})
    lines = edits.clash_lines(edits.Resolve(None, run, (Lock("m4", "B"),)), failed, "da")
    assert lines[1] == f"Ændringerne kan ikke opfyldes samtidig: {MINIMUM}."
