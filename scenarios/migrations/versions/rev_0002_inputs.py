"""Runs keep their inputs: the `inputs` column (scenario, need edits, locks, overrides, solver settings) and the
`books` table (a workbook's bytes once per sha256). Runs stored before keep `inputs` empty: they list and
show, but `runs rerun` says it cannot redo them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("inputs", sa.JSON, nullable=True))
    op.create_table(
        "books",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("books")
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("inputs")
