"""The HiGHS side of the HiGHS peer: a child process that holds one HiGHS model per part and answers
`highs_peer`'s requests (see `mip.py` for why it is a separate process; it never imports OR-Tools).

Protocol: pickled requests on stdin, pickled replies on stdout (C-level output goes to stderr):
* ("load", parts, workers) -> seconds to build the HiGHS models;
* ("solve", stage, seconds_left) -> (outcomes per part, wall seconds): every part minimises its term for
  `stage`, side by side on `workers` threads (one HiGHS thread each; highspy releases the GIL in `run`),
  warm-started from the part's previous plan (the first stage from the current allocation: a partial
  start of the assignment columns that HiGHS completes);
* ("fix", stage, limits) -> None: each part keeps `stage`'s term at most its limit from now on;
* ("solutions",) -> each part's last plan (integers), or None;
* ("rusage",) -> peak resident memory of this process in KiB.

HiGHS is asked for proven optimality: relative gap 0 and absolute gap below one objective unit (every
objective is an integer combination of integer variables). Values are rounded to integers.
"""

from __future__ import annotations

import os
import pickle
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, BinaryIO

import highspy
import numpy as np

from benchmarks.mip import MipPart, Outcome

STATUS = {
    highspy.HighsModelStatus.kOptimal: "optimal",
    highspy.HighsModelStatus.kInfeasible: "infeasible",
    highspy.HighsModelStatus.kTimeLimit: "timeout",
    highspy.HighsModelStatus.kInterrupt: "timeout",
    highspy.HighsModelStatus.kSolutionLimit: "timeout",
    highspy.HighsModelStatus.kIterationLimit: "timeout",
    highspy.HighsModelStatus.kUnknown: "timeout",
}


class Part:
    def __init__(self, mip: MipPart) -> None:
        self.mip = mip
        self.n = n = len(mip.lower)
        self.cols = np.arange(n, dtype=np.int32)
        h = self.highs = highspy.Highs()  # type: ignore[no-untyped-call]
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", 1)
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 0.99)
        h.addVars(n, np.array(mip.lower), np.array(mip.upper))
        h.changeColsIntegrality(n, self.cols, np.full(n, 1, dtype=np.uint8))
        h.addRows(
            len(mip.row_lower),
            np.array(mip.row_lower),
            np.array(mip.row_upper),
            len(mip.index),
            np.array(mip.starts, dtype=np.int32),
            np.array(mip.index, dtype=np.int32),
            np.array(mip.value),
        )
        self.solution: list[float] | None = None

    def run(self, stage: str, seconds: float) -> Outcome:
        h, term = self.highs, self.mip.terms[stage]
        cost = np.zeros(self.n)
        for v, k in zip(term.vars, term.coeffs, strict=True):
            cost[v] += k
        h.changeColsCost(self.n, self.cols, cost)
        h.changeObjectiveOffset(term.offset)
        h.setOptionValue("time_limit", max(seconds, 0.01))
        if self.solution is not None:  # warm start from the previous stage's plan
            h.setSolution(self.n, self.cols, np.array(self.solution))
        elif self.mip.hint:  # the first stage starts from the current allocation, as `solve()` hints it
            hint = self.mip.hint
            h.setSolution(len(hint), np.array(list(hint), dtype=np.int32), np.array(list(hint.values())))
        h.run()
        status = STATUS.get(h.getModelStatus(), "error")
        info = h.getInfo()
        if info.primal_solution_status != highspy.kSolutionStatusFeasible:
            return Outcome(status, None, None)
        self.solution = [float(round(x)) for x in h.getSolution().col_value]
        objective = round(term.value(self.solution))
        return Outcome(status, objective, float(objective) if status == "optimal" else info.mip_dual_bound)

    def fix(self, stage: str, limit: float) -> None:
        term = self.mip.terms[stage]
        self.highs.addRow(
            -highspy.kHighsInf,
            limit - term.offset,
            len(term.vars),
            np.array(term.vars, dtype=np.int32),
            np.array(term.coeffs),
        )


class Server:
    def __init__(self) -> None:
        self.parts: list[Part] = []
        self.pool: ThreadPoolExecutor | None = None

    def handle(self, request: tuple[Any, ...]) -> object:
        kind = request[0]
        if kind == "load":
            t0 = time.perf_counter()
            self.parts = [Part(m) for m in request[1]]
            self.pool = ThreadPoolExecutor(max_workers=request[2])
            return time.perf_counter() - t0
        if kind == "solve":
            stage, left = request[1], request[2]
            assert self.pool is not None
            t0 = time.perf_counter()

            def run(part: Part) -> Outcome:
                return part.run(stage, left - (time.perf_counter() - t0))

            outcomes = list(self.pool.map(run, self.parts))
            return outcomes, time.perf_counter() - t0
        if kind == "fix":
            for part, limit in zip(self.parts, request[2], strict=True):
                part.fix(request[1], limit)
            return None
        if kind == "solutions":
            return [p.solution for p in self.parts]
        if kind == "rusage":
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        raise ValueError(f"unknown request {kind!r}")


def main() -> None:
    replies: BinaryIO = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed by C++ goes to stderr, not into the protocol
    requests = sys.stdin.buffer
    server = Server()
    while True:
        try:
            request = pickle.load(requests)
        except EOFError:
            break
        pickle.dump(server.handle(request), replies)
        replies.flush()


if __name__ == "__main__":
    main()
