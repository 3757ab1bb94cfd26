"""The run store: every solve, with what went in and what came out, in SQLite by default or PostgreSQL.

Where: `BYDELSTEAM_DB_URL` when set (a SQLAlchemy URL such as `postgresql://user@host/db`, or a plain file
path for SQLite), else `.bydelsteam/runs.sqlite` in the working directory. The schema is created and
upgraded by Alembic (`scenarios/migrations`) when a store is opened.

A run keeps what is needed to do it again (`inputs`: the parsed scenario, need edits, locks, overrides, solver
settings; `scenarios.service`), and its workbook's bytes in the `books` table, once per sha256 however many
runs use them; deleting a run deletes the bytes no other run or session uses. Runs stored before that
(migration 0002) still list and show, without inputs.

The `sessions` table (migration 0003) keeps the app's working state per browser session, under a random token
the session's address carries (`app.web.session`): so a reload loses nothing, and another browser, with its
own token, sees none of it. An uploaded workbook's bytes are kept in `books` like a run's.

A run is written in one transaction after its solve has finished: a run that is interrupted, or a write that
fails half-way, leaves no record. Concurrent writers lose nothing: SQLite runs in WAL mode with a busy
timeout and takes the write lock at the start of each transaction (BEGIN IMMEDIATE); PostgreSQL gives each
row its own id from a sequence.

Every failure of the database (locked past the busy timeout, disk full, read-only, not a database, a schema
Alembic does not know, a server that cannot be reached) is raised as one `StoreError` with a reason the message
layer words (`scenarios.errors.store_reason`), never as the driver's exception. `sqlite:///:memory:` is
refused: a store that forgets every run when the command ends is not a store.
"""

from __future__ import annotations

import errno
import math
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy import (
    JSON,
    Connection,
    DateTime,
    Engine,
    Integer,
    LargeBinary,
    String,
    Text,
    create_engine,
    delete,
    event,
    inspect,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from scenarios.errors import StoreError

ENV_URL = "BYDELSTEAM_DB_URL"
ENV_BUSY_TIMEOUT = "BYDELSTEAM_DB_BUSY_TIMEOUT_S"  # how long to wait for another writer's lock (tests: short)
DEFAULT_PATH = Path(".bydelsteam") / "runs.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_S = 30.0
MAX_BUSY_TIMEOUT_S = 3600.0


class _Base(DeclarativeBase):
    pass


class _Run(_Base):
    """The `runs` table (created by migration 0001, `inputs` added by 0002; keep them in step)."""

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
    inputs: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class _Book(_Base):
    """The `books` table (migration 0002): a workbook's bytes, once per sha256."""

    __tablename__ = "books"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class _Session(_Base):
    """The `sessions` table (migration 0003): one app session's working state, under its token."""

    __tablename__ = "sessions"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    book_sha256: Mapped[str | None] = mapped_column(String(64))
    state: Mapped[dict[str, Any]] = mapped_column(JSON)


@dataclass(frozen=True)
class StoredInputs:
    """What a run was made from besides its workbook, as JSON-ready data (`scenarios.service.inputs_of`)."""

    scenario: dict[str, Any] | None  # name, source, text and the parsed spec; None: the book as it is
    need_edits: list[dict[str, Any]]
    locks: list[list[str | None]]  # [staff id, team id or None]
    overrides: dict[str, Any]
    solver_settings: dict[str, Any]
    reference: dict[str, Any] | None = None  # a chosen reference demand (optimiser.reference); None: the book's

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "reference" or v is not None}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> StoredInputs | None:
        if data is None:
            return None
        return cls(
            scenario=data.get("scenario"),
            need_edits=list(data.get("need_edits", [])),
            locks=[list(lock) for lock in data.get("locks", [])],
            overrides=dict(data.get("overrides", {})),
            solver_settings=dict(data.get("solver_settings", {})),
            reference=data.get("reference"),
        )


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
    inputs: StoredInputs | None = None  # None: stored before runs kept their inputs
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


def busy_timeout_s() -> float:
    """Seconds to wait for another process's write lock: `BYDELSTEAM_DB_BUSY_TIMEOUT_S`, else 30."""
    raw = os.environ.get(ENV_BUSY_TIMEOUT)
    if raw is None:
        return BUSY_TIMEOUT_S
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not 0 <= value <= MAX_BUSY_TIMEOUT_S:  # also refuses nan
        raise StoreError("bad_setting", f"{ENV_BUSY_TIMEOUT}={raw[:40]} (0–{MAX_BUSY_TIMEOUT_S:g} s)")
    return value


