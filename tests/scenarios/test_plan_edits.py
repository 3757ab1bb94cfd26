"""Hand edits of a solved plan, on the town (tests/helpers/instances.py): four psychologists of 1.0 FTE, practice
share 0.8; demand A 0.8, B 2.4 practice-near FTE. The optimal plan keeps m1 in A and moves m2, m3 to B (everyone
covered 100 %); contacts sA: m1, sB: m4 (kept from today)."""

from __future__ import annotations

import pytest
from instances import psy, town, two_areas

from optimiser.domain import Contact as TodayContact
from optimiser.domain import Instance, Parameters
from optimiser.results import SolveResult
from optimiser.solve import solve
from scenarios.plan_edits import (
    Contact,
    Lock,
    Move,
    allowed_teams,
    apply_edits,
    clashes,
    contact_candidates,
    locks,
    reapply_contacts,
)


@pytest.fixture(scope="module")
def solved() -> tuple[Instance, SolveResult]:
    instance = town()
    result = solve(instance)
    assert [a.team_id for a in result.assignments] == ["A", "B", "B", "B"]
    return instance, result


def test_a_move_back_is_evaluated_at_once(solved: tuple[Instance, SolveResult]) -> None:
    instance, result = solved
    edited = apply_edits(instance, instance.parameters, None, result, [Move("m2", "A")])
    # A: 2 x 0.8 = 1.6 for 0.8 (200 %); B: 1.6 for 2.4 (shortfall 1/3, 0.8 FTE).
    k = edited.result.kpis
    assert k is not None
    assert k.max_relative_shortfall == pytest.approx(1 / 3)
    assert k.mean_relative_shortfall == pytest.approx(1 / 6)
    assert k.total_shortfall_fte == pytest.approx(0.8)
    assert k.cv_coverage == pytest.approx(0.5)  # ratios 2 and 2/3: mean 4/3, spread 2/3
    assert k.staff_moved == 1
    assert (k.team_size_min_fte, k.team_size_max_fte) == (2.0, 2.0)
    assert edited.changed_cells == (("A", "psy"), ("B", "psy"))
    assert edited.broken_rules == ()
    assert edited.result.status == "feasible" and edited.result.stages == ()
    assert {a.institution_id: a.fte for a in edited.result.institutions} == pytest.approx({"sA": 1.6, "sB": 1.6})


def test_no_edits_give_the_same_figures(solved: tuple[Instance, SolveResult]) -> None:
    instance, result = solved
    edited = apply_edits(instance, instance.parameters, None, result, [])
    assert edited.result.kpis == result.kpis
    assert edited.changed_cells == ()


def test_a_lock_in_place_changes_no_figure_and_becomes_a_lock(solved: tuple[Instance, SolveResult]) -> None:
    instance, result = solved
    edited = apply_edits(instance, instance.parameters, None, result, [Lock("m3", "B")])
    assert edited.result.kpis == result.kpis
    assert [a.locked for a in edited.result.assignments] == [False, False, True, False]
    assert locks(result, edited) == (("m3", "B"),)
    moved = apply_edits(instance, instance.parameters, None, result, [Move("m2", "A"), Lock("m4", "A")])
    assert locks(result, moved) == (("m2", "A"), ("m4", "A"))  # a move stays where it was put
    assert moved.result.kpis is not None and moved.result.kpis.staff_moved == 2  # m2 back home, m4 to A


def test_a_named_contact_counts_as_a_new_contact(solved: tuple[Instance, SolveResult]) -> None:
    instance, result = solved
    assert contact_candidates(instance, result, "sB", "psy") == ["m2", "m3", "m4"]
    edited = apply_edits(instance, instance.parameters, None, result, [Contact("sB", "psy", "m2")])
    contact = {a.institution_id: a.contact_staff_id for a in edited.result.institutions}
    assert contact == {"sA": "m1", "sB": "m2"}
    assert edited.result.kpis is not None and edited.result.kpis.contacts_changed is None  # no Kontakter sheet
    # With today's contacts given (sheet Kontakter: sA m1, sB m3), naming m2 for sB breaks one tie.
    today = tuple(TodayContact(institution_id=i, profession="psy", staff_id=s) for i, s in (("sA", "m1"), ("sB", "m3")))
    known = Instance.model_validate({**{f: getattr(instance, f) for f in Instance.model_fields}, "contacts": today})
    planned = solve(known)
    assert {a.institution_id: a.contact_staff_id for a in planned.institutions} == {"sA": "m1", "sB": "m3"}
    named = apply_edits(known, known.parameters, None, planned, [Contact("sB", "psy", "m2")])
    assert named.result.kpis is not None and named.result.kpis.contacts_changed == 1
    assert edited.broken_rules == ()
    again = reapply_contacts(instance, instance.parameters, None, result, [Move("m2", "A"), Contact("sB", "psy", "m3")])
    assert again is not None and {a.institution_id: a.contact_staff_id for a in again.result.institutions}["sB"] == "m3"


def test_a_contact_outside_the_team_breaks_the_contact_rule(solved: tuple[Instance, SolveResult]) -> None:
    instance, result = solved
    edited = apply_edits(instance, instance.parameters, None, result, [Contact("sB", "psy", "m1")])
    assert edited.broken_rules == ("contact-load",)


def test_emptying_a_team_breaks_the_minimum_and_says_which_edit() -> None:
    instance = town(professions=[psy(min_per_team=1)])
    result = solve(instance)
    edits = [Lock("m4", "B"), Lock("m1", "B")]
    edited = apply_edits(instance, instance.parameters, None, result, edits)
    # Nobody is left in A: no psychologist there, and nobody to be school sA's contact.
    assert edited.broken_rules == ("team-minimum-per-profession", "contact-load")
    assert [r.args for r in edited.broken] == [{"rule": r} for r in edited.broken_rules]
    assert clashes(instance, instance.parameters, None, result, edits) == [
        (Lock("m1", "B"), "team-minimum-per-profession"),
        (Lock("m1", "B"), "contact-load"),
    ]
    # Where the failed solve named its clashing rules, only those.
    named = clashes(instance, instance.parameters, None, result, edits, ["team-minimum-per-profession"])
    assert named == [(Lock("m1", "B"), "team-minimum-per-profession")]


def test_the_teams_offered_are_the_runs_and_the_persons_area() -> None:
    instance = two_areas()
    assert allowed_teams(instance, instance.parameters, "m4") == ["C", "D"]
    free = Parameters(disabled_rules=frozenset({"area-boundary"}))
    assert allowed_teams(instance, free, "m4") == ["A", "B", "C", "D"]


def test_an_unknown_team_is_refused(solved: tuple[Instance, SolveResult]) -> None:
    instance, result = solved
    with pytest.raises(ValueError, match="team the run does not have: Z"):
        apply_edits(instance, instance.parameters, None, result, [Move("m1", "Z")])
