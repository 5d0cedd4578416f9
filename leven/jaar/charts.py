"""Charts of the year: data in, an Altair chart out; never displayed here."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from leven.core import charts
from leven.core.i18n import t
from leven.jaar.analysis import BIJEENKOMSTEN, DOMEINEN

DOMAIN_COLORS = {"zorg": "#d0643b", "sociaal_domein": "#3b7bbf", "onbekend": "#7f8c8d"}
"""Zorg warm, sociaal domein blue, grey: not given (as the netwerkkaart and the collage)."""
#: The timeline's marks: planned light, actual dark, experiments in the third colour.
KIND_COLORS = {"gepland": "#b8d4cc", "werkelijk": "#2e6b5e", "experiment": "#7a4e9c",
               "bijeenkomst": "#c9a400", "bijeenkomst_gepland": "#f3e3a0",
               "afspraak": "#d0643b"}
ROW_STEP = 26
BAR_STEP = 56  # per meeting: room for its date and kind under the bar
TIMELINE_WIDTH = 720  # about 16 months: a month is some 45 pixels
TIMELINE_MAX_WIDTH = 980  # in the app, the whole chart: the time axis and the rows' names
ATTENDANCE_MAX_WIDTH = 900


def _domain_label(domein: str) -> str:
    return t("jaar.grafiek.onbekend") if domein == "onbekend" else t(f"proeftuin.domein.{domein}")


def attendance_chart(frame: pd.DataFrame, *, width: charts.Width | None = None) -> Any:
    """Stacked bars: per meeting (by date) how many came from the zorg and the sociaal
    domein (``frame``: :func:`.analysis.attendance`). A fixed width per meeting, or with
    ``width`` "container" (the app) the box's width shared by the meetings."""
    alt = charts.altair()
    data = frame.assign(
        bijeenkomst=[f"{d:%d-%m-%Y} · {t(f'proeftuin.soort_bijeenkomst.{s}')}"
                     for d, s in zip(frame["datum"], frame["soort"], strict=True)],
        domeinnaam=[_domain_label(d) for d in frame["domein"]],
        datum=frame["datum"].dt.strftime("%Y-%m-%d"),
    )
    order = list(dict.fromkeys(data.sort_values("datum")["bijeenkomst"]))
    labels = [_domain_label(d) for d in DOMEINEN]
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("bijeenkomst:N", sort=order, title=None,
                axis=alt.Axis(labelAngle=-40, labelLimit=240)),
        y=alt.Y("aanwezig:Q", stack="zero", title=t("jaar.grafiek.aanwezig"),
                axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("domeinnaam:N", title=t("jaar.grafiek.domein"),
                        scale=alt.Scale(domain=labels,
                                        range=[DOMAIN_COLORS[d] for d in DOMEINEN])),
        order=alt.Order("domein:N"),
        tooltip=[alt.Tooltip("bijeenkomst:N", title=t("jaar.grafiek.bijeenkomst")),
                 alt.Tooltip("titel:N", title=t("proeftuin.bijeenkomst_field.titel")),
                 alt.Tooltip("domeinnaam:N", title=t("jaar.grafiek.domein")),
                 alt.Tooltip("aanwezig:Q", title=t("jaar.grafiek.aanwezig"))],
    ).properties(height=260)
    if width == charts.CONTAINER:  # room on the left for the first meeting's slanted label
        return charts.fit(chart.properties(padding={"left": 24, "top": 5, "right": 5,
                                                    "bottom": 5}), ATTENDANCE_MAX_WIDTH)
    return chart.properties(width=alt.Step(BAR_STEP) if width is None else width)


def _row_label(row: pd.Series) -> str:
    if row["rij"] == BIJEENKOMSTEN:
        return t("jaar.tijdlijn.bijeenkomsten")
    if row["soort"] == "experiment":
        return t("jaar.tijdlijn.experiment", naam=row["label"])
    return t(f"proeftuin.fase.{row['fase']}")


def _kind_label(kind: str) -> str:
    return t(f"jaar.tijdlijn.soort_{kind}")


