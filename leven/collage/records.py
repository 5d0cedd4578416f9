"""Step 3, *Verbeelden*: notes on the collages, drawings and metaphors of the desired future.

A note records what a participant or subgroup made (the photos of the collage are stored
elsewhere, by id) and in which words they described it. The author's domain (zorg or sociaal
domein) is kept so the group can afterwards look for similarities and differences in language
between the domains (see :mod:`leven.core.textstats`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, ClassVar, Literal

from pydantic import Field, field_validator

from leven.core.errors import LevenError
from leven.core.records import Identifier, Line, Record, Text

DOMEINEN: tuple[str, ...] = ("zorg", "sociaal_domein")
"""Health care and the social domain: the two worlds a proeftuin brings together."""

DIMENSIES: tuple[str, ...] = ("lichamelijk", "psychisch", "sociaal", "spiritueel")
"""The four dimensions of palliative care, in their usual order."""

# The workbook uses both names for two of the dimensions.
_DIMENSIE_ALIASES = {"fysiek": "lichamelijk", "zingeving": "spiritueel"}
_DOMEIN_ALIASES = {"sociaal domein": "sociaal_domein", "sociaal-domein": "sociaal_domein"}

# Ids of stored photos end up in file names and URLs, so only a safe alphabet is allowed.
_FOTO_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")

Domein = Literal["zorg", "sociaal_domein"]

MAX_TREFWOORD = 80


def _items(value: Any) -> list[Any]:
    """Accept a list, or one string split on commas, semicolons and new lines (form input)."""
    if value is None:
        return []
    if isinstance(value, str):
        return re.split(r"[,;\n]", value)
    if isinstance(value, list | tuple | set | frozenset):
        return list(value)
    return [value]


def normalise_trefwoorden(value: Any) -> list[str]:
    """Stripped, lowercased, inner spaces collapsed, a leading ``#`` dropped, deduplicated
    (first occurrence wins), empties dropped: so ``"Bruggen"`` and ``" #bruggen "`` count once.
    """
    result: list[str] = []
    for item in _items(value):
        if not isinstance(item, str):
            raise LevenError("collage.errors.trefwoord_geen_tekst")
        word = " ".join(unicodedata.normalize("NFC", item).split()).lower().lstrip("#").strip()
        if not word or word in result:
            continue
        if len(word) > MAX_TREFWOORD:
            raise LevenError("collage.errors.trefwoord_te_lang", max=MAX_TREFWOORD)
        result.append(word)
    return result


class CollageNotitie(Record):
    """What one participant or subgroup made in the dream phase, and how they put it in words."""

    KIND: ClassVar[str] = "collage_notitie"

    titel: Line = Field("", validate_default=True)
    door: Line = ""
    domein: Domein | None = None
    metafoor: Text = ""
    trefwoorden: list[str] = Field(default_factory=list, max_length=50)
    tekst: Text = ""
    bijeenkomst_id: Identifier | None = None
    dimensies: list[str] = Field(default_factory=list)
    foto_ids: list[str] = Field(default_factory=list, max_length=50)

    @field_validator("titel")
    @classmethod
    def _titel_required(cls, value: str) -> str:
        if not value.strip():
            raise LevenError("collage.errors.titel_leeg")
        return value

    @field_validator("domein", mode="before")
    @classmethod
    def _known_domein(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, str):
            key = value.strip().lower()
            key = _DOMEIN_ALIASES.get(key, key)
            if key in DOMEINEN:
                return key
        raise LevenError("collage.errors.domein_onbekend")

    @field_validator("trefwoorden", mode="before")
    @classmethod
    def _normalise_trefwoorden(cls, value: Any) -> list[str]:
        return normalise_trefwoorden(value)

    @field_validator("bijeenkomst_id", mode="before")
    @classmethod
    def _empty_bijeenkomst(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("dimensies", mode="before")
    @classmethod
    def _known_dimensies(cls, value: Any) -> list[str]:
        chosen: set[str] = set()
        for item in _items(value):
            if not isinstance(item, str):
                raise LevenError("collage.errors.dimensie_onbekend", dimensie=str(item))
            name = item.strip().lower()
            if not name:
                continue
            name = _DIMENSIE_ALIASES.get(name, name)
            if name not in DIMENSIES:
                raise LevenError("collage.errors.dimensie_onbekend", dimensie=item.strip())
            chosen.add(name)
        # Always the usual order, so equal notes compare and display equally.
        return [name for name in DIMENSIES if name in chosen]

    @field_validator("foto_ids", mode="before")
    @classmethod
    def _safe_foto_ids(cls, value: Any) -> list[str]:
        result: list[str] = []
        for item in _items(value):
            if not isinstance(item, str):
                raise LevenError("collage.errors.foto_id_ongeldig")
            photo_id = item.strip()
            if not photo_id or photo_id in result:
                continue
            if not _FOTO_ID.fullmatch(photo_id):
                raise LevenError("collage.errors.foto_id_ongeldig")
            result.append(photo_id)
        return result
