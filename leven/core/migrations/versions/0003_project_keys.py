"""Project keys: the export secrets (:mod:`leven.core.keys`) in a table Alembic owns.

Before this revision the first export made ``project_keys`` itself; a store that was exported
from already has it, with its secret, and keeps both (the table is made only where missing).
Frozen: the table is written out here, not taken from :mod:`leven.core.schema`.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("project_keys"):
        return  # made by an export before this revision: same columns, a secret to keep
    op.create_table(
        "project_keys",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    pass  # kept: the versions before this one made and read the same table themselves, and
    # dropping it would lose the secret that keeps pseudonyms alike across exports
