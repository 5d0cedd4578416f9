"""An analysis says which data it read (name, counts, checksum) and refuses to read nothing."""

from __future__ import annotations

import json
import shutil

import pytest

from leven.core import i18n
from leven.core.errors import LevenError
from leven.core.provenance import describe, provenance, source_name
from leven.core.research import start_analysis
from leven.core.settings import EXAMPLE_DIR
from leven.proeftuin import Proeftuin


def _example_counts() -> dict[str, int]:
    """Versions per kind, counted from the example files themselves."""
    import importlib

    counts: dict[str, int] = {}
    for path in EXAMPLE_DIR.glob("*.json"):
        content = json.loads(path.read_text(encoding="utf-8"))
        if not content.get("model") or not content.get("records"):
            continue
        module, _, name = content["model"].partition(":")
        kind = getattr(importlib.import_module(module), name).KIND
        counts[kind] = counts.get(kind, 0) + sum(
            len(entry.get("versions") or [entry]) for entry in content["records"])
    return counts


def test_the_counts_are_those_of_the_example_files(example_store):
    found = provenance(example_store)
    assert found.versions_per_kind == dict(sorted(_example_counts().items()))
    assert "bergeijk" in found.proeftuinen
    assert found.source == "SQLite: example.sqlite"


def test_the_same_data_give_the_same_checksum_and_a_change_another(example_file, tmp_path):
    from leven.core.store import Store

    copies = []
    for name in ("a.sqlite", "b.sqlite"):
        shutil.copy(example_file, tmp_path / name)
        copies.append(Store(f"sqlite:///{tmp_path / name}"))
    first, second = (provenance(s).checksum for s in copies)
    assert first == second and len(first) == 16
    copies[1].save(Proeftuin(naam="Nog een", gemeente="Eersel", startdatum="2025-03-01"),
                   proeftuin="nog-een", record_id="nog-een", saved_by="test")
    assert provenance(copies[1]).checksum != first
    for store in copies:
        store.close()


def test_a_missing_file_is_refused_and_not_created(tmp_path):
    missing = tmp_path / "nergens.sqlite"
    with pytest.raises(LevenError) as refused:
        start_analysis(f"sqlite:///{missing}")
    assert "geen gegevensbestand" in refused.value.message
    assert not missing.exists()


def test_an_empty_store_is_refused(store):
    with pytest.raises(LevenError) as refused:
        start_analysis(store.url)
    assert "leeg" in refused.value.message


def test_the_analysis_prints_its_source_in_dutch_whatever_leven_lang_says(
        example_store, capsys, monkeypatch):
    monkeypatch.setenv("LEVEN_LANG", "en")
    try:
        start_analysis(example_store.url)
        printed = capsys.readouterr().out.splitlines()
        assert printed[0].startswith("Gegevens: SQLite: example.sqlite · taal nl · ")
        assert f"controlegetal {provenance(example_store).checksum}" in printed[0]
        assert "  proeftuin: 3 records, 3 versies" in printed
        assert describe(provenance(example_store)).splitlines() == printed
    finally:
        i18n.set_language(None)


def test_a_server_url_is_shown_without_its_password():
    assert source_name("postgresql://onderzoek:geheim@db.example/leven") == \
        "postgresql://onderzoek:***@db.example/leven"
