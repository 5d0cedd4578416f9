"""Analysis of jaar on the store's tables (pure pandas: no UI, no store)."""

from __future__ import annotations

import pandas as pd

OVERVIEW_COLUMNS = ("proeftuin", "aantal")


def overview(frame: pd.DataFrame) -> pd.DataFrame:
    """The number of records per proeftuin; ``frame`` is ``Store.frame(Jaar)``."""
    counts = frame.groupby("proeftuin").size() if len(frame) else pd.Series(dtype="int64")
    return counts.rename("aantal").rename_axis("proeftuin").reset_index()[list(OVERVIEW_COLUMNS)]
