"""The run store, on SQLite and on a real PostgreSQL server: round trip, migration, atomic writes,
concurrent writers, and the `bydelsteam runs` command."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime, timedelta

import pytest
from instances import town as base
from sqlalchemy import event, inspect, text
from sqlalchemy.orm import Session
from storewriter import open_store, record, write_many

from app.cli.main import main
from optimiser.results import SolveResult
from optimiser.solve import solve
from scenarios.store import RunStore

WRITES_PER_PROCESS = 25


@pytest.fixture(scope="module")
def result() -> SolveResult:
    return solve(base())


def test_a_run_round_trips(store_url: str, result: SolveResult) -> None:
    store = RunStore(store_url)
    first = store.add(record(result, "first"))
    second = store.add(record(result, "second"))
    listed = store.list_runs()
    assert [r.id for r in listed] == [second, first]  # newest first
    assert listed[0].result == ""  # the list leaves the large fields out
    got = store.get(first)
    assert got is not None
    assert got.scenario_name == "first"
    assert got.scenario_text == "policy: {max_moves: 1}\n"
    assert got.started_at == datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    assert SolveResult.model_validate_json(got.result) == result
    assert got.kpis is not None and got.kpis["staff_moved"] == 2
    assert store.delete(first) is True
    assert store.delete(first) is False
    assert [r.id for r in store.list_runs()] == [second]
    store.close()


def test_a_session_keeps_its_state_and_its_upload(store_url: str, result: SolveResult) -> None:
    store = RunStore(store_url)
    assert store.session_state("t" * 24) is None
    store.save_session("t" * 24, {"source": "upload", "run_id": 1}, "c" * 64, ("lille.xlsx", b"upload"))
    store.save_session("t" * 24, {"source": "upload", "run_id": 2}, "c" * 64)  # the bytes are kept already
    store.save_session("u" * 24, {"source": "sample"}, None)
    assert store.session_state("t" * 24) == {"source": "upload", "run_id": 2}
    assert store.session_state("u" * 24) == {"source": "sample"}
    run = store.add(record(result), book_data=b"run's book")
    store.delete(run)  # the run's book goes with it; the session's upload stays while the session uses it
    assert (store.book_data("b" * 64), store.book_data("c" * 64)) == (None, b"upload")
    assert store.forget_sessions(datetime(2026, 1, 1, tzinfo=UTC)) == 0  # none as old as that
    assert store.forget_sessions(datetime.now(UTC) + timedelta(seconds=1)) == 2  # both, and the upload with them
    assert (store.session_state("t" * 24), store.book_data("c" * 64)) == (None, None)
    store.close()


def test_the_schema_is_migrated_once(store_url: str, result: SolveResult) -> None:
    RunStore(store_url).close()
    store = RunStore(store_url)  # a second open finds the schema at head and changes nothing
    assert {"runs", "books", "sessions", "alembic_version"} <= set(inspect(store.engine).get_table_names())
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == ["0003"]
    store.close()


def test_a_write_that_fails_half_way_leaves_no_record(store_url: str, result: SolveResult) -> None:
    store = RunStore(store_url)
    kept = store.add(record(result, "kept"))

    def fail(session: Session) -> None:
        raise RuntimeError("the disk is full")

    event.listen(Session, "before_commit", fail)
    try:
        with pytest.raises(RuntimeError):
            store.add(record(result, "lost"))
    finally:
        event.remove(Session, "before_commit", fail)
    assert [r.scenario_name for r in store.list_runs()] == ["kept"]
    assert store.get(kept) is not None
    store.close()


def test_two_writers_at_once_lose_nothing(store_url: str) -> None:
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=write_many, args=(store_url, tag, WRITES_PER_PROCESS)) for tag in ("p", "q")]
    for w in writers:
        w.start()
    for w in writers:
        w.join(timeout=300)
        assert w.exitcode == 0
    store = RunStore(store_url)
    names = [r.scenario_name or "" for r in store.list_runs()]
    assert len(names) == 2 * WRITES_PER_PROCESS
    assert sorted(names) == sorted(f"{t}-{n}" for t in ("p", "q") for n in range(WRITES_PER_PROCESS))
    store.close()


def test_the_runs_command(
    store_url: str, result: SolveResult, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BYDELSTEAM_DB_URL", store_url)
    store = RunStore()
    run_id = store.add(record(result, "one_move"))
    store.close()
    assert main(["runs", "list"]) == 0
    listing = capsys.readouterr().out
    assert "one_move" in listing and "town.xlsx" in listing
    assert main(["runs", "show", str(run_id)]) == 0
    assert "max_moves: 1" in capsys.readouterr().out
    assert main(["runs", "delete", str(run_id)]) == 0
    capsys.readouterr()
    assert main(["runs", "show", str(run_id)]) == 2
    assert str(run_id) in capsys.readouterr().out


def test_six_processes_opening_a_new_store_at_once(store_url: str) -> None:
    """The first opens race to create the schema (and, on SQLite, to switch the file to WAL mode)."""
    context = multiprocessing.get_context("spawn")
    openers = [context.Process(target=open_store, args=(store_url,)) for _ in range(6)]
    for p in openers:
        p.start()
    for p in openers:
        p.join(timeout=300)
    assert [p.exitcode for p in openers] == [0] * 6
    store = RunStore(store_url)
    assert store.list_runs() == []
    store.close()
