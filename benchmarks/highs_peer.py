"""The same model in HiGHS: the peer the design asks for ("measure CP-SAT against a MIP solver on the same model").

Each independent part is built exactly as `optimiser.solve` builds it (`problem_data` + `split`, `build`, every
rule literal fixed to whether the rule is on, objective terms from `objectives.terms`), and its `CpModelProto`
is converted to an all-integer MIP (`mip.MipPart`):

* every variable becomes an integer column with the bounds of its domain (a domain with holes gets its
  hull; the allocation model has none, and the conversion counts them in the notes if that ever changes);
* every linear constraint becomes a row with the lower and upper end of its domain (INT64 limits -> ±inf;
  holes -> hull, counted);
* enforcement literals: every one in this model is a rule literal fixed by an equality constraint, so the
  fixed values are read from the proto's single-variable equalities; a constraint whose literals are all
  true is a plain row, one with a false literal is dropped. Any other enforcement literal is refused.

It holds equity as the largest relative shortfall only (no leximin rounds) and pins total shortfall exactly
(no `min_gain`): its equity optimum is the engine's first level, and its later stages solve a looser problem
than the engine's, so only equity's optimum is compared. The lexicographic stages run as `solve()` did and
with its functions (`stage_order`, `stage_slack`,
`MAX_STAGES`): every part minimises the term, then keeps `term <= best + slack` (the largest part optimum for
equity, each part's own for the others), warm-started from the previous stage's plan (the first from the
current allocation), under one deadline of
`instance.solver.time_limit_s`. HiGHS itself runs in a child process (`highs_server`; see `mip.py` for why); the
seconds reported are the build here plus HiGHS's own model load and stage times there, without the child's
start-up (about half a second of Python imports, an artefact of the library clash).
"""

from __future__ import annotations

import math
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from ortools.sat.python import cp_model, cp_model_helper

from benchmarks.common import PeerRun, StageRun, combine
from benchmarks.mip import Linear, MipPart, Outcome
from optimiser.domain import Instance, Parameters
from optimiser.model.build import build
from optimiser.model.data import ProblemData, problem_data, split
from optimiser.model.objectives import stage_order, stage_slack, terms
from optimiser.model.variables import Variables
from optimiser.naming import name_staff
from optimiser.solve import MAX_STAGES

ROOT = Path(__file__).resolve().parent.parent
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
ORDER = ["error", "infeasible", "timeout", "optimal"]


def _bound(value: int) -> float:
    if value <= INT64_MIN:
        return -math.inf
    if value >= INT64_MAX:
        return math.inf
    return float(value)


def fixed_literals(proto: cp_model_helper.CpModelProto) -> dict[int, int]:
    """Variables fixed by an unconditional one-variable equality `k * x == c` (the rule literals)."""
    fixed: dict[int, int] = {}
    for c in proto.constraints:
        lin = c.linear
        if len(c.enforcement_literal) or not c.has_linear() or len(lin.vars) != 1 or len(lin.domain) != 2:
            continue
        low, high, coeff = lin.domain[0], lin.domain[1], lin.coeffs[0]
        if low == high and coeff != 0 and low % coeff == 0:
            fixed[lin.vars[0]] = low // coeff
    return fixed


def convert(proto: cp_model_helper.CpModelProto) -> tuple[MipPart, dict[str, int]]:
    """The MIP of `proto` (no objective) and counts of what the conversion did."""
    fixed = fixed_literals(proto)
    stats = {"rows": 0, "dropped": 0, "hulled": 0, "columns": len(proto.variables)}
    mip = MipPart(lower=[], upper=[])
    for i, var in enumerate(proto.variables):
        domain = list(var.domain)
        stats["hulled"] += len(domain) > 2
        low, high = (fixed[i], fixed[i]) if i in fixed else (domain[0], domain[-1])
        mip.lower.append(_bound(low))
        mip.upper.append(_bound(high))
    for c in proto.constraints:
        if not c.has_linear():
            raise ValueError("only linear constraints can be converted")
        live = True
        for lit in c.enforcement_literal:
            var = lit if lit >= 0 else -lit - 1
            if var not in fixed:
                raise ValueError(f"enforcement literal {lit} is not a fixed rule literal")
            live = live and (fixed[var] == 1) == (lit >= 0)
        if not live:
            stats["dropped"] += 1
            continue
        lin = c.linear
        if any(v < 0 for v in lin.vars):
            raise ValueError("negated references in a linear constraint are not supported")
        domain = list(lin.domain)
        stats["hulled"] += len(domain) > 2
        mip.add_row(_bound(domain[0]), _bound(domain[-1]), list(lin.vars), [float(k) for k in lin.coeffs])
        stats["rows"] += 1
    return mip, stats


