"""What every solver run in the benchmark reports, in one shape, so runs can be compared stage by stage.

Objectives and bounds are in solver units (see `optimiser.model.data`: equity in RATIO_UNIT, shortfall in
SUPPLY_UNIT, moves in people) so that optima compare exactly as integers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from optimiser.model.objectives import UNIT
from optimiser.results import SolveResult
from optimiser.solve import MAX_STAGES


@dataclass
class StageRun:
    """One lexicographic stage over the whole problem (all parts combined)."""

    name: str
    status: str  # optimal | timeout | infeasible | error | skipped
    objective: int | None  # solver units; None when no plan was found
    bound: float | None  # solver units
    seconds: float  # wall-clock seconds of the stage

    @property
    def gap(self) -> float | None:
        """Relative gap as `optimiser.solve` reports it: |objective - bound| / max(|objective|, 1 unit)."""
        if self.objective is None or self.bound is None:
            return None
        return abs(self.objective - self.bound) / max(abs(self.objective), 1.0)


@dataclass
class PeerRun:
    """A peer's solve: model build, the stages, the whole, and notes on anything it could not do exactly."""

    solver: str
    build_seconds: float
    stages: list[StageRun]
    total_seconds: float
    team_of: dict[str, str] | None  # staff id -> team of the last plan found
    notes: list[str] = field(default_factory=list)

    def optima(self) -> dict[str, int | None]:
        return {s.name: s.objective for s in self.stages}


def combine(name: str, values: Iterable[float]) -> float:
    """A stage's value over independent parts: the largest for equity (a max), else the sum."""
    items = list(values)
    return max(items) if name in MAX_STAGES else sum(items)


def solver_optima(result: SolveResult) -> dict[str, int | None]:
    """`optimiser.solve` stage values back in solver units (equity rounded up to 0.01 point, as the solver
    measures it; the result reports the plan's exact value)."""

    def units(name: str, value: float) -> int:
        scaled = value * UNIT[name]
        return math.ceil(scaled - 1e-6) if name == "equity" else round(scaled)

    return {s.name: None if s.objective is None else units(s.name, s.objective) for s in result.stages}


def mismatches(expected: dict[str, int | None], found: dict[str, int | None]) -> list[str]:
    """Stages whose optimum differs (both found a plan); empty when they agree."""
    return [
        f"{name}: {found[name]} vs {value}"
        for name, value in expected.items()
        if value is not None and found.get(name) is not None and found[name] != value
    ]
