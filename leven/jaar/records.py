"""The records of the year page of its own: how the parties stay connected (pure).

The bijeenkomsten and the planned stages are the proeftuin's records
(:class:`~leven.proeftuin.records.Bijeenkomst`, :class:`~leven.proeftuin.records.Fasenplanning`),
since the start page shows them too; this instrument pages over them.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, field_validator

from leven.core.records import Identifier, Line, PlausibleDate, Record, Text


class Verbinding(Record):
    """Stage 6, *in verbinding blijven*: the agreed way of staying connected after the year
    (seed 000: a casustafel that goes on meeting three months after the proeftuin).

    Agreed at the transitiebijeenkomst as a rule (``bijeenkomst_id``), kept going by someone
    (``wie``: a name or an organisation, often not one of the deelnemers alone).
    """

    KIND: ClassVar[str] = "verbinding"

    wat: Text = Field(min_length=1)
    wie: Line = Field(min_length=1)
    hoe_vaak: Line = ""
    eerste_datum: PlausibleDate | None = None
    bijeenkomst_id: Identifier | None = None
    toelichting: Text = ""

    @field_validator("bijeenkomst_id", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value
