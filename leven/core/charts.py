"""Charts: one theme for all, and one helper that decides how a chart is rendered.

Altair's default renderers load vega from a CDN, which fails offline. In a Voila app charts
render interactively with ``jupyter`` (offline=True: the JavaScript is bundled with Altair);
in analysis notebooks they render as static SVG (vl-convert), the only output nbval can
compare stably. No notebook picks a renderer: it calls :func:`show`. Altair is imported
only when a chart is shown, since importing it costs more than a second.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from leven.core import vega_bundle
from leven.core.i18n import language

if TYPE_CHECKING:
    import pandas as pd

CONTEXTS = ("app", "analyse")
_context = "analyse"

FONT = "DejaVu Sans, Verdana, sans-serif"
COLORS = ["#2e6b5e", "#c9a400", "#7a4e9c", "#d0643b", "#3b7bbf", "#7f8c8d"]
DIMENSION_COLORS = {
    "lichamelijk": "#d0643b",
    "psychisch": "#7a4e9c",
    "sociaal": "#3b7bbf",
    "spiritueel": "#c9a400",
}


NL_NUMBERS = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]}
NL_TIME = {
    "dateTime": "%a %e %B %Y %X", "date": "%d-%m-%Y", "time": "%H:%M:%S",
    "periods": ["", ""],
    "days": ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
    "shortDays": ["zo", "ma", "di", "wo", "do", "vr", "za"],
    "months": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december"],
    "shortMonths": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt",
                    "nov", "dec"],
}


def set_context(context: str) -> None:
    """Choose how :func:`show` renders: ``app`` (interactive) or ``analyse`` (static SVG)."""
    if context not in CONTEXTS:
        raise ValueError(f"unknown chart context {context!r}")
    global _context
    _context = context


def context() -> str:
    return _context


def theme() -> dict[str, Any]:
    """The workbook's chart theme (fonts, colours, sizes), as an Altair theme config."""
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": 420, "continuousHeight": 260, "stroke": None},
            "range": {"category": COLORS},
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "grid": True,
                     "gridColor": "#e3e8e6"},
            "legend": {"labelFontSize": 12, "titleFontSize": 13},
            "title": {"fontSize": 15, "anchor": "start"},
            "background": "white",
        }
    }


def _altair() -> Any:
    import altair as alt

    if "leven" not in alt.theme.names():
        alt.theme.register("leven", enable=False)(theme)
    alt.theme.enable("leven")
    if _context == "app":
        # No "..." menu: it is English and offers to send the chart (with typed texts) to
        # the online Vega Editor. Numbers and dates the Dutch way.
        embed: dict[str, Any] = {"actions": False}
        if language() == "nl":
            embed |= {"formatLocale": NL_NUMBERS, "timeFormatLocale": NL_TIME}
        vega_bundle.enable_offline()  # before the renderer, which would bundle anew
        alt.renderers.enable("jupyter", offline=True, embed_options=embed)
    else:
        alt.renderers.enable("svg")
    return alt


def altair() -> Any:
    """Altair with our theme and the renderer for the current context enabled."""
    return _altair()


def show(chart: Any) -> None:
    """Display ``chart`` the way the current context needs."""
    from IPython.display import display

    _altair()
    display(chart)


def word_bars(
    words: pd.DataFrame, *, axis_title: str, tooltip_titles: tuple[str, str, str],
    width: int, step: int = 20, title: str | None = None,
) -> Any:
    """Horizontal bars of a word table (``woord, aantal, notities`` from
    :mod:`leven.core.textstats`), most used on top, in the frame's own order (most used,
    then alphabetical), so ties stay stable. Shared by every instrument that counts words."""
    alt = altair()
    data = words[["woord", "aantal", "notities"]].reset_index(drop=True)
    woord, aantal, notities = tooltip_titles
    chart = alt.Chart(data, title=title) if title is not None else alt.Chart(data)
    return (
        chart.mark_bar(color=COLORS[0])
        .encode(
            x=alt.X("aantal:Q", title=axis_title, axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("woord:N", sort=list(data["woord"]), title=None),
            tooltip=[
                alt.Tooltip("woord:N", title=woord),
                alt.Tooltip("aantal:Q", title=aantal),
                alt.Tooltip("notities:Q", title=notities),
            ],
        )
        .properties(width=width, height=alt.Step(step))
    )
