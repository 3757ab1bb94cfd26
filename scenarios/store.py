"""The run store: every solve, with what went in and what came out, in SQLite by default or PostgreSQL.

Where: `BYDELSTEAM_DB_URL` when set (a SQLAlchemy URL such as `postgresql://user@host/db`, or a plain file
path for SQLite), else `.bydelsteam/runs.sqlite` in the working directory. The schema is created and
upgraded by Alembic (`scenarios/migrations`) when a store is opened.

A run is written in one transaction after its solve has finished: a run that is interrupted, or a write that
fails half-way, leaves no record. Concurrent writers lose nothing: SQLite runs in WAL mode with a busy
timeout and takes the write lock at the start of each transaction (BEGIN IMMEDIATE); PostgreSQL gives each
row its own id from a sequence.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import JSON, DateTime, Engine, Integer, String, Text, create_engine, delete, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

ENV_URL = "BYDELSTEAM_DB_URL"
DEFAULT_PATH = Path(".bydelsteam") / "runs.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000


class _Base(DeclarativeBase):
    pass


class _Run(_Base):
    """The `runs` table (created by migration 0001; keep the two in step)."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    command: Mapped[str] = mapped_column(String(40))
    inputs_hash: Mapped[str] = mapped_column(String(64))
    book_name: Mapped[str] = mapped_column(String(500))
    book_sha256: Mapped[str] = mapped_column(String(64))
    scenario_name: Mapped[str | None] = mapped_column(String(200))
    scenario_text: Mapped[str | None] = mapped_column(Text)
    structure: Mapped[str | None] = mapped_column(String(100))
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON)
    solver: Mapped[str] = mapped_column(String(200))
    versions: Mapped[dict[str, str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))
    kpis: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    result: Mapped[str] = mapped_column(Text)


@dataclass(frozen=True)
class RunRecord:
    """One solve as it is stored. `id` and `created_at` are set by the store."""

    started_at: datetime
    finished_at: datetime
    command: str
    inputs_hash: str
    book_name: str
    book_sha256: str
    scenario_name: str | None
    scenario_text: str | None
    structure: str | None
    parameters: dict[str, Any]
    solver: str
    versions: dict[str, str]
    status: str
    kpis: dict[str, Any] | None
    result: str  # the SolveResult as JSON (docs/result.md)
    id: int | None = None
    created_at: datetime | None = None


def database_url(value: str | None = None) -> str:
    """The store's SQLAlchemy URL: `value`, else `BYDELSTEAM_DB_URL`, else the default SQLite file.

    A value without `://` is a SQLite file path; `postgresql://` and `postgres://` use the psycopg driver.
    """
    value = value or os.environ.get(ENV_URL) or str(DEFAULT_PATH)
    if "://" not in value:
        path = Path(value).expanduser().resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value.removeprefix(prefix)
    return value


def _wal(cursor: Any) -> None:
    """Switch the file to WAL mode. Two processes opening a new store at once can find it locked: switching the
    journal needs a moment of sole access and SQLite does not wait for it, so this waits (up to the busy
    timeout). Once a file is in WAL mode it stays so, and the switch is a no-op."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        _wal(cursor)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # Take the write lock at the start: a deferred transaction that upgrades to writing can fail at once
        # with "database is locked" instead of waiting for the other writer.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class RunStore:
    """Runs in a database; see the module docstring. Open with `RunStore()` (the default place) or a URL."""

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        backend = make_url(self.url).get_backend_name()
        self.engine = _sqlite_engine(self.url) if backend == "sqlite" else create_engine(self.url, pool_pre_ping=True)
        self._migrate()

    def _migrate(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()

    def add(self, record: RunRecord) -> int:
        """Store one run in one transaction; its id."""
        fields = {k: v for k, v in record.__dict__.items() if k not in ("id", "created_at")}
        row = _Run(**fields, created_at=datetime.now(UTC))
        with Session(self.engine) as session, session.begin():
            session.add(row)
            session.flush()
            return row.id

    def list_runs(self, limit: int | None = None) -> list[RunRecord]:
        """Runs, newest first, without their result and scenario text (those can be large)."""
        with Session(self.engine) as session:
            query = select(_Run).order_by(_Run.id.desc()).limit(limit)
            return [_record(row, full=False) for row in session.scalars(query)]

    def get(self, run_id: int) -> RunRecord | None:
        with Session(self.engine) as session:
            row = session.get(_Run, run_id)
            return _record(row, full=True) if row is not None else None

    def delete(self, run_id: int) -> bool:
        """Delete one run; False when there is no such run."""
        with Session(self.engine) as session, session.begin():
            gone = session.scalars(delete(_Run).where(_Run.id == run_id).returning(_Run.id)).all()
            return bool(gone)


def _record(row: _Run, full: bool) -> RunRecord:
    return RunRecord(
        id=row.id,
        created_at=_utc(row.created_at),
        started_at=_utc(row.started_at),
        finished_at=_utc(row.finished_at),
        command=row.command,
        inputs_hash=row.inputs_hash,
        book_name=row.book_name,
        book_sha256=row.book_sha256,
        scenario_name=row.scenario_name,
        scenario_text=row.scenario_text if full else None,
        structure=row.structure,
        parameters=row.parameters,
        solver=row.solver,
        versions=row.versions,
        status=row.status,
        kpis=row.kpis,
        result=row.result if full else "",
    )


def _utc(value: datetime) -> datetime:
    """SQLite returns naive datetimes; every time stored is UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
