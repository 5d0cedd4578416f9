"""``leven sync``: a union of record versions between stores, on SQLite and PostgreSQL.

Counted by hand: every test knows which versions each side has before the sync.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from leven.core.i18n import set_language, t
from leven.core.schema import lock_proeftuin
from leven.core.store import Store
from leven.core.sync import CHUNK, SyncError, sync
from leven.proeftuin import Deelnemer, Proeftuin

START = datetime(2025, 2, 11, 10, 0, tzinfo=UTC)


def tuin(naam: str) -> Proeftuin:
    return Proeftuin(naam=naam, gemeente="Zundert", startdatum=date(2025, 2, 11))


@pytest.fixture
def sqlite_url(tmp_path):
    def make(name: str) -> str:
        return f"sqlite:///{tmp_path / name}"
    return make


@pytest.fixture
def database(request, sqlite_url):
    """``make(engine, name)``: the URL of an empty database on ``sqlite`` (a file called
    ``name``) or ``postgresql`` (dropped after the test)."""
    made = []

    def make(engine: str, name: str) -> str:
        if engine == "sqlite":
            return sqlite_url(name)
        server = request.getfixturevalue("postgres")
        made.append((server, server.new_database()))
        return made[-1][1]

    yield make
    for server, url in made:
        server.drop_database(url)


@pytest.fixture(params=["sqlite->sqlite", "sqlite->postgresql", "postgresql->sqlite"])
def pair(request, database):
    """A source and a target store (empty), for each direction the issue names."""
    source_engine, target_engine = request.param.split("->")
    source = Store(database(source_engine, "a.sqlite"))
    target = Store(database(target_engine, "b.sqlite"))
    yield source, target
    source.close()
    target.close()


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


def fill_many(url: str, proeftuinen: list[str], versions: int) -> None:
    """``versions`` deelnemers (one version each) in each proeftuin, written in bulk."""
    store = Store(url)
    for p in proeftuinen:
        with store.engine.begin() as connection:
            connection.execute(sa.text(
                "insert into records (kind, proeftuin, record_id, version, saved_at, saved_by,"
                " payload) values ('deelnemer', :p, :r, 1, '2025-02-11T10:00:00+00:00', '',"
                " :payload)"), [{"p": p, "r": f"{p}-{i}",
                                  "payload": Deelnemer(naam=f"n{i}").model_dump_json()}
                                 for i in range(versions)])
    store.close()


def counts(store: Store) -> dict[str, int]:
    """Versions per proeftuin."""
    with store.engine.connect() as connection:
        return dict(connection.execute(sa.text(
            "select proeftuin, count(*) from records group by proeftuin")).all())


#: Versions per proeftuin in the crash test: more than one chunk, so the first progress line
#: of a proeftuin comes inside its transaction, after its first CHUNK rows were written.
CRASH_VERSIONS = CHUNK + 1000


def _sync_until(source_url: str, target_url: str, stop: str, lines) -> None:
    """A sync in a process of its own that sends each line it says to the test and, at
    ``stop``, waits there (inside that proeftuin's transaction) to be killed. The same
    ``sync`` as ``leven sync``, but a kill on a line read from the command's output could
    come after the proeftuin was committed: this one cannot."""
    def say(line: str) -> None:
        lines.send(line)
        if line == stop:
            time.sleep(600)

    set_language("nl")
    sync(Store(source_url), Store(target_url), say=say)


@pytest.mark.usefixtures("dutch")
@pytest.mark.parametrize("target_engine", ["sqlite", "postgresql"],
                         ids=["sqlite->sqlite", "sqlite->postgresql"])
def test_a_sync_killed_inside_a_proeftuin_leaves_it_untouched_and_a_rerun_finishes(
        database, target_engine):
    source_url = database("sqlite", "bron.sqlite")
    target_url = database(target_engine, "doel.sqlite")
    fill_many(source_url, ["p0", "p1", "p2"], CRASH_VERSIONS)
    Store(target_url).close()
    stop = t("sync.progress.versions", proeftuin="p1", done=CHUNK, total=CRASH_VERSIONS)
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_sync_until, args=(source_url, target_url, stop, sending))
    process.start()
    sending.close()
    said: list[str] = []
    try:
        while stop not in said:  # EOFError: the sync ended without saying it
            assert receiving.poll(60), f"the sync said nothing for a minute after {said}"
            said.append(receiving.recv())
        os.kill(process.pid, signal.SIGKILL)  # p1's first chunk written, not committed
        process.join(30)
    finally:
        if process.is_alive():
            process.kill()
    assert process.exitcode == -signal.SIGKILL
    assert said[-2:] == [  # p0 done and committed; p1 half-way
        t("sync.progress.proeftuin", proeftuin="p0", copied=CRASH_VERSIONS, skipped=0,
          blobs=0, concurrent=0), stop]
    target = Store(target_url)
    assert counts(target) == {"p0": CRASH_VERSIONS}  # p1's written chunk was rolled back
    command = [sys.executable, "-m", "leven.core.web.cli", "sync", source_url, target_url]
    rerun = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120,
                           env={**os.environ, "LEVEN_LANG": "nl"})
    lines = rerun.stdout.splitlines()
    assert f"p0: 0 nieuwe versies gekopieerd, {CRASH_VERSIONS} waren er al" in rerun.stdout
    assert f"p1: {CRASH_VERSIONS} nieuwe versies gekopieerd, 0 waren er al" in rerun.stdout
    assert stop in lines  # the progress of a large proeftuin, printed as it goes
    assert counts(target) == {p: CRASH_VERSIONS for p in ("p0", "p1", "p2")}
    with target.engine.connect() as connection:  # nothing twice: one version per record
        assert connection.execute(sa.text(
            "select count(*), count(distinct record_id), max(version) from records")).one() == (
            3 * CRASH_VERSIONS, 3 * CRASH_VERSIONS, 1)
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


#: Records of one proeftuin in the large sync: more than the lock table of the test server holds
#: (tests/pg.py), and more than a default server's nominal 7,800, so one advisory lock per
#: record in the proeftuin's transaction fails "out of shared memory" (it did, before sync took
#: one lock per proeftuin).
MANY_RECORDS = 10_000


def test_a_proeftuin_with_more_records_than_postgresql_has_locks_syncs_to_it(database):
    source_url = database("sqlite", "bron.sqlite")
    fill_many(source_url, ["groot"], MANY_RECORDS)
    source, target = Store(source_url), Store(database("postgresql", "doel.sqlite"))
    [result] = sync(source, target)
    assert (result.copied, result.skipped) == (MANY_RECORDS, 0)
    assert counts(target) == {"groot": MANY_RECORDS}
    saved = target.save(Deelnemer(naam="Daarna"), proeftuin="groot", record_id="groot-0")
    assert saved.version == 2
    assert sync(source, target)[0].skipped == MANY_RECORDS
    source.close()
    target.close()


def _waiting_for_advisory_locks(store: Store) -> int:
    with store.engine.connect() as connection:
        return connection.execute(sa.text(
            "select count(*) from pg_locks where locktype = 'advisory' and not granted"
            " and database = (select oid from pg_database where datname = current_database())"
        )).scalar()


def test_on_postgresql_a_save_waits_for_a_sync_of_its_own_proeftuin_only(database):
    store = Store(database("postgresql", "doel.sqlite"))
    pool = ThreadPoolExecutor(2)
    try:
        with store.engine.connect() as syncing:  # what sync holds while it writes "z"
            lock_proeftuin(syncing, "z")
            elsewhere = pool.submit(store.save, Deelnemer(naam="Els"), proeftuin="b")
            assert elsewhere.result(30).version == 1  # another proeftuin: not held up
            held = pool.submit(store.save, Deelnemer(naam="Anna"), proeftuin="z")
            deadline = time.monotonic() + 30
            while not _waiting_for_advisory_locks(store):
                assert not held.done() and time.monotonic() < deadline, "the save did not wait"
                time.sleep(0.01)
            assert not held.done()
            syncing.commit()
        assert held.result(30).version == 1
    finally:
        pool.shutdown()
    assert len(store.records(Deelnemer)) == 2
    store.close()
