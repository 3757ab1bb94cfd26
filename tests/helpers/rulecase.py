"""The base instance of the rule tests, worked out by hand.

Two teams A and B in area x; school sA (100 children) in A, sB (300) in B; four psychologists of 1.0 FTE,
three currently in A and one in B; practice share 0.8. Fair-share demand distributes 4 x 0.8 = 3.2
practice-near FTE by children: A 0.8, B 2.4. The optimum moves two people from A to B (coverage 100 %
everywhere); staying put leaves B at 0.8 / 2.4 (shortfall 2/3).
"""

from __future__ import annotations

from typing import Any

from instances import make_instance

from optimiser import check
from optimiser.domain import Instance, Parameters, Profession
from optimiser.explain import render
from optimiser.results import SolveResult
from optimiser.solve import solve

TEAMS = {"A": "x", "B": "x"}
SCHOOLS = [("sA", "A", 100), ("sB", "B", 300)]
STAFF = [("m1", "psy", 1.0, "A"), ("m2", "psy", 1.0, "A"), ("m3", "psy", 1.0, "A"), ("m4", "psy", 1.0, "B")]


def base(params: Parameters | None = None, **kwargs: Any) -> Instance:
    args: dict[str, Any] = {"teams": TEAMS, "institutions": SCHOOLS, "staff": STAFF, "params": params}
    args.update(kwargs)
    return make_instance(**args)


def psy(**fields: Any) -> Profession:
    values: dict[str, Any] = {
        "id": "psy",
        "annual_cost_dkk": 600_000,
        "institution_types": frozenset({"skole"}),
        "practice_share": 0.8,
    }
    values.update(fields)
    return Profession(**values)


def solved(instance: Instance) -> SolveResult:
    """Solve and pass the result through the independent checker."""
    result = solve(instance)
    assert check.verify(instance, result) == []
    return result


def stage(result: SolveResult, name: str) -> float:
    """The plan's value of stage `name`, to four decimals (0.01 percentage point for equity)."""
    objective = next(s.objective for s in result.stages if s.name == name)
    assert objective is not None
    return round(objective, 4)


def team_of(result: SolveResult) -> dict[str, str]:
    return {a.staff_id: a.team_id for a in result.assignments}


def explained(result: SolveResult) -> str:
    assert result.status == "infeasible"
    return "\n".join(render(result.explanation))
