"""Question sets of the evaluation after a bijeenkomst, as data in ``templates/evaluatie/``.

A facilitator picks a set per bijeenkomst; a new set is a new TOML file, not new code. The
default set (``standaard``) holds the four questions of seed 000, "Monitoring en evaluatie":
wat werkt goed, wat kan anders, spreken we dezelfde taal, zitten we op het goede spoor, plus
the optional question of the participant's domain, so answers can be compared by domain.
Pure: no widgets, no store.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from leven.core import settings
from leven.core.errors import LevenError
from leven.core.i18n import language

TEMPLATES_DIR = settings.TEMPLATES_DIR / "evaluatie"
DEFAULT_SET = "standaard"
SCALE = tuple(str(level) for level in range(1, 6))
Soort = Literal["schaal", "keuze", "open"]
_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")


@dataclass(frozen=True)
class Optie:
    """One choice of a keuze question: a stable id and its label per language."""

    id: str
    tekst: dict[str, str]

    def label(self, lang: str | None = None) -> str:
        return _in(self.tekst, lang)


@dataclass(frozen=True)
class Vraag:
    """One question: scale 1–5, a choice, or open text; ids are stable, texts may change."""

    id: str
    soort: Soort
    tekst: dict[str, str]
    opties: tuple[Optie, ...] = ()
    laag: dict[str, str] | None = None
    hoog: dict[str, str] | None = None
    toelichting: bool = False
    domein: bool = False
    verplicht: bool = False

    def label(self, lang: str | None = None) -> str:
        return _in(self.tekst, lang)

    def values(self) -> tuple[str, ...]:
        """The allowed answers (codes); empty for an open question."""
        if self.soort == "schaal":
            return SCALE
        return tuple(option.id for option in self.opties)

    def value_label(self, value: str, lang: str | None = None) -> str:
        """The label of an answer code: the option's text, or the number itself."""
        for option in self.opties:
            if option.id == value:
                return option.label(lang)
        return value


@dataclass(frozen=True)
class VragenSet:
    """A question set: its file name, title and questions in order."""

    name: str
    title: dict[str, str]
    version: int
    vragen: tuple[Vraag, ...]

    def label(self, lang: str | None = None) -> str:
        return _in(self.title, lang)

    def vraag(self, vraag_id: str) -> Vraag:
        for vraag in self.vragen:
            if vraag.id == vraag_id:
                return vraag
        raise KeyError(vraag_id)

    @property
    def scales(self) -> tuple[Vraag, ...]:
        """The questions whose answers are counted (scale and choice), the domain excluded."""
        return tuple(v for v in self.vragen if v.soort != "open" and not v.domein)

    @property
    def open_questions(self) -> tuple[Vraag, ...]:
        return tuple(v for v in self.vragen if v.soort == "open")

    @property
    def domain_question(self) -> Vraag | None:
        return next((v for v in self.vragen if v.domein), None)


def _in(texts: dict[str, str], lang: str | None) -> str:
    return texts.get(lang or language()) or texts["nl"]


def available_sets(directory: Path | None = None) -> tuple[str, ...]:
    """The names of the question sets (file stems), the default set first."""
    names = sorted(path.stem for path in (directory or TEMPLATES_DIR).glob("*.toml"))
    return tuple(sorted(names, key=lambda name: name != DEFAULT_SET))


def load_set(name: str, directory: Path | None = None) -> VragenSet:
    """Read and check one question set; a mistake in the file gets a Dutch message."""
    folder = directory or TEMPLATES_DIR
    path = folder / f"{name}.toml"
    if not _ID.fullmatch(name) or not path.exists():
        raise LevenError("evaluatie.errors.set_onbekend", naam=name)
    return _load(path, path.stat().st_mtime_ns)


@cache
def _load(path: Path, _mtime: int) -> VragenSet:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise LevenError("evaluatie.errors.set_kapot", naam=path.name, fout=str(error)) from error
    vragen = tuple(_question(path, entry) for entry in data.get("vragen", []))
    ids = [v.id for v in vragen]
    if not vragen or len(set(ids)) != len(ids) or sum(v.domein for v in vragen) > 1:
        raise LevenError("evaluatie.errors.set_kapot", naam=path.name,
                         fout="vragen ontbreken, staan dubbel, of meer dan één domeinvraag")
    return VragenSet(path.stem, _texts(data, "title", path), int(data.get("version", 1)), vragen)


def _texts(table: dict[str, Any], key: str, path: Path) -> dict[str, str]:
    text = table.get(key)
    if not isinstance(text, str) or not text.strip():
        raise LevenError("evaluatie.errors.set_kapot", naam=path.name, fout=f"'{key}' ontbreekt")
    found = {"nl": text.strip()}
    if isinstance(table.get(f"{key}_en"), str):
        found["en"] = table[f"{key}_en"].strip()
    return found


def _question(path: Path, entry: dict[str, Any]) -> Vraag:
    vraag_id = entry.get("id", "")
    soort = entry.get("soort")
    if not isinstance(vraag_id, str) or not _ID.fullmatch(vraag_id) or soort not in (
        "schaal", "keuze", "open"
    ):
        raise LevenError("evaluatie.errors.set_kapot", naam=path.name,
                         fout=f"vraag {vraag_id!r}: id of soort klopt niet")
    opties = tuple(
        Optie(str(option.get("id", "")), _texts(option, "tekst", path))
        for option in entry.get("opties", [])
    )
    if (soort == "keuze") != bool(opties) or any(not _ID.fullmatch(o.id) for o in opties):
        raise LevenError("evaluatie.errors.set_kapot", naam=path.name,
                         fout=f"vraag {vraag_id!r}: opties kloppen niet")
    return Vraag(
        id=vraag_id,
        soort=soort,
        tekst=_texts(entry, "tekst", path),
        opties=opties,
        laag=_texts(entry, "laag", path) if "laag" in entry else None,
        hoog=_texts(entry, "hoog", path) if "hoog" in entry else None,
        toelichting=bool(entry.get("toelichting", False)),
        domein=bool(entry.get("domein", False)),
        verplicht=bool(entry.get("verplicht", soort != "open")),
    )
