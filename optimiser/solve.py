"""`solve(instance, params) -> SolveResult`: build the model, run the objective stages, name people, report.

Lexicographic by default: each stage minimises one named term and fixes it (within the user's tolerance)
for the stages after it, warm-started from the previous stage's solution. When nothing couples them (see
`model.data.split`), independent parts — with the area boundary on, one area and one profession — are
solved separately: the equity stage's optimum is the largest of the parts' optima and every later stage is a
sum over parts, so the result is the same as one big model's, found much faster.

Never raises for a solver outcome: an infeasible scenario returns status "infeasible" with the clashing rules
named; a time limit returns the best plan found with status "timeout" and its gap.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version

from ortools.sat.python import cp_model

from optimiser import check, contacts
from optimiser.domain import Instance, Parameters
from optimiser.explain import explain_infeasible, explain_solution
from optimiser.model.bounds import add_part_shortfall_bounds, part_shortfall_floors
from optimiser.model.build import build
from optimiser.model.data import FTE_UNIT, ProblemData, decomposable, problem_data, split
from optimiser.model.objectives import UNIT, stage_order, stage_slack, terms, weighted_sum
from optimiser.model.variables import Expr
from optimiser.naming import name_staff
from optimiser.problems import Lang
from optimiser.results import Assignment, NewPost, SolveResult, StageResult, Status


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
MIN_PART_SECONDS = 0.5  # each part's least time in a stage, even past the limit


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


class PartModel:
    """One independent part: its model, variables and the solver of its last stage with a plan."""

    def __init__(self, data: ProblemData, start_from: Mapping[str, str]) -> None:
        self.data = data
        self.model, self.vars = build(data)
        for name, lit in self.vars.rules().items():
            self.model.add(lit == int(name in data.enabled))
        self.terms = terms(data, self.vars)
        self.solver: cp_model.CpSolver | None = None
        # Start from an earlier plan (warm start after a what-if edit), else from the current allocation.
        for g in data.groups:
            counts = Counter(start_from[sid] for sid in g.members)
            for t in self.vars.teams_of(g):
                self.model.add_hint(self.vars.assignment_var(g, t), counts.get(t, 0))

    def run(
        self, expr: Expr, params: Parameters, workers: int, seconds: float, reporter: _Reporter | None
    ) -> StageOutcome:
        self.model.minimize(expr)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = workers
        solver.parameters.random_seed = params.seed
        if params.deterministic:
            # Reproducible committee figures: deterministic time, interleaved workers.
            solver.parameters.max_deterministic_time = max(seconds, 0.01)
            solver.parameters.interleave_search = True
        else:
            solver.parameters.max_time_in_seconds = max(seconds, 0.01)
        t0 = time.perf_counter()
        code = solver.solve(self.model, reporter)
        status = STATUS.get(code, "invalid")
        seconds = time.perf_counter() - t0
        if code == cp_model.UNKNOWN and self.solver is not None:
            # No better plan in time: the previous stage's plan still meets every pin, so it stands.
            bound = solver.best_objective_bound
            return StageOutcome("timeout", self.solver.value(expr), bound if math.isfinite(bound) else None, seconds)
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


def _combine(name: str, outcomes: list[StageOutcome], scale: float) -> StageResult:
    """One stage's result over all parts: the worst status; max (equity) or sum of objective and bound."""
    order: list[Status] = ["invalid", "infeasible", "timeout", "feasible", "optimal"]
    status = min((o.status for o in outcomes), key=order.index)
    pick = max if name in MAX_STAGES else sum
    objective = bound = None
    if all(o.objective is not None for o in outcomes):
        objective = float(pick(o.objective or 0.0 for o in outcomes)) / scale
        if all(o.bound is not None for o in outcomes):
            bound = float(pick(o.bound or 0.0 for o in outcomes)) / scale
    return StageResult(
        name=name, status=status, objective=objective, bound=bound, seconds=sum(o.seconds for o in outcomes)
    )


