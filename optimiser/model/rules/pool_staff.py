"""Pool staff stay put: a specialist pool's staff (a competence centre, an area flex team, a city-wide unit)
are never moved between teams by the optimiser. A scenario may still move them (they then start in the new
team), and a lock the area manager sets still decides (`locked-assignments`).

Enforced by pruning: a pooled group (grouped by pool and current team, `optimiser.model.data`) keeps only
its current team. Their time is the pool's, shared over its catchment (`optimiser.pools`), not the team's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from optimiser.i18n import N_
from optimiser.model.rules.base import Facts, Rule, Scope
from optimiser.pools import pool_of
from optimiser.results import Reason

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from optimiser.model.data import ProblemData, StaffGroup
    from optimiser.model.variables import Variables

NAME = "pool-staff"
NOTHING_SERVED = N_("{who} of pool {pool} stay in {team}, which has nothing the profession serves.")


def _pinned(group: StaffGroup) -> bool:
    return group.pool_id is not None and group.locked_team_id is None


def add(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    on = vars.rule(NAME)
    for g in data.groups:
        if _pinned(g):
            for team, now in g.current:
                model.add(vars.assigned(g, team) == now).only_enforce_if(on)


def prune(data: ProblemData, group: StaffGroup, teams: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in teams if group.now_in(t)) if _pinned(group) else teams


def check(facts: Facts) -> list[str]:
    pooled = pool_of(facts.instance)
    return [
        f"{NAME}: {s.id} of pool {pooled[s.id]} in {facts.team_of[s.id]}, not {s.current_team_id}"
        for s in facts.instance.staff
        if s.id in pooled and s.locked_team_id is None and facts.team_of[s.id] != s.current_team_id
    ]


def explain(data: ProblemData, core: frozenset[str], scopes: Sequence[Scope]) -> list[Reason]:
    if "profession-serves-institution-types" not in core:
        return []
    names = {t.id: t.name for t in data.instance.teams}
    pools = {p.id: p.name for p in data.instance.pools}
    return [
        Reason(
            code=NOTHING_SERVED,
            args={"who": ", ".join(g.members[:5]), "pool": pools.get(g.pool_id or "", ""), "team": names.get(t, t)},
        )
        for g in data.groups
        if _pinned(g)
        for t, _ in g.current
        if (t, g.profession) not in data.serves
    ]


RULE = Rule(
    name=NAME,
    title=N_("a specialist pool's staff stay in their team"),
    description=N_(
        "Competence centres, flex teams and city-wide units keep their staff where they are; their time is "
        "shared over the pool's catchment by need."
    ),
    add=add,
    prune=prune,
    check=check,
    explain=explain,
)
