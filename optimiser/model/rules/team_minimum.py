"""Team minimum per profession: every team has at least the profession's minimum head count (e.g. two
pedagogical consultants, so that the team works when one is away). Teams with nothing the profession
serves are exempt."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from optimiser.i18n import N_
from optimiser.model.rules.base import Facts, Rule, Scope
from optimiser.results import Reason

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from optimiser.model.data import ProblemData
    from optimiser.model.variables import Variables

NAME = "team-minimum-per-profession"
TOO_FEW = N_("{area} needs ≥ {minimum} {profession} in each of {teams} teams ({needed}) but has {heads}.")
# Why an equity level's cell cannot do better (`optimiser.explain`).
SHORT_BECAUSE = N_("the minimum of {n} per team ties whole persons")


def add(model: cp_model.CpModel, data: ProblemData, vars: Variables) -> None:
    on = vars.rule(NAME)
    for p in data.professions:
        minimum = data.instance.profession(p).min_per_team
        if minimum == 0:
            continue
        for t in data.teams:
            if (t, p) in data.serves:
                model.add(vars.headcount(t, p) >= minimum).only_enforce_if(on)


def check(facts: Facts) -> list[str]:
    return [
        f"{NAME}: {t.id} has {facts.heads.get((t.id, p.id), 0)} {p.id}"
        for p in facts.instance.professions
        for t in facts.instance.teams
        if (t.id, p.id) in facts.serves and facts.heads.get((t.id, p.id), 0) < p.min_per_team
    ]


def explain(data: ProblemData, core: frozenset[str], scopes: Sequence[Scope]) -> list[Reason]:
    out = []
    for scope in scopes:
        for p in map(data.instance.profession, data.professions):
            n = sum(1 for t in scope.teams if (t, p.id) in data.serves)
            heads = scope.heads.get(p.id, 0)
            if p.min_per_team and n * p.min_per_team > heads:
                args = {"area": scope.area, "minimum": p.min_per_team, "profession": p.name, "teams": n}
                out.append(Reason(code=TOO_FEW, args={**args, "needed": n * p.min_per_team, "heads": heads}))
    return out


RULE = Rule(
    name=NAME,
    title=N_("every team has at least the set number of staff of each profession"),
    description=N_("Every team has at least the profession's minimum head count, so it works when one is away."),
    add=add,
    check=check,
    explain=explain,
)
