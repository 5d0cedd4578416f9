"""Charts of step 3, *Verbeelden*: the words of the collage notes.

Pure functions from the DataFrames of :mod:`leven.core.textstats` to Altair charts; they never
display anything and never read the store.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from leven.core import charts
from leven.core.i18n import t

DOMAIN_COLORS = {"zorg": "#d0643b", "sociaal_domein": "#3b7bbf"}
"""The same colours as the gallery's cards: zorg warm, sociaal domein blue."""

BAR_STEP = 20
WIDTH = 360
MAX_WIDTH = 520  # the whole chart in the apps: the bars and the words beside them


def frequent_words_chart(
    frame: pd.DataFrame, *, title: str | None = None, width: charts.Width = WIDTH
) -> Any:
    """Horizontal bars of :func:`leven.core.textstats.frequent_words`, most used on top
    (``width`` "container" in the apps: as wide as the screen allows)."""
    return charts.word_bars(
        frame, axis_title=t("collage.grafiek.aantal"),
        tooltip_titles=(t("collage.kolommen.woord"), t("collage.kolommen.aantal"),
                        t("collage.kolommen.notities")),
        width=width, step=BAR_STEP, max_width=MAX_WIDTH,
        title=title if title is not None else t("collage.woorden.titel_frequent"),
    )


def domain_words_chart(
    frame: pd.DataFrame, n: int = 15, *, title: str | None = None, plain: bool = False,
    width: charts.Width = WIDTH,
) -> Any:
    """Diverging bars of :func:`leven.core.textstats.words_by_domain`: the ``n`` most differently
    used words, to the right when typical of zorg, to the left of the sociaal domein.

    ``plain``: the facilitators' page says what the axis means without "log-ratio", which
    stays in the researchers' notebooks. ``width`` "container": as wide as its box."""
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
    axis_title: str | list[str] = t(
        "collage.grafiek.verschil_gewoon" if plain else "collage.grafiek.verschil")
    if width == charts.CONTAINER:  # a phone's width: one line per side (a list: lines)
        axis_title = [line for part in re.split(r"[·:]", axis_title)
                      for line in charts.lines(part.strip(), 26)]
    bars = (
        alt.Chart(
            data.reset_index(drop=True),
            title=title if title is not None else t("collage.woorden.titel_domein"),
        )
        .mark_bar()
        .encode(
            x=alt.X("log_ratio:Q", title=axis_title),
            y=alt.Y("woord:N", sort=order, title=None),
            color=alt.Color(
                "vooral:N",
                title=t("collage.grafiek.vooral"),
                scale=alt.Scale(
                    domain=labels, range=[DOMAIN_COLORS["zorg"], DOMAIN_COLORS["sociaal_domein"]]
                ),
                legend=alt.Legend(orient="bottom", columns=charts.legend_columns(width)),
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
        .properties(height=alt.Step(BAR_STEP))
    )
    if width == charts.CONTAINER:
        return charts.fit(bars, MAX_WIDTH)
    return bars.properties(width=width)
