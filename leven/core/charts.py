"""Charts: one theme for all, and one helper that decides how a chart is rendered.

Altair's default renderers load vega from a CDN, which fails offline. In a Voila app charts
render interactively with ``jupyter`` (offline=True: the JavaScript is bundled with Altair);
in analysis notebooks they render as static SVG (vl-convert), the only output nbval can
compare stably. No notebook picks a renderer: it calls :func:`show`. Altair is imported
only when a chart is shown, since importing it costs more than a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from leven.core import vega_bundle
from leven.core.i18n import language

if TYPE_CHECKING:
    import pandas as pd

CONTEXTS = ("app", "analyse")
CONTAINER: Literal["container"] = "container"
#: A chart's width: pixels (notebooks, the year report: static SVG) or its box's (the apps).
Width = int | Literal["container"]
FIT_CLASS = "leven-chart-fit"
SCROLL_CLASS = "leven-chart-scroll"
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


def _embed_options() -> dict[str, Any]:
    # No "..." menu: it is English and offers to send the chart (with typed texts) to the
    # online Vega Editor. Numbers and dates the Dutch way.
    embed: dict[str, Any] = {"actions": False}
    if language() == "nl":
        embed |= {"formatLocale": NL_NUMBERS, "timeFormatLocale": NL_TIME}
    return embed


def _altair() -> Any:
    import altair as alt

    if "leven" not in alt.theme.names():
        alt.theme.register("leven", enable=False)(theme)
    alt.theme.enable("leven")
    if _context == "app":
        vega_bundle.enable_offline()  # before the renderer, which would bundle anew
        alt.renderers.enable("jupyter", offline=True, embed_options=_embed_options())
    else:
        alt.renderers.enable("svg")
    return alt


def altair() -> Any:
    """Altair with our theme and the renderer for the current context enabled."""
    return _altair()


#: the characters of a line of a fitted chart's title or axis title: a 15 px title of 30
#: characters is about 250 px, inside the plot of a 320 px phone
FITTED_LINE = 30


def lines(text: str, width: int = FITTED_LINE) -> str | list[str]:
    """``text`` in lines of at most ``width`` characters (Vega draws a list as lines): a
    title longer than a phone's chart ran beyond its right edge, where it is cut off."""
    import textwrap

    wrapped = textwrap.wrap(text, width) or [text]
    return wrapped[0] if len(wrapped) == 1 else wrapped


def fitted_title(title: Any) -> Any:
    """A chart's title (text or ``alt.Title``) in lines that fit a phone's chart."""
    if isinstance(title, str):
        return lines(title)
    text = getattr(title, "text", None)
    if isinstance(text, str):
        return type(title).from_dict({**title.to_dict(), "text": lines(text)})
    return title


def fit(chart: Any, max_width: int) -> Any:
    """``chart`` as wide as its box, up to ``max_width`` px (its whole width: axes, legend).

    A phone then draws it at its own width with labels at their size, instead of a fixed
    width scaled down (7 px labels); a projector does not stretch it over 1,900 px. Vega-Lite
    sizes only single and layered charts so. Its title is put in lines that fit a phone.
    """
    import altair as alt

    fitted = chart.properties(width=CONTAINER, usermeta={"leven": {"maxWidth": max_width}})
    title = getattr(chart, "title", alt.Undefined)
    if title is not alt.Undefined:
        fitted = fitted.properties(title=fitted_title(title))
    return fitted


def _of_box(expr: str, otherwise: str) -> str:
    """A Vega expression of the box's width: Vega evaluates one once, before the chart is in
    its box (no width yet), unless it depends on a signal that changes; ``width`` changes
    when the chart is fitted to its box, so it is evaluated again then."""
    return f"width >= 0 && isFinite(containerSize()[0]) ? {expr} : {otherwise}"


def label_limit(pixels: int, width: Width, share: float = 0.4) -> Any:
    """A label limit of ``pixels``; on a chart as wide as its box also at most ``share`` of
    that box, so long labels leave the bars room on a phone (cut with "…"; the tooltip and
    the tables have the whole text)."""
    if width != CONTAINER:
        return pixels
    import altair as alt

    return alt.ExprRef(expr=_of_box(f"min({pixels}, floor(containerSize()[0] * {share}))",
                                    str(pixels)))


def legend_columns(width: Width) -> Any:
    """A legend's columns: one on a chart as wide as its box (a phone's row of four entries
    would leave the plot no room and be cut off; Vega sets a legend's columns once, before
    the box's width is known, so they cannot follow it), else Vega-Lite's default (a row)."""
    import altair as alt

    return 1 if width == CONTAINER else alt.Undefined


def legend_limit(pixels: int, width: Width, fitted: int = 100) -> int:
    """A legend's label limit: ``fitted`` px on a chart as wide as its box (fixed: see
    :func:`legend_columns`), else ``pixels``."""
    return fitted if width == CONTAINER else pixels


def scroll(chart: Any) -> Any:
    """``chart`` at its own size in a box that scrolls sideways where the screen is narrower
    (as a wide table does), for a picture that is unreadable any smaller: the netwerkkaart's
    names. The box can be reached with the keyboard, to scroll it with the arrow keys."""
    return chart.properties(usermeta={"leven": {"scroll": True}})


def _placed(chart: Any) -> dict[str, Any] | None:
    """How the app places ``chart`` (:func:`fit`, :func:`scroll`), None: as drawn."""
    meta = getattr(chart, "usermeta", None)
    leven = meta.get("leven") if isinstance(meta, dict) else None
    if not isinstance(leven, dict):
        return None
    if leven.get("scroll") or getattr(chart, "width", None) == CONTAINER:
        return leven
    return None


def _widget(chart: Any, placed: dict[str, Any]) -> Any:
    """The chart's widget, its element (vega-embed's container) marked so the stylesheet
    gives it a definite width before the chart is drawn: Vega reads it once then."""
    from altair import JupyterChart

    widget = JupyterChart(chart, embed_options=_embed_options())
    if placed.get("scroll"):
        widget.add_class(SCROLL_CLASS)
        widget.tabbable = True
        return widget
    widget.add_class(FIT_CLASS)
    widget.layout.max_width = f"{int(placed['maxWidth'])}px"
    return widget


def show(chart: Any | Sequence[Any]) -> None:
    """Display ``chart`` the way the current context needs (a list: one after the other)."""
    from IPython.display import display

    _altair()
    for one in chart if isinstance(chart, list | tuple) else [chart]:
        placed = _placed(one) if _context == "app" else None
        display(_widget(one, placed) if placed else one)


def word_bars(
    words: pd.DataFrame, *, axis_title: str, tooltip_titles: tuple[str, str, str],
    width: Width, step: int = 20, title: str | None = None, max_width: int = 520,
) -> Any:
    """Horizontal bars of a word table (``woord, aantal, notities`` from
    :mod:`leven.core.textstats`), most used on top, in the frame's own order (most used,
    then alphabetical), so ties stay stable. Shared by every instrument that counts words.
    ``width`` "container": as wide as its box, up to ``max_width`` (:func:`fit`)."""
    alt = altair()
    data = words[["woord", "aantal", "notities"]].reset_index(drop=True)
    woord, aantal, notities = tooltip_titles
    chart = alt.Chart(data, title=title) if title is not None else alt.Chart(data)
    bars = (
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
        .properties(height=alt.Step(step))
    )
    return fit(bars, max_width) if width == CONTAINER else bars.properties(width=width)
