"""Het jaar · Bijeenkomsten en tijdlijn: the proeftuin's year on one page.

Bijeenkomsten planned and recorded (who was invited, who came, the bestuurders), the seven
stages on one time axis (planned and actual, :mod:`leven.proeftuin.stages`), and how the
parties stay connected afterwards (:class:`.records.Verbinding`). Pure: :mod:`.records` and
:mod:`.analysis`; charts in :mod:`.charts`, the page in :mod:`leven.jaar.views`.
"""

from __future__ import annotations

from leven.jaar.analysis import Balk, attendance, presence, timeline
from leven.jaar.records import Verbinding

__all__ = ["Balk", "Verbinding", "attendance", "presence", "timeline"]
