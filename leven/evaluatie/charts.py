"""Charts of the evaluations: data in, an Altair chart out; never displayed here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from leven.core import charts
from leven.core.i18n import t


def year_chart(
    summary: pd.DataFrame, meetings: Mapping[str, str], questions: Mapping[str, str]
) -> Any:
    """"Zitten we op het goede spoor?" over the year, a line per question and group.

    ``summary``: :func:`~leven.evaluatie.analysis.year_summary` with ``by_domain``;
    ``meetings`` maps bijeenkomst ids to labels in date order. Scale questions show their
    mean (1–5), ja/deels/nee questions the share of ja (0–1).
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
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("bijeenkomst:N", sort=order, title=t("evaluatie.jaar.bijeenkomst")),
            y=alt.Y("waarde:Q", title=t("evaluatie.jaar.as_gemiddelde")),
            color=alt.Color("groep:N", title=t("evaluatie.jaar.domein")),
            tooltip=["vraag_tekst:N", "bijeenkomst:N", "groep:N", "n:Q",
                     alt.Tooltip("waarde:Q", format=".2f")],
        )
        .properties(width=420, height=160)
        .facet(row=alt.Row("vraag_tekst:N", title=None))
        .resolve_scale(y="independent")  # a 1–5 mean and a 0–1 share never share an axis
    )
