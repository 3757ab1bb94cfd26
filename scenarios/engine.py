"""The scenarios layer's one door to the solver: every run, the app's included, solves here.

`solve_applied` solves one applied scenario; `solve_points` the trade-off curve's points (the equity rounds once
for all of them). An applied scenario's structure is the institutions' own teams (`Applied.structure`), so
the solver is given none: the need model, keyed by structure, is then computed once per instance.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from optimiser.domain import Instance, Parameters
from optimiser.problems import Lang
from optimiser.results import SolveResult
from optimiser.settings import SolverSettings
from optimiser.solve import ProgressCallback, solve, solve_tolerances
from scenarios.apply import Applied


def solve_applied(
    applied: Applied,
    *,
    warm_start: SolveResult | None = None,
    progress: ProgressCallback | None = None,
    lang: Lang = "da",
) -> SolveResult:
    """Solve `applied` with its own parameters and solver settings; never raises for a solver outcome (a result
    with a status). The result records the reference demand it was measured against."""
    result = solve(
        applied.instance, applied.params, warm_start=warm_start, progress=progress, settings=applied.settings, lang=lang
    )
    return referenced(result, applied.instance)


def referenced(result: SolveResult, instance: Instance) -> SolveResult:
    """`result` with the reference demand of `instance` recorded (RESULT.json `reference`)."""
    return (
        result
        if result.reference == instance.reference
        else result.model_copy(update={"reference": instance.reference})
    )


def solve_instance(
    instance: Instance,
    params: Parameters,
    structure: Mapping[str, str] | None = None,
    lang: Lang = "da",
    warm_start: SolveResult | None = None,
    settings: SolverSettings | None = None,
) -> SolveResult:
    """Solve an instance built outside a scenario (a step of a transition path, a sweep's sample), in
    `structure` if given, with `settings` (default: the instance's own)."""
    result = solve(instance, params, structure=structure, settings=settings, lang=lang, warm_start=warm_start)
    return referenced(result, instance)


def solve_points(
    instance: Instance,
    params: Parameters,
    tolerances: Sequence[float],
    structure: Mapping[str, str] | None = None,
    lang: Lang = "da",
    settings: SolverSettings | None = None,
) -> Iterator[SolveResult]:
    """One plan per equity tolerance, in the order given (the trade-off curve's points)."""
    for result in solve_tolerances(instance, params, tolerances, structure=structure, settings=settings, lang=lang):
        yield referenced(result, instance)