def linear_form(model: cp_model.CpModel, expr: cp_model.LinearExprT) -> Linear:
    """The expression as the proto holds it once minimised (the objective is cleared again)."""
    model.minimize(expr)
    obj = model.proto.objective
    out = Linear(list(obj.vars), [float(k) for k in obj.coeffs], float(obj.offset))
    model.clear_objective()  # type: ignore[no-untyped-call]
    return out


def export(data: ProblemData, stages: list[str]) -> tuple[MipPart, Variables, dict[str, int]]:
    """One part built as `solve()` builds it, as a MIP with its stage terms."""
    model, vars = build(data)
    for name, lit in vars.rules().items():
        model.add(lit == int(name in data.enabled))
    named = terms(data, vars)
    objectives = {name: linear_form(model, named[name]) for name in stages}
    mip, stats = convert(model.proto)
    mip.terms = objectives
    for g in data.groups:  # the current allocation as the first stage's start, as `solve()` hints it
        for t in vars.teams_of(g):
            mip.hint[vars.assignment_var(g, t).index] = float(g.now_in(t))
    return mip, vars, stats


class HighsServer:
    """The `highs_server` child process, spoken to with pickles over its stdin and stdout."""

    def __init__(self) -> None:
        self.errors: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 -- lives as long as the child
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.highs_server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            cwd=ROOT,
            env=env,
        )

    def ask(self, *request: Any) -> Any:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        pickle.dump(request, self.proc.stdin)
        self.proc.stdin.flush()
        try:
            return pickle.load(self.proc.stdout)
        except EOFError:
            self.errors.seek(0)
            raise RuntimeError("HiGHS server failed:\n" + self.errors.read().decode(errors="replace")) from None

    def __enter__(self) -> HighsServer:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.errors.close()


def solve_highs(instance: Instance, params: Parameters | None = None) -> tuple[PeerRun, int]:
    """Solve the model of `optimiser.solve` with HiGHS, stage by stage and part by part.

    Returns the run and the HiGHS process's peak resident memory (KiB)."""
    params, settings = params or instance.parameters, instance.solver
    if params.objective != "lexicographic":
        raise ValueError("the HiGHS peer runs the lexicographic stages only")
    start = time.perf_counter()
    data = problem_data(instance, params)
    order = stage_order(data)
    exported = [export(d, order) for d in split(data)]
    parts = [vars for _, vars, _ in exported]
    build_seconds = time.perf_counter() - start
    stages: list[StageRun] = []
    with HighsServer() as server:
        build_seconds += server.ask("load", [mip for mip, _, _ in exported], settings.workers)
        spent = build_seconds
        for name in order:
            t0 = time.perf_counter()
            outcomes: list[Outcome]
            outcomes, _ = server.ask("solve", name, settings.time_limit_s - spent)
            status = min((o.status for o in outcomes), key=ORDER.index)
            objective: int | None = None
            bound: float | None = None
            if all(o.objective is not None for o in outcomes):
                objective = round(combine(name, (o.objective or 0 for o in outcomes)))
                bound = combine(name, (o.bound or 0.0 for o in outcomes))
                limits = []
                for o in outcomes:
                    best = objective if name in MAX_STAGES else o.objective or 0
                    limits.append(best + stage_slack(data, name, best))
                server.ask("fix", name, limits)
            seconds = time.perf_counter() - t0
            stages.append(StageRun(name, status, objective, bound, seconds))
            spent += seconds
            if objective is None:
                break
        solutions: list[list[float] | None] = server.ask("solutions")
        rss: int = server.ask("rusage")
    team_of = None
    if all(s is not None for s in solutions):
        counts = {
            (g.index, t): round(sol[vars.assignment_var(g, t).index])
            for sol, vars in zip(solutions, parts, strict=True)
            if sol is not None
            for g in vars.data.groups
            for t in vars.teams_of(g)
        }
        team_of = name_staff(data, counts)
    total = {k: sum(s[k] for _, _, s in exported) for k in ("columns", "rows", "dropped", "hulled")}
    notes = [
        f"{len(parts)} parts, {total['columns']} integer columns, {total['rows']} rows; "
        f"{total['dropped']} rows of switched-off rules dropped; "
        f"{total['hulled']} domains with holes replaced by their hull"
    ]
    run = PeerRun(
        solver=f"HiGHS (highspy {_highspy_version()})",
        build_seconds=build_seconds,
        stages=stages,
        total_seconds=spent,
        team_of=team_of,
        notes=notes,
    )
    return run, rss


def _highspy_version() -> str:
    from importlib.metadata import version

    return version("highspy")
