"""How the store opens its database: read-write, or read-only when the file cannot be written.

An SQLite data file that this user cannot write, or whose folder it cannot write (SQLite keeps
the ``-wal`` and ``-shm`` files of write-ahead logging beside the file), is opened read-only:
every page reads as usual and every save says that the file cannot be written, and where it is.
How SQLite is asked to read it (tried with SQLite 3.40, see tests/core/test_store_read_only.py):

- ``mode=ro`` when a ``-wal`` file is there: its pages are part of the data and must be read
  (a writer has the file open, or was stopped before it could fold them in);
- ``mode=ro&immutable=1`` otherwise. Plain ``mode=ro`` would make a ``-shm`` (and ``-wal``)
  owned by this user and as read-only as the file, which a writer given access later cannot
  use: every save would fail. In a folder it cannot write, SQLite cannot make the ``-shm`` at
  all and refuses even to read a WAL database. Without a ``-wal`` nobody is writing the file
  now; someone given write access later is seen once the store is opened again.

Other databases (any SQLAlchemy URL, SQLite in memory) open as given.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa

from leven.core.schema import (
    BASE_TABLES,
    BUSY_TIMEOUT_MS,
    configure_sqlite,
    metadata,
    records_table,
)


@dataclass(frozen=True)
class Opening:
    """How to open a store: the URL for SQLAlchemy, the SQLite file (if any) and its access."""

    url: str | sa.URL
    path: Path | None = None
    read_only: bool = False
    #: the file does not exist and cannot be made (its folder is missing or read-only)
    missing: bool = False


def sqlite_path(url: str) -> Path | None:
    """The SQLite file of ``url`` (absolute), or None (another database, memory, a URI URL)."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or "uri" in parsed.query:
        return None
    if parsed.database in (None, "", ":memory:"):
        return None
    return Path(os.path.abspath(parsed.database))


def plan_opening(url: str) -> Opening:
    """Open read-write when the file and its folder can be written, else read-only."""
    path = sqlite_path(url)
    if path is None:
        return Opening(url)
    folder_writable = os.access(path.parent, os.W_OK | os.X_OK)
    if not path.exists():
        return Opening(url, path, missing=not folder_writable)
    if folder_writable and os.access(path, os.W_OK):
        return Opening(url, path)
    query = {"uri": "true", "mode": "ro"}
    if not Path(f"{path}-wal").exists():
        query["immutable"] = "1"
    parsed = sa.engine.make_url(url)
    read_only = sa.URL.create(parsed.drivername, database=f"file:{quote(str(path))}", query=query)
    return Opening(read_only, path, read_only=True)


def create_engine(opening: Opening) -> sa.Engine:
    """The engine for ``opening``; each SQLite connection is set up for its access."""
    engine = sa.create_engine(opening.url, future=True)
    if engine.dialect.name == "sqlite":
        configure = configure_read_only_sqlite if opening.read_only else configure_sqlite
        sa.event.listen(engine, "connect", configure)
    return engine


def create_base_schema(connection: sa.Connection) -> None:
    """Complete a database made before migrations: the base tables and indexes it lacks.

    (An index added to the store before migrations existed is missing from older files.)
    """
    for table in metadata.sorted_tables:
        if table.name in BASE_TABLES:
            table.create(connection, checkfirst=True)
    for index in records_table.indexes:
        index.create(connection, checkfirst=True)


def configure_read_only_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """A read-only connection waits for a busy file and refuses every write itself too."""
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA query_only = ON")
    cursor.close()


def missing_tables(engine: sa.Engine) -> set[str]:
    """The store's tables that the database does not have (a read-only file cannot get them)."""
    return set(BASE_TABLES) - set(sa.inspect(engine).get_table_names())
