"""Step 1, *Kernthema vaststellen*: the positive core theme and the ambition, version by version.

The ambition grows from a *voorlopige ambitie* (drafted by the kerngroep after the
stakeholdergesprekken) to a *vastgestelde ambitie* (sharpened at the startbijeenkomst). The
store keeps every save as a new version of the one record here; :mod:`leven.kernthema.analysis`
reads those versions.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, field_validator

from leven.core.errors import LevenError
from leven.core.records import Identifier, Line, PlausibleDate, Record, Text

STATUSSEN: tuple[str, ...] = ("voorlopig", "vastgesteld")
"""Draft (kerngroep, after the interviews) and fixed (startbijeenkomst), in that order."""

Status = Literal["voorlopig", "vastgesteld"]


class Kernthema(Record):
    """The core theme of one proeftuin: where it started, what we want more of, and the goal."""

    KIND: ClassVar[str] = "kernthema"

    aanleiding: Text = ""
    kernthema: Text = Field("", validate_default=True)
    ambitie: Text = Field("", validate_default=True)
    status: Status = "voorlopig"
    wie: Line = ""
    datum: PlausibleDate | None = None
    #: the stakeholdergesprekken (record ids) this version drew on; versions saved before
    #: the link existed have none, so the default keeps them loading
    gesprekken: tuple[Identifier, ...] = ()

    @field_validator("kernthema")
    @classmethod
    def _kernthema_required(cls, value: str) -> str:
        # A default of "" with validate_default gives the same helpful message whether the
        # form sends an empty field or leaves it out.
        if not value.strip():
            raise LevenError("kernthema.errors.kernthema_leeg")
        return value

    @field_validator("ambitie")
    @classmethod
    def _ambitie_required(cls, value: str) -> str:
        if not value.strip():
            raise LevenError("kernthema.errors.ambitie_leeg")
        return value

    @field_validator("status", mode="before")
    @classmethod
    def _known_status(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().lower() in STATUSSEN:
            return value.strip().lower()
        raise LevenError("kernthema.errors.status_onbekend")

    @field_validator("gesprekken")
    @classmethod
    def _each_gesprek_once(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v for v in value if v))


def record_id(proeftuin: str) -> str:
    """The id of the one kernthema record of a proeftuin: every change is a new version of it."""
    return f"kernthema-{proeftuin}"
