"""Alembic environment: migrations run on the connection the run store passes in (no alembic.ini).

Concurrent first opens are serialised: SQLite transactions begin IMMEDIATE (the store's engine does that), and
on PostgreSQL a transaction-level advisory lock is taken first, so two processes never create the same table.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

MIGRATION_LOCK = 482_151  # any fixed number: the advisory lock's key


def run() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("the run store's migrations run online only, on a connection from scenarios.store")
    context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        context.run_migrations()


run()
