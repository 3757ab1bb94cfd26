"""The runs table: one row per solve, written in one transaction when the solve is done.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("command", sa.String(40), nullable=False),
        sa.Column("inputs_hash", sa.String(64), nullable=False),
        sa.Column("book_name", sa.String(500), nullable=False),
        sa.Column("book_sha256", sa.String(64), nullable=False),
        sa.Column("scenario_name", sa.String(200), nullable=True),
        sa.Column("scenario_text", sa.Text, nullable=True),
        sa.Column("structure", sa.String(100), nullable=True),
        sa.Column("parameters", sa.JSON, nullable=False),
        sa.Column("solver", sa.String(200), nullable=False),
        sa.Column("versions", sa.JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("kpis", sa.JSON, nullable=True),
        sa.Column("result", sa.Text, nullable=False),
    )
    op.create_index("ix_runs_inputs_hash", "runs", ["inputs_hash"])
    op.create_index("ix_runs_created_at", "runs", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_runs_created_at", "runs")
    op.drop_index("ix_runs_inputs_hash", "runs")
    op.drop_table("runs")
