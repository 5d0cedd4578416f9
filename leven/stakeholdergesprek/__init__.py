"""Process stage 2, *Stakeholdergesprekken*: the kerngroep's interviews before the start.

Each interview records the stakeholder's role for people in the palliative phase, how they
experience today's collaboration and their desired future; the voorlopige ambitie draws on
them and the names of whom they work with feed the netwerkkaart. The public API, pure: the
record (:mod:`.records`) and the analysis (:mod:`.analysis`); charts in :mod:`.charts`, the
page in :mod:`leven.stakeholdergesprek.views`.
"""

from __future__ import annotations

from leven.stakeholdergesprek.analysis import (
    NetwerkUpdate,
    drew_on,
    interviews_table,
    match_names,
    mean_rating,
    netwerk_update,
    toekomst_words,
)
from leven.stakeholdergesprek.records import WAARDERINGEN, Stakeholdergesprek

__all__ = [
    "WAARDERINGEN",
    "NetwerkUpdate",
    "Stakeholdergesprek",
    "drew_on",
    "interviews_table",
    "match_names",
    "mean_rating",
    "netwerk_update",
    "toekomst_words",
]
