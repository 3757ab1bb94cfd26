"""`solve(instance, params) -> SolveResult`: build the model, run the objective stages, name people, report.

Lexicographic by default: equity first as leximin rounds (`PartModel.level`: the worst cell as well off as it
can be, held; then the next; until every cell is held), then total shortfall, then moves, where each move
must buy `min_gain` of shortfall; each stage is held (within the user's tolerances) for the stages after it,
warm-started from the previous stage's plan. When nothing couples them (see `model.data.split`), independent
parts — with the area boundary on, one area and one profession — are solved separately and side by side:
levelling each part levels the whole, and every later stage is a sum over parts.

Every solve of a part gets a fair share of what is left of its stage's window (`Window`); stage values in
the result are recomputed from the plan returned. Never raises for a solver outcome: an infeasible scenario
returns status "infeasible" with the clashing rules named; a time limit returns the best plan found with
status "timeout" and its gap.
"""

from __future__ import annotations

import copy
import math
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from importlib.metadata import version

from ortools.sat.python import cp_model

from optimiser import arguments, contacts
from optimiser.domain import Instance, Parameters
from optimiser.evaluate import evaluate
from optimiser.explain import NO_PLAN, explain_infeasible, explain_solution
from optimiser.model.bounds import add_part_shortfall_bounds, part_shortfall_floors
from optimiser.model.build import build
from optimiser.model.data import (
    FTE_UNIT,
    RATIO_UNIT,
    SUPPLY_UNIT,
    ProblemData,
    decomposable,
    problem_data,
    split,
)
from optimiser.model.objectives import UNIT, stage_order, terms, weighted_sum
from optimiser.model.variables import Expr, total
from optimiser.naming import name_staff
from optimiser.optimality import relative_units
from optimiser.problems import Lang
from optimiser.results import (
    Assignment,
    CellValue,
    EquityLevel,
    ModelValues,
    NewPost,
    Plan,
    SolveResult,
    SolverRun,
    StageResult,
    Status,
)
from optimiser.settings import SolverSettings


@dataclass(frozen=True)
class Progress:
    """A solver event for live progress: stage, part, the part's objective and bound (business units)."""

    stage: str
    part: int
    parts: int
    objective: float
    bound: float
    elapsed: float


ProgressCallback = Callable[[Progress], None]

STATUS: dict[cp_model.CpSolverStatus, Status] = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "timeout",  # a plan, but the limit came before the proof
    cp_model.INFEASIBLE: "infeasible",
    cp_model.MODEL_INVALID: "invalid",
    cp_model.UNKNOWN: "timeout",
}
# Stages whose value over parts is the largest part's (a max); the others add up.
MAX_STAGES = frozenset({"equity"})
STAGE_RESERVE = 0.1  # the share of the time limit kept for each stage still to come
MIN_FIRST_PLAN_SECONDS = 0.2  # a part's least time to find its first plan, even past the limit
MIN_SOLVE_SECONDS = 0.01  # the least time of any later solve


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, event: Callable[[float, float], Progress], callback: ProgressCallback) -> None:
        super().__init__()
        self.event, self.callback = event, callback

    def on_solution_callback(self) -> None:
        self.callback(self.event(self.objective_value, self.best_objective_bound))


@dataclass
class StageOutcome:
    status: Status
    objective: float | None  # solver units
    bound: float | None
    seconds: float


@dataclass(frozen=True)
class Level:
    """One leximin level of a part: `value` (RATIO_UNIT) and how many cells are at it or above (`held`)."""

    value: int
    held: int
    proven: bool


