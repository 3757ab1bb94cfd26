"""`bydelsteam robust`: ROB.json and the exports written, Danish words, bad input as a message with exit 2."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import openpyxl
import pytest
from robustcase import small

from app.cli.main import main
from optimiser.domain import Parameters
from optimiser.io import load_instance, write_book


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "small.xlsx"
    write_book(small(), path)
    return path


def test_robust_writes_the_report_and_the_exports(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, xlsx = tmp_path / "ROB.json", tmp_path / "r.xlsx"
    code = main(
        ["robust", str(book), "--samples", "4", "--seed", "2", "--workers", "1", "--out", str(out), "--xlsx", str(xlsx)]
    )
    assert code == 0
    report = json.loads(out.read_text("utf-8"))
    assert report["samples_done"] == 4 and report["settings"]["seed"] == 2
    assert "Robusthed" in openpyxl.load_workbook(xlsx).sheetnames
    captured = capsys.readouterr()
    assert f"Robusthedsrapporten er skrevet til {out}: 4 af 4 prøver, 0 fejlede." in captured.out
    assert "4 af 4 prøver · 0 fejlede" in captured.err  # the progress bar


def test_ray_asked_for_and_absent(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    code = main(["robust", str(book), "--samples", "2", "--ray", "auto", "--out", str(tmp_path / "r.json")])
    assert code == 2
    assert "Ray er ikke installeret: pip install 'bydelsteam[ray]'." in capsys.readouterr().out


def test_shrinkage_of_an_unknown_indicator_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "typo.xlsx"
    write_book(small(Parameters(shrink_indicators=frozenset({"idz/100"}))), path)
    assert main(["robust", str(path), "--samples", "2", "--out", str(tmp_path / "r.json")]) == 2
    out = capsys.readouterr().out
    assert "Parametre, række" in out and "Indikatoren 'idz' er ikke en kolonne på arket Institutioner." in out


def test_shrinkage_parameters_survive_the_workbook(tmp_path: Path) -> None:
    path = tmp_path / "shrink.xlsx"
    params = Parameters(shrink_indicators=frozenset({"idx/100"}), shrink_years=3)
    write_book(small(params), path)
    read = load_instance(path).parameters
    assert (read.shrink_indicators, read.shrink_years, read.shrink_units()) == (
        frozenset({"idx/100"}),
        3,
        {"idx": 100.0},
    )
