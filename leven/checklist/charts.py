"""Charts of the checklist of implementation preconditions (Bijlage 1).

Pure functions from the tables of :mod:`leven.checklist` to Altair charts: the readiness
profile of one assessment, two assessments side by side, and proeftuinen compared.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from leven.checklist import ANSWERS
from leven.core import charts
from leven.core.i18n import t

#: Answer colours: red for not yet, amber for partly, green for met, grey for open.
ANSWER_COLORS = {
    "niet": "#c0392b",
    "gedeeltelijk": "#e0a800",
    "wel": "#2e6b5e",
    "onbeantwoord": "#d5dbd9",
}
MOMENT_COLORS = ("#9fb8b1", "#2e6b5e")
#: Readiness 0, ½ and 1 in the proeftuinen grid: pale red through pale green to our green.
READINESS_COLORS = ("#f4dcd6", "#a9cfc2", "#2e6b5e")
_LABEL_LIMIT = 320
CHART_WIDTH = 520
MAX_WIDTH = 900  # in the apps, the whole chart: the bars, the section titles and the scores


def _answer_label(code: str) -> str:
    if code == "onbeantwoord":
        return t("checklist.chart.onbeantwoord")
    return t(f"checklist.answers.{code}")


def _percent(value: float) -> str:
    return "–" if pd.isna(value) else f"{value:.0%}"


def profile_chart(
    summary: pd.DataFrame, title: str | None = None, *, width: charts.Width = CHART_WIDTH
) -> Any:
    """The readiness profile: per section a bar split into niet/gedeeltelijk/wel (and open).

    ``summary`` is :func:`leven.checklist.summary` (sections in template order and the total
    row). Segments are shares of *all* items of the section, so a half-filled checklist
    shows its open part in grey; the readiness score is written beside each bar.
    ``width`` "container" (the app): as wide as its box, section titles cut to fit a phone.
    """
    alt = charts.altair()
    codes = [*ANSWERS, "onbeantwoord"]
    rows = []
    for section, row in summary.iterrows():
        for order, code in enumerate(codes):
            rows.append(
                {
                    "sectie": section,
                    "titel": row["titel"],
                    "antwoord": _answer_label(code),
                    "volgorde": order,
                    "aantal": int(row[code]),
                    "aandeel": row[code] / row["items"] if row["items"] else 0.0,
                }
            )
    bars = pd.DataFrame(rows)
    labels = pd.DataFrame(
        {
            "sectie": summary.index,
            "titel": summary["titel"],
            "gereedheid": summary["gereedheid"],
            "label": [
                t("checklist.chart.readiness_label", score=_percent(v))
                for v in summary["gereedheid"]
            ],
        }
    )
    order = list(summary["titel"])
    limit = charts.label_limit(_LABEL_LIMIT, width)
    y = alt.Y("titel:N", sort=order, title=None, axis=alt.Axis(labelLimit=limit))
    stacked = (
        alt.Chart(bars)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X(
                "aandeel:Q",
                stack="zero",
                title=t("checklist.chart.share"),
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=alt.Color(
                "antwoord:N",
                title=t("checklist.chart.answer"),
                scale=alt.Scale(
                    domain=[_answer_label(c) for c in codes],
                    range=[ANSWER_COLORS[c] for c in codes],
                ),
                legend=alt.Legend(orient="bottom", columns=charts.legend_columns(width)),
            ),
            order=alt.Order("volgorde:Q"),
            tooltip=[
                alt.Tooltip("titel:N", title=t("checklist.chart.section")),
                alt.Tooltip("antwoord:N", title=t("checklist.chart.answer")),
                alt.Tooltip("aantal:Q"),
            ],
        )
    )
    text = (
        alt.Chart(labels)
        .mark_text(align="left", dx=6, fontWeight="bold")
        .encode(y=alt.Y("titel:N", sort=order), x=alt.datum(1), text="label:N")
    )
    height = 34 * len(summary)
    chart = alt.layer(stacked, text).properties(
        title=title or t("checklist.chart.profile_title"), height=height
    )
    if width == charts.CONTAINER:  # room on the right for the scores beside the bars
        padded = chart.properties(padding={"left": 5, "top": 5, "right": 48, "bottom": 5})
        return charts.fit(padded, MAX_WIDTH)
    return chart.properties(width=width)


def _pairs(sections: pd.DataFrame, before: str, after: str) -> pd.DataFrame:
    """Two rows per section (before, after), keeping any ``proeftuin`` column."""
    rows = []
    for _, row in sections.iterrows():
        for moment, column in ((before, "gereedheid_voor"), (after, "gereedheid_na")):
            rows.append(
                {
                    "proeftuin": row.get("proeftuin", ""),
                    "titel": row["titel"],
                    "moment": moment,
                    "gereedheid": row[column],
                    "label": _percent(row[column]),
                }
            )
    return pd.DataFrame(rows)


def _paired_bars(
    data: pd.DataFrame, order: list[str], before: str, after: str,
    width: charts.Width = CHART_WIDTH,
) -> Any:
    alt = charts.altair()
    limit = charts.label_limit(_LABEL_LIMIT, width)
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("titel:N", sort=order, title=None, axis=alt.Axis(labelLimit=limit)),
            yOffset=alt.YOffset("moment:N", sort=[before, after]),
            x=alt.X(
                "gereedheid:Q",
                title=t("checklist.chart.readiness"),
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=alt.Color(
                "moment:N",
                title=t("checklist.chart.moment"),
                scale=alt.Scale(domain=[before, after], range=list(MOMENT_COLORS)),
                legend=alt.Legend(orient="bottom", columns=charts.legend_columns(width)),
            ),
            tooltip=[
                alt.Tooltip("titel:N", title=t("checklist.chart.section")),
                alt.Tooltip("moment:N", title=t("checklist.chart.moment")),
                alt.Tooltip("label:N", title=t("checklist.chart.readiness")),
            ],
        )
        .properties(height=48 * len(order))
    )
    if width == charts.CONTAINER:
        return charts.fit(chart, MAX_WIDTH)
    return chart.properties(width=width)


def comparison_chart(
    sections: pd.DataFrame, before: str, after: str, title: str | None = None, *,
    width: charts.Width = CHART_WIDTH,
) -> Any:
    """Readiness per section of two assessments: a pair of bars per section.

    ``sections`` is the section table of :func:`leven.checklist.compare` (``titel``,
    ``gereedheid_voor``, ``gereedheid_na``); ``before`` and ``after`` name the two
    assessments in the legend (e.g. their dates); ``width`` "container" as for the profile.
    """
    order = list(dict.fromkeys(sections["titel"]))
    chart = _paired_bars(_pairs(sections, before, after), order, before, after, width)
    title = title or t("checklist.chart.compare_title")
    return chart.properties(title=charts.fitted_title(title) if width == charts.CONTAINER
                            else title)


def first_and_latest_chart(frame: pd.DataFrame, title: str | None = None) -> Any:
    """Per proeftuin, readiness per section in its first and its latest assessment.

    ``frame`` is :func:`leven.checklist.first_and_latest`; one panel per proeftuin.
    """
    alt = charts.altair()
    before, after = t("checklist.chart.first"), t("checklist.chart.latest")
    order = list(dict.fromkeys(frame["titel"]))
    chart = _paired_bars(_pairs(frame, before, after), order, before, after)
    header = alt.Header(
        labelAngle=0,
        labelOrient="top",
        labelAnchor="start",
        labelFontSize=14,
        labelFontWeight="bold",
    )
    return chart.facet(row=alt.Row("proeftuin:N", title=None, header=header)).properties(
        title=title or t("checklist.chart.first_latest_title")
    )


def proeftuinen_chart(readiness: pd.DataFrame, title: str | None = None) -> Any:
    """Readiness per section per proeftuin: a grid of coloured, labelled cells.

    ``readiness`` is :func:`leven.checklist.latest_readiness` (proeftuin × section titles,
    the total last); a grid reads better than bars once there are several proeftuinen.
    """
    alt = charts.altair()
    long = readiness.reset_index(names="proeftuin").melt(
        id_vars="proeftuin", var_name="titel", value_name="gereedheid"
    )
    long["label"] = [_percent(v) for v in long["gereedheid"]]
    columns = list(readiness.columns)
    proeftuinen = list(readiness.index)
    base = alt.Chart(long).encode(
        y=alt.Y(
            "titel:N",
            sort=columns,
            title=None,
            axis=alt.Axis(labelLimit=_LABEL_LIMIT, grid=False),
        ),
        x=alt.X(
            "proeftuin:N",
            sort=proeftuinen,
            title=t("checklist.chart.proeftuin"),
            axis=alt.Axis(labelAngle=0, orient="top", grid=False),
        ),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "gereedheid:Q",
            title=t("checklist.chart.readiness"),
            scale=alt.Scale(domain=[0, 0.5, 1], range=list(READINESS_COLORS)),
            legend=alt.Legend(format="%"),
        ),
        tooltip=[
            "proeftuin:N",
            "titel:N",
            alt.Tooltip("label:N", title=t("checklist.chart.readiness")),
        ],
    )
    text = base.mark_text(fontSize=14, fontWeight="bold").encode(
        text="label:N",
        color=alt.condition(alt.datum.gereedheid > 0.7, alt.value("white"), alt.value("#1d2a2a")),
    )
    return alt.layer(cells, text).properties(
        title=title or t("checklist.chart.proeftuinen_title"),
        width=110 * len(proeftuinen),
        height=40 * len(columns),
    )
