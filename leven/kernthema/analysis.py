"""How the kernthema and the ambition changed, version by version: tables and word diffs.

The store keeps every save as a new version; these functions only read those versions, so
the group can see how its words changed without this module knowing how versions are
stored. Pure: no widgets, no store.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Literal, NamedTuple, Protocol

import pandas as pd

from leven.kernthema.records import Kernthema

DiffKind = Literal["equal", "insert", "delete"]

EVOLUTION_COLUMNS: tuple[str, ...] = ("version", "datum", "status", "kernthema", "ambitie", "wie")


class KernthemaVersie(Protocol):
    """What the store hands us for each saved version (read-only attributes suffice)."""

    @property
    def version(self) -> int: ...

    @property
    def saved_at(self) -> datetime: ...

    @property
    def saved_by(self) -> str: ...

    @property
    def record(self) -> Kernthema: ...


class DiffToken(NamedTuple):
    """One piece of a word diff: ``equal`` text is in both, ``delete`` only old, ``insert`` new."""

    kind: DiffKind
    text: str


class AmbitieWijziging(NamedTuple):
    """The change of the ambition from one version to the next."""

    van_versie: int
    naar_versie: int
    tokens: list[DiffToken]

    @property
    def changed(self) -> bool:
        return any(token.kind != "equal" for token in self.tokens)


def _ordered(versions: Iterable[KernthemaVersie]) -> list[KernthemaVersie]:
    return sorted(versions, key=lambda v: v.version)


def evolution(versions: Iterable[KernthemaVersie]) -> pd.DataFrame:
    """One row per version, oldest first: how the kernthema and the ambition evolved.

    ``datum`` is the date written in the record, else the day it was saved; ``wie`` the people
    written in the record, else who saved it — so an old version without those still shows.
    """
    rows = [
        {
            "version": int(v.version),
            "datum": v.record.datum or v.saved_at.date(),
            "status": v.record.status,
            "kernthema": v.record.kernthema,
            "ambitie": v.record.ambitie,
            "wie": v.record.wie or v.saved_by,
        }
        for v in _ordered(versions)
    ]
    frame = pd.DataFrame(rows, columns=list(EVOLUTION_COLUMNS))
    return frame.astype({"version": "int64"})


# Words (with inner hyphens/apostrophes), single punctuation marks, and runs of whitespace:
# concatenating the tokens gives back the text exactly, so a view can render either side.
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]|\s+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[DiffToken]:
    """Word-level diff of two texts as ``(kind, text)`` tokens, merged into readable runs.

    The ``equal`` and ``delete`` texts in order give ``old`` back; ``equal`` and ``insert`` give
    ``new``. Within each changed stretch all deleted words come before the inserted ones, and
    a lone space between two changes counts as changed, so a rewritten sentence reads as one
    deletion and one insertion instead of a word-by-word zigzag.
    """
    a, b = _tokens(old), _tokens(new)
    raw: list[DiffToken] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            raw.append(DiffToken("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append(DiffToken("delete", "".join(a[i1:i2])))
        if j2 > j1:
            raw.append(DiffToken("insert", "".join(b[j1:j2])))

    # Whitespace-only equal runs squeezed between changes belong to the change.
    absorbed: list[DiffToken] = []
    for index, token in enumerate(raw):
        between_changes = (
            token.kind == "equal"
            and not token.text.strip()
            and 0 < index < len(raw) - 1
            and raw[index - 1].kind != "equal"
            and raw[index + 1].kind != "equal"
        )
        if between_changes:
            absorbed += [DiffToken("delete", token.text), DiffToken("insert", token.text)]
        else:
            absorbed.append(token)

    result: list[DiffToken] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            result.append(DiffToken("delete", "".join(deleted)))
        if inserted:
            result.append(DiffToken("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for token in absorbed:
        if token.kind == "delete":
            deleted.append(token.text)
        elif token.kind == "insert":
            inserted.append(token.text)
        else:
            flush()
            if result and result[-1].kind == "equal":
                result[-1] = DiffToken("equal", result[-1].text + token.text)
            else:
                result.append(token)
    flush()
    return _slide_to_word_start(result)


def _slide_to_word_start(tokens: list[DiffToken]) -> list[DiffToken]:
    """Shift a pure insertion or deletion so it starts at a word: "Huisartsen [en welzijn ]weten"
    rather than "Huisartsen[ en welzijn] weten". The texts of both sides stay the same."""
    tokens = list(tokens)
    for index in range(1, len(tokens) - 1):
        before, change, after = tokens[index - 1], tokens[index], tokens[index + 1]
        if before.kind != "equal" or after.kind != "equal" or change.kind == "equal":
            continue
        shift = 0
        while (
            shift < len(change.text)
            and shift < len(after.text)
            and change.text[shift].isspace()
            and change.text[shift] == after.text[shift]
        ):
            shift += 1
        if shift:
            moved = change.text[:shift]
            tokens[index - 1] = DiffToken("equal", before.text + moved)
            tokens[index] = DiffToken(change.kind, change.text[shift:] + moved)
            tokens[index + 1] = DiffToken("equal", after.text[shift:])
    return [token for token in tokens if token.text]


def sides(tokens: Sequence[DiffToken]) -> tuple[list[DiffToken], list[DiffToken]]:
    """Split a diff into the old side (equal + delete) and the new side (equal + insert)."""
    old = [token for token in tokens if token.kind in ("equal", "delete")]
    new = [token for token in tokens if token.kind in ("equal", "insert")]
    return old, new


def ambition_changes(versions: Iterable[KernthemaVersie]) -> list[AmbitieWijziging]:
    """The word diff of the ambition between each pair of consecutive versions, oldest first."""
    ordered = _ordered(versions)
    return [
        AmbitieWijziging(
            van_versie=int(before.version),
            naar_versie=int(after.version),
            tokens=word_diff(before.record.ambitie, after.record.ambitie),
        )
        for before, after in itertools.pairwise(ordered)
    ]


def current(versions: Iterable[KernthemaVersie]) -> KernthemaVersie | None:
    """The newest version, or ``None`` before anything was saved."""
    ordered = _ordered(versions)
    return ordered[-1] if ordered else None


def fixed(versions: Iterable[KernthemaVersie]) -> KernthemaVersie | None:
    """The newest *vastgestelde* version (the ambition as fixed), or ``None`` if not yet fixed."""
    ordered = [v for v in _ordered(versions) if v.record.status == "vastgesteld"]
    return ordered[-1] if ordered else None



class _StoredVersie(NamedTuple):
    """A version read back from a store DataFrame (``Store.frame(..., history=True)``)."""

    version: int
    saved_at: datetime
    saved_by: str
    record: Kernthema


def _versions_by_proeftuin(frame: pd.DataFrame) -> dict[str, list[_StoredVersie]]:
    """The versions in a history frame, grouped by proeftuin (alphabetically)."""
    fields = list(Kernthema.model_fields)
    grouped: dict[str, list[_StoredVersie]] = {}
    for row in frame.to_dict("records"):
        # pd.isna catches both None and a pandas NaN of a scalar; the one list (gesprekken)
        # is kept as it is, and older versions without it get the default
        payload = {
            name: row[name] for name in fields
            if name in row and (isinstance(row[name], list | tuple) or not pd.isna(row[name]))
        }
        saved_at = pd.Timestamp(row["saved_at"]).to_pydatetime()
        versie = _StoredVersie(
            int(row["version"]),
            saved_at,
            str(row["saved_by"] or ""),
            Kernthema.model_validate(payload),
        )
        grouped.setdefault(str(row["proeftuin"]), []).append(versie)
    return {proeftuin: _ordered(grouped[proeftuin]) for proeftuin in sorted(grouped)}


def evolution_table(frame: pd.DataFrame) -> pd.DataFrame:
    """:func:`evolution` for every proeftuin at once, from ``Store.frame(Kernthema,
    history=True)``: a researcher's table with a ``proeftuin`` column first."""
    parts = [
        evolution(versions).assign(proeftuin=proeftuin)
        for proeftuin, versions in _versions_by_proeftuin(frame).items()
    ]
    columns = ["proeftuin", *EVOLUTION_COLUMNS]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


_EDGES = " \t\n,.;:"

CHANGES_COLUMNS: tuple[str, ...] = (
    "proeftuin",
    "van_versie",
    "naar_versie",
    "status",
    "weggehaald",
    "toegevoegd",
)


def ambition_changes_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Per proeftuin and pair of consecutive versions: the words taken out of and put into
    the ambition (changed stretches joined by `` | ``), and the status it went to."""
    rows = []
    for proeftuin, versions in _versions_by_proeftuin(frame).items():
        statuses = {v.version: v.record.status for v in versions}
        for change in ambition_changes(versions):
            # Punctuation at the edges of a stretch reads as noise in a table cell.
            deleted = [tok.text.strip(_EDGES) for tok in change.tokens if tok.kind == "delete"]
            inserted = [tok.text.strip(_EDGES) for tok in change.tokens if tok.kind == "insert"]
            rows.append(
                (
                    proeftuin,
                    change.van_versie,
                    change.naar_versie,
                    statuses[change.naar_versie],
                    " | ".join(part for part in deleted if part),
                    " | ".join(part for part in inserted if part),
                )
            )
    return pd.DataFrame(rows, columns=list(CHANGES_COLUMNS))
