"""Charts of the stakeholdergesprekken: data in, an Altair chart out; never displayed here."""

from __future__ import annotations

from typing import Any

import pandas as pd

from leven.core import charts
from leven.core.i18n import t

BAR_STEP = 18


def toekomst_words_chart(words: pd.DataFrame) -> Any:
    """Horizontal bars of the most used words of "gewenste toekomst", most used on top
    (``words``: :func:`.analysis.toekomst_words`)."""
    alt = charts.altair()
    data = words[["woord", "aantal", "notities"]].reset_index(drop=True)
    return (
        alt.Chart(data)
        .mark_bar(color=charts.COLORS[0])
        .encode(
            x=alt.X(
                "aantal:Q",
                title=t("stakeholdergesprek.grafiek.aantal"),
                axis=alt.Axis(tickMinStep=1, format="d"),
            ),
            # the frame's own order (most used, then alphabetical) keeps ties stable
            y=alt.Y("woord:N", sort=list(data["woord"]), title=None),
            tooltip=[
                alt.Tooltip("woord:N", title=t("stakeholdergesprek.kolommen.woord")),
                alt.Tooltip("aantal:Q", title=t("stakeholdergesprek.kolommen.aantal")),
                alt.Tooltip("notities:Q", title=t("stakeholdergesprek.kolommen.gesprekken")),
            ],
        )
        .properties(width=300, height=alt.Step(BAR_STEP))
    )
