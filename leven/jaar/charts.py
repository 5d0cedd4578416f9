"""Charts of jaar: data in, an Altair chart out; never displayed here."""

from __future__ import annotations

from typing import Any

import pandas as pd

from leven.core import charts
from leven.core.i18n import t


def overview_chart(overview: pd.DataFrame) -> Any:
    """A bar per proeftuin: how many records it has (``overview``: :func:`.analysis.overview`)."""
    alt = charts.altair()
    return alt.Chart(overview).mark_bar().encode(
        x=alt.X("aantal:Q", title=t("jaar.grafiek.aantal")),
        y=alt.Y("proeftuin:N", title=None),
    )