class Window:
    """The time of one stage, shared fairly among its parts. Every solve of a part gets what is left of the
    window divided by the rounds of parts still to finish (those running, this one included, and those
    waiting), so early parts cannot starve later ones, time a part leaves unused goes to the rest, and no
    solve runs past the window. In deterministic mode every solve of a part gets a fixed share of
    deterministic time instead, so the plan does not depend on the machine's load."""

    def __init__(self, deadline: float, seconds: float, parts: int, workers: int, deterministic: bool) -> None:
        self.deadline, self.seconds, self.workers, self.deterministic = deadline, seconds, workers, deterministic
        self.parts, self.waiting, self.running = parts, parts, 0
        self.lock = threading.Lock()

    def claim(self) -> None:
        """A part starts; call `release` when it is done."""
        with self.lock:
            self.waiting, self.running = self.waiting - 1, self.running + 1

    def release(self) -> None:
        with self.lock:
            self.running -= 1

    def share(self) -> float:
        """Seconds (or deterministic time) for the next solve of a running part."""
        if self.deterministic:
            return max(self.seconds, 0.0) * min(self.workers, self.parts) / self.parts
        with self.lock:
            rounds = math.ceil((self.waiting + self.running) / self.workers)
        return max(self.deadline - time.perf_counter(), 0.0) / max(rounds, 1)


@dataclass
class Budget:
    """What one part's next solve may spend (see `Window`)."""

    window: Window

    def seconds(self, has_plan: bool) -> float:
        # A part with no plan yet still gets a moment to find one: a late plan beats none.
        return max(self.window.share(), MIN_SOLVE_SECONDS if has_plan else MIN_FIRST_PLAN_SECONDS)

    def spent(self) -> bool:
        """Is the stage's window gone (wall clock; deterministic shares never run out)?"""
        return not self.window.deterministic and self.window.share() <= 0.0


