"""What a solve returns and `RESULT.json` holds (documented in docs/result.md).

Three parts, made apart and put together in `SolveResult`:
* `Plan` — the decisions: who goes where, new posts, institution allocations;
* `SolverRun` — how the solver got there: status, stages and bounds, seconds, equity levels as proved, and
  the model's own values of the plan (`ModelValues`), which the checker holds against its recomputation;
* `Evaluation` (`optimiser.evaluate`) — what the plan gives: coverage per team x profession and the KPIs.
Explanations are `Reason` records (a msgid and its arguments), turned into words only when shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from optimiser.domain import Reference
from optimiser.settings import SOLVER_FIELDS, SolverSettings

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


class StatutoryCell(_Record):
    """One team x profession's statutory work: the FTE its caseload takes and the non-practice FTE it has."""

    team_id: str
    profession: str
    required_fte: float
    available_fte: float


class Kpis(_Record):
    max_relative_shortfall: float
    mean_relative_shortfall: float
    total_shortfall_fte: float
    cv_coverage: float
    staff_moved: int
    contacts_changed: int | None  # today's contacts broken; None: sheet Kontakter not supplied
    team_size_min_fte: float
    team_size_max_fte: float
    cost_dkk: float
    cost_per_child_dkk: float
    fte_per_1000_children: float
    new_posts_fte: float
    new_posts_cost_dkk: float
    # Statutory work (optimiser.statutory): the share of its hours the non-practice time covers (None: no
    # caseload given), and the team x profession cells where it is not enough.
    statutory_covered: float | None = None
    statutory_short: tuple[StatutoryCell, ...] = ()


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


class PoolCoverage(_Record):
    """A specialist pool's practice-near FTE for one profession and the pool part of demand attributed to it,
    over its whole catchment (`team_id` None) or one catchment team (`optimiser.pools`, docs/method.md)."""

    pool_id: str
    profession: str
    team_id: str | None
    demand_fte: float
    supply_fte: float
    institutions: int

    @property
    def coverage(self) -> float | None:
        return self.supply_fte / self.demand_fte if self.demand_fte > 0 else None


class DistrictCoverage(_Record):
    """Demand and practice-near supply of one district (`bydel`: the same institutions in every structure) and
    profession: the sum over its institutions, in the plan and before the solve."""

    district_id: str
    profession: str
    demand_fte: float
    supply_fte: float
    current_supply_fte: float

    @property
    def coverage(self) -> float | None:
        return self.supply_fte / self.demand_fte if self.demand_fte > 0 else None


class TeamArguments(_Record):
    """One team's part of the consultation's arguments: size, professions held by one person or nobody,
    distance from its base to its institutions (None without coordinates)."""

    team_id: str
    fte: float
    heads: int
    alone_professions: tuple[str, ...]
    distance_mean_km: float | None
    distance_max_km: float | None


class StructureKpis(_Record):
    """The consultation's arguments measured on one plan (`optimiser.arguments`, docs/method.md): team size,
    a profession held by one person or nobody, the chance that nobody of a profession is present (each person
    away with `absence_probability`), institutions per contact, daycare clusters split across teams, distance
    to the team's base, today's contacts broken (None: sheet Kontakter not supplied)."""

    team_fte_min: float
    team_fte_median: float
    team_fte_max: float
    team_heads_min: int
    team_heads_median: float
    team_heads_max: int
    alone_cells: int
    absence_probability: float
    absence_risk_max: float | None
    absence_risk_mean: float | None
    institutions_per_contact_mean: float | None
    institutions_per_contact_max: int | None
    clusters: int
    clusters_split: int | None
    split_clusters: tuple[str, ...]
    distance_mean_km: float | None
    distance_max_km: float | None
    contacts_supplied: bool
    contacts_changed: int | None
    teams: tuple[TeamArguments, ...]


class InstitutionAllocation(_Record):
    institution_id: str
    team_id: str
    profession: str
    fte: float
    contact_staff_id: str | None


class Reason(_Record):
    """One line of an explanation: `code` is an English msgid with `{name}` fields (see `optimiser.i18n`),
    `args` fill them; an argument may itself be a reason or a list of them (shown joined by "; ").
    `optimiser.explain.render` shows each argument by its name: `*_pct0/1/2` a share with that many
    decimals (`*_pct`: one where exact, else two), `*_fte` FTE, `*_dkk` kroner, `rule` a rule id (shown by
    its title), `area` "" the whole municipality; anything else as written."""

    code: str
    args: dict[str, str | int | float | Reason | list[Reason]] = {}


class CellValue(_Record):
    """The model's own values for one team x profession: practice-near supply and new-post FTE."""

    team_id: str
    profession: str
    supply_fte: float
    new_fte: float


