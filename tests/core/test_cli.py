"""The command line: --demo never destroys real work."""

from __future__ import annotations

import pytest

from leven.core.store import Store
from leven.core.web.cli import fresh_demo_store, main
from leven.proeftuin import Proeftuin


def test_a_fresh_demo_store_removes_only_its_own_files(tmp_path):
    demo = tmp_path / "mijn-demo.sqlite"
    neighbours = [tmp_path / "mijn-demo.sqlite.bak-2024", tmp_path / "mijn-demo.sqlite-notes.txt"]
    for path in neighbours:
        path.write_text("bewaren")
    Store(f"sqlite:///{demo}").save(
        Proeftuin(naam="Eigen werk", gemeente="X", startdatum="2025-01-01"), proeftuin="x",
        record_id="x")
    url = fresh_demo_store(demo)
    assert all(path.read_text() == "bewaren" for path in neighbours)
    store = Store(url)
    assert store.latest(Proeftuin, "x") is None
    assert store.latest(Proeftuin, "bergeijk").record.gemeente == "Bergeijk"


def test_demo_refuses_to_overwrite_a_store_that_is_not_a_demo(tmp_path, capsys):
    real = tmp_path / "leven.sqlite"
    Store(f"sqlite:///{real}").save(
        Proeftuin(naam="Echt", gemeente="X", startdatum="2025-01-01"), proeftuin="x",
        record_id="x")
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--demo", "--data", str(real)])
    assert "is geen demo-bestand" in str(stopped.value)
    assert Store(f"sqlite:///{real}").latest(Proeftuin, "x").record.naam == "Echt"