class PartModel:
    """One independent part: its model, variables and the solver of its last stage with a plan."""

    def __init__(self, data: ProblemData, start_from: Mapping[str, str], pieces: list[ProblemData]) -> None:
        self.data = data
        self.model, self.vars = build(data)
        for name, lit in self.vars.rules().items():
            self.model.add(lit == int(name in data.enabled))
        self.terms = terms(data, self.vars)
        self.solver: cp_model.CpSolver | None = None
        self.levels: list[Level] = []
        # Shortfall above its tolerance per piece, with the piece's shortfall and limit (see `hold`).
        self.excess: list[tuple[cp_model.IntVar, Expr, int]] = []
        self.least: cp_model.CpSolver | None = None  # the solve that found the least total shortfall
        self.fix(self.vars.equity_slack(), 0)
        # Areas x professions inside this part (several only when a budget or a cap couples them): total
        # shortfall's tolerance applies to each, so a coupling rule that does not bind changes nothing.
        self.pieces = [
            (piece, total(self.vars.shortfall(t, p) for t in piece.teams for p in piece.professions))
            for piece in pieces
        ]
        # Start from an earlier plan (warm start after a what-if edit), else from the current allocation.
        for g in data.groups:
            counts = Counter(start_from[sid] for sid in g.members)
            for t in self.vars.teams_of(g):
                self.model.add_hint(self.vars.assignment_var(g, t), counts.get(t, 0))

    def branch(self) -> PartModel:
        """A copy on a clone of the model: stages added to it leave this one as it is."""
        other = copy.copy(self)
        other.model = self.model.clone()
        other.levels, other.excess = list(self.levels), list(self.excess)
        return other

    def fix(self, var: cp_model.IntVar, value: int) -> None:
        """Set a variable's domain to one value (the equity slack changes between stages)."""
        domain = self.model.proto.variables[var.index].domain
        domain.clear()
        domain.extend([value, value])

    def run(
        self, expr: Expr, settings: SolverSettings, workers: int, budget: Budget, reporter: _Reporter | None
    ) -> StageOutcome:
        """Minimise `expr`. Without a better plan in time the previous plan stands (objective None when
        `expr` is new to the model since then)."""
        self.model.minimize(expr)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = workers
        solver.parameters.random_seed = settings.seed
        seconds = budget.seconds(self.solver is not None)
        if settings.deterministic:
            # Reproducible committee figures: deterministic time, interleaved workers.
            solver.parameters.max_deterministic_time = seconds
            solver.parameters.interleave_search = True
        else:
            solver.parameters.max_time_in_seconds = seconds
        t0 = time.perf_counter()
        code = solver.solve(self.model, reporter)
        if code == cp_model.UNKNOWN and self.solver is None:
            # No plan at all yet (a loaded machine, a hard part): a late plan beats none, so try once more
            # with a longer moment.
            if settings.deterministic:
                solver.parameters.max_deterministic_time = max(seconds, 1.0) * 5
            else:
                solver.parameters.max_time_in_seconds = max(seconds, 1.0) * 5
            code = solver.solve(self.model, reporter)
        status = STATUS.get(code, "invalid")
        seconds = time.perf_counter() - t0
        if code == cp_model.UNKNOWN and self.solver is not None:
            bound = solver.best_objective_bound
            return StageOutcome("timeout", None, bound if math.isfinite(bound) else None, seconds)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return StageOutcome(status, None, None, seconds)
        self.solver = solver
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        for v in self.vars.all_variables():  # the next stage starts from this plan
            self.model.add_hint(v, solver.value(v))
        return StageOutcome(status, solver.objective_value, solver.best_objective_bound, seconds)

    def value(self, expr: Expr) -> int:
        assert self.solver is not None
        return int(self.solver.value(expr))

    def cell_values(self) -> dict[tuple[str, str], int]:
        """The plan's relative shortfall per cell, from its supply (RATIO_UNIT, rounded up)."""
        return {
            (t, p): relative_units(self.data.demand[t, p], self.value(self.vars.supply(t, p)))
            for t, p in self.vars.cells()
        }

    def level(self, settings: SolverSettings, workers: int, budget: Budget, reporter: _Reporter | None) -> StageOutcome:
        """Leximin equity: minimise the largest relative shortfall, hold it, minimise how many cells must be
        at it, then the next level among the rest, until every cell is held.

        Level j is held by "at most `held` cells (those of the levels above) are above z_j": a count, not a
        fixed set of cells, so later levels stay free to choose which cells take the higher ones. That makes
        the sequence exact on whole persons: the sorted vector of relative shortfalls is lexicographically
        least. The equity slack (the tolerance, 0 while levelling) loosens every held level for later stages.
        """
        model, vars = self.model, self.vars
        cells, slack = vars.cells(), vars.equity_slack()
        first: StageOutcome | None = None
        status: Status = "optimal"
        seconds = 0.0
        while not cells or (not self.levels or self.levels[-1].held < len(cells)):
            if self.levels and budget.spent():
                status = "timeout"  # the stage's time is gone: the cells below stay unlevelled
                break
            held = self.levels[-1].held if self.levels else 0
            z = model.new_int_var(0, RATIO_UNIT, f"level[{len(self.levels)}]")
            above = [model.new_bool_var(f"above[{len(self.levels)},{c}]") for c in cells]
            for a, (t, p) in zip(above, cells, strict=True):
                model.add(vars.relative_shortfall(t, p) <= z + slack).only_enforce_if(~a)
            model.add(total(above) <= held)
            out = self.run(z, settings, workers, budget, reporter)
            seconds += out.seconds
            if out.objective is None and self.solver is not None and cells:
                # Out of time with the previous plan: hold what it has and stop levelling.
                value = sorted(self.cell_values().values(), reverse=True)[held]
                out = StageOutcome("timeout", float(value), out.bound, out.seconds)
            if out.objective is None:
                return out if first is None else StageOutcome("timeout", first.objective, first.bound, seconds)
            first = first or out
            value = round(out.objective)
            model.add(z <= value)
            if not cells:
                break
            proven = out.status == "optimal"
            values = self.cell_values()
            at = sum(1 for v in values.values() if v >= value) if value > 0 else len(cells)
            if proven and at > held + 1:
                # How few cells must be at this level? (One more than those above is always the least.)
                under = [model.new_bool_var(f"at[{len(self.levels)},{c}]") for c in cells]
                for u, (t, p) in zip(under, cells, strict=True):
                    model.add(vars.relative_shortfall(t, p) <= value - 1 + slack).only_enforce_if(~u)
                count = self.run(total(under), settings, workers, budget, reporter)
                seconds += count.seconds
                if count.objective is not None:
                    at = round(count.objective)
                    proven = count.status == "optimal"
                model.add(total(under) <= at)
            self.levels.append(Level(value, at, proven))
            if not proven:
                status = "timeout"
                break  # out of time: the cells below are not levelled further
        assert first is not None
        return StageOutcome(status, first.objective, first.bound, seconds)

    def hold(self, name: str, params: Parameters, gain: int) -> None:
        """Keep stage `name`'s optimum (within the user's tolerance) for the stages after it."""
        if name == "equity":
            self.fix(self.vars.equity_slack(), round(params.tolerance * RATIO_UNIT))
        elif name == "shortfall":
            least = self.least or self.solver
            assert least is not None
            for piece, short in self.pieces:
                best = int(least.value(short))
                limit = best + int(best * params.shortfall_tolerance)
                if gain == 0:
                    self.model.add(short <= limit)
                else:
                    # Shortfall above the tolerance costs; a move must buy `gain` of it (see `stage_term`).
                    excess = self.model.new_int_var(0, max(0, sum(piece.demand.values()) - limit), "excess")
                    self.model.add(excess >= short - limit)
                    self.excess.append((excess, short, limit))
        else:
            self.model.add(self.stage_term(name, gain) <= self.kept_value(name, gain))

    def stage_term(self, name: str, gain: int) -> Expr:
        """The expression stage `name` minimises. Moves after shortfall: each move must buy `gain`."""
        if name == "moves" and gain > 0 and self.excess:
            return gain * self.terms["moves"] + total(e for e, _, _ in self.excess)
        return self.terms[name]

    def kept_value(self, name: str, gain: int) -> int:
        """Stage `name`'s value in the plan that stands (which may predate the stage's own variables)."""
        if name == "moves" and gain > 0 and self.excess:
            over = sum(max(0, self.value(short) - limit) for _, short, limit in self.excess)
            return gain * self.value(self.terms["moves"]) + over
        return self.value(self.stage_term(name, gain))

    def least_shortfall(
        self, settings: SolverSettings, workers: int, budget: Budget, reporter: _Reporter | None
    ) -> StageOutcome:
        """Total shortfall's least value at the held equity levels, found on a copy of the model: the plan
        it finds may move many more people, and the moves stage should start from the equity plan."""
        probe = self.branch()
        outcome = probe.run(self.terms["shortfall"], settings, workers, budget, reporter)
        if outcome.objective is None and probe.solver is not None:
            outcome = StageOutcome(
                "timeout", float(self.value(self.terms["shortfall"])), outcome.bound, outcome.seconds
            )
        self.least = probe.solver if probe.solver is not self.solver else None
        return outcome


