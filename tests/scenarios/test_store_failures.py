"""A run store that fails: the solve's result stands (written first, a warning after it), and every `runs`
command says what is wrong and exits 2 — locked, full, read-only, not a database, another schema, in memory."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from instances import town as base
from sqlalchemy import Engine, event
from storewriter import record

from app.cli.main import main
from optimiser.io import write_book
from optimiser.solve import solve
from scenarios import store as store_module
from scenarios.store import RunStore

WARNING = "Warning: the run is not stored in the run store, but the result stands: "
NOT_USABLE = "The run store cannot be used: "
SCHEMA = "the run store's schema does not match this version of bydelsteam"


@pytest.fixture
def town(tmp_path: Path) -> Path:
    path = tmp_path / "town.xlsx"
    write_book(base(), path)
    return path


@pytest.fixture
def store_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store the commands use (through BYDELSTEAM_DB_URL), created and migrated, with one run in it."""
    path = tmp_path / "runs.sqlite"
    store = RunStore(str(path))
    store.add(record(solve(base()), "one_move"))
    store.close()
    monkeypatch.setenv("BYDELSTEAM_DB_URL", str(path))
    monkeypatch.setenv("BYDELSTEAM_DB_BUSY_TIMEOUT_S", "0.2")  # a held lock fails in 0.2 s, not 30
    return path


def solved(town: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[str]]:
    """`bydelsteam solve` of the town; exit code and output lines, after checking RESULT.json was written."""
    out = tmp_path / "result.json"
    code = main(["solve", str(town), "--out", str(out), "--lang", "en", *extra])
    assert out.is_file()
    return code, capsys.readouterr().out.splitlines()


def runs_commands(capsys: pytest.CaptureFixture[str]) -> Iterator[tuple[int, str]]:
    """Every `runs` command's exit code and output."""
    for action in (["list"], ["show", "1"], ["delete", "1"]):
        code = main(["runs", *action, "--lang", "en"])
        yield code, capsys.readouterr().out


