"""Fixtures for the scenario tests: the sample book, and a fresh run store on SQLite and on PostgreSQL.

PostgreSQL is required: `postgres_admin` uses the server in BYDELSTEAM_TEST_PG_URL, or starts a throw-away
one on loopback (installing Debian's package when absent, see tests/helpers/pgserver.py), once per session.
If that is impossible the tests fail with the reason; they never skip.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import psycopg
import pytest
from pgserver import PostgresUnavailable, postgres_url
from sqlalchemy.engine import make_url

from optimiser.domain import Instance
from optimiser.sample import generate


@pytest.fixture(scope="session")
def sample() -> Instance:
    return generate(1, 2025)


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[str]:
    with ExitStack() as stack:
        try:
            url = stack.enter_context(postgres_url())
        except PostgresUnavailable as err:
            pytest.fail(f"the run-store tests need PostgreSQL and none could be started: {err}", pytrace=False)
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database for one test: a SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'runs.sqlite'}"
        return
    admin = make_url(request.getfixturevalue("postgres_admin"))
    name = f"runs_{uuid.uuid4().hex[:12]}"
    dsn = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield admin.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