def _combine(name: str, outcomes: list[StageOutcome], scale: float, seconds: float) -> StageResult:
    """One stage's result over all parts: the worst status; max (equity) or sum of objective and bound."""
    order: list[Status] = ["invalid", "infeasible", "timeout", "feasible", "optimal"]
    status = min((o.status for o in outcomes), key=order.index)
    pick = max if name in MAX_STAGES else sum
    objective = bound = None
    if all(o.objective is not None for o in outcomes):
        objective = float(pick(o.objective or 0.0 for o in outcomes)) / scale
        if all(o.bound is not None for o in outcomes):
            bound = float(pick(o.bound or 0.0 for o in outcomes)) / scale
    return StageResult(name=name, status=status, objective=objective, bound=bound, seconds=seconds)


@dataclass
class _Run:
    """One solve's state: the instance reduced to parts, and where the clock started."""

    instance: Instance
    params: Parameters
    settings: SolverSettings
    structure: Mapping[str, str] | None
    data: ProblemData
    parts: list[PartModel]
    previous: dict[str, str] | None
    start: float
    progress: ProgressCallback | None
    lang: Lang
    built: float = 0.0  # seconds the parts took to build

    @property
    def gain(self) -> int:
        """What a move must buy, in SUPPLY_UNIT (nothing when moves come before shortfall)."""
        return 0 if self.params.moves_before_shortfall else round(self.params.min_gain * SUPPLY_UNIT)

    def branch(self, params: Parameters) -> _Run:
        """A copy whose later stages can run with other parameters, sharing the stages already run."""
        parts = [p.branch() for p in self.parts]
        for part in parts:
            part.hold("equity", params, self.gain)  # the branch's own tolerance on every held level
        return replace(self, params=params, parts=parts, start=time.perf_counter(), built=0.0)


