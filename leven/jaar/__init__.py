"""Het jaar · Bijeenkomsten en tijdlijn.

What this instrument records, in one sentence (and why it is there).

The public API of the instrument, pure: its records (:mod:`.records`) and analysis
(:mod:`.analysis`); charts in :mod:`.charts`, the page in :mod:`leven.jaar.views`.
"""

from __future__ import annotations

from leven.jaar.analysis import overview
from leven.jaar.records import Jaar

__all__ = ["Jaar", "overview"]
