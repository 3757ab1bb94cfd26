"""Naming people from group counts: stayers first, then an earlier plan, then id order (teams in input order).

The town with a third team C (tests/helpers/instances.py): four interchangeable psychologists, m1-m3 in A
and m4 in B, form one group.
"""

from instances import town

from optimiser.domain import Instance
from optimiser.model.data import problem_data
from optimiser.naming import name_staff

# A keeps one member, B gets two, C one: m1 stays in A and m4 in B; m2 and m3 fill one place in B and one in C.
COUNTS = {"A": 1, "B": 2, "C": 1}


def three_teams() -> Instance:
    return town(teams={"A": "x", "B": "x", "C": "x"})


def named(earlier: dict[str, str] | None = None) -> dict[str, str]:
    data = problem_data(three_teams())
    (group,) = data.groups
    return name_staff(data, {(group.index, t): n for t, n in COUNTS.items()}, earlier)


def test_stayers_keep_their_team_and_the_rest_go_in_id_order() -> None:
    # m2 takes the first free place in team order (B), m3 the next (C).
    assert named() == {"m1": "A", "m2": "B", "m3": "C", "m4": "B"}


def test_an_earlier_plan_decides_who_goes_where() -> None:
    # The earlier plan had m2 in C and m3 in B: the reverse of id order.
    assert named({"m2": "C", "m3": "B"}) == {"m1": "A", "m2": "C", "m3": "B", "m4": "B"}


def test_staying_comes_before_an_earlier_plan() -> None:
    # The earlier plan put m1 in C and m2 in A; but m1 is in A today and A's one place is kept for a stayer,
    # so m2's earlier team is full and m2 takes what is left (C); m3 gets its earlier team B.
    assert named({"m1": "C", "m2": "A", "m3": "B"}) == {"m1": "A", "m2": "C", "m3": "B", "m4": "B"}
