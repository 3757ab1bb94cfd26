"""The light commands start light: `bydelsteam --help`, `validate` and `template` import neither OR-Tools,
pandas, Streamlit nor SQLAlchemy, and `validate` reads the workbook once. Each runs in a fresh process
(`benchmarks.startup.probe`); their times are measured by the benchmark, not here."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from benchmarks.startup import HEAVY, SAMPLE, commands, probe
from optimiser.io import read_book


@pytest.mark.parametrize("name", ["--help", "validate", "template"])
def test_a_light_command_imports_no_heavy_library(name: str, tmp_path: Path) -> None:
    found = probe(commands(tmp_path)[name])
    assert found.code == 0
    assert found.heavy == [], f"bydelsteam {name} imported {found.heavy} (watched: {HEAVY})"


def test_the_probe_sees_a_heavy_import() -> None:
    """`solve` needs OR-Tools: the probe must report it, or the test above could not fail."""
    found = probe(["solve", "--help"])
    assert found.code == 0 and "ortools" in found.heavy


def opens_in_one_read(path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """How often one `read_book` opens `path` (pathlib and zipfile both open through `io.open`)."""
    opened: list[str] = []
    real = io.open

    def counting(file: object, *args: object, **kwargs: object) -> object:
        if isinstance(file, str | Path) and Path(file).resolve() == path.resolve():
            opened.append(str(file))
        return real(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(io, "open", counting)
    assert read_book(path).instance is not None
    monkeypatch.undo()
    return len(opened)


def test_validate_reads_the_workbook_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # One read opens the file four times, one per pass: its first bytes, the zip's sizes (optimiser/io/limits.py),
    # the parts' XML (package.py), then openpyxl.
    once = opens_in_one_read(SAMPLE, monkeypatch)
    assert once == 4
    assert probe(["validate", str(SAMPLE)]).opens == once
