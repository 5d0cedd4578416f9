"""The one persistence interface of the workbook: versioned records and form drafts.

Every save inserts a new, immutable version of a record (kind, proeftuin, record id,
version, saved_at, saved_by, payload); nothing is ever updated in place or deleted by a
save, so the full history stays readable. Payloads are validated by the record's pydantic
model on the way in and on the way out.

SQLite is the embedded default (WAL mode, a busy timeout and retries, so several Voila
kernels can save at once); any SQLAlchemy URL works. Drafts are scratch copies of what a
form holds while someone types: they are not records and are replaced on every keystroke.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import compress
from pathlib import Path
from typing import Any, Generic, TypeVar

import orjson
import pandas as pd
import sqlalchemy as sa
from pydantic import ValidationError
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.migrate import upgrade
from leven.core.opening import create_engine, missing_tables, plan_opening
from leven.core.records import Record, field_messages
from leven.core.schema import (
    RETRIES,
    blobs_table,
    drafts_table,
    lock_records,
    new_id,
    records_table,
)
from leven.core.scratch import Draft, DraftsAndBlobs

__all__ = [
    "Draft",
    "InvalidRecord",
    "NewVersion",
    "ReadOnlyStore",
    "Store",
    "StoreError",
    "Version",
    "VersionConflict",
    "blobs_table",
    "drafts_table",
    "new_id",
    "open_store",
    "records_table",
]

R = TypeVar("R", bound=Record)
T = TypeVar("T")

class StoreError(LevenError):
    """A save or read that failed; the message says in Dutch what happened."""


class InvalidRecord(StoreError):
    """The payload does not validate; ``fields`` maps field names to Dutch messages."""

    def __init__(self, error: ValidationError) -> None:
        self.fields = field_messages(error)
        super().__init__("core.store.invalid")


class VersionConflict(StoreError):
    """Someone saved this record since the version the form started from."""


class ReadOnlyStore(StoreError):
    """The data file (or its folder) cannot be written; the message gives its whole path."""

    def __init__(self, key: str, path: Path | None) -> None:
        self.path = path
        super().__init__(key, path=str(path))

    @property
    def message(self) -> str:  # the whole path (a quoted value would be cut), as valid text
        return t(self.key, path=str(self.path).encode("utf-8", "replace").decode("utf-8"))


@dataclass(frozen=True)
class Version(Generic[R]):
    """One saved version of a record."""

    kind: str
    proeftuin: str
    record_id: str
    version: int
    saved_at: datetime
    saved_by: str
    record: R


@dataclass(frozen=True)
class NewVersion:
    """One record to save with :meth:`Store.save_all` (arguments as for :meth:`Store.save`)."""

    record: Record
    proeftuin: str
    record_id: str | None = None
    base_version: int | None = None


class _Conflict(Exception):
    """Inside a transaction: a base version did not match (rolls everything back)."""


def _store_error(error: DBAPIError, path: Path | None = None) -> StoreError:
    text = str(getattr(error, "orig", error)).lower()
    if "readonly" in text or "read-only" in text or "read only" in text:
        if path is not None:  # an SQLite file: say which
            return ReadOnlyStore("core.store.read_only", path)
        return StoreError("core.store.readonly")
    if "full" in text or "no space" in text:
        return StoreError("core.store.full")
    if "locked" in text or "busy" in text:
        return StoreError("core.store.locked")
    if "connection" in text and ("failed" in text or "refused" in text or "bad" in text):
        return StoreError("core.store.unreachable")  # a database server that is not there
    return StoreError("core.store.failed")


def _is_transient(error: DBAPIError) -> bool:
    text = str(getattr(error, "orig", error)).lower()
    return isinstance(error, IntegrityError) or any(
        word in text for word in ("locked", "busy", "deadlock", "could not serialize"))


class Store(DraftsAndBlobs):
    """Versioned records in a SQL database (SQLite by default).

    Parameters
    ----------
    url
        A SQLAlchemy database URL, e.g. ``sqlite:////path/leven.sqlite``. An SQLite file that
        cannot be written (or whose folder cannot) opens read-only (:mod:`leven.core.opening`):
        ``read_only`` is then true, reads work and every save raises :class:`ReadOnlyStore`.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        opening = plan_opening(url)
        self.path, self.read_only = opening.path, opening.read_only  # path: SQLite's file
        if opening.missing:
            raise ReadOnlyStore("core.store.cannot_create", opening.path)
        self.engine = create_engine(opening)
        if not self.read_only:
            self._run(lambda: upgrade(self.engine))
        elif self._run(lambda: missing_tables(self.engine)):  # nothing to read: say so now
            self.engine.dispose()
            raise ReadOnlyStore("core.store.read_only_empty", self.path)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def _refuse_writes(self) -> None:
        """A write on a read-only store: say that the file cannot be written, and where it is."""
        if self.read_only:
            raise ReadOnlyStore("core.store.read_only", self.path)

    # -- records -------------------------------------------------------------------------

    def save(
        self,
        record: Record,
        *,
        proeftuin: str,
        record_id: str | None = None,
        saved_by: str = "",
        base_version: int | None = None,
        saved_at: datetime | None = None,
    ) -> Version:
        """Save ``record`` as the next version of ``record_id`` (a new record when ``None``).

        ``base_version`` is the version the form started from: when someone else saved a
        newer one meanwhile, :class:`VersionConflict` is raised and nothing is written
        (use ``0`` for "this must be a new record"). The version number is computed inside
        the single INSERT statement, so concurrent savers never get the same number.
        """
        item = NewVersion(record, proeftuin, record_id, base_version)
        return self.save_all([item], saved_by=saved_by, saved_at=saved_at)[0]

    def save_all(
        self,
        items: Sequence[NewVersion],
        *,
        saved_by: str = "",
        saved_at: datetime | None = None,
    ) -> list[Version]:
        """Save several records in one transaction: all of them, or none.

        For what belongs together (a new proeftuin and its kerngroep): a failure half-way
        would otherwise leave half of it saved, and trying again would save it twice.
        Each item is checked like :meth:`save` (validation, ``base_version``).
        """
        self._refuse_writes()
        stamp = (saved_at or datetime.now(UTC)).isoformat(timespec="microseconds")
        planned = []
        for item in items:
            try:
                record = type(item.record).model_validate(item.record.model_dump())
            except ValidationError as error:
                raise InvalidRecord(error) from error
            record_id = item.record_id or new_id()
            statement = self._insert(record, item.proeftuin, record_id, item.base_version,
                                     stamp, saved_by)
            planned.append((record, item.proeftuin, record_id, statement))

        keys = [(record.KIND, record_id) for record, _, record_id, _ in planned]
        proeftuinen = [proeftuin for _, proeftuin, _, _ in planned]

        def insert() -> list[int]:
            with self.engine.begin() as connection:  # rolled back on any exception
                lock_records(connection, keys, proeftuinen)
                versions = []
                for *_, statement in planned:
                    version = connection.execute(statement).scalar()
                    if version is None:
                        raise _Conflict
                    versions.append(version)
                return versions

        try:
            versions = self._run(insert)
        except _Conflict:
            raise VersionConflict("core.store.conflict") from None
        when = datetime.fromisoformat(stamp)
        return [
            Version(record.KIND, proeftuin, record_id, version, when, saved_by, record)
            for (record, proeftuin, record_id, _), version in zip(planned, versions, strict=True)
        ]

    @staticmethod
    def _insert(
        record: Record, proeftuin: str, record_id: str, base_version: int | None, stamp: str,
        saved_by: str,
    ) -> sa.Insert:
        """One INSERT of the next version, its number computed in the statement itself."""
        t = records_table
        current = sa.func.coalesce(sa.func.max(t.c.version), 0)
        source = sa.select(
            sa.literal(record.KIND),
            sa.literal(proeftuin),
            sa.literal(record_id),
            current + 1,
            sa.literal(stamp),
            sa.literal(saved_by),
            sa.literal(record.model_dump_json()),
        ).where(t.c.kind == record.KIND, t.c.record_id == record_id)
        if base_version is not None:
            source = source.having(current == base_version)
        columns = ["kind", "proeftuin", "record_id", "version", "saved_at", "saved_by", "payload"]
        return t.insert().from_select(columns, source).returning(t.c.version)

    def latest(self, model: type[R], record_id: str) -> Version[R] | None:
        """The latest version of one record, or ``None`` when it was never saved."""
        t = records_table
        query = (
            sa.select(t)
            .where(t.c.kind == model.KIND, t.c.record_id == record_id)
            .order_by(t.c.version.desc())
            .limit(1)
        )
        rows = self._rows(query)
        return self._version(model, rows[0]) if rows else None

    def history(self, model: type[R], record_id: str) -> list[Version[R]]:
        """Every version of one record, oldest first."""
        t = records_table
        query = (
            sa.select(t)
            .where(t.c.kind == model.KIND, t.c.record_id == record_id)
            .order_by(t.c.version)
        )
        return [self._version(model, row) for row in self._rows(query)]

    def records(self, model: type[R], proeftuin: str | None = None) -> list[Version[R]]:
        """The latest version of every record of a kind, in the order they were created."""
        return [self._version(model, row) for row in self._rows(self._latest_query(model.KIND,
                                                                                    proeftuin))]

    def frame(
        self,
        model: type[Record],
        proeftuin: str | None = None,
        *,
        history: bool = False,
    ) -> pd.DataFrame:
        """A tidy DataFrame: one row per record (or per version with ``history=True``).

        Rows come in the order they were saved (for records: of their latest version).
        Columns: ``record_id, proeftuin, version, saved_at, saved_by`` and the payload's
        fields. Payloads are read as saved, without re-validation, so large tables stay fast.
        """
        t = records_table
        meta = ["record_id", "proeftuin", "version", "saved_at", "saved_by"]
        # Every version, in save order (the kind index keeps them in row order, no sort);
        # for the latest, keep each record's last row: a newer version is always a later row.
        # This is several times quicker than asking SQL for the newest version per record.
        query = (
            sa.select(*(t.c[name] for name in [*meta, "payload"]))
            .where(t.c.kind == model.KIND)
            .order_by(t.c.id)
        )
        if proeftuin is not None:
            query = query.where(t.c.proeftuin == proeftuin)
        rows = self._run(lambda: self._raw_rows(query))
        # A payload field named like a store column (e.g. a checklist's own "proeftuin") is
        # left out: the store's column is the one every query and filter uses.
        fields = [name for name in model.model_fields if name not in meta]
        if not rows:
            return pd.DataFrame(columns=meta + fields)
        frame = pd.DataFrame.from_records(rows, columns=[*meta, "payload"])
        payloads = frame.pop("payload").tolist()
        if not history:
            latest = ~frame["record_id"].duplicated(keep="last").to_numpy()
            if not latest.all():
                frame = frame[latest].reset_index(drop=True)
                payloads = list(compress(payloads, latest))
        # One parse over all payloads is several times faster than one per row.
        body = pd.DataFrame.from_records(orjson.loads("[" + ",".join(payloads) + "]"),
                                         columns=fields)
        frame["saved_at"] = pd.to_datetime(frame["saved_at"], format="ISO8601")
        for name in fields:
            frame[name] = body[name].to_numpy()
        return frame

    def proeftuinen(self) -> list[str]:
        """The ids of all proeftuinen that have any record."""
        t = records_table
        query = sa.select(t.c.proeftuin).distinct().order_by(t.c.proeftuin)
        return [row.proeftuin for row in self._rows(query)]

    def _latest_query(
        self, kind: str, proeftuin: str | None, *, by_creation: bool = True
    ) -> sa.Select:
        """Rows that no newer version of the same record supersedes, in order of creation.

        The NOT EXISTS probe uses the (kind, record_id, version) unique index, which is far
        quicker than grouping all versions. Creation order (the first version's row id) is
        what a list on screen needs; tables for researchers take the cheaper row order.
        """
        t = records_table
        newer = t.alias("newer")
        first = t.alias("first")
        superseded = sa.exists().where(
            newer.c.kind == t.c.kind,
            newer.c.record_id == t.c.record_id,
            newer.c.version > t.c.version,
        )
        created = (
            sa.select(first.c.id)
            .where(first.c.kind == t.c.kind, first.c.record_id == t.c.record_id,
                   first.c.version == 1)
            .scalar_subquery()
        )
        query = sa.select(t).where(t.c.kind == kind, ~superseded)
        if proeftuin is not None:
            query = query.where(t.c.proeftuin == proeftuin)
        return query.order_by(sa.func.coalesce(created, t.c.id) if by_creation else t.c.id)

    @staticmethod
    def _version(model: type[R], row: Any) -> Version[R]:
        return Version(
            row.kind,
            row.proeftuin,
            row.record_id,
            row.version,
            datetime.fromisoformat(row.saved_at),
            row.saved_by,
            model.model_validate_json(row.payload),
        )

    # -- plumbing ------------------------------------------------------------------------

    def _rows(self, query: sa.Select) -> Sequence[Any]:
        def read() -> Sequence[Any]:
            with self.engine.connect() as connection:
                return connection.execute(query).all()

        return self._run(read)

    def _raw_rows(self, query: sa.Select) -> list[tuple]:
        """Plain tuples straight from the driver: for bulk reads of text and integers,
        SQLAlchemy's row objects add nothing but a tenth of a second per 100,000 rows."""
        with self.engine.connect() as connection:
            return connection.execute(query).cursor.fetchall()

    def _run(self, action: Callable[[], T]) -> T:
        """Run ``action``, retrying when the database is busy; translate failures."""
        for attempt in range(RETRIES):
            try:
                return action()
            except (OperationalError, IntegrityError) as error:
                if not _is_transient(error) or attempt == RETRIES - 1:
                    raise _store_error(error, self.path) from error
                time.sleep(0.02 * 2**attempt)
            except DBAPIError as error:
                raise _store_error(error, self.path) from error
            except sqlite3.Error as error:  # raised outside SQLAlchemy's wrapping
                raise StoreError("core.store.failed") from error
        raise StoreError("core.store.failed")  # pragma: no cover - the loop always returns


_open: dict[str, Store] = {}


def open_store(url: str | None = None) -> Store:
    """The store at ``url`` (default: :func:`leven.core.settings.database_url`), opened once."""
    from leven.core.settings import database_url

    url = url or database_url()
    if url not in _open:
        _open[url] = Store(url)
    return _open[url]

