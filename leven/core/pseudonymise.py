"""Pseudonymisation of the dataset: people become stable codes, contact details go.

Every person (a deelnemer, whoever saved, scored, filled in or interviewed, the kerngroep in
a ``wie``) is replaced by ``P-`` and eight hex digits of an HMAC-SHA256 of the name with the
project secret (:mod:`leven.core.keys`): the same person gets the same code in every export
of that database, and without the secret nobody can go back from a code to a name. E-mail
addresses and phone numbers are dropped. Free text is scanned for the names of the people in
the dataset (full names, surnames, first names) and those are replaced by their codes (a
first name two people share by ``[naam]``). Optionally every date of a proeftuin is shifted
by one offset and free text is dropped.

What it does not do: names of people who appear nowhere as a person (a patient mentioned in a
note) are only caught when they happen to share a name with someone; organisations, places
and functions stay, and together they may still point to a person in a small proeftuin.

Pure: no store, no UI. The columns' roles come from :mod:`leven.core.codebook`.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise

import pandas as pd

from leven.core.codebook import role
from leven.core.dataset import Dataset, Table

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d(?:[ \-./()]{0,2}\d){8,13}(?!\w)")
#: Words that are part of names but never a name alone, and words for groups and titles (a
#: "Wethouder Smits" is Smits; "de wethouder" alone names nobody), not people.
PARTICLES = frozenset({"de", "den", "der", "van", "von", "het", "ten", "ter", "te", "la", "le",
                       "du", "el", "al", "bin", "ben", "op", "in", "'t"})
NOT_NAMES = frozenset({
    "kerngroep", "groep", "groepje", "team", "deelnemers", "deelnemer", "proeftuin", "welzijn",
    "hospice", "gemeente", "wijkverpleging", "huisarts", "huisartsen", "sociaal", "wijkteam",
    "organisatie", "mevrouw", "meneer", "dhr", "mevr", "dokter", "zuster", "wethouder",
    "burgemeester", "directeur", "bestuurder", "manager"})
#: An answer code of a choice question (kept with --no-free-text); anything else is open text.
ANSWER_CODE = re.compile(r"[\w.+-]{1,20}")
UNKNOWN = "[naam]"
EMAIL_MARK, PHONE_MARK = "[e-mail]", "[telefoon]"


WORD = re.compile(r"[\w'’]+")
#: what may stand between the words of one name: spaces, a hyphen, a full stop ("A. de Vries")
SEPARATOR = re.compile(r"[\s.\-]{1,3}")


def words(name: str) -> list[str]:
    """The words of a name as looked up: ``quirijnsz-wolterbeek`` is two words."""
    return WORD.findall(normal(name))


def normal(name: str) -> str:
    """A name as hashed: NFC, inner spaces collapsed, case folded ("Anna  de Vries" = "anna de
    vries"), so a differently typed name is still the same person."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


@dataclass
class Pseudonyms:
    """The people of a dataset and their codes, and the replacing of names in text."""

    secret: bytes
    people: set[str] = field(default_factory=set)  # normal() of every known person
    #: record ids and names of organisations and initiatives, which stay (they name nobody)
    ids: set[str] = field(default_factory=set)

    def code(self, name: str) -> str:
        digest = hmac.new(self.secret, normal(name).encode("utf-8"), hashlib.sha256)
        return "P-" + digest.hexdigest()[:8].upper()

    def add(self, names: Iterable[str]) -> None:
        for name in names:
            if isinstance(name, str) and name.strip() and name not in self.ids:
                self.people.add(normal(name))
        self.__dict__.pop("_lookup_cache", None)

    def _lookup(self) -> tuple[dict[str, str], int]:
        """Name (as words, see :func:`words`) -> code: every person's full name, and their
        surname phrase and single names; and the most words a name has."""
        if "_lookup_cache" in self.__dict__:
            return self.__dict__["_lookup_cache"]
        full = {" ".join(words(person)): self.code(person) for person in self.people}
        parts: dict[str, set[str]] = {}
        for person in self.people:
            found = words(person)
            candidates = {w for w in found if len(w) >= 3 and w not in PARTICLES}
            if len(found) > 2:  # "de vries", "el idrissi"
                candidates.add(" ".join(found[1:]))
            for word in candidates - NOT_NAMES:
                parts.setdefault(word, set()).add(self.code(person))
        lookup = {name: code for name, code in full.items() if name}
        for word, codes in parts.items():
            lookup.setdefault(word, codes.pop() if len(codes) == 1 else UNKNOWN)
        longest = max((name.count(" ") + 1 for name in lookup), default=0)
        self.__dict__["_lookup_cache"] = (lookup, longest)
        return lookup, longest

    def text(self, value: object) -> object:
        """Free text with e-mail addresses, phone numbers and known names replaced.

        Word by word (a dictionary look-up of the longest run of words that is a name), so a
        store with thousands of people is as quick as one with ten.
        """
        if not isinstance(value, str) or not value:
            return value
        value = PHONE.sub(PHONE_MARK, EMAIL.sub(EMAIL_MARK, value))
        lookup, longest = self._lookup()
        if not lookup:
            return value
        found = list(WORD.finditer(value))
        out, last, i = [], 0, 0
        while i < len(found):
            for n in range(min(longest, len(found) - i), 0, -1):
                run = found[i:i + n]
                if any(not SEPARATOR.fullmatch(value[a.end():b.start()])
                       for a, b in pairwise(run)):
                    continue
                code = lookup.get(" ".join(normal(m.group(0)) for m in run))
                if code:
                    out += [value[last:run[0].start()], code]
                    last, i = run[-1].end(), i + n
                    break
            else:
                i += 1
        return "".join([*out, value[last:]])

    def person(self, value: object) -> object:
        """A field that names people: a known person's code, else the text with the names in
        it replaced, else (an unknown name) the code of the whole value. Record ids stay."""
        if not isinstance(value, str) or not value.strip() or value in self.ids:
            return value
        if normal(value) in self.people:
            return self.code(value)
        replaced = self.text(value)
        return replaced if replaced != value else self.code(value)


@dataclass(frozen=True)
class Options:
    """What the export changes: people (codes, no contact details), free text, dates."""

    people: bool = True  # False: names and e-mail addresses stay (an export not to share)
    free_text: bool = True
    shifts: Mapping[str, int] = field(default_factory=dict)  # proeftuin -> days (shift)


def _roles(table: Table) -> dict[str, str | None]:
    return {c: role(table.kind, table.sources.get(c, c)) for c in table.frame.columns}


def _is_text(series: pd.Series) -> bool:
    return series.dtype == object or pd.api.types.is_string_dtype(series)


def collect(dataset: Dataset, secret: bytes) -> Pseudonyms:
    """The people of ``dataset``: every value of a column that names people (``p``), apart
    from texts that mention them (``pt``, e.g. a ``wie``) and record ids."""
    found = Pseudonyms(secret)
    found.ids = {i for t in dataset.tables.values() if "record_id" in t.frame
                 for i in t.frame["record_id"].dropna().astype(str)}
    for table in dataset.tables.values():
        for column, letters in _roles(table).items():
            if letters == "" and table.sources.get(column) == "naam":
                found.ids |= set(table.frame[column].dropna().astype(str))
    for table in dataset.tables.values():
        for column, letters in _roles(table).items():
            if letters is not None and "p" in letters and "t" not in letters:
                found.add(table.frame[column].dropna().astype(str))
    # "Kerngroep (Marieke Jansen)" is no person of its own: its name is replaced inside it
    if found.people:
        names = "|".join(re.escape(q) for q in sorted(found.people, key=len, reverse=True))
        inside = re.compile(rf"(?=(?<!\w)({names})(?!\w))")
        found.people = {p for p in found.people
                        if all(match == p for match in inside.findall(p))}
    return found


def _shift(frame: pd.DataFrame, shifts: Mapping[str, int]) -> pd.DataFrame:
    if not shifts or "proeftuin" not in frame:
        return frame
    days = pd.to_timedelta(frame["proeftuin"].map(shifts).fillna(0).astype(int), unit="D")
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column] + days.to_numpy()
    return frame


