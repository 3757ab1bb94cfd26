"""The transition plan: from today's allocation to the target, step by dated step (docs/method.md "The path").

Step by step, with the target as guide (the joint multi-step model is not built; docs/method.md says why):

1. **The target** is the one-step plan: the scenario with every step's changes at once and the steps' budgets
   added up, solved without the steps' caps on moves (what `bydelsteam solve` gives).
2. **Each step** starts from the plan of the step before (today's teams at the first step; posts bought at a
   step are people from the next on), applies its own changes (posts that arrive, end and people who leave,
   locks; `scenarios.apply.apply_step`) and is solved by the engine with its own limits: the cap on moves
   (the step's `max_moves`, and `pace.share` of the moves still needed to reach the target), its budget, and
   the pace floor as the minimum-coverage rule. Every person's target team is their preferred team, so among
   plans equally good for the step the one closer to the target wins; people moved at an earlier step are
   locked where they went (nobody is moved twice).
3. **Caps per team and per profession** (`max_moves_per_team`, `max_moves_per_profession`, a count or a share
   of the people there at the step's start, rounded down) are the engine's rule `team-moves`
   (`optimiser.model.rules.team_moves`), given to it as counts per team and profession; the engine keeps the
   cells a cap ties together in one part of its decomposition.
4. Every step's plan is checked by the independent checker (`optimiser.check.verify`); the final step's
   leximin levels are compared with the target's, and when they fall short the last step is solved again
   with each limit relaxed in turn to name the ones that bind.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from optimiser import check
from optimiser.domain import Instance, Parameters, Staff
from optimiser.i18n import N_
from optimiser.problems import Lang
from optimiser.results import Reason, SolveResult
from optimiser.settings import SolverSettings, split_solver
from optimiser.transition import (
    Limits,
    Move,
    PhasePlan,
    PhaseStep,
    Placement,
    Reach,
    StepChange,
    Target,
    distances,
    levels,
    moves_between,
    shortfall_against,
)
from scenarios.apply import Applied, Effect, apply_scenario, apply_step
from scenarios.errors import ScenarioError, StoreError
from scenarios.schema import ALL, Scenario, Step
from scenarios.service import Book, Outcome, RunInputs, measured, record
from scenarios.store import RunStore

SCHOOL_YEAR = (8, 1)  # month, day: a step without a date falls on the next 1 August
POST_ID = "T{step}-{n:03d}"  # people for the posts bought at a step, from the next step on
FLOOR_EPS = 1e-4  # demand is rounded to 1e-5 FTE in the solver; the floor is judged with this room
FLOOR_BROKEN = N_(
    "The pace floor of {floor_pct0} does not hold at this step: the best plan within its limits covers "
    "{worst_pct1} of the need where it is lowest."
)

SolveStep = Callable[[Instance, Parameters, Mapping[str, str], Lang], SolveResult]


def step_solver(settings: SolverSettings) -> SolveStep:
    """Every solve of the path (target, steps, professions, relaxations) goes here, to the scenarios' one door,
    with the target's solver settings (the book's, the scenario's `solver:`, the overrides)."""

    def solve_step(instance: Instance, params: Parameters, structure: Mapping[str, str], lang: Lang) -> SolveResult:
        from scenarios.engine import solve_instance  # OR-Tools loads only when a path is planned

        return solve_instance(instance, params, structure, lang, settings=settings)

    return solve_step


@dataclass(frozen=True)
class PhaseOutcome:
    """A planned path: the plan, the target as applied (names and exports), the final step's instance and
    result, and the runs stored (one per step)."""

    plan: PhasePlan
    applied: Applied
    final_instance: Instance
    final_result: SolveResult
    run_ids: tuple[int, ...] = ()
    store_error: StoreError | None = None


def next_school_year(after: dt.date) -> dt.date:
    """The first 1 August strictly after `after`."""
    this_year = dt.date(after.year, *SCHOOL_YEAR)
    return this_year if this_year > after else dt.date(after.year + 1, *SCHOOL_YEAR)


def step_dates(steps: Sequence[Step], today: dt.date) -> list[dt.date]:
    """Every step's date: its own, else the 1 August after the step before (the first: on or after today)."""
    out: list[dt.date] = []
    previous = today - dt.timedelta(days=1)
    for step in steps:
        when = step.date if step.date is not None else next_school_year(previous)
        if out and when <= out[-1]:  # a default date never falls before a written one
            when = next_school_year(out[-1])
        out.append(when)
        previous = when
    return out


@dataclass(frozen=True)
class _Caps:
    """A step's caps on moves: overall, per team (staff who leave it) and per profession (None / absent: no cap)."""

    overall: int | None
    per_team: dict[str, int]
    per_profession: dict[str, int]


