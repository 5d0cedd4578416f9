"""Concurrent edits: versions that ``leven sync`` renumbered, so a facilitator can look.

When the same record was edited on two machines while apart, both got the same version
number; sync keeps both, the incoming one renumbered after the latest, and notes it here
(which record, the number it got, the number it had, and the store it came from). A table of
its own rather than a column of ``records``: an older file opened read-only reads as before.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "concurrent_edits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("proeftuin", sa.String(64), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("original_version", sa.Integer, nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("synced_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("kind", "record_id", "version", name="uq_concurrent_edit"),
    )


def downgrade() -> None:
    op.drop_table("concurrent_edits")
