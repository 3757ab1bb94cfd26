"""One hand-worked plan for the cost model's tests (`scenarios/costs.py`, `optimiser/export/figures.py`).

Teams A and B, one school each (100 and 50 children); psychologists at 600,000 kr. a year: p1 (1.0 FTE) in A,
p2 (0.5 FTE, own annual cost 700,000 kr.) locked to B; overhead 10 %, a mark-up on new posts only. So A costs
1.0 × 600,000 = 600,000 kr. (6,000 kr. per child) and B 0.5 × 700,000 = 350,000 kr. (7,000 kr. per child);
950,000 in all.
"""

from __future__ import annotations

from instances import make_instance

from optimiser.domain import Instance, Parameters
from optimiser.results import SolveResult
from optimiser.settings import SolverSettings
from optimiser.solve import solve


def priced() -> tuple[Instance, SolveResult]:
    instance = make_instance(
        {"A": "X", "B": "X"},
        [("a", "A", 100), ("b", "B", 50)],
        [("p1", "psy", 1.0, "A"), ("p2", "psy", 0.5, "A")],
        params=Parameters(overhead_share=0.1),
        staff_extra={"p2": {"cost_override_dkk": 700_000, "locked_team_id": "B"}},
    )
    return instance, solve(instance, settings=SolverSettings(workers=1, time_limit_s=30))