def _prepare(
    instance: Instance,
    params: Parameters,
    settings: SolverSettings,
    structure: Mapping[str, str] | None,
    warm_start: SolveResult | None,
    progress: ProgressCallback | None,
    lang: Lang,
    data: ProblemData | None = None,
    decompose: bool = True,
) -> _Run:
    start = time.perf_counter()
    data = data or problem_data(instance, params, dict(structure) if structure else None)
    previous = {a.staff_id: a.team_id for a in warm_start.assignments} if warm_start else None
    start_from = {s.id: s.current_team_id for s in instance.staff} | (previous or {})
    pieces = split(uncoupled(data))
    parts = []
    for d in split(data) if decompose else [data]:
        mine = [q for q in pieces if set(q.teams) <= set(d.teams) and set(q.professions) <= set(d.professions)]
        parts.append(PartModel(d, start_from, mine or [d]))
    if decompose and not decomposable(data):
        # One coupled model: each part's own least shortfall tightens it (see model/bounds.py).
        floors = part_shortfall_floors(data, seconds=settings.time_limit_s / 10)
        add_part_shortfall_bounds(parts[0].model, data, parts[0].vars, floors)
    built = time.perf_counter() - start
    return _Run(instance, params, settings, structure, data, parts, previous, start, progress, lang, built)


def _stages(run: _Run, plan: list[str], first: int = 0) -> list[StageResult]:
    """Run stages `plan[first:]` on every part; stop at a stage that finds no plan."""
    params, settings, parts = run.params, run.settings, run.parts
    stages: list[StageResult] = []
    # Several parts: one solver thread each, parts side by side (single-worker search is the faster one
    # on these small models, measured); one part: all workers on it.
    workers = 1 if len(parts) > 1 else settings.workers
    with ThreadPoolExecutor(max_workers=settings.workers if len(parts) > 1 else 1) as pool:
        for index in range(first, len(plan)):
            name = plan[index]
            scale = 1.0 if name == "weighted" else UNIT[name]
            # Each later stage keeps a share of the limit, so a slow stage cannot starve the ones after it.
            share = 1 - STAGE_RESERVE * (len(plan) - 1 - index)
            # Naming, contacts and figures after the last stage take about as long as building took.
            usable = max(settings.time_limit_s - 2 * run.built, 0.0)
            deadline = run.start + run.built + usable * share
            seconds = settings.time_limit_s / len(plan)
            window = Window(deadline, seconds, len(parts), settings.workers, settings.deterministic)

            def run_part(n: int, stage: str = name, scale: float = scale, window: Window = window) -> StageOutcome:
                part = parts[n]
                reporter = None
                if run.progress is not None:
                    callback = run.progress

                    def event(obj: float, bound: float) -> Progress:
                        elapsed = time.perf_counter() - run.start
                        return Progress(stage, n, len(parts), obj / scale, bound / scale, elapsed)

                    reporter = _Reporter(event, callback)
                window.claim()
                budget = Budget(window)
                try:
                    return _run_stage(part, stage, run, workers, budget, reporter)
                finally:
                    window.release()

            began = time.perf_counter()
            outcomes = list(pool.map(run_part, range(len(parts))))
            stage = _combine(name, outcomes, scale, time.perf_counter() - began)
            stages.append(stage)
            if stage.objective is None:
                break
            if name == "weighted":
                continue
            for part in parts:
                part.hold(name, params, run.gain)
    return stages


