"""The report's charts: each instrument's Altair chart, rendered here as inline static SVG.

A report is opened offline, printed, mailed: no JavaScript, no request. vl-convert renders
the chart in this process (as the analysis notebooks do, :mod:`leven.core.charts`), with
the Dutch number and date formats, and ``allowed_base_urls=[]`` so a chart cannot fetch
anything while it is drawn either.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from leven.core import charts
from leven.core.i18n import language, t

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>\s*")


def svg(chart: Any) -> str:
    """``chart`` as an ``<svg>`` element to put in the page (theme included)."""
    import vl_convert

    charts.altair()  # the workbook's theme, which to_dict() merges into the spec
    options: dict[str, Any] = {"allowed_base_urls": []}
    if language() == "nl":
        options |= {"format_locale": charts.NL_NUMBERS, "time_format_locale": charts.NL_TIME}
    drawn = vl_convert.vegalite_to_svg(chart.to_dict(), **options)
    return _XML_DECLARATION.sub("", drawn)


def versions_chart(evolution: pd.DataFrame) -> Any:
    """The kernthema's versions on a time axis, coloured by status (voorlopig, vastgesteld):
    how the ambition grew at a glance. ``evolution``: :func:`leven.kernthema.evolution`."""
    alt = charts.altair()
    data = pd.DataFrame({
        "datum": pd.to_datetime(evolution["datum"]),
        "versie": evolution["version"].map(lambda v: t("verslag.kernthema.versie", versie=v)),
        "status": evolution["status"].map(lambda s: t(f"verslag.kernthema.status_{s}")),
    })
    base = alt.Chart(data).encode(
        x=alt.X("datum:T", title=t("verslag.kernthema.as_datum"),
                axis=alt.Axis(format="%d-%m-%Y", labelAngle=0, tickCount=4)),
    )
    points = base.mark_point(size=160, filled=True).encode(
        color=alt.Color("status:N", title=t("verslag.kernthema.as_status"),
                        scale=alt.Scale(range=[charts.COLORS[1], charts.COLORS[0]])),
    )
    labels = base.mark_text(dy=-16, fontSize=12).encode(text="versie:N")
    return (points + labels).properties(width=520, height=70)
