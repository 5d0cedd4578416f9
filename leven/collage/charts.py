"""Charts of step 3, *Verbeelden*: the words of the collage notes.

Pure functions from the DataFrames of :mod:`leven.core.textstats` to Altair charts; they never
display anything and never read the store.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from leven.core import charts
from leven.core.i18n import t

DOMAIN_COLORS = {"zorg": "#d0643b", "sociaal_domein": "#3b7bbf"}
"""The same colours as the gallery's cards: zorg warm, sociaal domein blue."""

BAR_STEP = 20


def frequent_words_chart(frame: pd.DataFrame, *, title: str | None = None) -> Any:
    """Horizontal bars of :func:`leven.core.textstats.frequent_words`, most used on top."""
    return charts.word_bars(
        frame, axis_title=t("collage.grafiek.aantal"),
        tooltip_titles=(t("collage.kolommen.woord"), t("collage.kolommen.aantal"),
                        t("collage.kolommen.notities")),
        width=360, step=BAR_STEP,
        title=title if title is not None else t("collage.woorden.titel_frequent"),
    )


def domain_words_chart(
    frame: pd.DataFrame, n: int = 15, *, title: str | None = None, plain: bool = False
) -> Any:
    """Diverging bars of :func:`leven.core.textstats.words_by_domain`: the ``n`` most differently
    used words, to the right when typical of zorg, to the left of the sociaal domein.

    ``plain``: the facilitators' page says what the axis means without "log-ratio", which
    stays in the researchers' notebooks."""
    ratio_title = t("collage.kolommen.verschil_gewoon" if plain else "collage.kolommen.log_ratio")
    alt = charts.altair()
    data = frame.head(n)[["woord", "aantal_zorg", "aantal_sociaal_domein", "log_ratio"]].copy()
    data["log_ratio"] = data["log_ratio"].round(3)
    data["vooral"] = [
        t("collage.domeinen.zorg") if ratio > 0 else t("collage.domeinen.sociaal_domein")
        for ratio in data["log_ratio"]
    ]
    order = list(data.sort_values(["log_ratio", "woord"], ascending=[False, True])["woord"])
    labels = [t("collage.domeinen.zorg"), t("collage.domeinen.sociaal_domein")]
    return (
        alt.Chart(
            data.reset_index(drop=True),
            title=title if title is not None else t("collage.woorden.titel_domein"),
        )
        .mark_bar()
        .encode(
            x=alt.X("log_ratio:Q", title=t(
                "collage.grafiek.verschil_gewoon" if plain else "collage.grafiek.verschil")),
            y=alt.Y("woord:N", sort=order, title=None),
            color=alt.Color(
                "vooral:N",
                title=t("collage.grafiek.vooral"),
                scale=alt.Scale(
                    domain=labels, range=[DOMAIN_COLORS["zorg"], DOMAIN_COLORS["sociaal_domein"]]
                ),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("woord:N", title=t("collage.kolommen.woord")),
                alt.Tooltip("aantal_zorg:Q", title=t("collage.kolommen.aantal_zorg")),
                alt.Tooltip(
                    "aantal_sociaal_domein:Q", title=t("collage.kolommen.aantal_sociaal_domein")
                ),
                alt.Tooltip("log_ratio:Q", title=ratio_title, format=".2f"),
            ],
        )
        .properties(width=360, height=alt.Step(BAR_STEP))
    )
