"""Degenerate but valid data: each solves (and passes the checker) or is explained; nothing crashes."""

from __future__ import annotations

import pytest
from degenerate import CASES, everyone_locked, one_staff_member

from optimiser.check import verify
from optimiser.explain import render
from optimiser.need import demand_table
from optimiser.solve import solve


@pytest.mark.parametrize("name", CASES)
def test_solves_or_is_explained(name: str) -> None:
    instance = CASES[name]()
    demand_table(instance)  # the demand command's table, too
    result = solve(instance)
    if result.kpis is None:
        assert result.status == "infeasible" and result.explanation, name
    else:
        assert result.status == "optimal"
        assert verify(instance, result) == []


def test_a_profession_without_staff_needs_no_contacts() -> None:
    result = solve(CASES["a profession with no staff"]())
    assert result.status == "optimal"
    assert all(a.contact_staff_id is None for a in result.institutions if a.profession == "tale")


def test_all_locked_means_nobody_moves() -> None:
    result = solve(everyone_locked())
    assert result.kpis is not None and result.kpis.staff_moved == 0


def test_one_member_serves_the_school_with_more_need() -> None:
    """Two schools, one half-time psychologist: a contact is needed in both teams, and one person cannot be
    in two teams, so the plan is infeasible and the contact rule is named."""
    result = solve(one_staff_member())
    if result.kpis is None:
        assert "contact" in " ".join(render(result.explanation)).lower() or "kontakt" in " ".join(
            render(result.explanation)
        )
