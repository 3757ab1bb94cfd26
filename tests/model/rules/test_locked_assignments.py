from instances import town as base
from rulecase import explained, solved, stage, team_of

from optimiser.domain import Parameters


def test_a_locked_person_stays_where_locked() -> None:
    # m4 is locked to B, where the optimum wants three people anyway: nothing changes.
    result = solved(base(staff_extra={"m1": {"locked_team_id": "A"}, "m2": {"locked_team_id": "A"}}))
    # Two locked in A leaves one for B: A 1.6 / 0.8, B 1.6 / 2.4 -> largest shortfall 1/3.
    assert team_of(result) == {"m1": "A", "m2": "A", "m3": "B", "m4": "B"}
    assert stage(result, "equity") == 0.3333  # rounded up to 0.01 percentage point
    assert result.kpis is not None and abs(result.kpis.max_relative_shortfall - 1 / 3) < 1e-9
    assert all(a.locked == (a.staff_id in {"m1", "m2"}) for a in result.assignments)


def test_lock_against_move_cap_is_explained() -> None:
    result = solved(base(Parameters(max_moves=0), staff_extra={"m1": {"locked_team_id": "B"}}))
    text = explained(result)
    assert "(locked-assignments)" in text and "(max-moves)" in text
    assert "1 låste medarbejdere skal skifte team, men højst 0 må." in text


def test_lock_outside_the_area_is_explained() -> None:
    from instances import make_instance

    instance = make_instance(
        {"A": "x", "B": "y"},
        [("sA", "A", 100), ("sB", "B", 100)],
        [("m1", "psy", 1.0, "A"), ("m2", "psy", 1.0, "B")],
        staff_extra={"m1": {"locked_team_id": "B"}},
    )
    text = explained(solved(instance))
    assert "(locked-assignments)" in text and "(area-boundary)" in text
    assert "m1 er låst til Team B uden for sit område." in text