def _run_stage(
    part: PartModel, stage: str, run: _Run, workers: int, budget: Budget, reporter: _Reporter | None
) -> StageOutcome:
    """One part's run of one stage."""
    params, settings = run.params, run.settings
    if stage == "equity":
        return part.level(settings, workers, budget, reporter)
    if stage not in ("equity", "weighted") and part.solver is not None and budget.spent():
        # The limit has come: the plan stands as it is, at its own value, rather than run past the limit.
        return StageOutcome("timeout", float(part.kept_value(stage, run.gain)), None, 0.0)
    if stage == "shortfall" and run.gain > 0:
        return part.least_shortfall(settings, workers, budget, reporter)
    if stage == "weighted":
        expr = weighted_sum(part.data, part.vars, params.weights)
    else:
        expr = part.stage_term(stage, run.gain)
    outcome = part.run(expr, settings, workers, budget, reporter)
    if outcome.objective is None and part.solver is not None:
        # No better plan in time: the previous plan stands, at its own value.
        kept = part.value(expr) if stage == "weighted" else part.kept_value(stage, run.gain)
        outcome = StageOutcome("timeout", float(kept), outcome.bound, outcome.seconds)
    return outcome


def solve(
    instance: Instance,
    params: Parameters | None = None,
    *,
    structure: Mapping[str, str] | None = None,
    warm_start: SolveResult | None = None,
    progress: ProgressCallback | None = None,
    settings: SolverSettings | None = None,
    lang: Lang = "da",
) -> SolveResult:
    """Allocate staff to teams. See the module docstring; `structure` maps institution -> team (what-if);
    `settings` say how the solver runs (by default the book's: `instance.solver`).
    Explanations are reason codes whatever `lang`: `explain.render` gives them words when shown."""
    params = params or instance.parameters
    settings = settings or instance.solver
    run = _prepare(instance, params, settings, structure, warm_start, progress, lang)
    plan = ["weighted"] if run.params.objective == "weighted" else stage_order(run.data)
    return _report(run, _stages(run, plan))


def solve_model(
    instance: Instance,
    params: Parameters,
    data: ProblemData,
    *,
    decompose: bool = True,
    settings: SolverSettings | None = None,
) -> SolveResult:
    """`solve` on problem data made elsewhere, optionally as one model (the benchmark's naive peer: the same
    stages and rules on other groups, without parts)."""
    settings = settings or instance.solver
    run = _prepare(instance, params, settings, None, None, None, "da", data, decompose)
    plan = ["weighted"] if params.objective == "weighted" else stage_order(data)
    return _report(run, _stages(run, plan))


def solve_tolerances(
    instance: Instance,
    params: Parameters,
    tolerances: Sequence[float],
    *,
    structure: Mapping[str, str] | None = None,
    settings: SolverSettings | None = None,
    lang: Lang = "da",
) -> Iterator[SolveResult]:
    """One plan per equity tolerance (the trade-off curve), the rounds of equity solved once for all of them:
    each tolerance only loosens the held levels for the stages after equity. Each point's later stages get
    the time limit of their own. Where equity is not the first stage (pricing a coverage level) or the
    objective is weighted, every point is solved whole."""
    settings = settings or instance.solver
    exact = params.model_copy(update={"tolerance": 0.0})
    run = _prepare(instance, exact, settings, structure, None, None, lang)
    plan = stage_order(run.data)
    if params.objective != "lexicographic" or plan[0] != "equity":
        for tolerance in tolerances:
            loosened = params.model_copy(update={"tolerance": tolerance})
            yield solve(instance, loosened, structure=structure, settings=settings, lang=lang)
        return
    equity = _stages(run, plan[:1])
    for tolerance in tolerances:
        point = run.branch(params.model_copy(update={"tolerance": tolerance}))
        stages = equity + (_stages(point, plan, 1) if equity[0].objective is not None else [])
        yield _report(point, stages)


