"""`bydelsteam check`: nothing to check without a plan; a good result passes; a doctored figure fails, named."""

from __future__ import annotations

import json
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
    assert (
        "Resultatet har ingen plan (status: ingen mulig plan); der er intet at kontrollere." in capsys.readouterr().out
    )


def _solved_book(tmp_path: Path) -> tuple[Path, Path, dict[str, object]]:
    book, path = tmp_path / "book.xlsx", tmp_path / "r.json"
    instance = base()
    write_book(instance, book)
    solve(instance).save(path)
    return book, path, json.loads(path.read_text(encoding="utf-8"))


def test_a_good_result_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book, path, _ = _solved_book(tmp_path)
    assert main(["check", str(book), str(path)]) == 0
    assert "Resultatet overholder alle regler, og nøgletallene stemmer." in capsys.readouterr().out


def test_a_coverage_row_raised_by_half_an_fte_fails_and_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, path, raw = _solved_book(tmp_path)
    rows = raw["coverage"]
    assert isinstance(rows, list)
    row = next(r for r in rows if r["team_id"] == "B")  # B/psy: 2.4 FTE of supply after two moves
    row["supply_fte"] += 0.5
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert main(["check", str(book), str(path)]) == 1
    out = capsys.readouterr().out
    assert "coverage B/psy: supply_fte reported 2.900000, recomputed 2.400000" in out.splitlines()
