"""Alembic's entry point for the store's migrations (run by :mod:`leven.core.migrate`).

The store hands over its open connection in ``config.attributes["connection"]``, inside the
transaction (and, on PostgreSQL, the lock) in which it checked the database's revision. With
``alembic -x url=...`` from a shell it opens that URL itself.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from leven.core.schema import metadata

config = context.config
connection = config.attributes.get("connection")


def run(on: sa.Connection) -> None:
    # batch mode: SQLite cannot ALTER most of a table, alembic then copies it
    context.configure(connection=on, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url")
    engine = sa.create_engine(url)
    with engine.begin() as opened:
        run(opened)
    engine.dispose()
