"""How much to trust a plan when the need data are uncertain: a Monte Carlo sweep over a book's need data.

`sweep(book, scenarios, settings)` solves every scenario once on the book (its base plan), then draws
`samples` versions of the need data around the book's values (docs/method.md, "Robustness"), and for every
sample and scenario (the same draw for all scenarios, so they are compared on equal terms):

* holds the scenario's base plan fixed and works out its coverage against the sample's demand (arithmetic,
  `optimiser.check.coverage_rows`), and
* re-optimises the scenario on the sample (one solve, 1 solver thread, deterministic time, so the sample's
  result depends on nothing but its index).

The report (`RobustReport`, written as ROB.json, fields in docs/result.md): per team (district) and
profession the coverage quantiles under both, the probability of falling below `level`; the people whose team
in the re-optimised plans differs from the base plan in more than `flip_share` of samples; for the scenarios,
how often each ranks first on each KPI. Samples that fail or time out are listed, never dropped silently, and
left out of the figures (which say over how many samples they are). The executor runs the solves
(`scenarios.executor`): the local pool, or Ray; the report is the same either way.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from threading import Event

from pydantic import BaseModel, ConfigDict, Field

from optimiser.check import coverage_rows
from optimiser.domain import Instance, Parameters
from optimiser.results import SolveResult
from optimiser.solve import solve
from scenarios.apply import Applied, apply_scenario
from scenarios.executor import ProgressCallback, TaskOutcome, run_all
from scenarios.run import NO_SCENARIO, Book
from scenarios.schema import Scenario

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
# The KPIs a scenario can rank first on; lower is better on every one.
RANKED_KPIS = ("max_relative_shortfall", "mean_relative_shortfall", "total_shortfall_fte", "cv_coverage", "staff_moved")
FIXED, REOPTIMISED = "fixed", "reoptimised"


class Vary(StrEnum):
    """What a sample draws: the need data (indicators and child counts), the weights, or both."""

    DATA = "data"
    WEIGHTS = "weights"
    BOTH = "both"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Uncertainty(_Record):
    """The distributions samples are drawn from (docs/method.md). Each draw keeps the book's value on average."""

    vary: Vary = Vary.DATA
    indicator_cv: float = Field(default=0.15, ge=0, le=2, description="relative spread of every indicator value")
    children_cv: float = Field(default=0.05, ge=0, le=1, description="relative spread of every child count")
    weight_range: float = Field(default=0.25, ge=0, le=1, description="weights drawn within ± this share")


class SweepSettings(_Record):
    samples: int = Field(default=100, ge=1, le=100_000)
    seed: int = 0
    uncertainty: Uncertainty = Uncertainty()
    level: float = Field(default=0.9, gt=0, le=2, description="coverage below this counts as a shortfall")
    flip_share: float = Field(default=0.2, ge=0, le=1, description="report people moved in more than this share")
    time_limit_s: float = Field(default=20.0, gt=0, description="deterministic time per solve of a sample")


# -- drawing samples ----------------------------------------------------------------------------------------


def _lognormal(rng: random.Random, cv: float) -> float:
    """A factor with mean 1 and coefficient of variation `cv` (log-normal: never negative)."""
    if cv <= 0:
        return 1.0
    sigma = math.sqrt(math.log1p(cv * cv))
    return rng.lognormvariate(-sigma * sigma / 2, sigma)


def draw(instance: Instance, uncertainty: Uncertainty, seed: int, sample: int) -> Instance:
    """Sample `sample` of the book's need data: its own random stream (seed and index), so any worker draws it
    alike. Indicators and child counts are drawn when `vary` includes data, weights when it includes weights."""
    rng = random.Random(f"bydelsteam-robust:{seed}:{sample}")
    update: dict[str, object] = {}
    if uncertainty.vary in (Vary.DATA, Vary.BOTH):
        institutions = []
        for inst in instance.institutions:
            children = round(inst.children * _lognormal(rng, uncertainty.children_cv))
            indicators = {
                k: (None if v is None else v * _lognormal(rng, uncertainty.indicator_cv))
                for k, v in sorted(inst.indicators.items())
            }
            institutions.append(inst.model_copy(update={"children": children, "indicators": indicators}))
        update["institutions"] = tuple(institutions)
    if uncertainty.vary in (Vary.WEIGHTS, Vary.BOTH):
        spread = uncertainty.weight_range
        update["need_weights"] = tuple(
            w.model_copy(update={"weight": w.weight * rng.uniform(1 - spread, 1 + spread)})
            for w in instance.need_weights
        )
    return instance.model_copy(update=update)


# -- one sample ---------------------------------------------------------------------------------------------


def solve_once(applied: Applied, params: Parameters) -> SolveResult:
    """The one place the sweep calls the solver."""
    return solve(applied.instance, params, structure=applied.structure)


