"""What every analysis notebook does first: the store, and charts as static SVG.

Analysis notebooks are the researcher's record: they are committed with their outputs and
nbval compares those outputs strictly, so everything shown must be deterministic (no
timestamps, random ids or absolute paths; SVG charts).
"""

from __future__ import annotations

from leven.core import charts, i18n, keys
from leven.core.dataset import load_dataset
from leven.core.errors import LevenError
from leven.core.provenance import describe, existing_store, provenance
from leven.core.pseudonymise import Pseudonyms, collect
from leven.core.settings import database_url
from leven.core.store import Store


def start_analysis(url: str | None = None, *, show: bool = True, lang: str = "nl") -> Store:
    """The store to analyse (``LEVEN_DATABASE_URL`` by default); charts render as SVG.

    Prints where the data come from (the store's name, records per kind, a checksum of their
    content) and refuses a missing or empty store: an analysis of nothing would show empty
    tables that look like results. The labels' language is pinned (Dutch by default, said in
    the first line), so the committed outputs are the same whatever ``LEVEN_LANG`` says.
    """
    charts.set_context("analyse")
    i18n.set_language(lang)
    store = existing_store(url or database_url())
    found = provenance(store)
    if not found.versions:
        store.close()
        raise LevenError("core.provenance.empty", source=found.source)
    if show:
        print(describe(found))
    return store


def pseudonyms(store: Store) -> Pseudonyms:
    """The store's people and their codes (its project secret, :mod:`leven.core.keys`): what
    a notebook shows of people (``pseudonymise.apply_roles``), the same as in every export."""
    return collect(load_dataset(store), keys.project_secret(store))
