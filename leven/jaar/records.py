"""The records of jaar: validated, immutable payloads (pure: no UI, no store)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from leven.core.records import Record


class Jaar(Record):
    """One jaar record; replace the example field by the instrument's own."""

    KIND: ClassVar[str] = "jaar"

    titel: str = Field(min_length=1, max_length=200)