def _report(run: _Run, stages: list[StageResult]) -> SolveResult:
    """The result of a run's stages: the plan named and the solver run, apart; then evaluated and explained."""
    params = run.params
    plan, solver_run = _plan_and_run(run, stages)
    params_json, settings = params.model_dump(mode="json"), run.settings
    if plan is None:
        # Explained on the whole problem: a clash may cross parts (a lock into another area).
        explanation = explain_infeasible(run.data) if solver_run.status == "infeasible" else [NO_PLAN]
        return SolveResult.assemble(None, solver_run, (), None, tuple(explanation), params_json, settings)
    evaluation = evaluate(run.instance, params, plan, run.structure)
    reasons = explain_solution(run.data, evaluation.coverage, evaluation.kpis, solver_run.equity_levels)
    districts, argued = arguments.of_plan(run.instance, params, plan, run.structure)
    return SolveResult.assemble(
        plan,
        solver_run,
        evaluation.coverage,
        evaluation.kpis,
        tuple(reasons),
        params_json,
        settings,
        evaluation.pools,
        districts,
        argued,
    )


def _plan_and_run(run: _Run, stages: list[StageResult]) -> tuple[Plan | None, SolverRun]:
    """The plan the parts' last solves hold (None without one) and how the solver got there."""
    instance, params, parts = run.instance, run.params, run.parts
    solver_name = f"OR-Tools CP-SAT {version('ortools')}"
    if not stages or stages[0].objective is None or any(p.solver is None for p in parts):
        status: Status = stages[0].status if stages else "invalid"
        seconds = time.perf_counter() - run.start
        return None, SolverRun(status=status, stages=tuple(stages), gap=None, seconds=seconds, solver=solver_name)

    counts = {
        (g.index, t): p.value(p.vars.assigned(g, t)) for p in parts for g in p.data.groups for t in p.vars.teams_of(g)
    }
    team_of = name_staff(run.data, counts, run.previous)
    new_posts = [post for p in parts for post in _new_posts(p)]
    new_fte = {(p.team_id, p.profession): p.fte for p in new_posts}
    current = contacts.current_contacts(instance, params)
    institutions = contacts.allocate(instance, params, team_of, new_fte, run.structure, current)
    assignments = tuple(
        Assignment(
            staff_id=s.id,
            team_id=team_of[s.id],
            fte=s.fte,
            current_team_id=s.current_team_id,
            moved=team_of[s.id] != s.current_team_id,
            locked=s.locked_team_id is not None,
        )
        for s in instance.staff
    )
    plan = Plan(assignments=assignments, new_posts=tuple(new_posts), institutions=tuple(institutions))
    values = _model_values(parts, counts)
    measured = _stage_values(parts, counts, values)
    own = [_own_stage(s, measured, run.gain) for s in stages]
    overall: Status = "timeout" if any(s.status == "timeout" for s in stages) else "optimal"
    levels = _equity_levels(parts) if params.objective == "lexicographic" else ()
    return plan, SolverRun(
        status=overall,
        stages=tuple(own),
        gap=_gap(own, UNIT),
        equity_levels=levels,
        seconds=time.perf_counter() - run.start,
        solver=solver_name,
        model=values,
    )


def uncoupled(data: ProblemData) -> ProblemData:
    """The same problem without the rules that couple areas and professions (a budget, caps on moves)."""
    free = data.params.model_copy(
        update={
            "budget_dkk": None,
            "max_moves": None,
            "max_moves_per_team": None,
            "max_moves_per_profession": None,
            "objective": "lexicographic",
        }
    )
    return replace(data, params=free)


def cell_supply(part: PartModel, team: str, profession: str) -> int:
    """Practice-near supply of one cell as the part's model holds it (SUPPLY_UNIT)."""
    return part.value(part.vars.supply(team, profession))


