"""Bring a store's database to the newest schema with Alembic: upgraded, never rebuilt.

Opening a store runs ``upgrade head`` (``leven/core/migrations``). A database made before
migrations existed (tables, but no ``alembic_version``) is completed with the indexes it may
lack and stamped at the baseline ``0001``, then upgraded; its rows are never touched. A store
that is already at :data:`HEAD` costs one small query and no Alembic at all, so opening stays
as quick as before. Several processes opening one database at once (Voila kernels, two
servers) take turns: an advisory lock on PostgreSQL, a write lock (``BEGIN IMMEDIATE``) on
SQLite; whoever comes second finds the work done.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from leven.core.opening import create_base_schema

MIGRATIONS = Path(__file__).with_name("migrations")
#: The newest revision in ``migrations/versions`` (a test checks it against Alembic's head).
HEAD = "0003"
BASELINE = "0001"
_LOCK_ID = 720_417  # any fixed number: the advisory lock of schema changes on PostgreSQL


def revision(connection: sa.Connection) -> str | None:
    """The database's Alembic revision, or None (made before migrations, or empty)."""
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(sa.text("select version_num from alembic_version")).scalar()


def upgrade(engine: sa.Engine) -> None:
    """Upgrade the database of ``engine`` to :data:`HEAD` (make it when empty)."""
    with engine.connect() as connection:
        if revision(connection) == HEAD:
            return
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_LOCK_ID)))
        elif connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        current = revision(connection)
        if current == HEAD:
            return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        if current is None and sa.inspect(connection).has_table("records"):
            create_base_schema(connection)
            command.stamp(config, BASELINE)
        command.upgrade(config, "head")
