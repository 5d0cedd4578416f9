"""Charts of the experiments: data in, an Altair chart out; never displayed here."""

from __future__ import annotations

from typing import Any

import pandas as pd

from leven.core import charts
from leven.core.i18n import t
from leven.experiment.records import STATUSSEN, status_label


def overview_chart(overview: pd.DataFrame) -> Any:
    """Per proeftuin its experiments by status, stacked (from :func:`.analysis.overview`)."""
    alt = charts.altair()
    data = overview.assign(label=overview["status"].map(status_label))
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("aantal:Q", title=t("experiment.grafiek.aantal")),
        y=alt.Y("proeftuin:N", title=None),
        color=alt.Color("label:N", title=t("experiment.grafiek.status"),
                        sort=[status_label(s) for s in STATUSSEN]),
    )
