"""Word statistics over notes: which words the group uses, and where the domains differ.

The dream phase ends with a look at "overeenkomsten en verschillen in taal": a GP may speak of
*zorgpad* and *ACP*, a social worker of *buurt* and *netwerk* for much the same future. These
pure functions count words so a view can show that; they read any objects with the attributes
of :class:`Note` (a collage note has them), so every instrument that collects words shares them.

Tokens are lowercase runs of letters (diacritics included, so *patiënt* stays one word) with
inner hyphens kept (*mantel-zorg*); numbers, words shorter than three letters and the stop words
in ``templates/stopwoorden_nl.txt`` are dropped.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Protocol

import pandas as pd

from leven.core import settings

TEMPLATES_DIR = settings.TEMPLATES_DIR
STOPWORDS_FILE = TEMPLATES_DIR / "stopwoorden_nl.txt"
MIN_LENGTH = 3
SMOOTHING = 0.5

DOMEINEN = ("zorg", "sociaal_domein")

FREQUENT_COLUMNS = ("woord", "aantal", "notities")
DOMAIN_COLUMNS = (
    "woord",
    "aantal_zorg",
    "aantal_sociaal_domein",
    "relatief_zorg",
    "relatief_sociaal_domein",
    "log_ratio",
    "alleen_in",
)

# Letters only (no digits, no underscore), optionally joined by hyphens.
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_TAG = re.compile(r"</?[A-Za-z!][^<>]{0,200}>")
# Typographic hyphens people paste from word processors count as a plain hyphen.
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})



class Note(Protocol):
    """What the word statistics read of a note (a collage note has all of it)."""

    @property
    def titel(self) -> str: ...

    @property
    def metafoor(self) -> str | None: ...

    @property
    def trefwoorden(self) -> list[str]: ...

    @property
    def tekst(self) -> str | None: ...

    @property
    def domein(self) -> str | None: ...


@cache
def stopwords(path: Path = STOPWORDS_FILE) -> frozenset[str]:
    """The stop words: one per line, ``#`` comments and empty lines ignored."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.strip().lower()
        if word and not word.startswith("#"):
            words.add(unicodedata.normalize("NFC", word))
    return frozenset(words)


def tokenize(text: str) -> list[str]:
    """The meaningful words of a Dutch text, in order (see the module docstring for the rules)."""
    # text pasted from a web page or mail brings tags and entities: words, not markup, count
    text = html.unescape(_TAG.sub(" ", text))
    text = unicodedata.normalize("NFC", text).translate(_HYPHENS).lower()
    stop = stopwords()
    return [w for w in _WORD.findall(text) if len(w) >= MIN_LENGTH and w not in stop]


def note_tokens(note: Note) -> list[str]:
    """The words of one note: titel, metafoor, trefwoorden and tekst together."""
    parts = [note.titel or "", note.metafoor or "", *(note.trefwoorden or []), note.tekst or ""]
    return [token for part in parts for token in tokenize(part)]


def frequent_words(notes: Iterable[Note], n: int | None = 20) -> pd.DataFrame:
    """The ``n`` most used words (all if ``n`` is None): ``woord``, ``aantal`` (occurrences),
    ``notities`` (in how many notes); most used first, ties alphabetically.
    """
    total: Counter[str] = Counter()
    in_notes: Counter[str] = Counter()
    for note in notes:
        tokens = note_tokens(note)
        total.update(tokens)
        in_notes.update(set(tokens))
    ranked = sorted(total.items(), key=lambda item: (-item[1], item[0]))
    if n is not None:
        ranked = ranked[: max(n, 0)]
    rows = [(word, count, in_notes[word]) for word, count in ranked]
    frame = pd.DataFrame(rows, columns=list(FREQUENT_COLUMNS))
    return frame.astype({"woord": "object", "aantal": "int64", "notities": "int64"})


def domain_counts(notes: Iterable[Note]) -> dict[str, Counter[str]]:
    """Word counts per domain; notes without a domain are left out."""
    counts: dict[str, Counter[str]] = {domein: Counter() for domein in DOMEINEN}
    for note in notes:
        if note.domein in counts:
            counts[note.domein].update(note_tokens(note))
    return counts


