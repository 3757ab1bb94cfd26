"""Contact-person load and minimum slice: every institution a profession serves gets one named primary
contact of that profession from its own team (where anyone of the profession may work in that team); a
contact gives each of their institutions at least the minimum slice of practice-near time and has at most
the set number of institutions.

So a team needs enough contact capacity: the sum over its staff of min(cap, practice FTE / slice) must
reach the number of institutions needing a contact. New posts are not named people and add no capacity.
The contacts themselves are named after the solve (`optimiser.contacts`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from optimiser.domain import InstitutionType
from optimiser.i18n import N_
from optimiser.model.rules.base import Cell, Facts, Rule, Scope
from optimiser.need import institution_needs
from optimiser.pools import pool_of
from optimiser.results import Reason

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from optimiser.model.data import ProblemData
    from optimiser.model.variables import Variables

NAME = "contact-load"
NO_ROOM = N_("{area} has {needed} institutions needing a {profession} contact but room for {room}.")
EPS = 1e-6


def add(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    from optimiser.model.variables import total

    on = vars.rule(NAME)
    for (t, p), needed in data.contacts_needed.items():
        capacity = total(
            data.contact_capacity(g) * vars.assigned(g, t)
            for g in data.groups
            if g.profession == p and vars.has(g, t) and g.pool_id is None
        )
        model.add(capacity >= needed).only_enforce_if(on)


def _reachable(facts: Facts) -> set[Cell]:
    """Cells where some staff member of the profession may work under the switched-on rules: only there does
    an institution need a named contact."""
    kinds: dict[str, set[InstitutionType]] = defaultdict(set)
    for i in facts.instance.institutions:
        kinds[facts.structure[i.id]].add(i.type)
    out = set()
    pooled = pool_of(facts.instance)
    for s in facts.instance.staff:
        if s.id in pooled:
            continue  # a pool's staff are no district team's contacts
        if s.locked_team_id is not None and facts.on("locked-assignments"):
            teams = [s.locked_team_id]
        elif facts.on("area-boundary"):
            teams = [t for t, a in facts.team_area.items() if a == s.area_id]
        else:
            teams = list(facts.team_area)
        serves = facts.instance.profession(s.profession).institution_types
        for t in teams:
            if not facts.on("profession-serves-institution-types") or kinds[t] & serves:
                out.add((t, s.profession))
    return out


def check(facts: Facts) -> list[str]:
    params, instance = facts.params, facts.instance
    staff = {s.id: s for s in instance.staff}
    reachable = _reachable(facts)
    needed = {
        (r.institution_id, r.profession)
        for r in institution_needs(instance, params.demand_mode, facts.structure)
        if r.base_children > 0
        and instance.profession(r.profession).contact_per_institution
        and (r.team_id, r.profession) in reachable
    }
    have = {(a.institution_id, a.profession) for a in facts.institutions if a.contact_staff_id}
    out = [f"{NAME}: {i}/{p} has no contact" for i, p in sorted(needed - have)]
    out += [
        f"{NAME}: {a.institution_id}/{a.profession} gets {a.fte:.4f} FTE"
        for a in facts.institutions
        if (a.institution_id, a.profession) in needed and a.fte < params.contact_min_fte - EPS
    ]
    load = Counter(a.contact_staff_id for a in facts.institutions if a.contact_staff_id in staff)
    for sid, n in load.items():
        member = staff[sid]
        share = instance.profession(member.profession).practice_share if facts.on("practice-share") else 1.0
        if n > params.contact_max_institutions or n * params.contact_min_fte > share * member.fte + EPS:
            out.append(f"{NAME}: {sid} is contact for {n} institutions")
    return out


def explain(data: ProblemData, core: frozenset[str], scopes: Sequence[Scope]) -> list[Reason]:
    out = []
    for scope in scopes:
        for p in data.professions:
            needed = sum(data.contacts_needed.get((t, p), 0) for t in scope.teams)
            room = scope.capacity.get(p, 0)
            if needed > room:
                args = {
                    "area": scope.area,
                    "needed": needed,
                    "profession": data.instance.profession(p).name,
                    "room": room,
                }
                out.append(Reason(code=NO_ROOM, args=args))
    return out


RULE = Rule(
    name=NAME,
    title=N_(
        "every institution has a contact person in its team, with a minimum slice and a cap on institutions per person"
    ),
    description=N_("Each institution has one named primary contact per profession from its own team."),
    add=add,
    check=check,
    explain=explain,
)
