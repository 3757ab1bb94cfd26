"""The naive peer: one boolean per person and candidate team, one model for the whole municipality.

It is `optimiser.solve`'s model with the two structural ideas taken out, so the comparison measures exactly
what they buy: every staff member is a group of one (no interchangeable staff), and nothing is split into
independent parts (no decomposition by area and profession, no per-part bounds). The rules, objective terms,
stage order, tolerances, hints and time limit are the same, from the same modules, so where both prove a
stage optimal the optima must agree.
"""

from __future__ import annotations

import time
from dataclasses import replace

from benchmarks.common import PeerRun, StageRun
from optimiser.domain import Instance, Parameters
from optimiser.model.data import ProblemData, StaffGroup, problem_data
from optimiser.model.objectives import stage_order, stage_slack
from optimiser.solve import PartModel


def per_person(data: ProblemData) -> ProblemData:
    """`data` with every group split into groups of one person each."""
    team_now = {s.id: s.current_team_id for s in data.instance.staff}
    people = [
        replace(g, current=((team_now[member], 1),), members=(member,)) for g in data.groups for member in g.members
    ]
    return replace(data, groups=tuple(replace(p, index=n) for n, p in enumerate(people)))


def solve_naive(instance: Instance, params: Parameters | None = None) -> PeerRun:
    """The lexicographic stages on the per-person model, all workers on one model, one overall time limit."""
    params = params or instance.parameters
    start = time.perf_counter()
    data = per_person(problem_data(instance, params))
    model = PartModel(data, {s.id: s.current_team_id for s in instance.staff})
    build_seconds = time.perf_counter() - start
    stages: list[StageRun] = []
    for name in stage_order(data):
        left = params.time_limit_s - (time.perf_counter() - start)
        t0 = time.perf_counter()
        outcome = model.run(model.terms[name], params, params.workers, left, None)
        seconds = time.perf_counter() - t0
        objective = None if outcome.objective is None else round(outcome.objective)
        stages.append(StageRun(name, outcome.status, objective, outcome.bound, seconds))
        if objective is None:
            break
        model.model.add(model.terms[name] <= objective + stage_slack(data, name, objective))
    team_of = _teams(data, model) if model.solver is not None else None
    return PeerRun(
        solver="CP-SAT, one boolean per person",
        build_seconds=build_seconds,
        stages=stages,
        total_seconds=time.perf_counter() - start,
        team_of=team_of,
        notes=[f"{len(data.groups)} people, one model"],
    )


def _teams(data: ProblemData, model: PartModel) -> dict[str, str]:
    out = {}
    for g in data.groups:
        group: StaffGroup = g
        team = next(t for t in model.vars.teams_of(group) if model.value(model.vars.assigned(group, t)) == 1)
        out[group.members[0]] = team
    return out
