"""Data protection: staff names never reach the terminal, the run store or RESULT.json; CPR numbers are
refused anywhere in a workbook (tests/io/test_cpr.py and the corpus cover every place)."""

from __future__ import annotations

from pathlib import Path

import pytest
from instances import NAMES, town

from app.cli.main import main
from optimiser.io import write_book
from scenarios.store import RunStore


@pytest.fixture
def named_book(tmp_path: Path) -> Path:
    path = tmp_path / "named.xlsx"
    staff = ("m1", "m2", "m3", "m4")
    write_book(town(staff_extra={sid: {"name": name} for sid, name in zip(staff, NAMES, strict=True)}), path)
    return path


def test_names_are_not_printed_stored_or_saved(
    named_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("policy: {max_moves: 1}\n", encoding="utf-8")
    result = tmp_path / "r.json"
    assert main(["validate", str(named_book)]) == 0
    assert main(["demand", str(named_book)]) == 0
    assert main(["solve", str(named_book), "--out", str(result)]) == 0
    assert main(["check", str(named_book), str(result)]) == 0
    assert main(["compare", str(named_book), str(scenario), "--out", str(tmp_path / "c.xlsx"), "--points", "2"]) == 0
    assert main(["runs", "list"]) == 0
    assert main(["runs", "show", "1"]) == 0
    printed = capsys.readouterr()
    saved = result.read_text(encoding="utf-8") + (tmp_path / "c.json").read_text(encoding="utf-8")
    store = RunStore()
    stored = " ".join(
        f"{r.result} {r.parameters} {r.scenario_text}" for r in (store.get(x.id or 0) for x in store.list_runs()) if r
    )
    store.close()
    for name in NAMES:
        for part in name.split():
            assert part not in printed.out and part not in printed.err, part
            assert part not in saved and part not in stored, part