def _in_memory(url: URL) -> bool:
    database = url.database or ""
    return url.get_backend_name() == "sqlite" and (
        database in ("", ":memory:") or database.startswith("file::memory:") or url.query.get("mode") == "memory"
    )


def _wal(cursor: Any, timeout_s: float) -> None:
    """Switch the file to WAL mode. Two processes opening a new store at once can find it locked: switching the
    journal needs a moment of sole access and SQLite does not wait for it, so this waits (up to the busy
    timeout). Once a file is in WAL mode it stays so, and the switch is a no-op."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_engine(url: str, timeout_s: float) -> Engine:
    engine = create_engine(url, connect_args={"timeout": timeout_s})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={round(timeout_s * 1000)}")
        _wal(cursor, timeout_s)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # Take the write lock at the start: a deferred transaction that upgrades to writing can fail at once
        # with "database is locked" instead of waiting for the other writer.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _reason(err: BaseException) -> str:
    """The StoreError reason for a failure of the database, its driver or the file system."""
    if isinstance(err, ArgumentError | NoSuchModuleError):
        return "bad_url"
    if isinstance(err, CommandError):  # Alembic: a revision in the store that this version does not know
        return "schema"
    cause: BaseException = err.orig if isinstance(err, DBAPIError) and err.orig is not None else err
    code = str(getattr(cause, "sqlite_errorname", ""))
    words = str(cause).lower()
    if code.startswith("SQLITE_FULL") or "disk is full" in words or getattr(cause, "sqlstate", None) == "53100":
        return "full"
    if isinstance(cause, OSError) and cause.errno == errno.ENOSPC:
        return "full"
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in words:
        return "locked"
    if code.startswith("SQLITE_NOTADB") or "not a database" in words:
        return "not_a_database"
    if code.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")) or isinstance(cause, PermissionError):
        return "read_only"
    if isinstance(cause, OSError):
        return "read_only" if cause.errno in (errno.EROFS, errno.EACCES, errno.ENOTDIR, errno.EEXIST) else "failed"
    if isinstance(err, DBAPIError) and err.connection_invalidated:
        return "unreachable"
    if type(cause).__name__ == "OperationalError" and not code:  # psycopg: no server, refused, auth failed
        return "unreachable"
    return "failed"


def _detail(err: BaseException) -> str:
    """The driver's words, first line only and short: enough for whoever runs the store."""
    cause = err.orig if isinstance(err, DBAPIError) and err.orig is not None else err
    words = str(cause).strip().splitlines()
    line = words[0] if words else ""
    text = f"{type(cause).__name__}: {line}" if line else type(cause).__name__
    return text if len(text) <= 200 else text[:199] + "…"


