"""`bydelsteam paper CMP.json --out SAG.docx`: the committee paper from a comparison; anything else refused
in Danish."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from instances import evil_town

from app.cli.main import main
from optimiser.io import write_book


def test_the_paper_from_a_comparison(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "town.xlsx"
    write_book(evil_town(), book)
    scenario = tmp_path / "one_move.yaml"
    scenario.write_text("title: Højst én flytning\npolicy: {max_moves: 1}\n", encoding="utf-8")
    cmp_xlsx, paper = tmp_path / "cmp.xlsx", tmp_path / "sag.docx"
    assert main(["compare", str(book), str(scenario), "--out", str(cmp_xlsx), "--no-frontier", "--no-store"]) == 0
    summary = json.loads(cmp_xlsx.with_suffix(".json").read_text(encoding="utf-8"))
    assert main(["paper", str(cmp_xlsx.with_suffix(".json")), "--out", str(paper)]) == 0
    assert "Udkastet til sagen er skrevet til" in capsys.readouterr().out
    body = "\n".join(p.text for p in Document(str(paper)).paragraphs)
    assert "Højst én flytning" in body
    moved = summary["kpis"][0]["staff_moved"]
    assert f"Medarbejdere, der skifter team: {moved} [ikke gemt]" in body


def test_a_result_is_not_a_comparison(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "r.json"
    bad.write_text('{"status": "optimal"}', encoding="utf-8")
    assert main(["paper", str(bad), "--out", str(tmp_path / "sag.docx")]) == 2
    assert "kan ikke læses som en sammenligning" in capsys.readouterr().out
    assert not (tmp_path / "sag.docx").exists()
