"""``leven sync SOURCE TARGET``: every record version of one store into another, drafts never.

For a laptop that worked offline (SQLite -> the shared PostgreSQL after a meeting) and for
taking a proeftuin offline (PostgreSQL -> SQLite). Versions are immutable, so a sync is a
union. A version is known by its record (kind, record id) and its content hash (when, by
whom, what): one the target has already, under any number, is skipped; a new one is added as
the record's next version, which is its own number when the two stores did not diverge. When
the same record was edited on both machines while apart, both got the same number: the
incoming one is then numbered after the latest and noted in ``concurrent_edits`` (and listed)
so a facilitator can look. Photos (blobs) of a proeftuin travel with it.

Each proeftuin is one transaction on the target, during which saves of that proeftuin wait
(PostgreSQL: one lock on the proeftuin, whatever its size; SQLite: the file's write lock). A
sync that is stopped half-way (even by SIGKILL) leaves every proeftuin whole or untouched, and
running it again finishes the job; a second run copies nothing. Version numbers of each record
stay gap-free, and a newer version is always a later row (what :meth:`Store.frame` relies on).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.opening import sqlite_path
from leven.core.schema import (
    blobs_table,
    concurrent_edits_table,
    lock_proeftuin,
    now,
    records_table,
)
from leven.core.store import Store

#: versions written (and counted in the progress) per statement
CHUNK = 5000
Row = tuple[str, str, int, str, str, str]  # kind, record_id, version, saved_at, saved_by, payload


class SyncError(LevenError):
    """A sync that cannot start; the message says in Dutch why."""


@dataclass(frozen=True)
class ConcurrentEdit:
    """A version renumbered on the way in: its record was edited on both sides while apart."""

    kind: str
    proeftuin: str
    record_id: str
    original_version: int
    version: int


@dataclass
class Synced:
    """What a sync did for one proeftuin."""

    proeftuin: str
    copied: int = 0
    skipped: int = 0
    blobs: int = 0
    concurrent: list[ConcurrentEdit] = field(default_factory=list)


def content_hash(saved_at: str, saved_by: str, payload: str) -> str:
    """What makes two versions of one record the same version."""
    return hashlib.sha256("\x1f".join((saved_at, saved_by, payload)).encode()).hexdigest()


def label(store: Store) -> str:
    """How a store is named in messages: its file, or its URL without a password."""
    if store.path is not None:
        return str(store.path)
    return sa.engine.make_url(store.url).render_as_string(hide_password=True)


def sync(
    source: Store,
    target: Store,
    proeftuinen: Sequence[str] | None = None,
    *,
    say: Callable[[str], None] = lambda _: None,
    chunk: int = CHUNK,
) -> list[Synced]:
    """Bring every version (and photo) of the chosen proeftuinen from ``source`` to ``target``.

    ``say`` gets the progress and the result of each proeftuin, in Dutch (or English).
    """
    target._refuse_writes()
    known = sorted(set(source.proeftuinen()) | _blob_proeftuinen(source))
    for chosen in proeftuinen or []:
        if chosen not in known:
            raise SyncError("sync.error.unknown_proeftuin", proeftuin=chosen,
                            known=", ".join(known) or "-")
    chosen = [p for p in known if proeftuinen is None or p in proeftuinen]
    origin = label(source)
    say(t("sync.progress.start", source=origin, target=label(target), count=len(chosen)))
    results = []
    for proeftuin in chosen:
        rows = _source_rows(source, proeftuin)
        result = target._run(
            lambda proeftuin=proeftuin, rows=rows: _sync_proeftuin(
                source, target, proeftuin, rows, origin, say, chunk))
        say(t("sync.progress.proeftuin", proeftuin=proeftuin, copied=result.copied,
              skipped=result.skipped, blobs=result.blobs, concurrent=len(result.concurrent)))
        for edit in result.concurrent:
            say(t("sync.progress.concurrent", kind=edit.kind, record_id=edit.record_id,
                  proeftuin=edit.proeftuin, original=edit.original_version,
                  version=edit.version, source=origin))
        results.append(result)
    say(t("sync.progress.done", copied=sum(r.copied for r in results),
          skipped=sum(r.skipped for r in results), blobs=sum(r.blobs for r in results),
          concurrent=sum(len(r.concurrent) for r in results)))
    return results


def _blob_proeftuinen(store: Store) -> set[str]:
    b = blobs_table
    return {row.proeftuin for row in store._rows(sa.select(b.c.proeftuin).distinct())}


def _version_rows(connection: sa.Connection, proeftuin: str) -> list[Row]:
    t_ = records_table
    query = (
        sa.select(t_.c.kind, t_.c.record_id, t_.c.version, t_.c.saved_at, t_.c.saved_by,
                  t_.c.payload)
        .where(t_.c.proeftuin == proeftuin)
        .order_by(t_.c.kind, t_.c.record_id, t_.c.version)
    )
    return [tuple(row) for row in connection.execute(query).cursor.fetchall()]


def _source_rows(source: Store, proeftuin: str) -> list[Row]:
    def read() -> list[Row]:
        with source.engine.connect() as connection:
            return _version_rows(connection, proeftuin)

    return source._run(read)


def _lock_for_writing(connection: sa.Connection, proeftuin: str) -> None:
    """Hold off other writers of the proeftuin (PostgreSQL: one lock, whatever its number of
    records) or of the file (SQLite) until the commit, so the numbers read below are still
    the latest when the rows go in."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        lock_proeftuin(connection, proeftuin)


