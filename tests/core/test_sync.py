"""``leven sync``: a union of record versions between stores, on SQLite and PostgreSQL.

Counted by hand: every test knows which versions each side has before the sync.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from leven.core.store import Store
from leven.core.sync import SyncError, sync
from leven.proeftuin import Deelnemer, Proeftuin

START = datetime(2025, 2, 11, 10, 0, tzinfo=UTC)


def tuin(naam: str) -> Proeftuin:
    return Proeftuin(naam=naam, gemeente="Zundert", startdatum=date(2025, 2, 11))


@pytest.fixture
def sqlite_url(tmp_path):
    def make(name: str) -> str:
        return f"sqlite:///{tmp_path / name}"
    return make


@pytest.fixture(params=["sqlite->sqlite", "sqlite->postgresql", "postgresql->sqlite"])
def pair(request, sqlite_url):
    """A source and a target store (empty), for each direction the issue names."""
    source_engine, target_engine = request.param.split("->")
    made = []

    def url(engine: str, name: str) -> str:
        if engine == "sqlite":
            return sqlite_url(name)
        server = request.getfixturevalue("postgres")
        made.append((server, server.new_database()))
        return made[-1][1]

    source, target = Store(url(source_engine, "a.sqlite")), Store(url(target_engine, "b.sqlite"))
    yield source, target
    source.close()
    target.close()
    for server, database in made:
        server.drop_database(database)


def rows(store: Store) -> list[tuple]:
    with store.engine.connect() as connection:
        return connection.execute(sa.text(
            "select kind, proeftuin, record_id, version, saved_by, payload from records "
            "order by kind, record_id, version")).all()


def fill(store: Store) -> None:
    """Two proeftuinen: a proeftuin record with 2 versions, 3 deelnemers, a photo, a draft."""
    at = START
    for naam in ("Zundert", "Zundert 2"):
        store.save(tuin(naam), proeftuin="z", record_id="z", saved_by="Anna", saved_at=at)
        at += timedelta(minutes=1)
    for naam in ("Anna", "Bram"):
        store.save(Deelnemer(naam=naam), proeftuin="z", record_id=f"d-{naam}", saved_at=at)
    store.save(Deelnemer(naam="Els"), proeftuin="b", record_id="d-Els", saved_at=at)
    store.save_blob(b"\xff\xd8foto", proeftuin="z", media_type="image/jpeg", blob_id="foto1")
    store.save_draft("z/deelnemer/nieuw/f", {"naam": "Half getypt"})


def test_sync_copies_every_version_and_photo_but_no_draft_and_is_idempotent(pair):
    source, target = pair
    fill(source)
    lines: list[str] = []
    results = sync(source, target, say=lines.append)
    assert [(r.proeftuin, r.copied, r.skipped, r.blobs) for r in results] == [
        ("b", 1, 0, 0), ("z", 4, 0, 1)]
    assert rows(target) == rows(source)
    assert target.load_blob("foto1") == (b"\xff\xd8foto", "image/jpeg")
    assert target.load_draft("z/deelnemer/nieuw/f") is None
    assert [v.record.naam for v in target.history(Proeftuin, "z")] == ["Zundert", "Zundert 2"]
    assert target.latest(Proeftuin, "z").saved_at == START + timedelta(minutes=1)
    assert lines[-1].startswith("Klaar: 5 versies gekopieerd, 0 waren er al, 1 foto")
    again = sync(source, target)  # a second run copies nothing
    assert [(r.copied, r.skipped, r.blobs) for r in again] == [(0, 1, 0), (0, 4, 0)]
    assert rows(target) == rows(source)


def test_only_the_chosen_proeftuinen_travel(pair):
    source, target = pair
    fill(source)
    sync(source, target, ["b"])
    assert {row.proeftuin for row in rows(target)} == {"b"}
    assert target.load_blob("foto1") is None
    with pytest.raises(SyncError) as caught:
        sync(source, target, ["nergens"])
    assert "geen proeftuin nergens" in str(caught.value) and "b, z" in str(caught.value)


def test_new_versions_on_one_side_are_added_after_what_the_other_has(pair):
    source, target = pair
    fill(source)
    sync(source, target)
    source.save(tuin("Zundert 3"), proeftuin="z", record_id="z", saved_by="Karim")
    target.save(Deelnemer(naam="Alleen op het doel"), proeftuin="z", record_id="d-doel")
    results = sync(source, target)
    assert [(r.copied, r.concurrent) for r in results] == [(0, []), (1, [])]
    assert [v.version for v in target.history(Proeftuin, "z")] == [1, 2, 3]
    assert target.latest(Deelnemer, "d-doel") is not None  # the target's own stays
    assert source.latest(Deelnemer, "d-doel") is None


def test_a_record_edited_on_both_sides_keeps_both_versions_and_lists_the_incoming_one(pair):
    source, target = pair
    fill(source)
    sync(source, target)
    later = START + timedelta(days=1)
    source.save(tuin("Op de laptop"), proeftuin="z", record_id="z", saved_by="Anna",
                saved_at=later)
    target.save(tuin("Op de server"), proeftuin="z", record_id="z", saved_by="Karim",
                saved_at=later)
    lines: list[str] = []
    results = sync(source, target, ["z"], say=lines.append)
    [edit] = results[0].concurrent
    assert (edit.record_id, edit.original_version, edit.version) == ("z", 3, 4)
    history = target.history(Proeftuin, "z")
    assert [(v.version, v.record.naam) for v in history] == [
        (1, "Zundert"), (2, "Zundert 2"), (3, "Op de server"), (4, "Op de laptop")]
    assert any("Gelijktijdig bewerkt: proeftuin z" in line and "versie 3" in line
               and "versie 4" in line for line in lines)
    with target.engine.connect() as connection:
        noted = connection.execute(sa.text(
            "select kind, record_id, version, original_version from concurrent_edits")).all()
    assert noted == [("proeftuin", "z", 4, 3)]
    assert target.frame(Proeftuin, "z")["naam"].tolist() == ["Op de laptop"]  # newest row
    # and back: the source gets the server's edit, renumbered after its own; nothing twice
    back = sync(target, source, ["z"])
    assert [(e.original_version, e.version) for e in back[0].concurrent] == [(3, 4)]
    assert back[0].copied == 1 and back[0].skipped == 5  # 3 of the record, 2 deelnemers
    assert [v.record.naam for v in source.history(Proeftuin, "z")] == [
        "Zundert", "Zundert 2", "Op de laptop", "Op de server"]
    assert sync(source, target, ["z"])[0].copied == 0
    assert sync(target, source, ["z"])[0].copied == 0


def test_a_sync_killed_half_way_is_finished_by_running_it_again(tmp_path, sqlite_url):
    source_url, target_url = sqlite_url("bron.sqlite"), sqlite_url("doel.sqlite")
    source = Store(source_url)
    for p in range(6):  # six proeftuinen of 3,000 versions: the kill lands after the first
        with source.engine.begin() as connection:
            connection.execute(sa.text(
                "insert into records (kind, proeftuin, record_id, version, saved_at, saved_by,"
                " payload) values ('deelnemer', :p, :r, 1, '2025-02-11T10:00:00+00:00', '',"
                " :payload)"), [{"p": f"p{p}", "r": f"p{p}-{i}",
                                  "payload": Deelnemer(naam=f"n{i}").model_dump_json()}
                                 for i in range(3000)])
    source.close()
    Store(target_url).close()
    command = [sys.executable, "-m", "leven.core.web.cli", "sync", source_url, target_url]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "LEVEN_LANG": "nl"})
    first = ""
    while not first.startswith("p0:"):
        first = process.stdout.readline()
        assert first, "sync ended before its first proeftuin"
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    target = Store(target_url)
    done = {row.proeftuin for row in rows(target)}
    assert "p0" in done and len(done) < 6  # whole proeftuinen only
    assert all(sum(1 for r in rows(target) if r.proeftuin == p) == 3000 for p in done)
    rerun = subprocess.run(command, capture_output=True, text=True, check=True,
                           env={**os.environ, "LEVEN_LANG": "nl"})
    assert "p0: 0 nieuwe versies gekopieerd, 3000 waren er al" in rerun.stdout
    assert len(rows(target)) == 6 * 3000
    assert len({(r.record_id, r.version) for r in rows(target)}) == 6 * 3000
    target.close()


def test_the_command_refuses_a_missing_source_and_the_same_store(tmp_path, sqlite_url):
    from leven.core.web.cli import main

    with pytest.raises(SystemExit) as caught:
        main(["sync", str(tmp_path / "nergens.sqlite"), str(tmp_path / "doel.sqlite")])
    assert "bestaat niet" in str(caught.value)
    assert not (tmp_path / "doel.sqlite").exists()
    Store(sqlite_url("een.sqlite")).close()
    with pytest.raises(SystemExit) as caught:
        main(["sync", str(tmp_path / "een.sqlite"), sqlite_url("een.sqlite")])
    assert "dezelfde gegevensopslag" in str(caught.value)
