"""Solver settings are an argument to solve, filled from the book's parameters unless given."""

import pytest
from rulecase import base

from optimiser.domain import Parameters
from optimiser.settings import SolverSettings
from optimiser.solve import solve


def test_settings_default_to_what_the_book_asks() -> None:
    params = Parameters(time_limit_s=7.0, seed=3, workers=1, deterministic=True)
    assert SolverSettings.from_parameters(params) == SolverSettings(7.0, 3, 1, True)


def test_the_result_records_the_settings_it_ran_with() -> None:
    result = solve(base(), settings=SolverSettings(time_limit_s=5.0, seed=11, workers=1, deterministic=True))
    assert {k: result.parameters[k] for k in ("time_limit_s", "seed", "workers", "deterministic")} == {
        "time_limit_s": 5.0,
        "seed": 11,
        "workers": 1,
        "deterministic": True,
    }
    assert result.status == "optimal"


def test_bad_settings_are_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="workers must be 1 to 64, not 0"):
        SolverSettings(workers=0)
    with pytest.raises(ValueError, match="time limit must be above 0 s, not 0"):
        SolverSettings(time_limit_s=0)
