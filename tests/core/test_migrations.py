"""Migrations: a new store is made by Alembic, an older one is upgraded and keeps its rows,
and either way its tables are what leven/core/schema.py describes (Alembic's autogenerate
finds nothing to change).

On SQLite and on PostgreSQL (``store_url``). "Today's schema" below is the store as it was
before migrations existed, written out as it was then, with a few rows in it.
"""

from __future__ import annotations

import multiprocessing
from datetime import date

import pytest
import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory

from leven.core import keys, migrate, schema
from leven.core.store import Store
from leven.proeftuin import Deelnemer, Proeftuin

PAYLOAD = Proeftuin(naam="Zundert", gemeente="Zundert", startdatum=date(2025, 2, 11))


def legacy_tables(*, with_kind_index: bool = True) -> sa.MetaData:
    """The store's tables before Alembic (leven 0.x), as ``metadata.create_all`` made them."""
    legacy = sa.MetaData()
    records = sa.Table(
        "records", legacy,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("proeftuin", sa.String(64), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("saved_at", sa.String(32), nullable=False),
        sa.Column("saved_by", sa.String(200), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.UniqueConstraint("kind", "record_id", "version", name="uq_record_version"),
        sa.Index("ix_records_kind_proeftuin", "kind", "proeftuin", "record_id", "version"),
    )
    if with_kind_index:
        sa.Index("ix_records_kind", records.c.kind)
    sa.Table("drafts", legacy, sa.Column("draft_key", sa.String(300), primary_key=True),
             sa.Column("saved_at", sa.String(32), nullable=False),
             sa.Column("values", sa.Text, nullable=False))
    sa.Table("blobs", legacy, sa.Column("blob_id", sa.String(64), primary_key=True),
             sa.Column("proeftuin", sa.String(64), nullable=False),
             sa.Column("media_type", sa.String(64), nullable=False),
             sa.Column("saved_at", sa.String(32), nullable=False),
             sa.Column("data", sa.LargeBinary, nullable=False))
    return legacy


def make_legacy_store(url: str, *, with_kind_index: bool = True) -> None:
    """A database made by the workbook before migrations, with two versions, a draft, a photo."""
    legacy = legacy_tables(with_kind_index=with_kind_index)
    engine = sa.create_engine(url)
    legacy.create_all(engine)
    row = {"kind": "proeftuin", "proeftuin": "z", "record_id": "z", "saved_by": "Anna",
           "payload": PAYLOAD.model_dump_json()}
    with engine.begin() as connection:
        connection.execute(legacy.tables["records"].insert(), [
            {**row, "id": 7, "version": 1, "saved_at": "2025-02-11T10:00:00.000000+00:00"},
            {**row, "id": 9, "version": 2, "saved_at": "2025-02-12T10:00:00.000000+00:00"},
        ])
        connection.execute(legacy.tables["drafts"].insert().values(
            draft_key="z/deelnemer/nieuw/f", saved_at="2025-02-12T11:00:00", values='{"naam":"A"}'))
        connection.execute(legacy.tables["blobs"].insert().values(
            blob_id="foto1", proeftuin="z", media_type="image/jpeg", saved_at="2025-02-12",
            data=b"\xff\xd8jpeg"))
    engine.dispose()


def tables_and_revision(store: Store) -> tuple[set[str], str | None]:
    with store.engine.connect() as connection:
        return set(sa.inspect(connection).get_table_names()), migrate.revision(connection)


def schema_drift(url: str) -> list:
    """What Alembic's autogenerate would change to make the database match ``schema.py``."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = sa.create_engine(url)
    with engine.connect() as connection:
        drift = compare_metadata(MigrationContext.configure(connection), schema.metadata)
    engine.dispose()
    return drift


def upgrade_to(url: str, target: str) -> sa.Engine:
    """A new database brought to revision ``target`` (an older workbook's store)."""
    from alembic import command

    engine = sa.create_engine(url)
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(migrate.MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, target)
    return engine


def test_head_is_alembics_head():
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [migrate.HEAD]


def test_a_new_store_is_made_by_the_migrations(store_url):
    store = Store(store_url)
    tables, revision = tables_and_revision(store)
    assert revision == migrate.HEAD
    assert {"records", "drafts", "blobs", "concurrent_edits", "project_keys",
            "alembic_version"} <= tables
    store.close()


@pytest.mark.parametrize("with_kind_index", [True, False], ids=["today", "older"])
def test_a_store_from_before_migrations_is_upgraded_and_keeps_its_rows(store_url,
                                                                       with_kind_index):
    make_legacy_store(store_url, with_kind_index=with_kind_index)
    store = Store(store_url)
    tables, revision = tables_and_revision(store)
    assert revision == migrate.HEAD and "concurrent_edits" in tables
    history = store.history(Proeftuin, "z")
    assert [(v.version, v.saved_by, v.record.naam) for v in history] == [
        (1, "Anna", "Zundert"), (2, "Anna", "Zundert")]
    assert store.load_draft("z/deelnemer/nieuw/f").values == {"naam": "A"}
    assert store.load_blob("foto1") == (b"\xff\xd8jpeg", "image/jpeg")
    with store.engine.connect() as connection:  # the same rows, not a rebuilt copy
        ids = connection.execute(sa.text("select id from records order by id")).scalars().all()
        indexes = {i["name"] for i in sa.inspect(connection).get_indexes("records")}
    assert ids == [7, 9]
    assert {"ix_records_kind", "ix_records_kind_proeftuin"} <= indexes  # the missing one made
    assert store.save(PAYLOAD, proeftuin="z", record_id="z").version == 3
    store.close()
    Store(store_url).close()  # opening again changes nothing
    assert len(Store(store_url).history(Proeftuin, "z")) == 3


def test_a_store_at_the_baseline_gets_the_newer_migrations(store_url):
    engine = upgrade_to(store_url, migrate.BASELINE)
    with engine.begin() as connection:
        connection.execute(sa.text(
            "insert into records (kind, proeftuin, record_id, version, saved_at, saved_by, "
            "payload) values ('deelnemer', 'z', 'd1', 1, '2025-02-11T10:00:00+00:00', '', "
            "'{\"naam\": \"Anna\"}')"))
    with engine.connect() as connection:
        assert migrate.revision(connection) == migrate.BASELINE
        assert not sa.inspect(connection).has_table("concurrent_edits")
    engine.dispose()
    store = Store(store_url)
    assert tables_and_revision(store)[1] == migrate.HEAD
    assert [v.record.naam for v in store.records(Deelnemer)] == ["Anna"]
    store.close()


def _open(url: str) -> None:
    Store(url).save(PAYLOAD, proeftuin="z", record_id="z")


def test_several_processes_opening_a_new_database_at_once_all_succeed(store_url):
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_open, args=(store_url,)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
    assert [p.exitcode for p in processes] == [0, 0, 0, 0]
    assert [v.version for v in Store(store_url).history(Proeftuin, "z")] == [1, 2, 3, 4]


@pytest.mark.parametrize("made", ["new", "before migrations", "at 0002"])
def test_the_migrations_make_the_tables_schema_py_describes(store_url, made):
    # a column, index or table added to schema.py without a migration (or the other way
    # round) shows up here: schema.py is what the code uses, the migrations what stores get
    if made == "before migrations":
        make_legacy_store(store_url, with_kind_index=False)
    elif made == "at 0002":
        upgrade_to(store_url, "0002").dispose()
    Store(store_url).close()
    assert schema_drift(store_url) == []


def old_project_keys(connection: sa.Connection, secret: str) -> None:
    """What the first export made before migration 0003: the table and the secret in it."""
    old = sa.MetaData()
    table = sa.Table("project_keys", old,
                     sa.Column("name", sa.String(100), primary_key=True),
                     sa.Column("value", sa.Text, nullable=False))
    old.create_all(connection)
    connection.execute(table.insert().values(name=keys.SECRET, value=secret))


@pytest.mark.parametrize("made", ["before migrations", "at 0002"])
@pytest.mark.parametrize("exported", [False, True], ids=["never exported", "exported"])
def test_an_older_store_gets_the_project_keys_table_and_keeps_its_secret(store_url, made,
                                                                         exported):
    if made == "at 0002":
        upgrade_to(store_url, "0002").dispose()
    else:
        make_legacy_store(store_url)
    engine = sa.create_engine(store_url)
    with engine.begin() as connection:
        assert not sa.inspect(connection).has_table("project_keys")
        if exported:
            old_project_keys(connection, "geheim")
    engine.dispose()
    store = Store(store_url)
    tables, revision = tables_and_revision(store)
    assert revision == migrate.HEAD == "0003" and "project_keys" in tables
    secret = keys.project_secret(store)
    if exported:
        assert secret == b"geheim"
    else:
        assert len(secret) == 64  # made now, at the first export
    assert keys.project_secret(store) == secret
    store.close()
    assert schema_drift(store_url) == []
