"""Process stage 2, *Stakeholdergesprekken*: one interview per record (pure: no UI, no store).

Before the startbijeenkomst the kerngroep interviews the stakeholders: their role for people
in the palliative phase, how they experience today's collaboration, their desired future.
The kerngroep drafts the voorlopige ambitie from these (a kernthema version names the
interviews it drew on), and the names of the people they already work with feed the
netwerkkaart.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, field_validator

from leven.core.errors import LevenError
from leven.core.records import Identifier, Line, PlausibleDate, Record, Text

WAARDERINGEN: tuple[int, ...] = (1, 2, 3, 4, 5)
"""The optional rating of today's collaboration: 1 (hardly any) to 5 (works very well)."""


class Stakeholdergesprek(Record):
    """One stakeholder interview: who, by whom, when, and what they said."""

    KIND: ClassVar[str] = "stakeholdergesprek"

    #: the record id of the Deelnemer or Organisatie that was interviewed
    gesprekspartner: Identifier = Field("", validate_default=True)
    #: who interviewed: a kerngroep member's name (or a deelnemer id)
    interviewer: Line = ""
    datum: PlausibleDate | None = Field(None, validate_default=True)
    rol: Text = ""
    samenwerking: Text = ""
    waardering: int | None = None
    gewenste_toekomst: Text = ""
    #: names (or deelnemer / organisatie ids) of the others they work with
    werkt_samen_met: tuple[Line, ...] = ()
    citaten: tuple[Text, ...] = ()

    @field_validator("gesprekspartner")
    @classmethod
    def _gesprekspartner_required(cls, value: str) -> str:
        if not value:
            raise LevenError("stakeholdergesprek.errors.gesprekspartner_leeg")
        return value

    @field_validator("datum")
    @classmethod
    def _datum_required(cls, value: Any) -> Any:
        if value is None:
            raise LevenError("stakeholdergesprek.errors.datum_leeg")
        return value

    @field_validator("waardering", mode="before")
    @classmethod
    def _rating_one_to_five(cls, value: Any) -> Any:
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise LevenError("stakeholdergesprek.errors.waardering")
        try:
            number = int(value)
        except ValueError:
            raise LevenError("stakeholdergesprek.errors.waardering") from None
        if number not in WAARDERINGEN:
            raise LevenError("stakeholdergesprek.errors.waardering")
        return number

    @field_validator("werkt_samen_met")
    @classmethod
    def _names_once(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        # one name once, whatever its capitals: "GGD" and "ggd" would be two ties otherwise
        seen: dict[str, str] = {}
        for name in value:
            if name and name.casefold() not in seen:
                seen[name.casefold()] = name
        return tuple(seen.values())

    @field_validator("citaten")
    @classmethod
    def _no_empty_quotes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(quote for quote in value if quote)


def lines(text: str) -> tuple[str, ...]:
    """The non-empty lines of a text box, stripped: one name or one quote per line."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())
