"""Drafts and photos: what forms and uploads keep beside the records.

Drafts are scratch copies of what a form holds while someone types (replaced on every
keystroke, not versioned); blobs are cleaned photos, stored once and never changed. A mixin
of :class:`leven.core.store.Store`, which gives it ``engine``, ``read_only``, ``path``,
``_run``, ``_rows`` and ``_refuse_writes``.

On a read-only store drafts are not kept (they are background saves: the form goes on, and
the browser keeps what is typed), and a blob is refused like a record, with the file's path.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa

from leven.core.schema import blobs_table, drafts_table, new_id, now

T = TypeVar("T")

log = logging.getLogger("leven")


@dataclass(frozen=True)
class Draft:
    """What a form held when its page was closed."""

    key: str
    saved_at: datetime
    values: dict[str, Any]


class DraftsAndBlobs:
    """The drafts and blobs part of the store."""

    engine: sa.Engine
    read_only: bool
    path: Path | None
    _run: Callable[[Callable[[], T]], T]
    _refuse_writes: Callable[[], None]
    _rows: Callable[[sa.Select], Sequence[Any]]

    # -- drafts --------------------------------------------------------------------------

    def save_draft(self, key: str, values: dict[str, Any]) -> None:
        """Keep what a form holds now under ``key``, replacing the previous draft."""
        if self.read_only:
            log.debug("draft %s not kept: %s is read-only", key, self.path)
            return
        text = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
        d = drafts_table

        def replace() -> None:
            with self.engine.begin() as connection:
                connection.execute(d.delete().where(d.c.draft_key == key))
                connection.execute(d.insert().values(draft_key=key, saved_at=now(), values=text))

        self._run(replace)

    def load_draft(self, key: str) -> Draft | None:
        """The draft kept under ``key``, if any."""
        d = drafts_table
        rows = self._rows(sa.select(d).where(d.c.draft_key == key))
        if not rows:
            return None
        row = rows[0]
        return Draft(row.draft_key, datetime.fromisoformat(row.saved_at), json.loads(row.values))

    def drafts(self, prefix: str) -> list[Draft]:
        """Every draft whose key starts with ``prefix`` (oldest first)."""
        d = drafts_table
        query = (
            sa.select(d).where(d.c.draft_key.startswith(prefix, autoescape=True))
            .order_by(d.c.saved_at)
        )
        return [
            Draft(row.draft_key, datetime.fromisoformat(row.saved_at), json.loads(row.values))
            for row in self._rows(query)
        ]

    def discard_draft(self, key: str) -> None:
        """Forget the draft under ``key`` (after a successful save, or when declined)."""
        if self.read_only:  # offered again next time: a read-only file cannot forget it
            return
        d = drafts_table

        def delete() -> None:
            with self.engine.begin() as connection:
                connection.execute(d.delete().where(d.c.draft_key == key))

        self._run(delete)

    # -- binary data (photos) ------------------------------------------------------------

    def save_blob(
        self, data: bytes, *, proeftuin: str, media_type: str, blob_id: str | None = None
    ) -> str:
        """Keep binary data (a cleaned photo) and return its id; blobs are never changed."""
        self._refuse_writes()
        blob_id = blob_id or new_id()
        b = blobs_table

        def insert() -> None:
            with self.engine.begin() as connection:
                connection.execute(
                    b.insert().values(
                        blob_id=blob_id, proeftuin=proeftuin, media_type=media_type,
                        saved_at=now(), data=data,
                    )
                )

        self._run(insert)
        return blob_id

    def load_blob(self, blob_id: str) -> tuple[bytes, str] | None:
        """The data and media type of a blob, or ``None``."""
        b = blobs_table
        rows = self._rows(sa.select(b.c.data, b.c.media_type).where(b.c.blob_id == blob_id))
        return (bytes(rows[0].data), rows[0].media_type) if rows else None
