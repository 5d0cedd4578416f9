"""The store: immutable versions, history, concurrency across processes, failure paths.

The tests that take ``store`` or ``store_url`` run on SQLite and on PostgreSQL (tests/pg.py).
"""

from __future__ import annotations

import multiprocessing
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from leven.core.store import InvalidRecord, NewVersion, Store, StoreError, VersionConflict
from leven.proeftuin import Bijeenkomst, Deelnemer, Proeftuin

START = date(2025, 2, 11)


def proeftuin(naam: str = "Zundert") -> Proeftuin:
    return Proeftuin(naam=naam, gemeente="Zundert", startdatum=START)


@pytest.fixture
def store(store_url):
    """An empty store of one's own, on each engine."""
    opened = Store(store_url)
    yield opened
    opened.close()


def test_every_save_is_a_new_version_and_history_keeps_all(store):
    first = store.save(proeftuin("Eerste"), proeftuin="z", record_id="z", saved_by="Anna")
    second = store.save(proeftuin("Tweede"), proeftuin="z", record_id="z", saved_by="Karim")
    assert (first.version, second.version) == (1, 2)
    assert store.latest(Proeftuin, "z").record.naam == "Tweede"
    history = store.history(Proeftuin, "z")
    assert [(v.version, v.record.naam, v.saved_by) for v in history] == [
        (1, "Eerste", "Anna"), (2, "Tweede", "Karim")
    ]
    raw = store.engine.connect().execute(sa.text("select count(*) from records")).scalar()
    assert raw == 2


def test_records_and_frame_give_the_latest_of_each(store):
    a = store.save(Deelnemer(naam="Anna"), proeftuin="z", saved_by="x")
    store.save(Deelnemer(naam="Bram"), proeftuin="z")
    store.save(Deelnemer(naam="Anna B."), proeftuin="z", record_id=a.record_id)
    store.save(Deelnemer(naam="Elders"), proeftuin="other")
    assert [v.record.naam for v in store.records(Deelnemer, "z")] == ["Anna B.", "Bram"]
    frame = store.frame(Deelnemer, "z")  # in the order of their latest save
    assert list(frame["naam"]) == ["Bram", "Anna B."]
    assert list(frame["version"]) == [1, 2]
    assert {"record_id", "proeftuin", "saved_at", "saved_by", "dimensies"} <= set(frame.columns)
    assert len(store.frame(Deelnemer, history=True)) == 4
    assert store.frame(Bijeenkomst).empty


def test_latest_of_unknown_record_is_none(store):
    assert store.latest(Proeftuin, "nergens") is None
    assert store.history(Proeftuin, "nergens") == []


def test_base_version_refuses_a_stale_save_and_writes_nothing(store):
    store.save(proeftuin(), proeftuin="z", record_id="z")
    store.save(proeftuin("Nieuwer"), proeftuin="z", record_id="z", base_version=1)
    with pytest.raises(VersionConflict) as caught:
        store.save(proeftuin("Oud"), proeftuin="z", record_id="z", base_version=1)
    assert "iemand anders" in str(caught.value)
    assert [v.record.naam for v in store.history(Proeftuin, "z")] == ["Zundert", "Nieuwer"]
    with pytest.raises(VersionConflict):
        store.save(proeftuin(), proeftuin="z", record_id="z", base_version=0)


def test_save_all_saves_everything_or_nothing(store):
    member = Deelnemer(naam="Anna de Vries", organisatie="Thuiszorg", domein="zorg",
                       functie="wijkverpleegkundige")
    saved = store.save_all(
        [NewVersion(proeftuin(), "z", "z", base_version=0), NewVersion(member, "z")],
        saved_by="Els",
    )
    assert [(v.kind, v.version, v.saved_by) for v in saved] == [
        ("proeftuin", 1, "Els"), ("deelnemer", 1, "Els")]
    assert saved[0].saved_at == saved[1].saved_at  # one moment, one transaction
    # the second item conflicts (z exists): the first, valid on its own, is not saved either
    with pytest.raises(VersionConflict):
        store.save_all([NewVersion(member, "y"), NewVersion(proeftuin(), "z", "z", 0)])
    assert len(store.records(Deelnemer)) == 1
    with pytest.raises(InvalidRecord):
        store.save_all([NewVersion(member, "y"),
                        NewVersion(Proeftuin.model_construct(naam="", gemeente="x"), "y")])
    assert len(store.records(Deelnemer)) == 1


def test_saved_at_and_saved_by_are_kept(store):
    moment = datetime(2025, 2, 11, 10, 0, tzinfo=UTC)
    store.save(proeftuin(), proeftuin="z", record_id="z", saved_by="Anna", saved_at=moment)
    assert store.latest(Proeftuin, "z").saved_at == moment


def test_an_invalid_payload_is_refused_with_dutch_field_messages(store):
    bad = Proeftuin.model_construct(naam="", gemeente="Zundert", startdatum=START)
    with pytest.raises(InvalidRecord) as caught:
        store.save(bad, proeftuin="z", record_id="z")
    assert caught.value.fields == {"naam": "Vul dit veld in."}
    assert "Niet opgeslagen" in str(caught.value)
    assert store.latest(Proeftuin, "z") is None


def _save_many(url: str, worker: int, count: int, ready, go) -> None:
    store = Store(url)
    ready.set()  # opened: wait for the others, so that all of them save at once
    if not go.wait(120):
        raise TimeoutError("no start signal")
    for i in range(count):
        store.save(proeftuin(f"w{worker}-{i}"), proeftuin="z", record_id="gedeeld")
        store.save(Deelnemer(naam=f"w{worker}-{i}"), proeftuin="z")
    store.close()


