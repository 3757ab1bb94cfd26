"""Locked assignments: a staff member the area manager has locked to a team stays in that team.

Enforced by pruning: a locked group's only candidate team is its lock (even outside its area: the clash
with the area boundary is then the model's to find and explain).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from optimiser.i18n import N_
from optimiser.model.rules.base import Facts, Rule, Scope
from optimiser.results import Reason

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from optimiser.model.data import ProblemData, StaffGroup
    from optimiser.model.variables import Variables

NAME = "locked-assignments"
OUTSIDE = N_("{who} locked to {team} outside their area.")
NOTHING_SERVED = N_("{who} ({profession}) locked to {team}, which has nothing the profession serves.")
FORCED = N_("{forced} locked staff must change team but at most {limit} may.")
# Why an equity level's cell cannot do better (`optimiser.explain`).
SHORT_BECAUSE = N_("locked staff tie the profession in the area")


def add(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    on = vars.rule(NAME)
    for g in data.groups:
        if g.locked_team_id is not None:
            model.add(vars.assigned(g, g.locked_team_id) == g.size).only_enforce_if(on)


def prune(data: ProblemData, group: StaffGroup, teams: tuple[str, ...]) -> tuple[str, ...]:
    return teams if group.locked_team_id is None else (group.locked_team_id,)


def check(facts: Facts) -> list[str]:
    return [
        f"{NAME}: {s.id} locked to {s.locked_team_id}, in {facts.team_of[s.id]}"
        for s in facts.instance.staff
        if s.locked_team_id and facts.team_of[s.id] != s.locked_team_id
    ]


def explain(data: ProblemData, core: frozenset[str], scopes: Sequence[Scope]) -> list[Reason]:
    names = {t.id: t.name for t in data.instance.teams}
    out: list[Reason] = []
    for g in data.groups:
        lock = g.locked_team_id
        if lock is None:
            continue
        who, team = ", ".join(g.members[:5]), names.get(lock, lock)
        if "area-boundary" in core and data.team_area.get(lock) != g.area_id:
            out.append(Reason(code=OUTSIDE, args={"who": who, "team": team}))
        if "profession-serves-institution-types" in core and (lock, g.profession) not in data.serves:
            out.append(
                Reason(
                    code=NOTHING_SERVED,
                    args={"who": who, "profession": data.instance.profession(g.profession).name, "team": team},
                )
            )
    limit = data.params.max_moves
    if "max-moves" in core and limit is not None:
        forced = sum(g.size - g.now_in(g.locked_team_id) for g in data.groups if g.locked_team_id)
        if forced > limit:
            out.append(Reason(code=FORCED, args={"forced": forced, "limit": limit}))
    return out


RULE = Rule(
    name=NAME,
    title=N_("locked staff stay in the team they are locked to"),
    description=N_("A staff member the area manager has locked to a team stays in that team."),
    add=add,
    prune=prune,
    check=check,
    explain=explain,
)