def log_ratio(count_zorg: int, total_zorg: int, count_sociaal: int, total_sociaal: int) -> float:
    """How differently a word is used: log2 of its smoothed relative frequency in zorg over
    that in the sociaal domein.

    Smoothing adds 0.5 to the word's count and 0.5 to the count of all other words in each
    domain, i.e. ``p = (c + 0.5) / (N + 1)``, so a word used by one domain only still gets a
    finite value and a domain without words gives 0. Positive: typical of zorg; negative:
    typical of the sociaal domein; +1 means twice as frequent in zorg.
    """
    p_zorg = (count_zorg + SMOOTHING) / (total_zorg + 2 * SMOOTHING)
    p_sociaal = (count_sociaal + SMOOTHING) / (total_sociaal + 2 * SMOOTHING)
    return math.log2(p_zorg / p_sociaal)


def words_by_domain(notes: Iterable[Note], min_count: int = 1) -> pd.DataFrame:
    """Compare the words of zorg and sociaal domein, one row per word used at least
    ``min_count`` times in the two together.

    Columns: ``aantal_*`` (occurrences), ``relatief_*`` (share of that domain's words, 0 for a
    domain without words), ``log_ratio`` (see :func:`log_ratio`), ``alleen_in`` (the domain
    that alone uses the word, else None). Most differently used first (largest absolute
    log-ratio), then the most used, then alphabetically.
    """
    counts = domain_counts(notes)
    zorg, sociaal = counts["zorg"], counts["sociaal_domein"]
    n_zorg, n_sociaal = sum(zorg.values()), sum(sociaal.values())
    rows = []
    for word in sorted(set(zorg) | set(sociaal)):
        c_z, c_s = zorg[word], sociaal[word]
        if c_z + c_s < min_count:
            continue
        only = "zorg" if c_s == 0 else "sociaal_domein" if c_z == 0 else None
        rows.append(
            (
                word,
                c_z,
                c_s,
                c_z / n_zorg if n_zorg else 0.0,
                c_s / n_sociaal if n_sociaal else 0.0,
                log_ratio(c_z, n_zorg, c_s, n_sociaal),
                only,
            )
        )
    # Rounded in the sort key so mirror-image words tie exactly and fall back to the alphabet.
    rows.sort(key=lambda row: (-round(abs(row[5]), 9), -(row[1] + row[2]), row[0]))
    dtypes = ("object", "int64", "int64", "float64", "float64", "float64", "object")
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(DOMAIN_COLUMNS)
    # Built column by column: pandas would otherwise turn the None of ``alleen_in`` into NaN.
    return pd.DataFrame(
        {
            name: pd.Series(list(values), dtype=dtype)
            for name, values, dtype in zip(DOMAIN_COLUMNS, columns, dtypes, strict=True)
        }
    )


def domain_totals(notes: Iterable[Note]) -> dict[str, dict[str, int]]:
    """Per domain the number of notes and of (meaningful) words, to put the comparison in
    proportion: a domain with two notes says little.
    """
    totals = {domein: {"notities": 0, "woorden": 0} for domein in DOMEINEN}
    for note in notes:
        if note.domein in totals:
            totals[note.domein]["notities"] += 1
            totals[note.domein]["woorden"] += len(note_tokens(note))
    return totals


def domain_totals_table(notes: Iterable[Note]) -> pd.DataFrame:
    """:func:`domain_totals` as a table: one row per domain (``domein``, ``notities``,
    ``woorden``), in the usual order of the domains."""
    totals = domain_totals(notes)
    rows = [(domein, totals[domein]["notities"], totals[domein]["woorden"]) for domein in DOMEINEN]
    return pd.DataFrame(rows, columns=["domein", "notities", "woorden"])


class _Stored(Protocol):
    """A stored version as the store hands it out: which proeftuin, and the note itself."""

    @property
    def proeftuin(self) -> str: ...

    @property
    def record(self) -> Note: ...


def frequent_words_per_proeftuin(versions: Iterable[_Stored], n: int = 10) -> pd.DataFrame:
    """The ``n`` most used words of each proeftuin's notes, to compare the proeftuinen:
    ``proeftuin``, ``rang`` (1 = most used), then the columns of :func:`frequent_words`."""
    notes: dict[str, list[Note]] = {}
    for version in versions:
        notes.setdefault(version.proeftuin, []).append(version.record)
    parts = []
    for proeftuin in sorted(notes):
        frame = frequent_words(notes[proeftuin], n=n)
        frame.insert(0, "rang", range(1, len(frame) + 1))
        frame.insert(0, "proeftuin", proeftuin)
        parts.append(frame)
    if not parts:
        return pd.DataFrame(columns=["proeftuin", "rang", *FREQUENT_COLUMNS])
    return pd.concat(parts, ignore_index=True)
