"""The store's tables, and how an SQLite file is opened (WAL, a busy timeout).

Kept apart from :mod:`leven.core.store` so the layout of the data is one short page to read:
every save is a row of ``records``; ``drafts`` and ``blobs`` hold what forms and photos need.
A change here needs a migration in ``leven/core/migrations/versions`` (:mod:`leven.core.migrate`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import sqlalchemy as sa

metadata = sa.MetaData()

records_table = sa.Table(
    "records",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(64), nullable=False),
    sa.Column("proeftuin", sa.String(64), nullable=False),
    sa.Column("record_id", sa.String(64), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("saved_at", sa.String(32), nullable=False),
    sa.Column("saved_by", sa.String(200), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.UniqueConstraint("kind", "record_id", "version", name="uq_record_version"),
    sa.Index("ix_records_kind_proeftuin", "kind", "proeftuin", "record_id", "version"),
    # kind alone: SQLite then walks one kind's rows in save (row id) order, without a sort
    sa.Index("ix_records_kind", "kind"),
)

drafts_table = sa.Table(
    "drafts",
    metadata,
    sa.Column("draft_key", sa.String(300), primary_key=True),
    sa.Column("saved_at", sa.String(32), nullable=False),
    sa.Column("values", sa.Text, nullable=False),
)

blobs_table = sa.Table(
    "blobs",
    metadata,
    sa.Column("blob_id", sa.String(64), primary_key=True),
    sa.Column("proeftuin", sa.String(64), nullable=False),
    sa.Column("media_type", sa.String(64), nullable=False),
    sa.Column("saved_at", sa.String(32), nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

#: Versions that ``leven sync`` renumbered: the same record edited on two machines while apart
#: (migration 0002; :mod:`leven.core.sync`).
concurrent_edits_table = sa.Table(
    "concurrent_edits",
    metadata,
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

#: The project's secrets for exports (:mod:`leven.core.keys`): the pseudonym secret and each
#: proeftuin's date shift. Made by migration 0003 (before it, by the first export itself).
project_keys_table = sa.Table(
    "project_keys",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

#: The tables every store has had since the first version (a read-only file needs these).
BASE_TABLES = frozenset({"records", "drafts", "blobs"})

RETRIES = 8
BUSY_TIMEOUT_MS = 15000


def configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """Each new SQLite connection waits for a busy file and writes ahead (several kernels)."""
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    try:
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.OperationalError:
        pass  # a read-only database keeps its journal mode; saving will say so
    cursor.close()


def _lock_key(name: str) -> sa.ColumnElement[int]:
    """The 64-bit number of an advisory lock on PostgreSQL."""
    return sa.func.hashtextextended(name, 0)


def lock_records(
    connection: sa.Connection, keys: Iterable[tuple[str, str]], proeftuinen: Iterable[str]
) -> None:
    """On PostgreSQL, make concurrent writers of one record wait for each other, and every
    writer of a proeftuin wait for a sync of it (:func:`lock_proeftuin`).

    The next version number is computed inside the INSERT, and the unique constraint on
    (kind, record_id, version) refuses a duplicate; but under PostgreSQL's READ COMMITTED
    two writers of one record would both compute the same number and one would have to try
    again (measured: 121 retries for 8 processes x 50 saves). A transaction-scoped advisory
    lock per record lets them queue instead. First, though, each proeftuin of the saved
    records is locked *shared*: saves do not wait for each other on it, only for a sync that
    holds it exclusively. Proeftuinen first, then records, each in sorted order: no deadlocks.
    SQLite locks the whole file for a write already.
    """
    if connection.dialect.name != "postgresql":
        return
    for proeftuin in sorted(set(proeftuinen)):
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock_shared(
            _lock_key(f"proeftuin:{proeftuin}"))))
    for kind, record_id in sorted(set(keys)):
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(
            _lock_key(f"{kind}/{record_id}"))))


def lock_proeftuin(connection: sa.Connection, proeftuin: str) -> None:
    """On PostgreSQL, hold off every save of ``proeftuin`` until this transaction ends.

    For ``leven sync``, which writes any number of records of one proeftuin in one
    transaction. One lock, not one per record: advisory locks share PostgreSQL's lock table
    of fixed size (``max_locks_per_transaction`` x connections: 64 x 100, some 6,400 locks
    and a few more for background processes, on a default server), and a proeftuin with more
    records would fail "out of shared memory".
    Saves take the same lock shared (:func:`lock_records`).
    """
    if connection.dialect.name == "postgresql":
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(
            _lock_key(f"proeftuin:{proeftuin}"))))


def new_id() -> str:
    """A fresh record id."""
    return uuid4().hex[:16]


def now() -> str:
    """The time of a save, as stored: UTC, ISO 8601, to the microsecond."""
    return datetime.now(UTC).isoformat(timespec="microseconds")
