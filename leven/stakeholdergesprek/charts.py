"""Charts of the stakeholdergesprekken: data in, an Altair chart out; never displayed here."""

from __future__ import annotations

from typing import Any

import pandas as pd

from leven.core import charts
from leven.core.i18n import t

BAR_STEP = 18
WIDTH = 300


def toekomst_words_chart(words: pd.DataFrame, *, width: charts.Width = WIDTH) -> Any:
    """Horizontal bars of the most used words of "gewenste toekomst", most used on top
    (``words``: :func:`.analysis.toekomst_words`; ``width`` "container" in the app)."""
    return charts.word_bars(
        words, axis_title=t("stakeholdergesprek.grafiek.aantal"),
        tooltip_titles=(t("stakeholdergesprek.kolommen.woord"),
                        t("stakeholdergesprek.kolommen.aantal"),
                        t("stakeholdergesprek.kolommen.gesprekken")),
        width=width, step=BAR_STEP, max_width=460,
    )
