"""SolveResult: what a solve returns and `RESULT.json` holds (documented in docs/result.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

Status = Literal["optimal", "feasible", "timeout", "infeasible", "invalid"]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StageResult(_Record):
    """One lexicographic stage: objective and bound in business units (fraction, FTE, people, DKK)."""

    name: str
    status: Status
    objective: float | None
    bound: float | None
    seconds: float


class EquityLevel(_Record):
    """One team x profession cell in the leximin order: `rank` 1 is the worst-off cell. `level` is the
    relative shortfall the equity stage proved for that rank (every plan has a cell at least this short
    there), `relative_shortfall` the plan's own value (above `level` by at most the tolerance)."""

    rank: int
    team_id: str
    profession: str
    level: float
    relative_shortfall: float
    proven: bool


class Kpis(_Record):
    max_relative_shortfall: float
    mean_relative_shortfall: float
    total_shortfall_fte: float
    cv_coverage: float
    staff_moved: int
    contacts_changed: int
    team_size_min_fte: float
    team_size_max_fte: float
    cost_dkk: float
    cost_per_child_dkk: float
    fte_per_1000_children: float
    new_posts_fte: float
    new_posts_cost_dkk: float


class Assignment(_Record):
    staff_id: str
    team_id: str
    fte: float
    current_team_id: str
    moved: bool
    locked: bool


class NewPost(_Record):
    team_id: str
    profession: str
    fte: float
    cost_dkk: float


class Coverage(_Record):
    """Demand and practice-near supply of one team and profession, and the supply before the solve."""

    team_id: str
    profession: str
    demand_fte: float
    supply_fte: float
    current_supply_fte: float

    @property
    def coverage(self) -> float | None:
        return self.supply_fte / self.demand_fte if self.demand_fte > 0 else None


class InstitutionAllocation(_Record):
    institution_id: str
    team_id: str
    profession: str
    fte: float
    contact_staff_id: str | None


class SolveResult(_Record):
    status: Status
    stages: tuple[StageResult, ...]
    kpis: Kpis | None
    assignments: tuple[Assignment, ...]
    new_posts: tuple[NewPost, ...]
    coverage: tuple[Coverage, ...]
    institutions: tuple[InstitutionAllocation, ...]
    explanation: tuple[str, ...]
    gap: float | None
    equity_levels: tuple[EquityLevel, ...] = ()
    seconds: float
    solver: str
    parameters: dict[str, object]

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.model_dump_json(indent=2), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> SolveResult:
        return cls.model_validate_json(Path(path).read_text(encoding="utf-8"))
