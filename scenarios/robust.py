"""How much to trust a plan when the need data are uncertain: a Monte Carlo sweep over a book's need data.

`sweep(book, scenarios, settings)` solves every scenario once on the book (its base plan), then draws
`samples` versions of the need data around the book's values (docs/method.md, "Robustness"), and for every
sample and scenario (the same draw for all scenarios, so they are compared on equal terms):

* holds the scenario's base plan fixed and works out its coverage against the sample's demand (arithmetic,
  `optimiser.evaluate.coverage_rows`), and
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

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from threading import Event
from typing import Any

from optimiser.domain import Instance
from optimiser.evaluate import coverage_rows
from optimiser.results import SolveResult
from optimiser.robust import (
    FIXED,
    QUANTILES,
    RANKED_KPIS,
    REOPTIMISED,
    Cell,
    Flip,
    Ranking,
    RobustReport,
    SampleFailure,
    SweepSettings,
    draw,
    quantile,
)
from optimiser.settings import SolverSettings
from scenarios.apply import Applied, apply_scenario
from scenarios.engine import solve_instance
from scenarios.executor import ProgressCallback, TaskOutcome, run_all
from scenarios.schema import Scenario
from scenarios.service import NO_SCENARIO, Book, measured

# -- one sample ---------------------------------------------------------------------------------------------


def solve_once(applied: Applied, settings: SweepSettings, warm_start: SolveResult | None = None) -> SolveResult:
    """The one place the sweep calls the solver. A sample starts from its scenario's base plan (a hint only:
    the same plan comes out, about a third sooner on the sample)."""
    solver = sample_settings(applied.settings, settings)
    return solve_instance(applied.instance, applied.params, applied.structure, warm_start=warm_start, settings=solver)


def sample_settings(solver: SolverSettings, settings: SweepSettings) -> SolverSettings:
    """One solver thread (the pool uses the cores) and deterministic time: a sample's plan depends on its data only."""
    return solver.updated({"workers": 1, "deterministic": True, "time_limit_s": settings.time_limit_s})


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
        applied = measured(apply_scenario(self.instance, scenario), self.instance)
        return solve_once(applied, self.settings)


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
        applied = measured(apply_scenario(drawn, scenario), drawn)
        fixed = _coverage(
            coverage_rows(applied.instance, applied.params, plan.team_of, plan.result.new_posts, applied.structure)
        )
        result = solve_once(applied, self.settings, plan.result)
        if result.kpis is None:
            return ScenarioSample(fixed, None, None, (), result.status)
        moved = tuple((a.staff_id, a.team_id) for a in result.assignments if plan.team_of.get(a.staff_id) != a.team_id)
        kpis = {k: float(getattr(result.kpis, k)) for k in RANKED_KPIS}
        return ScenarioSample(fixed, _coverage(result.coverage), kpis, moved, result.status)


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


@dataclass(frozen=True)
class Sweep:
    """A sweep's report and every scenario's base plan (None: no plan), in the scenarios' order."""

    report: RobustReport
    plans: tuple[SolveResult | None, ...]


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
) -> Sweep:
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
        runs = [one for s in done if (one := s[n]) is not None]
        cells += _cells(name, plan, runs, settings.level)
        flips += _flips(name, plan, runs, settings.flip_share)
    report = RobustReport(
        book=book.name,
        scenarios=names,
        settings=settings,
        samples_done=len(done),
        failures=failures,
        cells=cells,
        flips=flips,
        ranking=_ranking(names, done),
    )
    return Sweep(report, tuple(None if p is None else p.result for p in plans))


def _failure(outcome: TaskOutcome[Any], sample: int, scenario: str | None) -> SampleFailure:
    if outcome.failure is None:  # a base solve without a plan
        result = outcome.value
        status = result.status if isinstance(result, SolveResult) else ""
        return SampleFailure(sample=sample, scenario=scenario, failure="no_plan", detail=status)
    return SampleFailure(sample=sample, scenario=scenario, failure=outcome.failure, detail=outcome.detail)
