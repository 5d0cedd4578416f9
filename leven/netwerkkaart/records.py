"""Step 2, *Verkennen*: the netwerkkaart (who already works with whom) and what is already there.

The actors of a netwerkkaart are the proeftuin's deelnemers and organisaties (their record
ids; domein, dimensies and professional/vrijwilliger come from those records). A
:class:`Netwerkkaart` is a dated snapshot of the ties, taken at a bijeenkomst: the map at the
startbijeenkomst and the one at the transitiebijeenkomst are compared, which is the
proeftuin's measurable result for "professionals kennen elkaars expertise en weten elkaar te
vinden" (seed 001). A tie is added or removed by saving a new version of the snapshot: the
history is never deleted.

Pure (no UI, no store).
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from leven.core.errors import LevenError
from leven.core.records import Identifier, Line, PlausibleDate, Record, Text


class SoortBand(StrEnum):
    """How two actors already work together, from loose to close."""

    KENT = "kent_elkaar"
    OVERLEGT = "overlegt"
    VERWIJST = "verwijst_door"
    WERKT_SAMEN = "werkt_samen"


class Band(BaseModel):
    """One tie between two actors (record ids of deelnemers or organisaties).

    ``van`` and ``naar`` keep the direction a facilitator entered ("verwijst door" has one);
    the figures treat a tie as undirected.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    van: Identifier = Field(min_length=1)
    naar: Identifier = Field(min_length=1)
    soort: SoortBand = SoortBand.KENT
    sinds: PlausibleDate | None = None
    notitie: Line = ""

    @model_validator(mode="after")
    def _two_actors(self) -> Band:
        if self.van == self.naar:
            raise LevenError("netwerkkaart.errors.zelfde_actor")
        return self

    @property
    def pair(self) -> frozenset[str]:
        """The two actors, whatever the direction."""
        return frozenset((self.van, self.naar))


class Netwerkkaart(Record):
    """One snapshot of the ties of a proeftuin, on a date (and at a bijeenkomst)."""

    KIND: ClassVar[str] = "netwerkkaart"

    titel: Line = ""
    datum: PlausibleDate
    bijeenkomst: Identifier | None = None  # the record id of the Bijeenkomst, if any
    banden: tuple[Band, ...] = ()

    @field_validator("banden")
    @classmethod
    def _one_tie_per_pair_and_kind(cls, value: tuple[Band, ...]) -> tuple[Band, ...]:
        seen: set[tuple[frozenset[str], SoortBand]] = set()
        for band in value:
            key = (band.pair, band.soort)
            if key in seen:
                raise LevenError("netwerkkaart.errors.dubbele_band")
            seen.add(key)
        return value

    def with_band(self, band: Band) -> Netwerkkaart:
        """This snapshot with one more tie (refused, with a message, when it is already there)."""
        return self.model_validate({**self.model_dump(), "banden": (*self.banden, band)})

    def without_band(self, index: int) -> Netwerkkaart:
        """This snapshot without the tie at ``index`` (saved as a new version)."""
        kept = tuple(b for i, b in enumerate(self.banden) if i != index)
        return self.model_copy(update={"banden": kept})


class Aandacht(StrEnum):
    """Whether an existing initiative already pays attention to the last phase of life."""

    JA = "ja"
    DEELS = "deels"
    NEE = "nee"


class BestaandInitiatief(Record):
    """"Wat is er al": an existing project, network or collaboration the proeftuin can join."""

    KIND: ClassVar[str] = "bestaand_initiatief"

    naam: Line = Field(min_length=1)
    wie: Line = ""  # who runs it
    aandacht: Aandacht = Aandacht.DEELS
    notitie: Text = ""