class ModelValues(_Record):
    """The plan as the solver's model holds it (solver units converted exactly), for the checker."""

    cells: tuple[CellValue, ...]
    moves: int
    new_posts_cost_dkk: float


class Plan(_Record):
    """The decisions of a solve."""

    assignments: tuple[Assignment, ...]
    new_posts: tuple[NewPost, ...]
    institutions: tuple[InstitutionAllocation, ...]


class SolverRun(_Record):
    """How the solver reached the plan: `stages` carry the model's own value of each stage's measure in the
    plan returned and the stage's proven bound."""

    status: Status
    stages: tuple[StageResult, ...]
    gap: float | None
    equity_levels: tuple[EquityLevel, ...] = ()
    seconds: float
    solver: str
    model: ModelValues | None = None


class SolveResult(_Record):
    status: Status
    stages: tuple[StageResult, ...]
    kpis: Kpis | None
    assignments: tuple[Assignment, ...]
    new_posts: tuple[NewPost, ...]
    coverage: tuple[Coverage, ...]
    institutions: tuple[InstitutionAllocation, ...]
    explanation: tuple[Reason, ...]
    gap: float | None
    equity_levels: tuple[EquityLevel, ...] = ()
    seconds: float
    solver: str
    parameters: dict[str, object]
    solver_settings: SolverSettings | None = None  # how the solver ran: time limit, seed, deterministic, workers
    model: ModelValues | None = None
    # Specialist pools' coverage, apart from the district teams' (`optimiser.pools`); empty without pools.
    pools: tuple[PoolCoverage, ...] = ()
    reference: Reference | None = None  # the demand the run is measured against (optimiser.reference)
    # Issue 11: coverage per district x profession, and the consultation's arguments of the plan.
    districts: tuple[DistrictCoverage, ...] = ()
    structure_kpis: StructureKpis | None = None

    @model_validator(mode="before")
    @classmethod
    def _settings_apart(cls, value: object) -> object:
        """A result saved before the solver settings were kept apart holds them among `parameters`: they are
        taken out of the parameters into `solver_settings`."""
        if not isinstance(value, dict) or not isinstance(value.get("parameters"), dict):
            return value
        params = value["parameters"]
        if not any(k in params for k in SOLVER_FIELDS):
            return value
        moved = {k: v for k, v in params.items() if k in SOLVER_FIELDS}
        kept = {k: v for k, v in params.items() if k not in SOLVER_FIELDS}
        return {**value, "parameters": kept, "solver_settings": value.get("solver_settings") or moved}

    @field_validator("explanation", mode="before")
    @classmethod
    def _sentences(cls, value: object) -> object:
        """A result saved before explanations were codes holds sentences: each becomes a code of its own
        (shown as written)."""
        if isinstance(value, list | tuple):
            return [{"code": v} if isinstance(v, str) else v for v in value]
        return value

    @classmethod
    def assemble(
        cls,
        plan: Plan | None,
        run: SolverRun,
        coverage: tuple[Coverage, ...],
        kpis: Kpis | None,
        explanation: tuple[Reason, ...],
        parameters: dict[str, object],
        solver_settings: SolverSettings | None = None,
        pools: tuple[PoolCoverage, ...] = (),
        districts: tuple[DistrictCoverage, ...] = (),
        structure_kpis: StructureKpis | None = None,
    ) -> SolveResult:
        """RESULT.json's shape from its parts (`coverage`, `kpis` and `pools` from `optimiser.evaluate`)."""
        return cls(
            status=run.status,
            stages=run.stages,
            kpis=kpis,
            assignments=plan.assignments if plan else (),
            new_posts=plan.new_posts if plan else (),
            coverage=coverage,
            institutions=plan.institutions if plan else (),
            explanation=explanation,
            gap=run.gap,
            equity_levels=run.equity_levels,
            seconds=run.seconds,
            solver=run.solver,
            parameters=parameters,
            solver_settings=solver_settings,
            model=run.model,
            pools=pools,
            districts=districts,
            structure_kpis=structure_kpis,
        )

    @property
    def plan(self) -> Plan:
        return Plan(assignments=self.assignments, new_posts=self.new_posts, institutions=self.institutions)

    @property
    def run(self) -> SolverRun:
        return SolverRun(
            status=self.status,
            stages=self.stages,
            gap=self.gap,
            equity_levels=self.equity_levels,
            seconds=self.seconds,
            solver=self.solver,
            model=self.model,
        )

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.model_dump_json(indent=2), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> SolveResult:
        return cls.model_validate_json(Path(path).read_text(encoding="utf-8"))
