"""Degenerate but valid instances: the tests' and the reliability report's cases."""

from __future__ import annotations

from collections.abc import Callable

from factories import SCHOOL, make_instance
from rulecase import base

from optimiser.domain import DemandMode, Instance, Parameters, Profession


def no_staff_in_a_profession() -> Instance:
    tale = Profession(id="tale", annual_cost_dkk=550_000, institution_types=frozenset({SCHOOL}))
    psy = Profession(id="psy", annual_cost_dkk=600_000, institution_types=frozenset({SCHOOL}), practice_share=0.8)
    return base(professions=[psy, tale])


def a_team_without_institutions() -> Instance:
    return base(teams={"A": "x", "B": "x", "C": "x"})


def zero_children() -> Instance:
    return base(institutions=[("sA", "A", 0), ("sB", "B", 0)])


def zero_children_norm_mode() -> Instance:
    psy = Profession(
        id="psy", annual_cost_dkk=600_000, institution_types=frozenset({SCHOOL}), norm_children_per_fte=300
    )
    return base(
        institutions=[("sA", "A", 0), ("sB", "B", 0)], professions=[psy], params=Parameters(demand_mode=DemandMode.NORM)
    )


def everyone_locked() -> Instance:
    return base(staff_extra={s: {"locked_team_id": t} for s, t in (("m1", "A"), ("m2", "A"), ("m3", "A"), ("m4", "B"))})


def one_staff_member() -> Instance:
    return make_instance({"A": "x", "B": "x"}, [("sA", "A", 100), ("sB", "B", 300)], [("m1", "psy", 0.5, "A")])


CASES: dict[str, Callable[[], Instance]] = {
    "a profession with no staff": no_staff_in_a_profession,
    "a team with no institutions": a_team_without_institutions,
    "zero children": zero_children,
    "zero children, norm mode": zero_children_norm_mode,
    "all staff locked": everyone_locked,
    "one staff member": one_staff_member,
}
