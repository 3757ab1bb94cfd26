"""Solver settings are an argument to solve, apart from the policy parameters: the book's own
(`Instance.solver`, from the Parametre sheet) unless given; RESULT.json records them as `solver_settings`."""

import json
from pathlib import Path

import pytest
from pydantic import ValidationError
from rulecase import base

from optimiser.domain import Parameters
from optimiser.io import load_instance, write_book
from optimiser.results import SolveResult
from optimiser.settings import SOLVER_FIELDS, SolverSettings
from optimiser.solve import solve
from scenarios import service

SETTINGS = SolverSettings(time_limit_s=5.0, seed=11, workers=1, deterministic=True)


def test_the_parameters_hold_no_solver_settings() -> None:
    assert not set(SOLVER_FIELDS) & set(Parameters.model_fields)
    with pytest.raises(ValidationError, match="time_limit_s"):
        Parameters.model_validate({"time_limit_s": 7.0})


def test_settings_default_to_the_books() -> None:
    instance = base(solver=SETTINGS)
    assert solve(instance).solver_settings == SETTINGS


def test_the_result_records_the_settings_it_ran_with_apart() -> None:
    result = solve(base(), settings=SETTINGS)
    assert result.solver_settings == SETTINGS
    assert not set(SOLVER_FIELDS) & set(result.parameters)
    assert json.loads(result.model_dump_json())["solver_settings"] == {
        "time_limit_s": 5.0,
        "seed": 11,
        "deterministic": True,
        "workers": 1,
    }
    assert result.status == "optimal"


def test_a_result_saved_with_the_settings_among_the_parameters_still_loads() -> None:
    data = json.loads(solve(base(), settings=SETTINGS).model_dump_json())
    old = {k: v for k, v in data.items() if k != "solver_settings"}
    old["parameters"] = {**data["parameters"], **data["solver_settings"]}
    loaded = SolveResult.model_validate(old)
    assert loaded.solver_settings == SETTINGS
    assert Parameters.model_validate(loaded.parameters) == base().parameters


def test_the_workbook_keeps_its_solver_keys(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    write_book(base(solver=SETTINGS), path)
    instance = load_instance(path)
    assert instance.solver == SETTINGS
    assert instance.parameters == base().parameters


def test_overrides_fill_the_settings_and_the_policy_apart() -> None:
    book = service.generated("town", base())
    applied = service.prepare(service.RunInputs(book, overrides={"time_limit_s": 9.0, "seed": 4, "tolerance": 0.1}))
    assert applied.settings == SolverSettings(time_limit_s=9.0, seed=4)
    assert applied.params.tolerance == 0.1


def test_bad_settings_are_refused_with_a_message() -> None:
    with pytest.raises(ValidationError, match="workers"):
        SolverSettings(workers=0)
    with pytest.raises(ValidationError, match="time_limit_s"):
        SolverSettings(time_limit_s=0)
