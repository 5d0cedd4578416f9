"""What a year report may show: the one value the command line and the download pass on.

Pure. Names and photos are personal, so both are off unless asked for.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from leven.core.records import Identifier


class Keuze(BaseModel):
    """The options of one report."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    proeftuin: Identifier = Field(min_length=1)
    namen: bool = False  # people by name (else by function and organisation)
    fotos: bool = False  # the collage photos, downscaled, as data URIs
    lang: str | None = None  # "nl" / "en"; None: the language in force
    vandaag: date | None = None  # "today" on the timeline (None: the real today)
