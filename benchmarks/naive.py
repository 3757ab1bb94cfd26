"""The naive peer: one boolean per person and candidate team, one model for the whole municipality.

It is `optimiser.solve`'s model with the two structural ideas taken out, so the comparison measures exactly
what they buy: every staff member is a group of one (no interchangeable staff), and nothing is split into
independent parts (no decomposition by area and profession, no per-part bounds). The rules, objective terms,
stages (leximin equity included), tolerances, hints and time limit are the same code, so where both prove a
stage optimal the optima must agree.
"""

from __future__ import annotations

import time
from dataclasses import replace

from benchmarks.common import PeerRun, StageRun, solver_optima
from optimiser.domain import Instance, Parameters
from optimiser.model.data import ProblemData, problem_data
from optimiser.model.objectives import UNIT
from optimiser.solve import solve_model


def per_person(data: ProblemData) -> ProblemData:
    """`data` with every group split into groups of one person each."""
    team_now = {s.id: s.current_team_id for s in data.instance.staff}
    people = [
        replace(g, current=((team_now[member], 1),), members=(member,)) for g in data.groups for member in g.members
    ]
    return replace(data, groups=tuple(replace(p, index=n) for n, p in enumerate(people)))


def solve_naive(instance: Instance, params: Parameters | None = None) -> PeerRun:
    """The engine's stages on the per-person model, all workers on one model, one overall time limit."""
    params = params or instance.parameters
    start = time.perf_counter()
    data = per_person(problem_data(instance, params))
    result = solve_model(instance, params, data, decompose=False)
    optima = solver_optima(result)
    stages = [
        StageRun(
            s.name,
            s.status,
            optima[s.name],
            None if s.bound is None else s.bound * UNIT[s.name],
            s.seconds,
        )
        for s in result.stages
    ]
    team_of = {a.staff_id: a.team_id for a in result.assignments} or None
    return PeerRun(
        solver="CP-SAT, one boolean per person",
        build_seconds=0.0,
        stages=stages,
        total_seconds=time.perf_counter() - start,
        team_of=team_of,
        notes=[f"{len(data.groups)} people, one model (model building is inside the stage times)"],
    )