class RunStore:
    """Runs in a database; see the module docstring. Open with `RunStore()` (the default place) or a URL.

    Every method raises StoreError (only) when the database fails."""

    def __init__(self, url: str | None = None, busy_timeout: float | None = None) -> None:
        self.busy_timeout = busy_timeout_s() if busy_timeout is None else busy_timeout
        with self._translated():
            self.url = database_url(url)
            parsed = make_url(self.url)
            if _in_memory(parsed):
                raise StoreError("memory")
            if parsed.get_backend_name() == "sqlite":
                self.engine = _sqlite_engine(self.url, self.busy_timeout)
            else:
                self.engine = create_engine(self.url, pool_pre_ping=True)
        try:
            with self._translated(during_migration=True):
                self._migrate()
                self._check_schema()
        except StoreError:
            self.engine.dispose()
            raise

    @contextmanager
    def _translated(self, during_migration: bool = False) -> Iterator[None]:
        """Database, driver and file-system failures as StoreError (a failed migration is a schema problem)."""
        try:
            yield
        except StoreError:
            raise
        except (SQLAlchemyError, CommandError, OSError, sqlite3.Error) as err:
            reason = _reason(err)
            if during_migration and reason == "failed":  # e.g. a runs table that Alembic did not record
                reason = "schema"
            seconds = self.busy_timeout if reason == "locked" else None
            raise StoreError(reason, _detail(err), seconds) from err

    def _migrate(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def _check_schema(self) -> None:
        """The runs table must have the columns this version writes: a store whose version table says "up to
        date" while its table says otherwise would fail on the first write, after the solve."""
        inspector = inspect(self.engine)
        for model in (_Run, _Book, _Session):
            found = {c["name"] for c in inspector.get_columns(model.__tablename__)}
            expected = set(model.__table__.columns.keys())
            if found != expected:
                missing, extra = sorted(expected - found), sorted(found - expected)
                words = f"{model.__tablename__}: missing {', '.join(missing) or '–'}; unknown {', '.join(extra) or '–'}"
                raise StoreError("schema", words)

    def close(self) -> None:
        self.engine.dispose()

    def add(self, record: RunRecord, book_data: bytes | None = None) -> int:
        """Store one run in one transaction, with its workbook's bytes when given (kept once per sha256); its id."""
        fields = {k: v for k, v in record.__dict__.items() if k not in ("id", "created_at", "inputs")}
        now = datetime.now(UTC)
        row = _Run(**fields, inputs=record.inputs.to_json() if record.inputs else None, created_at=now)
        with self._translated(), Session(self.engine) as session, session.begin():
            if book_data is not None:
                self._keep_book(session, record.book_sha256, record.book_name, book_data, now)
            session.add(row)
            session.flush()
            return row.id

    def _keep_book(self, session: Session, sha256: str, name: str, data: bytes, now: datetime) -> None:
        """Insert the bytes unless the store has them: a concurrent writer of the same book is no conflict."""
        values = {"sha256": sha256, "name": name, "size": len(data), "data": data, "created_at": now}
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        session.execute(dialect.insert(_Book).values(**values).on_conflict_do_nothing(index_elements=["sha256"]))

    def book_data(self, sha256: str) -> bytes | None:
        """A stored workbook's bytes; None when the store does not have them."""
        with self._translated(), Session(self.engine) as session:
            book = session.get(_Book, sha256)
            return bytes(book.data) if book is not None else None

    def book_count(self) -> int:
        """How many workbooks the store keeps (each once, whatever the number of runs on it)."""
        with self._translated(), Session(self.engine) as session:
            return len(session.scalars(select(_Book.sha256)).all())

    def list_runs(self, limit: int | None = None) -> list[RunRecord]:
        """Runs, newest first, without their result and scenario text (those can be large)."""
        with self._translated(), Session(self.engine) as session:
            query = select(_Run).order_by(_Run.id.desc()).limit(limit)
            return [_record(row, full=False) for row in session.scalars(query)]

    def get(self, run_id: int) -> RunRecord | None:
        with self._translated(), Session(self.engine) as session:
            row = session.get(_Run, run_id)
            return _record(row, full=True) if row is not None else None

    def delete(self, run_id: int) -> bool:
        """Delete one run; False when there is no such run. Decided by the DELETE's own row count, so of two
        processes deleting the same run at once exactly one is told it deleted it."""
        with self._translated(), self.engine.begin() as connection:
            deleted = connection.execute(delete(_Run).where(_Run.id == run_id)).rowcount > 0
            _drop_unused_books(connection)  # the store grows with the books in use only
            return deleted

    def save_session(
        self, token: str, state: dict[str, Any], book_sha256: str | None, book: tuple[str, bytes] | None = None
    ) -> None:
        """Keep one app session's state under its token (replacing what it held) with the sha256 of its uploaded
        workbook, and the workbook's name and bytes when given (kept in `books`, once per sha256)."""
        now = datetime.now(UTC)
        with self._translated(), Session(self.engine) as session, session.begin():
            if book is not None and book_sha256 is not None:
                self._keep_book(session, book_sha256, book[0], book[1], now)
            row = session.get(_Session, token) or _Session(token=token, created_at=now)
            row.state, row.updated_at, row.book_sha256 = state, now, book_sha256
            session.add(row)

    def forget_sessions(self, before: datetime) -> int:
        """Delete the sessions not saved since `before`, and the bytes of workbooks no run or session uses any
        more; how many sessions went."""
        with self._translated(), self.engine.begin() as connection:
            gone = connection.execute(delete(_Session).where(_Session.updated_at < before)).rowcount
            _drop_unused_books(connection)
            return int(gone)

    def session_state(self, token: str) -> dict[str, Any] | None:
        """The state kept under `token`; None when there is none."""
        with self._translated(), Session(self.engine) as session:
            row = session.get(_Session, token)
            return dict(row.state) if row is not None else None


def _drop_unused_books(connection: Connection) -> None:
    """Delete the bytes of workbooks that no run and no session uses."""
    sessions = select(_Session.book_sha256).where(_Session.book_sha256.is_not(None))
    connection.execute(
        delete(_Book).where(_Book.sha256.not_in(select(_Run.book_sha256)), _Book.sha256.not_in(sessions))
    )


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
        inputs=StoredInputs.from_json(row.inputs),
    )


def _utc(value: datetime) -> datetime:
    """SQLite returns naive datetimes; every time stored is UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
