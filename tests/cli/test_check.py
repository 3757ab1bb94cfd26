"""`bydelsteam check` on a result without a plan says there is nothing to check and fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from instances import psy
from instances import town as base

from app.cli.main import main
from optimiser.domain import Parameters
from optimiser.io import write_book
from optimiser.solve import solve


def test_check_of_an_infeasible_result_says_there_is_nothing_to_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "book.xlsx"
    instance = base(Parameters(max_moves=0), professions=[psy(min_per_team=2)])  # B has one, nobody may move
    write_book(instance, book)
    result = solve(instance)
    assert result.status == "infeasible"
    path = tmp_path / "r.json"
    result.save(path)
    assert main(["check", str(book), str(path)]) == 1
    assert "Resultatet har ingen plan (status: infeasible); der er intet at kontrollere." in capsys.readouterr().out
