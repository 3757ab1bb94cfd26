"""The trade-off curve between equity and continuity: largest relative shortfall against staff moved.

The equity stage's tolerance is swept (absolute, in fractions: 0.02 lets every equity level rise by
2 percentage points above its optimum). At each point the moves stage comes right after equity
(`moves_before_shortfall`), so the point shows the fewest moves that keep every level within the tolerance.
The rounds of equity are solved once for the whole curve (`scenarios.engine.solve_points`); the tolerance
loosens every level, not only the worst cell's, so the curve moves even where the worst cell cannot.
`scenarios.service.run_curve` sweeps a run's inputs and stores every point as a run of its own.
Points that another point beats on both counts are dropped: what remains is the Pareto
frontier, fewest moves first, each step buying a strictly lower largest shortfall with more moves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime

from optimiser.comparison import Frontier, FrontierPoint
from optimiser.domain import Instance, Parameters
from optimiser.results import SolveResult
from optimiser.settings import SolverSettings
from scenarios.engine import solve_points

DEFAULT_TOLERANCES = (0.0, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.4, 0.6, 1.0)
EPS = 1e-9
# Every point of a sweep: fewest moves right after equity, so each point shows the moves its tolerance saves.
SWEEP: dict[str, object] = {"moves_before_shortfall": True, "objective": "lexicographic"}
# Called after every solve of the sweep with its parameters, result and start time (the run store's hook).
Recorder = Callable[[Parameters, SolveResult, datetime], None]


def pareto(points: Sequence[FrontierPoint]) -> list[FrontierPoint]:
    """The non-dominated points, fewest moves first; on a tie the lower shortfall, then the lower tolerance."""
    out: list[FrontierPoint] = []
    for p in sorted(points, key=lambda p: (p.staff_moved, p.max_shortfall, p.tolerance)):
        if not out or p.max_shortfall < out[-1].max_shortfall - EPS:
            out.append(p)
    return out


def sweep(
    instance: Instance,
    params: Parameters,
    structure: Mapping[str, str] | None = None,
    tolerances: Sequence[float] = DEFAULT_TOLERANCES,
    on_point: Callable[[FrontierPoint], None] | None = None,
    record: Recorder | None = None,
    settings: SolverSettings | None = None,
) -> list[FrontierPoint]:
    """One plan per tolerance, equity solved once for all; the points that have a plan."""
    points: list[FrontierPoint] = []
    sweep_params = params.model_copy(update=SWEEP)
    started = datetime.now(UTC)
    for tolerance, result in zip(
        tolerances, solve_points(instance, sweep_params, tolerances, structure, settings=settings), strict=True
    ):
        if record is not None:
            record(sweep_params.model_copy(update={"tolerance": tolerance}), result, started)
        started = datetime.now(UTC)
        if result.kpis is None:
            continue
        point = FrontierPoint(
            tolerance=tolerance,
            max_shortfall=result.kpis.max_relative_shortfall,
            staff_moved=result.kpis.staff_moved,
            total_shortfall_fte=result.kpis.total_shortfall_fte,
            status=result.status,
        )
        points.append(point)
        if on_point is not None:
            on_point(point)
    return points


__all__ = ["DEFAULT_TOLERANCES", "Frontier", "FrontierPoint", "pareto", "sweep", "trade_off"]


def trade_off(
    name: str,
    instance: Instance,
    params: Parameters,
    structure: Mapping[str, str] | None = None,
    tolerances: Sequence[float] = DEFAULT_TOLERANCES,
    on_point: Callable[[FrontierPoint], None] | None = None,
    record: Recorder | None = None,
    settings: SolverSettings | None = None,
) -> Frontier:
    points = sweep(instance, params, structure, tolerances, on_point, record, settings)
    return Frontier(name, tuple(points), tuple(pareto(points)))
