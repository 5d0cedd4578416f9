"""What every analysis notebook does first: the store, and charts as static SVG.

Analysis notebooks are the researcher's record: they are committed with their outputs and
nbval compares those outputs strictly, so everything shown must be deterministic (no
timestamps, random ids or absolute paths; SVG charts).
"""

from __future__ import annotations

from leven.core import charts
from leven.core.store import Store, open_store


def start_analysis(url: str | None = None) -> Store:
    """The store to analyse (``LEVEN_DATABASE_URL`` by default); charts render as SVG."""
    charts.set_context("analyse")
    return open_store(url)
