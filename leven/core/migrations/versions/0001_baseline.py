"""The store as it was before migrations: records, drafts and blobs.

A database made before Alembic (no ``alembic_version`` table) is stamped at this revision
by :mod:`leven.core.migrate`, never rebuilt; a new database is made by it. Frozen: the
tables are written out here, not taken from :mod:`leven.core.schema`, which moves on.

Revision ID: 0001
Revises:
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
        "records",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("proeftuin", sa.String(64), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("saved_at", sa.String(32), nullable=False),
        sa.Column("saved_by", sa.String(200), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.UniqueConstraint("kind", "record_id", "version", name="uq_record_version"),
    )
    op.create_index("ix_records_kind_proeftuin", "records",
                    ["kind", "proeftuin", "record_id", "version"])
    op.create_index("ix_records_kind", "records", ["kind"])
    op.create_table(
        "drafts",
        sa.Column("draft_key", sa.String(300), primary_key=True),
        sa.Column("saved_at", sa.String(32), nullable=False),
        sa.Column("values", sa.Text, nullable=False),
    )
    op.create_table(
        "blobs",
        sa.Column("blob_id", sa.String(64), primary_key=True),
        sa.Column("proeftuin", sa.String(64), nullable=False),
        sa.Column("media_type", sa.String(64), nullable=False),
        sa.Column("saved_at", sa.String(32), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    for table in ("blobs", "drafts", "records"):
        op.drop_table(table)
