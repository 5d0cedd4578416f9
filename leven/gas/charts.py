"""GAS charts: levels per goal over time, T-scores per experiment, changes per proeftuin.

Pure functions from the tables of :mod:`leven.gas` to Altair charts; they never display
anything (the caller uses :func:`leven.core.charts.show`). Dates go to Vega as ``YYYY-MM-DD``
strings on a UTC scale, so the same data draws the same axis in every time zone, and every
title comes from the catalogue.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from leven.core import charts
from leven.core.i18n import t
from leven.gas import METINGEN, NIVEAUS, Meting, niveau_label, signed

GOAL_LABEL_LENGTH = 60
"""Goal texts are cut to this length in legends (the whole text is in the tooltip)."""

EXPECTED_COLOR = charts.COLORS[0]
METING_COLORS = {Meting.NULMETING.value: "#7f8c8d", Meting.VERVOLGMETING.value: charts.COLORS[0]}


def _title(key: str) -> str:
    return t(f"gas.grafiek.{key}")


def _meting_label(value: Any) -> str:
    return t(f"gas.metingen.{value}")


def _level_axis_expr() -> str:
    """A Vega expression that writes each level with its general meaning ("+1 meer ...")."""
    expr = "''"
    for level in NIVEAUS:
        text = json.dumps(f"{signed(level)} {niveau_label(level)}", ensure_ascii=False)
        expr = f"datum.value == {level} ? {text} : ({expr})"
    return expr


def _short(text: Any, length: int = GOAL_LABEL_LENGTH) -> str:
    words = " ".join(str(text or "").split())
    return words if len(words) <= length else words[: length - 1].rstrip() + "…"


LEVELS_WIDTH = 560
LEVELS_MAX_WIDTH = 840  # in the app, the whole chart: the lines and the levels' meanings


def levels_over_time(tidy: pd.DataFrame, *, width: charts.Width = LEVELS_WIDTH) -> Any:
    """Per goal of one experiment the level reached at each scoring: one line per goal.

    ``tidy``: :func:`leven.gas.tidy_frame` rows (usually of one experiment); unscored goals
    are left out. x is the date, y the level from -2 to +2 with its meaning; the dashed
    line at 0 is the expected outcome, the goal itself. ``width`` "container" (the app): as
    wide as its box, the levels' meanings and the goals cut to fit a phone.
    """
    alt = charts.altair()
    scored = tidy[tidy["niveau"].notna()].copy()
    order = list(dict.fromkeys(tidy["doel_id"]))  # tidy_frame's goal order (volgorde)
    labels = {
        doel_id: f"{order.index(doel_id) + 1}. {_short(text)}"
        for doel_id, text in zip(tidy["doel_id"], tidy["doel"], strict=True)
    }
    data = pd.DataFrame(
        {
            "doel_id": scored["doel_id"].astype(str),
            "doel": [labels[d] for d in scored["doel_id"]],
            "datum": pd.to_datetime(scored["datum"]).dt.strftime("%Y-%m-%d"),
            "niveau": scored["niveau"].astype("int64"),
            "meting": [_meting_label(m) for m in scored["meting"]],
        }
    )
    x = alt.X(
        "datum:T",
        title=_title("datum"),
        scale=alt.Scale(type="utc", nice=False, padding=24),
        axis=alt.Axis(format="%d-%m-%Y", labelAngle=0, tickCount=6),
    )
    y = alt.Y(
        "niveau:Q",
        title=_title("niveau"),
        scale=alt.Scale(domain=[-2.3, 2.3], nice=False, zero=False),
        axis=alt.Axis(values=list(NIVEAUS), labelExpr=_level_axis_expr(),
                      labelLimit=charts.label_limit(260, width, 0.45)),
    )
    color = alt.Color(
        "doel:N",
        title=_title("doel"),
        sort=[labels[d] for d in order],
        legend=alt.Legend(orient="bottom", direction="vertical",
                          labelLimit=charts.legend_limit(600, width)),
    )
    tooltip = [
        alt.Tooltip("doel:N", title=_title("doel")),
        alt.Tooltip("meting:N", title=_title("meting")),
        alt.Tooltip("datum:T", title=_title("datum"), format="%d-%m-%Y"),
        alt.Tooltip("niveau:Q", title=_title("niveau")),
    ]
    base = alt.Chart(data)
    lines = base.mark_line(strokeWidth=3).encode(x=x, y=y, color=color, detail="doel_id:N")
    points = base.mark_point(size=110, filled=True, opacity=1).encode(
        x=x,
        y=y,
        color=color,
        shape=alt.Shape(
            "meting:N", title=_title("meting"), sort=[_meting_label(m) for m in METINGEN],
            legend=(alt.Legend(orient="top", columns=charts.legend_columns(width))
                    if width == charts.CONTAINER else alt.Undefined),
        ),
        tooltip=tooltip,
    )
    expected = (
        alt.Chart(pd.DataFrame({"niveau": [0]}))
        .mark_rule(color=EXPECTED_COLOR, strokeDash=[6, 4], strokeWidth=2)
        .encode(y=alt.Y("niveau:Q"))
    )
    chart = (
        alt.layer(expected, lines, points)
        .properties(title=_title("titel_niveaus"), height=280)
        .resolve_scale(color="shared")
    )
    if width == charts.CONTAINER:
        return charts.fit(chart, LEVELS_MAX_WIDTH)
    return chart.properties(width=width)


def _experiment_rows(summary: pd.DataFrame) -> pd.DataFrame:
    rows = summary.copy()
    names = rows["experiment"].fillna("").astype(str)
    rows["label"] = [_short(n or e, 40) for n, e in zip(names, rows["experiment_id"], strict=True)]
    return rows


def t_scores(summary: pd.DataFrame) -> Any:
    """Per experiment its T-score at the nulmeting and at the latest vervolgmeting (dumbbell).

    ``summary``: :func:`leven.gas.experiment_summary` rows. One panel per proeftuin when
    there are several; the dashed line at T = 50 is "all goals as expected". An experiment
    without a T-score at one meting shows only the other point.
    """
    alt = charts.altair()
    rows = _experiment_rows(summary)
    long = rows.melt(
        id_vars=["proeftuin", "experiment_id", "label"],
        value_vars=[f"t_{m}" for m in METINGEN],
        var_name="meting",
        value_name="t",
    ).dropna(subset=["t"])
    long["meting"] = [_meting_label(m.removeprefix("t_")) for m in long["meting"]]
    long["t"] = long["t"].astype("float64").round(2)
    long = long.sort_values(["proeftuin", "experiment_id", "meting"], kind="stable")
    y = alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=320))
    scale = alt.Scale(domain=[20, 80], clamp=True)
    metingen = [_meting_label(m) for m in METINGEN]
    # The span: from the lower to the higher T of each experiment (one shared data set,
    # so the chart can be split into a panel per proeftuin).
    span = (
        alt.Chart()
        .mark_rule(strokeWidth=4, color="#b9c6c2")
        .encode(y=y, x=alt.X("min(t):Q", scale=scale), x2="max(t):Q")
    )
    points = (
        alt.Chart()
        .mark_circle(size=160, opacity=1)
        .encode(
            y=y,
            x=alt.X("t:Q", title=_title("t_score"), scale=scale),
            color=alt.Color(
                "meting:N",
                title=_title("meting"),
                sort=metingen,
                scale=alt.Scale(domain=metingen, range=[METING_COLORS[m] for m in METINGEN]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("label:N", title=_title("experiment")),
                alt.Tooltip("meting:N", title=_title("meting")),
                alt.Tooltip("t:Q", title=_title("t_score"), format=".1f"),
            ],
        )
    )
    fifty = (
        alt.Chart()
        .transform_aggregate(n="count()")
        .mark_rule(color=EXPECTED_COLOR, strokeDash=[6, 4])
        .encode(x=alt.datum(50, scale=scale))
    )
    layered = alt.layer(fifty, span, points, data=long).properties(width=420)
    if rows["proeftuin"].nunique() > 1:
        header = alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold")
        layered = layered.facet(
            row=alt.Row("proeftuin:N", title=None, header=header)
        ).resolve_scale(y="independent")
    return layered.properties(title=_title("titel_t"))


def change_distribution(summary: pd.DataFrame) -> Any:
    """The change in T-score of every experiment, per proeftuin: a box with the points.

    ``summary``: :func:`leven.gas.experiment_summary` rows of several proeftuinen;
    experiments without a change (no goal scored at both metingen) are left out. The line
    at 0 is "no change".
    """
    alt = charts.altair()
    rows = _experiment_rows(summary).dropna(subset=["verandering"])
    data = pd.DataFrame(
        {
            "proeftuin": rows["proeftuin"].astype(str),
            "experiment": rows["label"],
            "verandering": rows["verandering"].astype("float64").round(2),
        }
    )
    x = alt.X("proeftuin:N", title=_title("proeftuin"), axis=alt.Axis(labelAngle=0))
    y = alt.Y("verandering:Q", title=_title("verandering"))
    box = (
        alt.Chart(data)
        .mark_boxplot(size=46, opacity=0.35, color=charts.COLORS[4], extent="min-max")
        .encode(x=x, y=y)
    )
    points = (
        alt.Chart(data)
        .mark_circle(size=120, opacity=0.9, color=charts.COLORS[0])
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("proeftuin:N", title=_title("proeftuin")),
                alt.Tooltip("experiment:N", title=_title("experiment")),
                alt.Tooltip("verandering:Q", title=_title("verandering"), format="+.1f"),
            ],
        )
    )
    zero = (
        alt.Chart(pd.DataFrame({"verandering": [0]}))
        .mark_rule(color="#5a6a6a", strokeDash=[4, 4])
        .encode(y="verandering:Q")
    )
    return alt.layer(zero, box, points).properties(
        title=_title("titel_verandering"), width=360, height=280
    )


def t_over_time(per_date: pd.DataFrame) -> Any:
    """Per experiment its T-score on every date it was scored: one line per experiment.

    ``per_date``: :func:`leven.gas.measurements.t_per_date` rows. One panel per proeftuin
    when there are several; the dashed line at T = 50 is "all goals as expected". A point's
    tooltip says how many of the experiment's goals were scored that day.
    """
    alt = charts.altair()
    rows = _experiment_rows(per_date.dropna(subset=["t"]))
    rows["datum"] = [f"{pd.Timestamp(d):%Y-%m-%d}" for d in rows["datum"]]
    rows["t"] = rows["t"].astype("float64").round(2)
    rows["gescoord"] = [f"{g} / {n}" for g, n in zip(rows["n_gescoord"], rows["n_doelen"],
                                                      strict=True)]
    rows = rows[["proeftuin", "experiment_id", "label", "datum", "t", "gescoord", "metingen"]]
    scale = alt.Scale(domain=[20, 80], clamp=True)
    x = alt.X("datum:T", title=_title("datum"), scale=alt.Scale(type="utc"),
              axis=alt.Axis(format="%d-%m-%Y", labelAngle=0))
    lines = (
        alt.Chart()
        .mark_line(point=alt.OverlayMarkDef(size=70, filled=True))
        .encode(
            x=x,
            y=alt.Y("t:Q", title=_title("t_score"), scale=scale),
            color=alt.Color("label:N", title=_title("experiment"),
                            legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)),
            tooltip=[
                alt.Tooltip("label:N", title=_title("experiment")),
                alt.Tooltip("datum:T", title=_title("datum"), format="%d-%m-%Y"),
                alt.Tooltip("t:Q", title=_title("t_score"), format=".1f"),
                alt.Tooltip("gescoord:N", title=_title("gescoord")),
            ],
        )
    )
    fifty = (
        alt.Chart()
        .transform_aggregate(n="count()")
        .mark_rule(color=EXPECTED_COLOR, strokeDash=[6, 4])
        .encode(y=alt.datum(50, scale=scale))
    )
    layered = alt.layer(fifty, lines, data=rows).properties(width=460, height=220)
    if rows["proeftuin"].nunique() > 1:
        header = alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold")
        layered = layered.facet(row=alt.Row("proeftuin:N", title=None, header=header))
    return layered.properties(title=_title("titel_t_per_datum"))
