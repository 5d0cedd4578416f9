"""Where an analysis' numbers come from: which store, how many records of each kind, and a
checksum of their content.

An analysis notebook shows this first, so a reader (or a researcher rerunning it years later)
sees at once whether it ran on the data it claims: the same data give the same checksum on any
machine and any database engine, other data a different one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from leven.core import i18n
from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.schema import records_table
from leven.core.store import Store


@dataclass(frozen=True)
class Provenance:
    """The store an analysis read: its name (never a full path), counts and checksum."""

    source: str
    versions_per_kind: dict[str, int]
    records_per_kind: dict[str, int]
    proeftuinen: tuple[str, ...]
    checksum: str

    @property
    def versions(self) -> int:
        return sum(self.versions_per_kind.values())


def source_name(url: str) -> str:
    """An SQLite file by its name only (paths differ per machine); others without password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite: {Path(parsed.database).name}" if parsed.database else "SQLite: (geheugen)"
    return parsed.render_as_string(hide_password=True)


def existing_store(url: str) -> Store:
    """The store at ``url``, refusing a missing SQLite file instead of creating an empty one."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        if not path.exists():
            raise LevenError("core.provenance.missing", path=str(path))
    return Store(url)


def describe(found: Provenance) -> str:
    """The lines a notebook prints: source, counts per kind, checksum (catalogue texts)."""
    lines = [t("core.provenance.summary", source=found.source, language=i18n.language(),
               proeftuinen=len(found.proeftuinen), records=sum(found.records_per_kind.values()),
               versions=found.versions, checksum=found.checksum)]
    lines += [t("core.provenance.kind", kind=kind, records=found.records_per_kind[kind],
                versions=count) for kind, count in found.versions_per_kind.items()]
    return "\n".join(lines)


def provenance(store: Store) -> Provenance:
    """Counts per kind and a SHA-256 over every version (kind, record, version, time, payload)."""
    t = records_table
    query = sa.select(t.c.kind, t.c.proeftuin, t.c.record_id, t.c.version, t.c.saved_at,
                      t.c.payload).order_by(t.c.kind, t.c.record_id, t.c.version)
    digest = hashlib.sha256()
    versions: dict[str, int] = {}
    records: dict[str, set[str]] = {}
    proeftuinen: set[str] = set()
    with store.engine.connect() as connection:
        for row in connection.execute(query):
            versions[row.kind] = versions.get(row.kind, 0) + 1
            records.setdefault(row.kind, set()).add(row.record_id)
            proeftuinen.add(row.proeftuin)
            line = "\x1f".join((row.kind, row.record_id, str(row.version), row.saved_at,
                                row.payload))
            digest.update(line.encode("utf-8") + b"\x1e")
    return Provenance(
        source=source_name(store.url),
        versions_per_kind=dict(sorted(versions.items())),
        records_per_kind={kind: len(ids) for kind, ids in sorted(records.items())},
        proeftuinen=tuple(sorted(proeftuinen)),
        checksum=digest.hexdigest()[:16],
    )