def timeline_chart(
    frame: pd.DataFrame, today: date, *, width: charts.Width = TIMELINE_WIDTH
) -> Any:
    """The stages on one time axis, planned (light, wide) under actual (dark, narrow; a
    one-day stage as a square), the meetings as diamonds (held filled, planned light), the
    first dates of the agreements to stay connected as triangles, the experiments as bars and
    a line at ``today`` (``frame``: :func:`.analysis.timeline`). ``width`` "container" (the
    app): as wide as its box, months left out where they would overlap on a phone."""
    alt = charts.altair()
    data = frame.assign(
        rijnaam=[_row_label(row) for _, row in frame.iterrows()] if len(frame) else [],
        soortnaam=[_kind_label(k) for k in frame["soort"]],
        tekst=[t(f"proeftuin.fase.{row['fase']}") if row["soort"] in ("gepland", "werkelijk")
               else row["label"] if row["soort"] == "afspraak"
               else row["label"] or t(f"proeftuin.soort_bijeenkomst.{row['fase']}")
               for _, row in frame.iterrows()] if len(frame) else [],
        van=frame["begin"].dt.strftime("%Y-%m-%d"),
        tot=frame["eind"].dt.strftime("%Y-%m-%d"),
        dag=frame["begin"] == frame["eind"],  # a one-day stage: a bar would have no width
    )
    rows = list(dict.fromkeys(data.sort_values("volgorde", kind="stable")["rijnaam"]))
    kinds = list(KIND_COLORS)
    color = alt.Color("soortnaam:N", title=None,
                      scale=alt.Scale(domain=[_kind_label(k) for k in kinds],
                                      range=list(KIND_COLORS.values())),
                      legend=alt.Legend(orient="bottom",
                                        labelLimit=charts.legend_limit(280, width),
                                        columns=charts.legend_columns(width)))
    y = alt.Y("rijnaam:N", sort=rows, title=None,
              axis=alt.Axis(labelLimit=charts.label_limit(220, width, 0.35)))
    tooltip = [alt.Tooltip("tekst:N", title=t("jaar.tijdlijn.wat")),
               alt.Tooltip("soortnaam:N", title=t("jaar.tijdlijn.soort")),
               alt.Tooltip("van:N", title=t("jaar.tijdlijn.van")),
               alt.Tooltip("tot:N", title=t("jaar.tijdlijn.tot"))]
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    overlap = True if width == charts.CONTAINER else alt.Undefined
    # fitted: the last month's label ends at the plot's edge (it ran beyond it on a phone)
    flush = 40 if width == charts.CONTAINER else alt.Undefined
    x = alt.X("van:T", title=None,
              axis=alt.Axis(format="%b %Y", tickCount="month", labelOverlap=overlap,
                            labelFlush=flush))
    is_planned = alt.datum.soort == "gepland"
    is_actual = (alt.datum.soort == "werkelijk") | (alt.datum.soort == "experiment")
    planned = base.transform_filter(is_planned & ~alt.datum.dag).mark_bar(
        size=18, cornerRadius=3).encode(x=x, x2="tot:T", color=color)
    actual = base.transform_filter(is_actual & ~alt.datum.dag).mark_bar(
        size=8, cornerRadius=3).encode(x=x, x2="tot:T", color=color)
    planned_day = base.transform_filter(is_planned & alt.datum.dag).mark_point(
        shape="square", size=260, filled=True, opacity=1).encode(x=x, color=color)
    actual_day = base.transform_filter(is_actual & alt.datum.dag).mark_point(
        shape="square", size=70, filled=True, opacity=1).encode(x=x, color=color)
    meetings = base.transform_filter(
        (alt.datum.soort == "bijeenkomst") | (alt.datum.soort == "bijeenkomst_gepland")
    ).mark_point(shape="diamond", size=140, filled=True, stroke="#c9a400",
                 strokeWidth=2).encode(x=x, color=color)
    agreed = base.transform_filter(alt.datum.soort == "afspraak").mark_point(
        shape="triangle-up", size=150, filled=True, opacity=1).encode(x=x, color=color)
    now = alt.Chart(pd.DataFrame({"van": [today.isoformat()],
                                  "tekst": [t("jaar.tijdlijn.vandaag")]})).mark_rule(
        color="#d0643b", strokeDash=[4, 3], strokeWidth=2).encode(
        x="van:T", tooltip=alt.Tooltip("tekst:N", title=t("jaar.tijdlijn.wat")))
    height = ROW_STEP * max(len(rows), 1)
    layers = (planned, actual, planned_day, actual_day, meetings, agreed, now)
    chart = alt.layer(*layers).properties(height=height)
    if width == charts.CONTAINER:
        return charts.fit(chart, TIMELINE_MAX_WIDTH)
    return chart.properties(width=width)
