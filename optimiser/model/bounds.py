"""Valid inequalities that help the solver prove coupled problems (a shared budget or cap on moves).

When parts are coupled and solved as one model, the solver's linear relaxation does not see that each part's
shortfall can only fall by the supply that new posts add. `part_shortfall_floors` solves each part alone,
without the coupling rules and without new posts, for its least total shortfall q; then

    shortfall of the part + practice share x new FTE of the part >= q

holds in every plan of the coupled problem (dropping rules only lowers q; a new post's time reduces shortfall
by at most itself). It cuts nothing feasible and makes the relaxation much tighter.
"""

from __future__ import annotations

from dataclasses import replace

from ortools.sat.python import cp_model

from optimiser.model.build import build
from optimiser.model.data import ProblemData, problem_data, split
from optimiser.model.objectives import terms
from optimiser.model.variables import Variables, total

Floors = dict[tuple[tuple[str, ...], str], int]


def part_shortfall_floors(data: ProblemData, seconds: float = 5.0) -> Floors:
    """Least shortfall of every (teams, profession) part with no budget and no cap on moves."""
    free = data.params.model_copy(update={"budget_dkk": None, "max_moves": None, "min_coverage": None})
    uncoupled = problem_data(data.instance, free)
    floors: Floors = {}
    for part in split(replace(uncoupled, demand=data.demand, serves=data.serves, contacts_needed=data.contacts_needed)):
        if len(part.professions) != 1:
            continue  # team size bounds tie professions together: no per-profession floor
        model, vars = build(part)
        for name, lit in vars.rules().items():
            model.add(lit == int(name in part.enabled))
        model.minimize(terms(part, vars)["shortfall"])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = seconds
        if solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            floors[part.teams, part.professions[0]] = int(solver.best_objective_bound)
    return floors


def add_part_shortfall_bounds(model: cp_model.CpModel, data: ProblemData, vars: Variables, floors: Floors) -> None:
    for (teams, profession), floor in floors.items():
        if profession not in data.professions or floor <= 0:
            continue
        short = total(vars.shortfall(t, profession) for t in teams)
        new = total(vars.new_fte(t, profession) for t in teams)
        model.add(short + data.practice_permille[profession] * new >= floor)
