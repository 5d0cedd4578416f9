"""Stap 2 · Verkennen: the netwerkkaart (who already works with whom) and what is already there.

A dated snapshot of the ties between the proeftuin's deelnemers and organisaties, mapped at
the startbijeenkomst and again at the transitiebijeenkomst: comparing the two is the
proeftuin's measurable result for "professionals kennen elkaars expertise en weten elkaar
te vinden". Beside it the existing initiatives to join ("wat is er al").

The public API, pure: the records (:mod:`.records`), the figures and the layouts
(:mod:`.analysis`); charts in :mod:`.charts`, the page in :mod:`leven.netwerkkaart.views`.
"""

from __future__ import annotations

from leven.netwerkkaart.analysis import (
    Actor,
    Comparison,
    Figures,
    actors,
    compare,
    figures,
    overview,
)
from leven.netwerkkaart.records import (
    Aandacht,
    Band,
    BestaandInitiatief,
    Netwerkkaart,
    SoortBand,
)

__all__ = [
    "Aandacht", "Actor", "Band", "BestaandInitiatief", "Comparison", "Figures", "Netwerkkaart",
    "SoortBand", "actors", "compare", "figures", "overview",
]