def _model_values(parts: list[PartModel], counts: Mapping[tuple[int, str], int]) -> ModelValues:
    """The plan as the model holds it: supply and new FTE per cell, moves from the placed counts, the cost of
    new posts as the model prices them."""
    cells = [
        CellValue(
            team_id=t,
            profession=p,
            supply_fte=cell_supply(part, t, p) / SUPPLY_UNIT,
            new_fte=part.value(part.vars.new_fte(t, p)) / FTE_UNIT,
        )
        for part in parts
        for t in part.data.teams
        for p in part.data.professions
    ]
    # Of each group, as many as are placed in a team they are in now can stay there.
    stay = sum(
        min(g.now_in(t), counts[g.index, t]) for part in parts for g in part.data.groups for t in part.vars.teams_of(g)
    )
    everyone = sum(g.size for part in parts for g in part.data.groups)
    cost = sum(part.value(part.vars.new_posts_cost()) for part in parts)
    return ModelValues(cells=tuple(cells), moves=everyone - stay, new_posts_cost_dkk=float(cost))


def _stage_values(
    parts: list[PartModel], counts: Mapping[tuple[int, str], int], values: ModelValues
) -> dict[str, float]:
    """Each stage's measure in the plan returned, from the model's values (business units)."""
    demand = {cell: d for part in parts for cell, d in part.data.demand.items()}
    short = {
        (c.team_id, c.profession): max(0, demand[c.team_id, c.profession] - round(c.supply_fte * SUPPLY_UNIT))
        for c in values.cells
    }
    relative = [short[cell] / d for cell, d in demand.items() if d > 0]
    misses = sum(
        g.size - counts.get((g.index, g.preferred_team_id), 0)
        for part in parts
        for g in part.data.groups
        if g.preferred_team_id
    )
    return {
        "equity": max(relative, default=0.0),
        "shortfall": sum(short.values()) / SUPPLY_UNIT,
        "moves": float(values.moves),
        "cost": values.new_posts_cost_dkk,
        "preferences": float(misses),
    }


def _own_stage(stage: StageResult, measured: Mapping[str, float], gain: int) -> StageResult:
    """A stage's value in the plan returned (later stages may trade within tolerances, and a stage cut short
    keeps an earlier plan); the bound stays the stage's own proof."""
    if stage.name not in measured:
        return stage
    bound = stage.bound
    if stage.name == "moves" and gain > 0:
        # The stage weighed moves against shortfall: its bound is not a count of people.
        bound = measured["moves"] if stage.status == "optimal" else None
    return stage.model_copy(update={"objective": measured[stage.name], "bound": bound})


def _gap(stages: list[StageResult], unit: Mapping[str, int]) -> float:
    """The largest relative distance between a stage's plan value and its bound."""
    gap = 0.0
    for s in stages:
        if s.status == "timeout" and s.objective is not None and s.bound is not None:
            floor = 1 / unit.get(s.name, 1)
            gap = max(gap, max(0.0, s.objective - s.bound) / max(abs(s.objective), floor))
    return gap


def _equity_levels(parts: list[PartModel]) -> tuple[EquityLevel, ...]:
    """Every cell with demand in leximin order: its rank, the level proved there, the plan's value."""
    rows: list[tuple[int, int, str, str, bool]] = []
    for part in parts:
        values = part.cell_values()
        ordered = sorted(values, key=lambda c: (-values[c], c))
        for k, cell in enumerate(ordered):
            level = next((lv for lv in part.levels if k < lv.held), None)
            value = level.value if level is not None else values[cell]
            rows.append((value, values[cell], *cell, level is not None and level.proven))
    rows.sort(key=lambda r: (-r[0], -r[1], r[2], r[3]))
    return tuple(
        EquityLevel(
            rank=n + 1,
            team_id=t,
            profession=p,
            level=value / RATIO_UNIT,
            relative_shortfall=own / RATIO_UNIT,
            proven=proven,
        )
        for n, (value, own, t, p, proven) in enumerate(rows)
    )


def _new_posts(part: PartModel) -> list[NewPost]:
    posts = []
    for t, p in part.vars.new_post_pairs():
        hundredths = part.value(part.vars.new_fte(t, p))
        if hundredths > 0:
            price = float(part.data.price_per_hundredth(p) * hundredths)  # as the solver priced it
            posts.append(NewPost(team_id=t, profession=p, fte=hundredths / FTE_UNIT, cost_dkk=price))
    return posts