def solve(
    instance: Instance,
    params: Parameters | None = None,
    *,
    structure: Mapping[str, str] | None = None,
    warm_start: SolveResult | None = None,
    progress: ProgressCallback | None = None,
    lang: Lang = "da",
) -> SolveResult:
    """Allocate staff to teams. See the module docstring; `structure` maps institution -> team (what-if)."""
    params = params or instance.parameters
    start = time.perf_counter()
    data = problem_data(instance, params, dict(structure) if structure else None)
    previous = {a.staff_id: a.team_id for a in warm_start.assignments} if warm_start else None
    start_from = {s.id: s.current_team_id for s in instance.staff} | (previous or {})
    parts = [PartModel(d, start_from) for d in split(data)]
    if not decomposable(data):
        # One coupled model: each part's own least shortfall tightens it (see model/bounds.py).
        floors = part_shortfall_floors(data, seconds=params.time_limit_s / 10)
        add_part_shortfall_bounds(parts[0].model, data, parts[0].vars, floors)

    plan = ["weighted"] if params.objective == "weighted" else stage_order(data)
    stages: list[StageResult] = []
    gap = 0.0
    # Several parts: one solver thread each, parts side by side (single-worker search is the faster one
    # on these small models, measured); one part: all workers on it.
    workers = 1 if len(parts) > 1 else params.workers
    pool = ThreadPoolExecutor(max_workers=params.workers if len(parts) > 1 else 1)
    outcomes: list[StageOutcome] = []
    for index, name in enumerate(plan):
        scale = 1.0 if name == "weighted" else UNIT[name]
        # Each later stage keeps a share of the limit, so a slow stage cannot starve the ones after it.
        deadline = start + params.time_limit_s * (1 - STAGE_RESERVE * (len(plan) - 1 - index))

        def run_part(n: int, stage: str = name, scale: float = scale, deadline: float = deadline) -> StageOutcome:
            part = parts[n]
            expr = weighted_sum(part.data, part.vars, params.weights) if stage == "weighted" else part.terms[stage]
            reporter = None
            if progress is not None:

                def event(obj: float, bound: float) -> Progress:
                    return Progress(stage, n, len(parts), obj / scale, bound / scale, time.perf_counter() - start)

                reporter = _Reporter(event, progress)
            # A part queued behind slower ones still gets a moment to find a plan: a late plan beats none.
            left = max(deadline - time.perf_counter(), MIN_PART_SECONDS)
            return part.run(expr, params, workers, left, reporter)

        outcomes = list(pool.map(run_part, range(len(parts))))
        stage = _combine(name, outcomes, scale)
        stages.append(stage)
        if stage.objective is None:
            break
        if stage.status == "timeout" and stage.bound is not None:
            gap = max(gap, abs(stage.objective - stage.bound) / max(1e-9, abs(stage.objective), 1 / scale))
        if name == "weighted":
            continue
        for part, outcome in zip(parts, outcomes, strict=True):
            assert outcome.objective is not None
            # The max over parts binds every part; a sum is fixed part by part, which is the same optimum.
            best = round(stage.objective * scale) if name in MAX_STAGES else round(outcome.objective)
            part.model.add(part.terms[name] <= best + stage_slack(data, name, best))

    pool.shutdown()
    solver_name = f"OR-Tools CP-SAT {version('ortools')}"
    settings = params.model_dump(mode="json")
    if not stages or stages[0].objective is None or any(p.solver is None for p in parts):
        status: Status = stages[0].status if stages else "invalid"
        # Explained on the whole problem: a clash may cross parts (a lock into another area).
        explanation = explain_infeasible(data, lang) if status == "infeasible" else [_no_plan(lang)]
        return SolveResult(
            status=status,
            stages=tuple(stages),
            kpis=None,
            assignments=(),
            new_posts=(),
            coverage=(),
            institutions=(),
            explanation=tuple(explanation),
            gap=None,
            seconds=time.perf_counter() - start,
            solver=solver_name,
            parameters=settings,
        )

    counts = {
        (g.index, t): p.value(p.vars.assigned(g, t)) for p in parts for g in p.data.groups for t in p.vars.teams_of(g)
    }
    team_of = name_staff(data, counts, previous)
    new_posts = [post for p in parts for post in _new_posts(p)]
    new_fte = {(p.team_id, p.profession): p.fte for p in new_posts}
    current = contacts.current_contacts(instance, params)
    institutions = contacts.allocate(instance, params, team_of, new_fte, structure, current)
    kpis = check.compute_kpis(instance, params, team_of, new_posts, institutions, structure)
    coverage = check.coverage_rows(instance, params, team_of, new_posts, structure)
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
    overall: Status = "timeout" if any(s.status == "timeout" for s in stages) else "optimal"
    return SolveResult(
        status=overall,
        stages=tuple(stages),
        kpis=kpis,
        assignments=assignments,
        new_posts=tuple(new_posts),
        coverage=tuple(coverage),
        institutions=tuple(institutions),
        explanation=tuple(explain_solution(data, coverage, kpis, lang)),
        gap=gap,
        seconds=time.perf_counter() - start,
        solver=solver_name,
        parameters=settings,
    )


def _new_posts(part: PartModel) -> list[NewPost]:
    posts = []
    for t, p in part.vars.new_post_pairs():
        hundredths = part.value(part.vars.new_fte(t, p))
        if hundredths > 0:
            price = float(part.data.price_per_hundredth(p) * hundredths)  # as the solver priced it
            posts.append(NewPost(team_id=t, profession=p, fte=hundredths / FTE_UNIT, cost_dkk=price))
    return posts


def _no_plan(lang: Lang) -> str:
    if lang == "da":
        return "Der blev ikke fundet en plan inden for tidsgrænsen. Giv mere tid, eller løsn en regel."
    return "No plan was found within the time limit. Allow more time, or relax a rule."
