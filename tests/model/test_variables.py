"""The variables container: only candidate pairs get a variable; supply bounds and new-post caps by hand."""

from ortools.sat.python import cp_model
from rulecase import base

from optimiser.domain import Parameters
from optimiser.model.build import build
from optimiser.model.data import problem_data
from optimiser.model.variables import Expr


def domain(model: cp_model.CpModel, var: Expr) -> list[int]:
    assert isinstance(var, cp_model.IntVar)
    return list(model.proto.variables[var.index].domain)


def test_pairs_exist_only_for_candidate_teams() -> None:
    instance = base(teams={"A": "x", "B": "y"})
    data = problem_data(instance)
    _, vars = build(data)
    by_area = {g.area_id: vars.teams_of(g) for g in data.groups}
    assert by_area == {"x": ["A"], "y": ["B"]}  # the area boundary prunes the other team
    _, full = build(data, full=True)
    assert all(full.teams_of(g) == ["A", "B"] for g in data.groups)


def test_stays_only_where_members_are_now() -> None:
    data = problem_data(base())  # three now in A, one in B
    model, vars = build(data)
    (group,) = data.groups
    assert [(placed.name, domain(model, stay)) for stay, placed in vars.stays()] == [
        (f"x[{group.index},A]", [0, 3]),
        (f"x[{group.index},B]", [0, 1]),
    ]


def test_new_posts_capped_by_demand_and_budget() -> None:
    # B needs 2.4 practice-near FTE: at most 3.00 FTE of posts (2.4 / 0.8); 1,000,000 DKK buys 1.66 FTE.
    model, vars = build(problem_data(base(Parameters(budget_dkk=1_000_000))))
    domains = {(t, p): domain(model, vars.new_fte(t, p)) for t, p in vars.new_post_pairs()}
    assert domains == {("A", "psy"): [0, 100], ("B", "psy"): [0, 166]}
    _, none = build(problem_data(base()))
    assert none.new_post_pairs() == []


def bought(hundredths: int, smallest: float = 0.1) -> bool:
    """Can the model hold a new post of `hundredths` FTE in B (the smallest post `smallest` FTE)?"""
    model, vars = build(problem_data(base(Parameters(budget_dkk=1_000_000, min_post_fte=smallest))))
    model.add(vars.new_fte("B", "psy") == hundredths)
    return cp_model.CpSolver().solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def test_a_new_post_is_none_or_at_least_the_smallest_post() -> None:
    assert [bought(n) for n in (0, 5, 9, 10, 166)] == [True, False, False, True, True]  # 0.1 FTE by default
    assert [bought(n, smallest=0.5) for n in (10, 49, 50)] == [False, False, True]
