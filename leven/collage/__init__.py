"""Step 3, *Verbeelden*: notes on collages, drawings and metaphors, with photos and words.

The public API of the instrument, pure: the note (:mod:`.records`) and its overview
(:mod:`.analysis`); word statistics are the spine's :mod:`leven.core.textstats`. Charts:
:mod:`.charts`; the page: :mod:`leven.collage.views`.
"""

from __future__ import annotations

from leven.collage.analysis import (
    OVERVIEW_COLUMNS,
    notes_overview,
)
from leven.collage.records import (
    DIMENSIES,
    DOMEINEN,
    MAX_TREFWOORD,
    CollageNotitie,
    Domein,
    normalise_trefwoorden,
)

__all__ = [
    "DIMENSIES",
    "DOMEINEN",
    "MAX_TREFWOORD",
    "OVERVIEW_COLUMNS",
    "CollageNotitie",
    "Domein",
    "normalise_trefwoorden",
    "notes_overview",
]
