"""The registration with PZNL's Leerwerkplatform: the kansrijk project and its project group.

Seeds 000 and 004: organisations working with a kansrijk project join the Leerwerkplatform by
e-mail, giving per project-group member the name, a *work* e-mail address (no private one),
the organisation, the function in the organisation and the function in the project. Pure
models (no UI, no store); every save is a new version, so "sent on" never overwrites who
was registered.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from leven.core.records import Identifier, Line, PlausibleDate, Record
from leven.proeftuin.records import work_email

#: the fields of a member, in the order the seed lists them
LID_FIELDS: tuple[str, ...] = (
    "naam", "email", "organisatie", "functie_organisatie", "functie_project",
)


class Projectgroeplid(BaseModel):
    """One member of the project group, as the registration e-mail names them."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    deelnemer: Identifier | None = None  # the deelnemer it was filled from, if any
    naam: Line = Field(min_length=1)
    email: Line = Field(min_length=1)
    organisatie: Line = Field(min_length=1)
    functie_organisatie: Line = Field(min_length=1)
    functie_project: Line = Field(min_length=1)

    @field_validator("email")
    @classmethod
    def _work_email(cls, value: str) -> str:
        return work_email(value)


class Aanmelding(Record):
    """A proeftuin's registration: which kansrijk project, who, and when it was sent."""

    KIND: ClassVar[str] = "leerwerkplatform_aanmelding"

    kansrijk_project: Line = Field(min_length=1)
    leden: tuple[Projectgroeplid, ...] = Field(min_length=1)
    verzonden_op: PlausibleDate | None = None
