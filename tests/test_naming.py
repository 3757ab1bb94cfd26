"""Naming people from group counts: stayers first, then an earlier plan, then id order."""

from rulecase import base

from optimiser.model.data import problem_data
from optimiser.naming import name_staff


def test_stayers_keep_their_team_and_the_rest_move_in_id_order() -> None:
    data = problem_data(base())
    (group,) = data.groups  # four interchangeable psychologists: three in A, one in B
    team_of = name_staff(data, {(group.index, "A"): 1, (group.index, "B"): 3})
    assert team_of == {"m1": "A", "m2": "B", "m3": "B", "m4": "B"}


def test_an_earlier_plan_decides_who_moves() -> None:
    data = problem_data(base())
    (group,) = data.groups
    earlier = {"m3": "B", "m2": "B"}
    team_of = name_staff(data, {(group.index, "A"): 1, (group.index, "B"): 3}, earlier)
    # m1 stays in A (current team first); m2 and m3 go where the earlier plan put them.
    assert team_of == {"m1": "A", "m2": "B", "m3": "B", "m4": "B"}
    earlier = {"m1": "B", "m2": "A", "m3": "A"}
    team_of = name_staff(data, {(group.index, "A"): 1, (group.index, "B"): 3}, earlier)
    assert team_of["m1"] == "A"  # staying in the current team comes before an earlier plan