def test_concurrent_saves_from_several_processes_all_land(store_url):
    url = store_url
    Store(url).close()
    workers, count = 4, 40
    context = multiprocessing.get_context("spawn")
    go = context.Event()
    readies = [context.Event() for _ in range(workers)]
    processes = [context.Process(target=_save_many, args=(url, w, count, readies[w], go))
                 for w in range(workers)]
    for process in processes:
        process.start()
    for ready in readies:  # every writer opened its store (spawning takes a second or two)
        assert ready.wait(120), "a writer did not start"
    go.set()
    for process in processes:
        process.join(120)
        assert process.exitcode == 0
    store = Store(url)
    versions = [v.version for v in store.history(Proeftuin, "gedeeld")]
    assert versions == list(range(1, workers * count + 1))
    assert len(store.records(Deelnemer, "z")) == workers * count
    store.close()


def test_a_read_only_store_says_so_in_dutch(tmp_path):
    path = tmp_path / "ro.sqlite"
    Store(f"sqlite:///{path}").save(proeftuin(), proeftuin="z", record_id="z")
    read_only = Store(f"sqlite:///file:{path}?mode=ro&uri=true")
    with pytest.raises(StoreError) as caught:
        read_only.save(proeftuin("Nieuw"), proeftuin="z", record_id="z")
    assert "alleen-lezen" in str(caught.value)
    assert read_only.latest(Proeftuin, "z").record.naam == "Zundert"


def test_a_full_disk_says_so_in_dutch(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'full.sqlite'}")
    store.save(proeftuin(), proeftuin="z", record_id="z")

    def tiny(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA max_page_count = 1")

    store.engine.dispose()
    sa.event.listen(store.engine, "connect", tiny)
    with pytest.raises(StoreError) as caught:
        store.save(Bijeenkomst(soort="anders", datum=START, notities="x" * 9_000),
                   proeftuin="z")
    assert "schijf is vol" in str(caught.value)


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'leven.sqlite'}")
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10000


def test_drafts_are_replaced_and_discarded(store):
    assert store.load_draft("z/deelnemer/nieuw/f") is None
    store.save_draft("z/deelnemer/nieuw/f", {"naam": "An"})
    store.save_draft("z/deelnemer/nieuw/f", {"naam": "Anna", "datum": "2025-02-11"})
    draft = store.load_draft("z/deelnemer/nieuw/f")
    assert draft.values == {"naam": "Anna", "datum": "2025-02-11"}
    store.discard_draft("z/deelnemer/nieuw/f")
    assert store.load_draft("z/deelnemer/nieuw/f") is None


def test_drafts_are_found_by_the_start_of_their_key(store):
    store.save_draft("z/gas_doel/nieuw/gas_doel/cafe", {"experiment": "Café"})
    store.save_draft("z/gas_doel/nieuw/gas_doel/inloop", {"experiment": "Inloop"})
    store.save_draft("z/gasXdoel/nieuw/gas_doel/ander", {})  # _ is no wildcard here
    store.save_draft("y/gas_doel/nieuw/gas_doel/elders", {})
    found = store.drafts("z/gas_doel/nieuw/gas_doel/")
    assert [d.key.rsplit("/", 1)[1] for d in found] == ["cafe", "inloop"]
    assert found[0].values == {"experiment": "Café"}
    assert store.drafts("z/%") == []


def test_blobs_round_trip_with_fresh_ids(store):
    first = store.save_blob(b"\xff\xd8abc", proeftuin="z", media_type="image/jpeg")
    second = store.save_blob(b"\xff\xd8abc", proeftuin="z", media_type="image/jpeg")
    assert first != second
    assert store.load_blob(first) == (b"\xff\xd8abc", "image/jpeg")
    assert store.load_blob("0" * 16) is None


def test_a_database_server_that_is_not_there_is_said_in_dutch(tmp_path):
    for url in (f"postgresql+psycopg://leven@/leven?host={tmp_path}",  # no server here
                "postgresql+psycopg://leven:geheim@127.0.0.1:1/leven"):
        with pytest.raises(StoreError) as caught:
            Store(url)
        assert "database is niet bereikbaar" in str(caught.value)
        assert "geheim" not in str(caught.value)


def test_any_sqlalchemy_url_works_in_memory():
    store = Store("sqlite://")
    store.save(proeftuin(), proeftuin="z", record_id="z")
    assert store.latest(Proeftuin, "z").version == 1


def test_the_store_file_is_plain_sqlite(tmp_path: Path):
    path = tmp_path / "plain.sqlite"
    Store(f"sqlite:///{path}").save(proeftuin(), proeftuin="z", record_id="z")
    rows = sqlite3.connect(path).execute("select kind, record_id, version from records").fetchall()
    assert rows == [("proeftuin", "z", 1)]


def test_the_store_columns_win_over_payload_fields_of_the_same_name(example_store):
    from leven.checklist import ChecklistBeoordeling

    frame = example_store.frame(ChecklistBeoordeling)
    stored = {v.record_id: v.proeftuin for v in example_store.records(ChecklistBeoordeling)}
    assert dict(zip(frame["record_id"], frame["proeftuin"], strict=True)) == stored
    assert list(frame.columns).count("proeftuin") == 1