def _sync_proeftuin(
    source: Store, target: Store, proeftuin: str, rows: list[Row], origin: str,
    say: Callable[[str], None], chunk: int,
) -> Synced:
    """One proeftuin in one transaction of the target (rolled back on any error)."""
    result = Synced(proeftuin)
    with target.engine.begin() as connection:
        _lock_for_writing(connection, proeftuin)
        hashes: dict[tuple[str, str], set[str]] = defaultdict(set)
        latest: dict[tuple[str, str], int] = {}
        for kind, record_id, version, saved_at, saved_by, payload in _version_rows(
                connection, proeftuin):
            hashes[kind, record_id].add(content_hash(saved_at, saved_by, payload))
            latest[kind, record_id] = max(version, latest.get((kind, record_id), 0))
        new_rows: list[dict] = []
        for done, (kind, record_id, version, saved_at, saved_by, payload) in enumerate(rows, 1):
            key, digest = (kind, record_id), content_hash(saved_at, saved_by, payload)
            if digest in hashes[key]:
                result.skipped += 1
            else:
                number = latest.get(key, 0) + 1  # gap-free; its own number unless diverged
                if version < number:
                    result.concurrent.append(
                        ConcurrentEdit(kind, proeftuin, record_id, version, number))
                hashes[key].add(digest)
                latest[key] = number
                new_rows.append({"kind": kind, "proeftuin": proeftuin, "record_id": record_id,
                                 "version": number, "saved_at": saved_at, "saved_by": saved_by,
                                 "payload": payload})
            if len(new_rows) >= chunk:
                connection.execute(records_table.insert(), new_rows)
                result.copied += len(new_rows)
                new_rows = []
            if done % chunk == 0:
                say(t("sync.progress.versions", proeftuin=proeftuin, done=done, total=len(rows)))
        if new_rows:
            connection.execute(records_table.insert(), new_rows)
            result.copied += len(new_rows)
        if result.concurrent:
            stamp = now()
            connection.execute(concurrent_edits_table.insert(), [
                {"kind": e.kind, "proeftuin": e.proeftuin, "record_id": e.record_id,
                 "version": e.version, "original_version": e.original_version,
                 "source": origin[:500], "synced_at": stamp} for e in result.concurrent])
        result.blobs = _copy_blobs(source, connection, proeftuin)
    return result


def _copy_blobs(source: Store, connection: sa.Connection, proeftuin: str) -> int:
    """The proeftuin's photos that the target lacks (blobs never change: an id is enough)."""
    b = blobs_table
    have = set(connection.execute(
        sa.select(b.c.blob_id).where(b.c.proeftuin == proeftuin)).scalars())
    wanted = [row.blob_id for row in source._rows(
        sa.select(b.c.blob_id).where(b.c.proeftuin == proeftuin).order_by(b.c.blob_id))
        if row.blob_id not in have]
    for start in range(0, len(wanted), 50):  # photos are large: a few at a time
        batch = source._rows(sa.select(b).where(b.c.blob_id.in_(wanted[start:start + 50])))
        connection.execute(b.insert(), [
            {"blob_id": row.blob_id, "proeftuin": row.proeftuin, "media_type": row.media_type,
             "saved_at": row.saved_at, "data": bytes(row.data)} for row in batch])
    return len(wanted)


def sync_command(source_url: str, target_url: str, proeftuinen: Sequence[str] | None) -> None:
    """``leven sync``: open both stores, sync, print as it goes; a refusal ends the command."""
    from leven.core.store import StoreError

    path = sqlite_path(source_url)
    if path is not None and not Path(path).exists():
        raise SystemExit(t("sync.error.no_source", source=path))
    try:
        source, target = Store(source_url), Store(target_url)
    except StoreError as error:
        raise SystemExit(str(error)) from None
    try:
        if label(source) == label(target):
            raise SystemExit(t("sync.error.same", source=label(source)))
        sync(source, target, proeftuinen, say=lambda line: print(line, flush=True))
    except (SyncError, StoreError) as error:
        raise SystemExit(str(error)) from None
    finally:
        source.close()
        target.close()
