"""A `Problem`: a value with a place (sheet, Excel row, column), a message code and its arguments."""

from __future__ import annotations

import dataclasses

import pytest

from optimiser.problems import Problem


def test_problems_compare_by_value_and_do_not_share_their_arguments() -> None:
    first, second = Problem("Teams", 3, "id", "missing_value"), Problem("Teams", 3, "id", "missing_value")
    assert first == second and first.args == {}
    first.args["detail"] = "x"  # each has its own dict: no problem borrows another's arguments
    assert second.args == {}


def test_a_problem_cannot_be_moved_once_made() -> None:
    problem = Problem(None, None, None, "unreadable", {"detail": "KeyError"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        problem.row = 2  # type: ignore[misc]
