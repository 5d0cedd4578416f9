"""Step 1, *Kernthema vaststellen*: the core theme and the ambition, version by version.

The public API of the instrument, pure: the record (:mod:`.records`) and how it changed
(:mod:`.analysis`). The page is :mod:`leven.kernthema.views`.
"""

from __future__ import annotations

from leven.kernthema.analysis import (
    CHANGES_COLUMNS,
    EVOLUTION_COLUMNS,
    AmbitieWijziging,
    DiffKind,
    DiffToken,
    KernthemaVersie,
    ambition_changes,
    ambition_changes_table,
    current,
    evolution,
    evolution_table,
    fixed,
    sides,
    word_diff,
)
from leven.kernthema.records import (
    STATUSSEN,
    Kernthema,
    Status,
    record_id,
)

__all__ = [
    "CHANGES_COLUMNS",
    "EVOLUTION_COLUMNS",
    "STATUSSEN",
    "AmbitieWijziging",
    "DiffKind",
    "DiffToken",
    "Kernthema",
    "KernthemaVersie",
    "Status",
    "ambition_changes",
    "ambition_changes_table",
    "current",
    "evolution",
    "evolution_table",
    "fixed",
    "record_id",
    "sides",
    "word_diff",
]
