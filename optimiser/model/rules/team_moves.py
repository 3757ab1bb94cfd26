"""Team moves: at most the set number of staff leave each team, and at most the set number of each profession
change team (a step of a transition plan keeps every team and every profession recognisable).

A person who changes team counts once for the team they leave and once for their profession. The caps are
`Parameters.max_moves_per_team` (team id -> staff who may leave it) and `max_moves_per_profession`
(profession id -> its staff who may change team), "*" standing for every one not named; a transition plan's
step writes its shares ("10 %") as counts of the people at the step's start (`scenarios.phase`).

Coupling: a team's cap ties its professions together, a profession's cap ties its teams (and areas)
together; `links` names the cells the decomposition (`optimiser.model.data.split`) must keep in one part,
so a part holds every leaver a cap counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from optimiser.domain import Parameters
from optimiser.i18n import N_
from optimiser.model.rules.base import Cell, Facts, Rule, Scope
from optimiser.results import Reason

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from optimiser.model.data import ProblemData
    from optimiser.model.variables import Expr, Variables

NAME = "team-moves"
EVERY = "*"
FORCED = N_("{count} staff must leave {team} (locks or rules allow them nowhere else), but at most {limit} may.")


def cap(caps: Mapping[str, int] | None, key: str) -> int | None:
    """The cap of one team or profession: its own, else the one for every other ("*"); None: no cap."""
    if not caps:
        return None
    return caps.get(key, caps.get(EVERY))


def capped(params: Parameters) -> bool:
    """Does the rule hold anything back?"""
    return bool(params.max_moves_per_team) or bool(params.max_moves_per_profession)


def _leavers(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> Iterator[tuple[str, str, Expr]]:
    """(current team, profession, how many of one group leave it): max(0, now there - placed there)."""
    for g in data.groups:
        for team, now in g.current:
            left = model.new_int_var(0, now, f"left[{g.index},{team}]")
            model.add(left >= now - vars.assigned(g, team))
            yield team, g.profession, left


def add(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    from optimiser.model.variables import total

    if not capped(data.params):
        return
    on = vars.rule(NAME)
    by_team: dict[str, list[Expr]] = {}
    by_profession: dict[str, list[Expr]] = {}
    for team, profession, left in _leavers(model, data, vars):
        by_team.setdefault(team, []).append(left)
        by_profession.setdefault(profession, []).append(left)
    params = data.params
    for caps, groups in ((params.max_moves_per_team, by_team), (params.max_moves_per_profession, by_profession)):
        for key, lefts in groups.items():
            limit = cap(caps, key)
            if limit is not None:
                model.add(total(lefts) <= limit).only_enforce_if(on)


def links(data: ProblemData, homes: Mapping[int, Sequence[str]]) -> Iterator[tuple[Cell, Cell]]:
    """Pairs of cells a cap ties into one part: a capped team's professions, a capped profession's teams, and
    each group's current team with its candidate teams (its leavers count where it is now)."""
    if "team-moves" not in data.enabled or not capped(data.params):
        return
    per_team, per_profession = data.params.max_moves_per_team, data.params.max_moves_per_profession
    for t in data.teams:
        if cap(per_team, t) is not None:
            for p in data.professions[1:]:
                yield (t, data.professions[0]), (t, p)
    for p in data.professions:
        if cap(per_profession, p) is not None:
            for t in data.teams[1:]:
                yield (data.teams[0], p), (t, p)
    for g in data.groups:
        for team, _ in g.current:
            if homes[g.index] and team in data.team_area:
                yield (homes[g.index][0], g.profession), (team, g.profession)


def check(facts: Facts) -> list[str]:
    """Leavers per team and per profession, counted from the plan with plain loops."""
    per_team, per_profession = facts.params.max_moves_per_team, facts.params.max_moves_per_profession
    left_team: Counter[str] = Counter()
    left_profession: Counter[str] = Counter()
    for s in facts.instance.staff:
        if facts.team_of[s.id] != s.current_team_id:
            left_team[s.current_team_id] += 1
            left_profession[s.profession] += 1
    out = []
    for team, n in sorted(left_team.items()):
        limit = cap(per_team, team)
        if limit is not None and n > limit:
            out.append(f"{NAME}: {n} staff leave team {team} > {limit}")
    for profession, n in sorted(left_profession.items()):
        limit = cap(per_profession, profession)
        if limit is not None and n > limit:
            out.append(f"{NAME}: {n} {profession} staff change team > {limit}")
    return out


def explain(data: ProblemData, core: frozenset[str], scopes: Sequence[Scope]) -> list[Reason]:
    """Teams whose staff must leave (no candidate team is their current one) beyond the team's cap."""
    from optimiser.names import Names

    forced: Counter[str] = Counter()
    for g in data.groups:
        homes = set(data.candidate_teams(g))
        for team, now in g.current:
            if team not in homes:
                forced[team] += now
    names = Names.of(data.instance)
    out = []
    for team, n in sorted(forced.items()):
        limit = cap(data.params.max_moves_per_team, team)
        if limit is not None and n > limit:
            out.append(Reason(code=FORCED, args={"count": n, "team": names.team(team), "limit": limit}))
    return out


RULE = Rule(
    name=NAME,
    title=N_("at most the set number of staff leave each team, and of each profession change team"),
    description=N_(
        "A step of a transition plan keeps every team and every profession recognisable: only so many of a "
        "team's staff leave it, and only so many of a profession change team."
    ),
    add=add,
    check=check,
    explain=explain,
)