def pseudonymise(dataset: Dataset, secret: bytes, options: Options | None = None,
                 people: Pseudonyms | None = None) -> Dataset:
    """The dataset with people as codes, contact details dropped, names in text replaced."""
    options = options or Options()
    people = people or (collect(dataset, secret) if options.people else Pseudonyms(secret))
    frames: dict[str, pd.DataFrame] = {}
    for name, table in dataset.tables.items():
        frame = table.frame.copy()
        roles = _roles(table)
        dropped = False
        for column, letters in roles.items():
            if options.people and letters is not None and "e" in letters:
                frame = frame.drop(columns=column)
                continue
            if not options.free_text and letters is not None and "t" in letters:
                if table.parent is not None and column not in table.key:
                    dropped = True  # a child table of free text: nothing left to keep
                frame = frame.drop(columns=column)
                continue
            if (not options.people or not _is_text(frame[column]) or column in table.key
                    or column == "proeftuin"):
                continue
            if letters is not None and "p" in letters and "t" not in letters:
                frame[column] = frame[column].map(people.person)
            elif letters != "":
                frame[column] = frame[column].map(people.text)
            if not options.free_text and letters is not None and "o" in letters:
                open_text = ~frame[column].fillna("").astype(str).str.fullmatch(ANSWER_CODE)
                frame[column] = frame[column].mask(open_text & frame[column].notna(), None)
        if not dropped:
            frames[name] = _shift(frame, options.shifts)
    return dataset.with_frames(frames)


def apply_roles(people: Pseudonyms, frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """A store frame of ``kind`` (:meth:`Store.frame`) with its people as codes, names in its
    texts replaced and contact details dropped: for notebooks, which show no names."""
    frame = frame.copy()
    for column in list(frame.columns):
        letters = role(kind, column)
        if letters is not None and "e" in letters:
            frame = frame.drop(columns=column)
        elif letters != "" and column not in ("record_id", "proeftuin"):
            mapper = people.person if letters and "p" in letters and "t" not in letters \
                else people.text
            frame[column] = frame[column].map(
                lambda v, f=mapper: type(v)(f(x) for x in v) if isinstance(v, list | tuple)
                else f(v))
    return frame


def replace_names(people: Pseudonyms, frame: pd.DataFrame, columns: Iterable[str]
                  ) -> pd.DataFrame:
    """``frame`` with names, e-mail addresses and phone numbers replaced in ``columns``."""
    frame = frame.copy()
    for column in columns:
        frame[column] = frame[column].map(people.text)
    return frame
