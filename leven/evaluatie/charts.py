"""Charts of the evaluations: data in, an Altair chart out; never displayed here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from leven.core import charts
from leven.core.i18n import t

WIDTH = 420
MAX_WIDTH = 620  # in the app, each question's whole chart


def year_chart(
    summary: pd.DataFrame, meetings: Mapping[str, str], questions: Mapping[str, str], *,
    width: charts.Width = WIDTH,
) -> Any:
    """"Zitten we op het goede spoor?" over the year, a line per question and group.

    ``summary``: :func:`~leven.evaluatie.analysis.year_summary` with ``by_domain``;
    ``meetings`` maps bijeenkomst ids to labels in date order. Scale questions show their
    mean (1–5), ja/deels/nee questions the share of ja (0–1). A panel per question; with
    ``width`` "container" (the app) a list of charts, one per question, each as wide as its
    box: Vega-Lite cannot size a faceted chart to its box, and scaled down to a phone's
    width its labels were some 8 px.
    """
    alt = charts.altair()
    frame = summary.copy()
    frame["waarde"] = frame["gemiddelde"].where(frame["gemiddelde"].notna(), frame["aandeel_ja"])
    frame = frame[frame["waarde"].notna()]
    frame["bijeenkomst"] = frame["bijeenkomst_id"].map(lambda m: meetings.get(m, m))
    frame["vraag_tekst"] = frame["vraag"].map(lambda q: questions.get(q, q))
    frame["groep"] = frame["domein"].replace("", t("evaluatie.jaar.alle"))
    shown = set(frame["bijeenkomst"])
    order = [label for label in meetings.values() if label in shown]
    chart = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("bijeenkomst:N", sort=order, title=t("evaluatie.jaar.bijeenkomst")),
            y=alt.Y("waarde:Q", title=t("evaluatie.jaar.as_gemiddelde")),
            color=alt.Color("groep:N", title=t("evaluatie.jaar.domein")),
            tooltip=["vraag_tekst:N", "bijeenkomst:N", "groep:N", "n:Q",
                     alt.Tooltip("waarde:Q", format=".2f")],
        )
        .properties(height=160)
    )
    if width == charts.CONTAINER:  # each its own y axis, as the panels below
        texts = sorted(set(frame["vraag_tekst"]))
        groups = alt.Scale(domain=sorted(set(frame["groep"])))  # one colour per group in all
        chart = chart.encode(color=alt.Color("groep:N", title=t("evaluatie.jaar.domein"),
                                             scale=groups))
        return [
            charts.fit(chart.transform_filter(alt.datum.vraag_tekst == text)
                       .properties(title=alt.Title(text, fontSize=13, fontWeight="normal")),
                       MAX_WIDTH)
            for text in texts
        ]
    return (
        chart.properties(width=width)
        .facet(row=alt.Row("vraag_tekst:N", title=None))
        .resolve_scale(y="independent")  # a 1–5 mean and a 0–1 share never share an axis
    )