def sample_params(params: Parameters, settings: SweepSettings) -> Parameters:
    """One solver thread (the pool uses the cores) and deterministic time: a sample's plan depends on its data only."""
    return params.model_copy(update={"workers": 1, "deterministic": True, "time_limit_s": settings.time_limit_s})


@dataclass(frozen=True)
class Plan:
    """A scenario's base plan: who is in which team, and the new posts bought."""

    team_of: dict[str, str]
    result: SolveResult


@dataclass(frozen=True)
class ScenarioSample:
    """One scenario on one sample. Coverage per (team, profession) with demand; None: no plan."""

    fixed: dict[tuple[str, str], float]
    reoptimised: dict[tuple[str, str], float] | None
    kpis: dict[str, float] | None
    moved: tuple[tuple[str, str], ...]  # (staff id, team) where the re-optimised plan differs from the base plan
    status: str


def _coverage(rows: Sequence[object]) -> dict[tuple[str, str], float]:
    out = {}
    for r in rows:
        value = r.coverage  # type: ignore[attr-defined]
        if value is not None:
            out[r.team_id, r.profession] = value  # type: ignore[attr-defined]
    return out


@dataclass(frozen=True)
class BaseJob:
    """Solve one scenario on the book as it is (a task for the executor)."""

    instance: Instance
    settings: SweepSettings

    def __call__(self, scenario: Scenario) -> SolveResult:
        applied = apply_scenario(self.instance, scenario)
        return solve_once(applied, sample_params(applied.params, self.settings))


@dataclass(frozen=True)
class SampleJob:
    """Solve every scenario on one sample (a task for the executor: the sample's index)."""

    instance: Instance
    scenarios: tuple[Scenario, ...]
    plans: tuple[Plan | None, ...]
    settings: SweepSettings

    def __call__(self, sample: int) -> tuple[ScenarioSample | None, ...]:
        drawn = draw(self.instance, self.settings.uncertainty, self.settings.seed, sample)
        return tuple(self._one(drawn, s, p) for s, p in zip(self.scenarios, self.plans, strict=True))

    def _one(self, drawn: Instance, scenario: Scenario, plan: Plan | None) -> ScenarioSample | None:
        if plan is None:
            return None
        applied = apply_scenario(drawn, scenario)
        params = sample_params(applied.params, self.settings)
        fixed = _coverage(
            coverage_rows(applied.instance, params, plan.team_of, plan.result.new_posts, applied.structure)
        )
        result = solve_once(applied, params)
        if result.kpis is None:
            return ScenarioSample(fixed, None, None, (), result.status)
        moved = tuple((a.staff_id, a.team_id) for a in result.assignments if plan.team_of.get(a.staff_id) != a.team_id)
        kpis = {k: float(getattr(result.kpis, k)) for k in RANKED_KPIS}
        return ScenarioSample(fixed, _coverage(result.coverage), kpis, moved, result.status)


# -- the report ---------------------------------------------------------------------------------------------


class Cell(_Record):
    """One team (district) and profession of one scenario over the samples."""

    scenario: str
    district: str
    profession: str
    base_coverage: float
    coverage_quantiles: dict[str, dict[str, float]]  # fixed | reoptimised -> p05 ... p95
    probability_below: dict[str, float]  # fixed | reoptimised -> share of samples below `level`
    samples: dict[str, int]  # fixed | reoptimised -> samples the figures rest on


class Flip(_Record):
    scenario: str
    staff_id: str
    base_team: str
    share: float  # of the samples with a plan, those in which this person is in another team
    teams: dict[str, int]  # team -> samples in which the re-optimised plan puts the person there


class Ranking(_Record):
    kpi: str
    first: dict[str, float]  # scenario -> share of samples in which it is best (ties share a sample)


class SampleFailure(_Record):
    sample: int  # -1: the base solve of `scenario`
    scenario: str | None
    failure: str
    detail: str


class RobustReport(_Record):
    """ROB.json (docs/result.md). No timings and no executor: the same inputs give the same file anywhere."""

    book: str
    scenarios: list[str]
    settings: SweepSettings
    samples_done: int
    failures: list[SampleFailure]
    cells: list[Cell]
    flips: list[Flip]
    ranking: list[Ranking]

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.model_dump_json(indent=2), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> RobustReport:
        return cls.model_validate_json(Path(path).read_text(encoding="utf-8"))


def quantile(values: Sequence[float], q: float) -> float:
    """The q-quantile by linear interpolation between order statistics (numpy's default, Hyndman-Fan 7)."""
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _cells(name: str, plan: Plan, runs: Sequence[ScenarioSample], level: float) -> list[Cell]:
    series: dict[str, dict[tuple[str, str], list[float]]] = {FIXED: defaultdict(list), REOPTIMISED: defaultdict(list)}
    for run in runs:
        for key, value in run.fixed.items():
            series[FIXED][key].append(value)
        for key, value in (run.reoptimised or {}).items():
            series[REOPTIMISED][key].append(value)
    base = _coverage(plan.result.coverage)
    out = []
    for key in base:
        kinds = {k: s[key] for k, s in series.items() if s.get(key)}
        out.append(
            Cell(
                scenario=name,
                district=key[0],
                profession=key[1],
                base_coverage=base[key],
                coverage_quantiles={
                    k: {f"p{round(q * 100):02d}": quantile(v, q) for q in QUANTILES} for k, v in kinds.items()
                },
                probability_below={k: sum(1 for x in v if x < level - 1e-9) / len(v) for k, v in kinds.items()},
                samples={k: len(v) for k, v in kinds.items()},
            )
        )
    return out