def plan_phase(
    book: Book,
    scenario: Scenario,
    *,
    overrides: Mapping[str, object] | None = None,
    store: RunStore | None = None,
    lang: Lang = "da",
    today: dt.date | None = None,
    solver: SolveStep | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PhaseOutcome:
    """Plan the scenario's steps on `book` (see the module docstring). Raises ScenarioError for a scenario
    that has no steps or does not fit the book; a solver outcome and a failing store never raise.
    `progress(done, total)` hears of each part done: the one-step plan, every step, the comparison."""
    tell = progress or (lambda done, total: None)
    if not scenario.spec.steps and book.instance.steps:  # the scenario's own steps win over the book's
        scenario = replace(scenario, spec=scenario.spec.model_copy(update={"steps": book_steps(book.instance)}))
    spec = scenario.spec
    if not spec.steps:
        raise ScenarioError([scenario.problem(("steps",), "no_steps")])
    began = time.perf_counter()
    started = datetime.now(UTC)
    target_applied = measured(_with(apply_scenario(book.instance, scenario), overrides), book.instance, book)
    reference = target_applied.instance.reference  # every step against the same demand as the target
    start = measured(
        _with(apply_scenario(book.instance, scenario, with_steps=False), overrides), book.instance, book, reference
    )
    structure = target_applied.structure
    solver = solver or step_solver(target_applied.settings)
    target = solver(target_applied.instance, target_applied.params, structure, lang)
    tell(1, len(spec.steps) + 2)
    guide = {a.staff_id: a.team_id for a in target.assignments}

    instance, settled = start.instance, set[str]()
    steps: list[PhaseStep] = []
    results: list[SolveResult] = []
    step_params: list[Parameters] = []
    last: tuple[Instance, Parameters, _Caps, set[str]] | None = None
    for n, (step, when) in enumerate(zip(spec.steps, step_dates(spec.steps, today or dt.date.today()), strict=True)):
        instance, effects = apply_step(instance, start.params, scenario, n)
        instance = _guided(instance, guide, settled)
        caps = _caps(step, instance, guide, spec.pace.share)
        params = _step_params(start.params, step, spec.pace.floor)
        result = solver(instance, _capped(params, caps), structure, lang)
        team_of = _team_of(instance, result)
        moves = moves_between(instance, team_of, when)
        steps.append(
            _step(instance, params, structure, step, when, caps, result, moves, effects, spec.pace.floor, lang)
        )
        results.append(result)
        step_params.append(_capped(params, caps))  # as stored: with its caps
        last = (instance, params, caps, set(settled))
        settled |= {m.staff_id for m in moves}
        instance = _carried(instance, team_of, result, n + 1)
        tell(n + 2, len(spec.steps) + 2)

    assert last is not None
    final_instance, final_params, final_caps, final_settled = last
    target_levels = levels(target.coverage)
    short_by, rank = shortfall_against(levels(results[-1].coverage), target_levels)
    comparable = bool(target.assignments) and bool(results[-1].assignments)  # else there is nothing to compare
    binding: tuple[str, ...] = ()
    if comparable and rank is not None:
        binding = _binding(
            final_instance, final_params, structure, final_caps, final_settled, target_levels, lang, solver
        )
    target_demand = {(c.team_id, c.profession): c.demand_fte for c in target.coverage}
    plan = PhasePlan(
        scenario=scenario.name,
        title=scenario.title,
        steps=tuple(steps),
        target=Target(status=target.status, kpis=target.kpis, levels=target_levels, moves=len(target_moves(target))),
        reach=Reach(reached=comparable and rank is None, short_by=short_by, rank=rank, binding=binding),
        distance=tuple(
            distances(start.instance, start.params, results[0].coverage, target_demand, [r.coverage for r in results])
        ),
        seconds=time.perf_counter() - began,
        solver=target.solver,
    )
    outcome = PhaseOutcome(plan, target_applied, final_instance, results[-1])
    tell(len(spec.steps) + 2, len(spec.steps) + 2)
    if store is None:
        return outcome
    try:
        ids = tuple(
            record(
                store,
                Outcome(RunInputs(book, scenario), replace(target_applied, params=p), r, started=started),
                "phase",
            )
            for p, r in zip(step_params, results, strict=True)
        )
    except StoreError as err:
        return replace(outcome, store_error=err)
    return replace(outcome, run_ids=ids)


def book_steps(instance: Instance) -> list[Step]:
    """The workbook's sheet Trin as a scenario's steps (a whole number is people, a share below 1 a share)."""

    def cap(value: float | None) -> dict[str, int | float] | None:
        if value is None:
            return None
        return {ALL: int(value) if value >= 1 or value == 0 else value}

    return [
        Step.model_validate(
            {
                "date": step.date,
                "title": step.title,
                "max_moves": step.max_moves,
                "max_moves_per_team": cap(step.max_moves_per_team),
                "max_moves_per_profession": cap(step.max_moves_per_profession),
                "budget_dkk": step.budget_dkk,
            }
        )
        for step in instance.steps
    ]


def target_moves(result: SolveResult) -> list[str]:
    return [a.staff_id for a in result.assignments if a.moved]


def _with(applied: Applied, overrides: Mapping[str, object] | None) -> Applied:
    if not overrides:
        return applied
    policy, solver = split_solver(overrides)
    params = applied.params.model_validate({**applied.params.model_dump(), **policy})
    return replace(applied, params=params, settings=applied.settings.updated(solver))


def _guided(instance: Instance, guide: Mapping[str, str], settled: set[str]) -> Instance:
    """Everyone prefers their target team (a person the target does not know keeps no preference); people
    moved at an earlier step are locked where they are, unless the scenario locks them elsewhere."""
    staff = [
        s.model_copy(
            update={
                "preferred_team_id": guide.get(s.id),
                "locked_team_id": s.locked_team_id or (s.current_team_id if s.id in settled else None),
            }
        )
        for s in instance.staff
    ]
    return instance.model_copy(update={"staff": tuple(staff)})


def _caps(step: Step, instance: Instance, guide: Mapping[str, str], pace_share: float | None) -> _Caps:
    """The step's caps: its `max_moves` and the pace's share of the moves still needed to reach the target;
    per team and per profession the smaller of its caps, a share counted on the people there now (rounded
    down)."""
    overall = step.max_moves
    if pace_share is not None:
        needed = sum(1 for s in instance.staff if s.id in guide and guide[s.id] != s.current_team_id)
        paced = math.ceil(pace_share * needed - 1e-9)
        overall = paced if overall is None else min(overall, paced)
    in_team = Counter(s.current_team_id for s in instance.staff)
    of_profession = Counter(s.profession for s in instance.staff)
    teams = sorted(in_team)  # the teams people leave: those they are in now
    professions = [p.id for p in instance.professions]
    return _Caps(
        overall,
        _resolved([step.max_moves_per_team], teams, in_team),
        _resolved([step.max_moves_per_profession, step.max_share_moved], professions, of_profession),
    )


def _resolved(
    given: Sequence[Mapping[str, int | float] | None], keys: Sequence[str], heads: Mapping[str, int]
) -> dict[str, int]:
    """Counts per key from caps per key or for all (`*`): a whole number is a count, a share of the key's
    people is rounded down; several caps on one key: the smallest."""
    out: dict[str, int] = {}
    for key in keys:
        counts = [
            value if isinstance(value, int) else math.floor(value * heads[key] + 1e-9)
            for caps in given
            if caps
            for value in [caps.get(key, caps.get(ALL))]
            if value is not None
        ]
        if counts:
            out[key] = min(counts)
    return out


def _step_params(params: Parameters, step: Step, floor: float | None) -> Parameters:
    """The run parameters of one step: its budget; with a pace floor the equity stage is held exactly (the
    floor is not the engine's minimum-coverage rule, which buys posts to price a level: see `_floor_held`)."""
    update: dict[str, object] = {"budget_dkk": step.budget_dkk}
    if floor is not None:
        update["tolerance"] = 0.0
    return params.model_copy(update=update)


def _floor_held(result: SolveResult, floor: float | None) -> bool:
    """Does the step's plan keep every team and profession at the pace floor? Equity comes first and is held
    exactly, so the plan's worst cell is the best any plan within the step's limits can do: when it is below
    the floor, no plan within those limits keeps the floor."""
    if floor is None:
        return True
    return bool(result.assignments) and all(c.supply_fte >= floor * c.demand_fte - FLOOR_EPS for c in result.coverage)


def _capped(params: Parameters, caps: _Caps) -> Parameters:
    """The step's parameters with its caps (an overall cap in the book or scenario holds too)."""
    overall = caps.overall
    if params.max_moves is not None:
        overall = params.max_moves if overall is None else min(overall, params.max_moves)
    return params.model_copy(
        update={
            "max_moves": overall,
            "max_moves_per_team": caps.per_team or params.max_moves_per_team,
            "max_moves_per_profession": caps.per_profession or params.max_moves_per_profession,
        }
    )


def _team_of(instance: Instance, result: SolveResult) -> dict[str, str]:
    """The step's plan; without one (the rules clash, or nothing in time) everyone stays."""
    planned = {a.staff_id: a.team_id for a in result.assignments}
    return {s.id: planned.get(s.id, s.current_team_id) for s in instance.staff}


def _step(
    instance: Instance,
    params: Parameters,
    structure: Mapping[str, str],
    step: Step,
    when: dt.date,
    caps: _Caps,
    result: SolveResult,
    moves: list[Move],
    effects: Sequence[Effect],
    floor: float | None,
    lang: Lang,
) -> PhaseStep:
    checked = Parameters.model_validate(result.parameters) if result.parameters else params
    problems = check.verify(instance, result, checked, structure) if result.assignments else []
    held = _floor_held(result, floor)
    explanation = result.explanation
    if not held and result.kpis is not None:
        worst = 1 - result.kpis.max_relative_shortfall
        explanation = (Reason(code=FLOOR_BROKEN, args={"floor_pct0": floor or 0.0, "worst_pct1": worst}), *explanation)
    capped = _capped(params, caps)
    return PhaseStep(
        date=when,
        title=step.title,
        status=result.status,
        limits=Limits(
            max_moves=capped.max_moves,
            max_moves_per_team=capped.max_moves_per_team or {},
            max_moves_per_profession=capped.max_moves_per_profession or {},
            budget_dkk=params.budget_dkk,
            floor=floor,
        ),
        assignments=tuple(Placement(staff_id=a.staff_id, team_id=a.team_id, fte=a.fte) for a in result.assignments),
        new_posts=result.new_posts,
        coverage=result.coverage,
        kpis=result.kpis,
        moves=tuple(moves),
        changes=tuple(StepChange.model_validate(e, from_attributes=True) for e in effects),
        checker=tuple(problems),
        floor_held=held,
        explanation=explanation,
        gap=result.gap,
        seconds=result.seconds,
    )


def _carried(instance: Instance, team_of: Mapping[str, str], result: SolveResult, step: int) -> Instance:
    """The next step's start: everyone in their planned team, and the posts bought as people (at most 1 FTE each)."""
    area = {t.id: t.area_id for t in instance.teams}
    staff = [
        s.model_copy(update={"current_team_id": team_of[s.id], "area_id": area[team_of[s.id]]}) for s in instance.staff
    ]
    n = 0
    for post in result.new_posts:
        left = round(post.fte * 100)
        while left > 0:
            n += 1
            size = min(left, 100)
            staff.append(
                Staff(
                    id=POST_ID.format(step=step, n=n),
                    profession=post.profession,
                    fte=size / 100,
                    area_id=area[post.team_id],
                    current_team_id=post.team_id,
                )
            )
            left -= size
    return instance.model_copy(update={"staff": tuple(staff)})


def _binding(
    instance: Instance,
    params: Parameters,
    structure: Mapping[str, str],
    caps: _Caps,
    settled: set[str],
    target: Sequence[float],
    lang: Lang,
    solver: SolveStep,
) -> tuple[str, ...]:
    """The limits of the last step that, relaxed alone, let it reach the target's levels (or together, when
    none does alone). `settled`: who was locked at the last step for having moved before."""
    earlier = settled
    capped = _capped(params, caps)
    relaxations: dict[str, tuple[tuple[str, ...], bool]] = {}  # limit -> the parameters it clears, unlock?
    for name in ("max_moves", "max_moves_per_team", "max_moves_per_profession"):
        if getattr(capped, name):
            relaxations[name] = ((name,), False)
    if any(s.id in earlier and s.locked_team_id == s.current_team_id for s in instance.staff):
        relaxations["moved_once"] = ((), True)

    def reaches(cleared: tuple[str, ...], unlock: bool) -> bool:
        free = _unlocked(instance, earlier) if unlock else instance
        result = solver(free, capped.model_copy(update=dict.fromkeys(cleared)), structure, lang)
        return bool(result.assignments) and shortfall_against(levels(result.coverage), target)[1] is None

    alone = tuple(name for name, (cleared, unlock) in relaxations.items() if reaches(cleared, unlock))
    if alone or len(relaxations) < 2:
        return alone
    every = tuple(f for cleared, _ in relaxations.values() for f in cleared)
    return tuple(relaxations) if reaches(every, "moved_once" in relaxations) else ()


def _unlocked(instance: Instance, settled: set[str]) -> Instance:
    """The instance without the locks that keep earlier movers where they went."""
    staff = [
        s.model_copy(update={"locked_team_id": None})
        if s.id in settled and s.locked_team_id == s.current_team_id
        else s
        for s in instance.staff
    ]
    return instance.model_copy(update={"staff": tuple(staff)})
