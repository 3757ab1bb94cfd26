"""A MIP as plain arrays: what `highs_peer` (OR-Tools side) hands to `highs_server` (HiGHS side).

OR-Tools and highspy cannot be loaded into one Python process: both wheels ship a `libhighs.so.1` of
different HiGHS versions, the dynamic loader keeps whichever comes first, and the other library then fails
with an undefined symbol. So the HiGHS peer builds the model with OR-Tools in one process and solves it with
HiGHS in another; this module imports neither.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Linear:
    """sum(coeffs * x[vars]) + offset."""

    vars: list[int]
    coeffs: list[float]
    offset: float

    def value(self, x: Sequence[float]) -> float:
        return self.offset + sum(k * x[v] for v, k in zip(self.vars, self.coeffs, strict=True))


@dataclass
class MipPart:
    """An all-integer MIP: column bounds, rows in compressed row form, and the named objective terms."""

    lower: list[float]
    upper: list[float]
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    index: list[int] = field(default_factory=list)
    value: list[float] = field(default_factory=list)
    terms: dict[str, Linear] = field(default_factory=dict)
    hint: dict[int, float] = field(default_factory=dict)  # a partial start for the first stage

    def add_row(self, low: float, high: float, vars: Sequence[int], coeffs: Sequence[float]) -> None:
        self.starts.append(len(self.index))
        self.index.extend(vars)
        self.value.extend(coeffs)
        self.row_lower.append(low)
        self.row_upper.append(high)


@dataclass
class Outcome:
    """One part's result of one stage (objective and bound in solver units)."""

    status: str  # optimal | timeout | infeasible | error
    objective: int | None
    bound: float | None