def _flips(name: str, plan: Plan, runs: Sequence[ScenarioSample], share: float) -> list[Flip]:
    solved = [r for r in runs if r.reoptimised is not None]
    where: dict[str, Counter[str]] = defaultdict(Counter)
    for run in solved:
        for staff_id, team in run.moved:
            where[staff_id][team] += 1
    out = []
    for staff_id, teams in where.items():
        fraction = sum(teams.values()) / len(solved)
        if fraction > share + 1e-9:
            out.append(
                Flip(
                    scenario=name,
                    staff_id=staff_id,
                    base_team=plan.team_of[staff_id],
                    share=fraction,
                    teams=dict(sorted(teams.items())),
                )
            )
    return sorted(out, key=lambda f: (-f.share, f.staff_id))


def _ranking(names: Sequence[str], samples: Sequence[tuple[ScenarioSample | None, ...]]) -> list[Ranking]:
    out = []
    for kpi in RANKED_KPIS:
        first = dict.fromkeys(names, 0.0)
        counted = 0
        for sample in samples:
            values = {
                n: s.kpis[kpi] for n, s in zip(names, sample, strict=True) if s is not None and s.kpis is not None
            }
            if not values:
                continue
            counted += 1
            best = min(values.values())
            winners = [n for n, v in values.items() if v <= best + 1e-9]
            for n in winners:
                first[n] += 1 / len(winners)
        out.append(Ranking(kpi=kpi, first={n: v / counted if counted else 0.0 for n, v in first.items()}))
    return out


def sweep(
    book: Book,
    scenarios: Sequence[Scenario] = (),
    settings: SweepSettings | None = None,
    *,
    ray: str | None = None,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    cancel: Event | None = None,
    timeout_s: float | None = None,
) -> RobustReport:
    """The robustness sweep (module docstring). Raises ScenarioError for a scenario that does not fit the book."""
    settings = settings or SweepSettings()
    chosen = tuple(scenarios) or (NO_SCENARIO,)
    names = [s.name for s in chosen]
    for scenario in chosen:  # a scenario that does not fit the book is the planner's error: say so before solving
        apply_scenario(book.instance, scenario)
    guard = timeout_s or 10 * settings.time_limit_s * len(chosen) + 60  # wall clock; deterministic time rules
    run = {"ray": ray, "workers": workers, "cancel": cancel, "timeout_s": guard}
    bases = run_all(list(chosen), BaseJob(book.instance, settings), **run)  # type: ignore[arg-type]
    failures = [_failure(o, -1, names[o.index]) for o in bases if o.value is None or o.value.kpis is None]
    plans = tuple(
        None
        if o.value is None or o.value.kpis is None
        else Plan({a.staff_id: a.team_id for a in o.value.assignments}, o.value)
        for o in bases
    )
    job = SampleJob(book.instance, chosen, plans, settings)
    outcomes = run_all(list(range(settings.samples)), job, progress=progress, **run)  # type: ignore[arg-type]
    failures += [_failure(o, o.index, None) for o in outcomes if not o.ok]
    done = [o.value for o in outcomes if o.value is not None]
    for o in outcomes:
        for name, one in zip(names, o.value or (), strict=False):
            if one is not None and one.reoptimised is None:
                failures.append(SampleFailure(sample=o.index, scenario=name, failure="no_plan", detail=one.status))
    cells, flips = [], []
    for n, (name, plan) in enumerate(zip(names, plans, strict=True)):
        if plan is None:
            continue
        runs = [s[n] for s in done if s[n] is not None]
        cells += _cells(name, plan, runs, settings.level)
        flips += _flips(name, plan, runs, settings.flip_share)
    return RobustReport(
        book=book.name,
        scenarios=names,
        settings=settings,
        samples_done=len(done),
        failures=failures,
        cells=cells,
        flips=flips,
        ranking=_ranking(names, done),
    )


def _failure(outcome: TaskOutcome[object], sample: int, scenario: str | None) -> SampleFailure:
    if outcome.failure is None:  # a base solve without a plan
        result = outcome.value
        status = result.status if isinstance(result, SolveResult) else ""
        return SampleFailure(sample=sample, scenario=scenario, failure="no_plan", detail=status)
    return SampleFailure(sample=sample, scenario=scenario, failure=outcome.failure, detail=outcome.detail)


__all__ = ["RobustReport", "SweepSettings", "Uncertainty", "Vary", "draw", "quantile", "sweep"]
