"""ProblemData: groups of interchangeable staff, integer units and independent parts."""

from instances import make_instance, psy
from instances import town as base

from optimiser.domain import Parameters, Profession
from optimiser.model.data import SUPPLY_UNIT, problem_data, split


def test_interchangeable_staff_form_one_group_with_their_current_teams() -> None:
    data = problem_data(base())
    (group,) = data.groups
    assert group.members == ("m1", "m2", "m3", "m4")
    assert group.current == (("A", 3), ("B", 1))
    assert group.fte == 100 and group.area_id == "x"


def test_fte_lock_and_cost_split_groups() -> None:
    instance = base(staff_extra={"m1": {"locked_team_id": "A"}, "m2": {"cost_override_dkk": 700_000}})
    sizes = sorted(g.size for g in problem_data(instance).groups)
    assert sizes == [1, 1, 2]


def test_demand_in_integer_units() -> None:
    data = problem_data(base())
    assert data.demand == {("A", "psy"): round(0.8 * SUPPLY_UNIT), ("B", "psy"): round(2.4 * SUPPLY_UNIT)}
    assert data.practice_permille == {"psy": 800}


def test_area_and_profession_parts() -> None:
    other = Profession(id="tal", annual_cost_dkk=550_000, institution_types=frozenset({"skole"}))
    instance = make_instance(
        {"A": "x", "B": "x", "C": "y"},
        [("sA", "A", 100), ("sB", "B", 100), ("sC", "C", 100)],
        [("m1", "psy", 1.0, "A"), ("m2", "psy", 1.0, "C"), ("t1", "tal", 1.0, "B"), ("t2", "tal", 1.0, "C")],
        professions=[psy(), other],
    )
    parts = {(p.teams, p.professions) for p in split(problem_data(instance))}
    assert parts == {(("A", "B"), ("psy",)), (("C",), ("psy",)), (("A", "B"), ("tal",)), (("C",), ("tal",))}
    no_boundary = split(problem_data(instance, Parameters(area_boundary=False)))
    assert {(p.teams, p.professions) for p in no_boundary} == {(("A", "B", "C"), ("psy",)), (("A", "B", "C"), ("tal",))}
    sized = split(problem_data(instance, Parameters(team_size_max_fte=5)))
    assert {(p.teams, p.professions) for p in sized} == {(("A", "B"), ("psy", "tal")), (("C",), ("psy", "tal"))}


def test_coupling_rules_keep_one_model() -> None:
    for params in (Parameters(max_moves=3), Parameters(budget_dkk=1e6), Parameters(objective="weighted")):
        assert len(split(problem_data(base(params)))) == 1


def test_contact_capacity_by_load_and_slice() -> None:
    params = Parameters(contact_min_fte=0.05, contact_max_institutions=25)
    assert params.contact_capacity(0.8) == 16  # 0.8 / 0.05
    assert params.contact_capacity(2.0) == 25  # the load cap
    assert Parameters(contact_min_fte=0).contact_capacity(0.1) == 25
