"""An overview of the collage notes for researchers.

The word statistics are in the spine (:mod:`leven.core.textstats`), shared with the other
instruments that collect words. Pure: no widgets, no store.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

OVERVIEW_COLUMNS: tuple[str, ...] = (
    "proeftuin",
    "notities",
    "zorg",
    "sociaal_domein",
    "zonder_domein",
    "met_foto",
    "fotos",
)


def notes_overview(versions: Iterable[Any]) -> pd.DataFrame:
    """Per proeftuin how many notes there are, by the maker's domain, and how many photos:
    the context a researcher needs before comparing words. ``versions`` are objects with
    ``proeftuin`` and ``record`` (a :class:`CollageNotitie`), as the store hands them out."""
    counts: dict[str, list[int]] = {}
    for version in versions:
        note = version.record
        row = counts.setdefault(version.proeftuin, [0] * (len(OVERVIEW_COLUMNS) - 1))
        row[0] += 1
        row[{"zorg": 1, "sociaal_domein": 2}.get(note.domein or "", 3)] += 1
        row[4] += 1 if note.foto_ids else 0
        row[5] += len(note.foto_ids)
    rows = [(proeftuin, *counts[proeftuin]) for proeftuin in sorted(counts)]
    return pd.DataFrame(rows, columns=list(OVERVIEW_COLUMNS))
