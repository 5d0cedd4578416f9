"""What the stakeholdergesprekken say together: a table, words, ratings, links (pure pandas).

The kerngroep reads the interviews side by side before it drafts the voorlopige ambitie, and
a researcher later asks which interviews an ambition drew on. The words of "gewenste
toekomst" are counted by the shared word statistics (:mod:`leven.core.textstats`), with the
same stop words as the collage notes. No UI, no store: callers hand in the versions.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from leven.core.textstats import frequent_words
from leven.kernthema.records import Kernthema
from leven.netwerkkaart.records import Band, Netwerkkaart, SoortBand
from leven.stakeholdergesprek.records import Stakeholdergesprek

TABLE_COLUMNS: tuple[str, ...] = (
    "record_id",
    "proeftuin",
    "datum",
    "gesprekspartner",
    "naam",
    "interviewer",
    "waardering",
    "werkt_samen_met",
    "citaten",
)
DREW_ON_COLUMNS: tuple[str, ...] = ("version", "status", "datum", "gesprek", "naam")


class GesprekVersie(Protocol):
    """A stored interview as the store hands it out."""

    @property
    def record_id(self) -> str: ...

    @property
    def proeftuin(self) -> str: ...

    @property
    def record(self) -> Stakeholdergesprek: ...


class KernthemaVersie(Protocol):
    """A stored kernthema version (only what the link needs)."""

    @property
    def version(self) -> int: ...

    @property
    def record(self) -> Kernthema: ...


def interviews_table(
    versions: Iterable[GesprekVersie], names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """One row per interview, oldest first: who (id and ``naam`` from ``names``, the record
    ids of deelnemers and organisaties to their names), by whom, the rating and how many
    others and quotes were named. ``werkt_samen_met`` and ``citaten`` are counts."""
    names = names or {}
    rows = [
        (
            v.record_id,
            v.proeftuin,
            v.record.datum,
            v.record.gesprekspartner,
            names.get(v.record.gesprekspartner, v.record.gesprekspartner),
            names.get(v.record.interviewer, v.record.interviewer),
            v.record.waardering,
            len(v.record.werkt_samen_met),
            len(v.record.citaten),
        )
        for v in sorted(versions, key=lambda v: (v.record.datum, v.record_id))
    ]
    frame = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    frame["waardering"] = frame["waardering"].astype("Int64")
    return frame.astype({"werkt_samen_met": "int64", "citaten": "int64"})


@dataclass(frozen=True)
class _ToekomstNote:
    """An interview's "gewenste toekomst" as the word statistics read a note."""

    tekst: str
    titel: str = ""
    metafoor: str | None = None
    trefwoorden: tuple[str, ...] = ()
    domein: str | None = None


def toekomst_words(gesprekken: Iterable[Stakeholdergesprek], n: int | None = 15) -> pd.DataFrame:
    """The ``n`` most used words of "gewenste toekomst": ``woord``, ``aantal`` (occurrences)
    and ``notities`` (in how many interviews), as :func:`leven.core.textstats.frequent_words`."""
    notes = [_ToekomstNote(g.gewenste_toekomst) for g in gesprekken]
    return frequent_words(notes, n=n)  # type: ignore[arg-type]


def mean_rating(gesprekken: Iterable[Stakeholdergesprek]) -> float | None:
    """The mean 1–5 rating of today's collaboration over the interviews that gave one."""
    ratings = [g.waardering for g in gesprekken if g.waardering is not None]
    return sum(ratings) / len(ratings) if ratings else None


def drew_on(
    versions: Iterable[KernthemaVersie],
    gesprekken: Iterable[GesprekVersie],
    names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Which interviews each kernthema version drew on: one row per (version, interview),
    oldest version first; ``naam`` is the interviewee's name (the id when it is unknown, an
    empty name when the interview is not among ``gesprekken``)."""
    names = names or {}
    partner = {g.record_id: g.record.gesprekspartner for g in gesprekken}
    rows = [
        (
            v.version,
            v.record.status,
            v.record.datum,
            gesprek,
            names.get(partner[gesprek], partner[gesprek]) if gesprek in partner else "",
        )
        for v in sorted(versions, key=lambda v: v.version)
        for gesprek in v.record.gesprekken
    ]
    return pd.DataFrame(rows, columns=list(DREW_ON_COLUMNS)).astype({"version": "int64"})


def voorlopige(versions: Sequence[KernthemaVersie]) -> KernthemaVersie | None:
    """The newest voorlopige version: the ambition the interviews led to."""
    found = [v for v in versions if v.record.status == "voorlopig"]
    return max(found, key=lambda v: v.version) if found else None


# -- the netwerkkaart --------------------------------------------------------------------


def _key(text: str) -> str:
    """A name as it is compared: NFC, case folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def match_names(
    names: Iterable[str], actors: Mapping[str, str]
) -> tuple[dict[str, str], list[str]]:
    """Match named others to the proeftuin's actors (record id -> name): a name matches an
    actor's name or record id, ignoring capitals and spaces; a name two actors share is not
    guessed. Returns (name -> record id, the names without a match, in order)."""
    by_key: dict[str, set[str]] = {}
    for record_id, name in actors.items():
        by_key.setdefault(_key(name), set()).add(record_id)
        by_key.setdefault(_key(record_id), set()).add(record_id)
    matched: dict[str, str] = {}
    unmatched: list[str] = []
    for name in names:
        found = by_key.get(_key(name), set())
        if len(found) == 1:
            matched[name] = next(iter(found))
        else:
            unmatched.append(name)
    return matched, unmatched


@dataclass(frozen=True)
class NetwerkUpdate:
    """What "Zet in de netwerkkaart" does: the snapshot to save and what it found."""

    kaart: Netwerkkaart
    added: tuple[str, ...]  # record ids newly tied to the interviewee
    already: tuple[str, ...]  # record ids already tied (werkt samen) to the interviewee
    unmatched: tuple[str, ...]  # names that match no actor


def netwerk_update(
    gesprek: Stakeholdergesprek,
    actors: Mapping[str, str],
    kaart: Netwerkkaart | None,
    titel: str = "",
) -> NetwerkUpdate:
    """The ties (soort werkt samen) from the interviewee to the named others who are actors
    of the proeftuin, added to ``kaart`` (or to a new snapshot dated the interview's day when
    there is none). The interviewee's own name and ties already there are not added again."""
    matched, unmatched = match_names(gesprek.werkt_samen_met, actors)
    van = gesprek.gesprekspartner
    present = {b.pair for b in (kaart.banden if kaart else ()) if b.soort is SoortBand.WERKT_SAMEN}
    added: list[str] = []
    already: list[str] = []
    for naar in dict.fromkeys(matched.values()):
        if naar == van:
            continue
        (already if frozenset((van, naar)) in present else added).append(naar)
    if kaart is None:
        kaart = Netwerkkaart(titel=titel, datum=gesprek.datum)
    for naar in added:
        kaart = kaart.with_band(Band(van=van, naar=naar, soort=SoortBand.WERKT_SAMEN))
    return NetwerkUpdate(kaart, tuple(added), tuple(already), tuple(unmatched))


def latest_snapshot(versions: Iterable[object]) -> object | None:
    """The proeftuin's newest netwerkkaart (latest ``datum``, then the last created) among
    stored versions whose ``record`` is a :class:`Netwerkkaart`."""
    ordered = list(versions)
    if not ordered:
        return None
    return max(enumerate(ordered), key=lambda item: (item[1].record.datum, item[0]))[1]