def test_a_file_that_is_not_a_database(
    town: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "runs.sqlite"
    bad.write_text("not a database, just text\n" * 100)
    monkeypatch.setenv("BYDELSTEAM_DB_URL", str(bad))
    code, lines = solved(town, tmp_path, capsys, "--xlsx", str(tmp_path / "result.xlsx"))
    assert code == 0
    reason = "the file is not a database (DatabaseError: file is not a database)"
    assert lines[-1] == WARNING + reason + "."
    assert lines[0] == "Status: optimal" and "The result is saved in" in lines[-2]  # summary and files first
    assert (tmp_path / "result.xlsx").is_file()
    for code, out in runs_commands(capsys):
        assert (code, out) == (2, NOT_USABLE + reason + ".\n")


def test_a_lock_held_by_another_connection(
    town: Path, tmp_path: Path, store_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = sqlite3.connect(store_file, timeout=0.1, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        code, lines = solved(town, tmp_path, capsys)
        reason = "the run store is locked by another process (waited 0.2 s)"
        assert (code, lines[-1]) == (0, WARNING + reason + ".")
        for code, out in runs_commands(capsys):
            assert (code, out) == (2, NOT_USABLE + reason + ".\n")
    finally:
        other.rollback()
        other.close()
    assert main(["runs", "show", "1"]) == 0  # released: the run is still there


def test_in_danish(town: Path, tmp_path: Path, store_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = sqlite3.connect(store_file, timeout=0.1, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert main(["solve", str(town), "--out", str(tmp_path / "r.json")]) == 0
        assert capsys.readouterr().out.splitlines()[-1] == (
            "Advarsel: kørslen er ikke gemt i kørselsarkivet, men resultatet gælder: "
            "kørselsarkivet er låst af en anden proces (ventede 0,2 s)."
        )
        assert main(["runs", "list"]) == 2
        assert capsys.readouterr().out == (
            "Kørselsarkivet kan ikke bruges: kørselsarkivet er låst af en anden proces (ventede 0,2 s).\n"
        )
    finally:
        other.close()


@pytest.mark.parametrize(
    ("tamper", "detail"),
    [
        ("UPDATE alembic_version SET version_num = '9999'", "CommandError: Can't locate revision identified by '9999'"),
        ("ALTER TABLE runs DROP COLUMN kpis", "runs: missing kpis; unknown –"),
        ("DELETE FROM alembic_version", "OperationalError: table runs already exists"),
    ],
)
def test_a_schema_that_differs_from_what_alembic_records(
    town: Path, tmp_path: Path, store_file: Path, capsys: pytest.CaptureFixture[str], tamper: str, detail: str
) -> None:
    with sqlite3.connect(store_file) as connection:
        connection.execute(tamper)
    reason = f"{SCHEMA} ({detail}); use a new store"
    code, lines = solved(town, tmp_path, capsys)
    assert (code, lines[-1]) == (0, WARNING + reason + ".")
    for code, out in runs_commands(capsys):
        assert (code, out) == (2, NOT_USABLE + reason + ".\n")


def test_a_full_disk(
    town: Path, tmp_path: Path, store_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite's own "database or disk is full", from a page limit at the store's present size."""
    original = store_module._sqlite_engine

    def capped(url: str, timeout_s: float) -> Engine:
        engine = original(url, timeout_s)

        @event.listens_for(engine, "connect")
        def _cap(dbapi_connection: Any, _record: Any) -> None:
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

        return engine

    monkeypatch.setattr(store_module, "_sqlite_engine", capped)
    code, lines = solved(town, tmp_path, capsys)
    assert (code, lines[-1]) == (0, WARNING + "the disk is full (OperationalError: database or disk is full).")
    assert main(["runs", "list", "--lang", "en"]) == 0  # reading still works; the one run is listed
    assert "one_move" in capsys.readouterr().out


def test_a_read_only_store(
    town: Path, tmp_path: Path, store_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Opened read-only by SQLite itself, so the test holds when it runs as root (which ignores file modes)."""
    monkeypatch.setenv("BYDELSTEAM_DB_URL", f"sqlite:///file:{store_file}?mode=ro&uri=true")
    reason = "the run store cannot be written: read-only or no access (OperationalError: attempt to write a readonly "
    code, lines = solved(town, tmp_path, capsys)
    assert (code, lines[-1]) == (0, WARNING + reason + "database).")
    assert main(["runs", "delete", "1", "--lang", "en"]) == 2
    assert capsys.readouterr().out == NOT_USABLE + reason + "database).\n"
    assert main(["runs", "show", "1", "--lang", "en"]) == 0  # reading a read-only store is fine


def test_a_store_folder_that_cannot_be_made(
    town: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "afile").write_text("")
    monkeypatch.setenv("BYDELSTEAM_DB_URL", str(tmp_path / "afile" / "runs.sqlite"))
    code, lines = solved(town, tmp_path, capsys)
    where = tmp_path / "afile"
    reason = (
        f"the run store cannot be written: read-only or no access (FileExistsError: [Errno 17] File exists: '{where}')"
    )
    assert (code, lines[-1]) == (0, WARNING + reason + ".")
    for code, out in runs_commands(capsys):
        assert (code, out) == (2, NOT_USABLE + reason + ".\n")


def test_an_in_memory_store_is_refused(
    town: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    reason = "an in-memory database (sqlite:///:memory:) keeps nothing; give a file or a server in BYDELSTEAM_DB_URL"
    for url in ("sqlite:///:memory:", "sqlite://", "sqlite:///file::memory:?uri=true"):
        monkeypatch.setenv("BYDELSTEAM_DB_URL", url)
        code, lines = solved(town, tmp_path, capsys)
        assert (code, lines[-1]) == (0, WARNING + reason + ".")
        for code, out in runs_commands(capsys):
            assert (code, out) == (2, NOT_USABLE + reason + ".\n")


def test_a_busy_timeout_that_is_not_a_number(
    store_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BYDELSTEAM_DB_BUSY_TIMEOUT_S", "nan")
    assert main(["runs", "list", "--lang", "en"]) == 2
    assert capsys.readouterr().out == NOT_USABLE + "invalid setting BYDELSTEAM_DB_BUSY_TIMEOUT_S=nan (0–3600 s).\n"


def test_two_deletes_of_one_run_at_once(store_file: Path) -> None:
    """Exactly one is told it deleted the run; the other that there is no such run (the DELETE's row count)."""
    env = {**os.environ, "BYDELSTEAM_DB_BUSY_TIMEOUT_S": "30"}
    command = [sys.executable, "-m", "app.cli.main", "runs", "delete", "1", "--lang", "en"]
    processes = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    done = sorted((p.wait(timeout=120), p.communicate()[0]) for p in processes)
    assert done == [
        (0, "Run no. 1 is deleted.\n"),
        (2, "There is no run no. 1 (it does not exist or was deleted already).\n"),
    ]


def test_stored_text_cannot_steer_the_terminal(store_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A scenario name or text with ANSI escapes (clear screen, set the window title) is printed escaped."""
    store = RunStore(str(store_file))
    run = record(solve(base()), "x\x1b[2J\x1b]0;owned\x07\u202ey")
    evil = store.add(replace(run, scenario_text="name: a\n\x1b[31mred\x9b\n", book_name="b\rook.xlsx"))
    store.close()
    assert main(["runs", "list"]) == 0
    listing = capsys.readouterr().out
    assert "x\\x1b[2J\\x1b]0;owned\\x07\\u202ey" in listing and "b\\x0dook.xlsx" in listing
    assert main(["runs", "show", str(evil)]) == 0
    shown = capsys.readouterr().out
    assert "name: a\n\\x1b[31mred\\x9b" in shown
    for out in (listing, shown):
        assert not any(ch in out for ch in "\x1b\x07\x9b\r\u202e")
