"""Benchmark: the store on SQLite and on PostgreSQL, side by side.

Run on demand (not a test), on a quiet machine::

    .venv/bin/python benchmarks/bench_store.py [--scale 1] [--postgres-url URL]

Without ``--postgres-url`` a throw-away PostgreSQL is started as the tests do (tests/pg.py:
Debian's ``postgresql``; ``fsync`` off, so its figures are the database's work, not the
disk's; SQLite runs as the workbook runs it, WAL and ``synchronous = NORMAL``). ``--scale 0.1``
is a quick run at a tenth of the size.

Timed, per engine (setup not timed; rows are inserted straight into ``records`` exactly as
``store.save`` writes them, as in bench_gas.py):

1. *saves/s*: ``store.save`` of 2,000 versions by 1 writer process, then by 8 at once; every
   second save is a new version of one record all writers share (the worst case for version
   numbers), the others new records;
2. *frame*: ``store.frame(GasScore)`` of 100,000 GAS scorings (best of three);
3. *sync*: ``leven sync`` of a 50,000-version SQLite store (10 proeftuinen, 25,000 records of
   two versions) into an empty store of the engine, and a second run that finds everything.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests")]

from bench_gas import fill as fill_gas  # noqa: E402

from leven.core.store import Store, records_table  # noqa: E402
from leven.core.sync import sync  # noqa: E402
from leven.gas import GasScore  # noqa: E402
from leven.proeftuin import Deelnemer, Proeftuin  # noqa: E402

START = date(2025, 2, 11)


def _writer(url: str, worker: int, count: int, ready, go) -> None:
    store = Store(url)
    shared = Proeftuin(naam="Gedeeld", gemeente="Zundert", startdatum=START)
    ready.set()
    go.wait()
    for i in range(count):
        if i % 2:
            store.save(shared, proeftuin="z", record_id="gedeeld")
        else:
            store.save(Deelnemer(naam=f"w{worker}-{i}"), proeftuin="z")
    store.close()


def saves_per_second(url: str, writers: int, total: int) -> float:
    """``total`` saves split over ``writers`` processes, timed from a common start."""
    context = multiprocessing.get_context("spawn")
    go = context.Event()
    readies = [context.Event() for _ in range(writers)]
    processes = [context.Process(target=_writer, args=(url, w, total // writers, readies[w], go))
                 for w in range(writers)]
    for process in processes:
        process.start()
    for ready in readies:
        ready.wait(120)
    started = time.perf_counter()
    go.set()
    for process in processes:
        process.join()
        assert process.exitcode == 0, "a writer failed"
    seconds = time.perf_counter() - started
    versions = [v.version for v in Store(url).history(Proeftuin, "gedeeld")]
    assert versions == list(range(1, len(versions) + 1)), "version numbers not gap-free"
    return (total // writers) * writers / seconds


def frame_seconds(url: str, scorings: int) -> float:
    store = Store(url)
    fill_gas(store, experiments=max(1, scorings // 10), scorings=scorings)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        frame = store.frame(GasScore)
        best = min(best, time.perf_counter() - started)
    assert len(frame) == scorings
    store.close()
    return best


def sync_source(path: Path, versions: int) -> str:
    """An SQLite store of ``versions`` versions: records of two versions in 10 proeftuinen."""
    url = f"sqlite:///{path}"
    store = Store(url)
    stamp = datetime(2025, 2, 11, tzinfo=UTC)
    rows = []
    for n in range(versions):
        record, version = divmod(n, 2)
        rows.append({"kind": "deelnemer", "proeftuin": f"proeftuin-{record % 10}",
                     "record_id": f"d-{record:06d}", "version": version + 1,
                     "saved_at": (stamp + timedelta(seconds=n)).isoformat(),
                     "saved_by": "bench",
                     "payload": Deelnemer(naam=f"Deelnemer {record} v{version}").model_dump_json()})
    with store.engine.begin() as connection:
        for start in range(0, len(rows), 20_000):
            connection.execute(records_table.insert(), rows[start:start + 20_000])
    store.close()
    return url


def sync_seconds(source_url: str, target_url: str, versions: int) -> tuple[float, float]:
    source, target = Store(source_url), Store(target_url)
    started = time.perf_counter()
    copied = sum(r.copied for r in sync(source, target))
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = sum(r.copied for r in sync(source, target))
    second = time.perf_counter() - started
    assert (copied, again) == (versions, 0), (copied, again)
    source.close()
    target.close()
    return first, second


@contextlib.contextmanager
def postgres_databases(given: str | None) -> Iterator[object]:
    """A maker of fresh PostgreSQL database URLs: on ``given``'s server, or a throw-away one."""
    if given:
        import sqlalchemy as sa

        def make(name: str) -> str:
            url = sa.engine.make_url(given)
            engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
            with engine.connect() as connection:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
                connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
            engine.dispose()
            return url.set(database=name).render_as_string(hide_password=False)

        yield make
        return
    from pg import postgres_server

    with postgres_server() as server:
        yield lambda _name: server.new_database()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="0.1: a tenth of the size")
    parser.add_argument("--postgres-url", help="a server to use (a database per step is made)")
    args = parser.parse_args()
    saves, scorings, versions = (int(n * args.scale) for n in (2000, 100_000, 50_000))
    versions -= versions % 2
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder, postgres_databases(args.postgres_url) as pg:
        source = sync_source(Path(folder) / "bron.sqlite", versions)
        counter = iter(range(100))

        def fresh(engine: str) -> str:
            n = next(counter)
            if engine == "sqlite":
                return f"sqlite:///{Path(folder) / f'{n}.sqlite'}"
            return pg(f"leven_bench_{n}")

        for engine in ("sqlite", "postgresql"):
            figures = results[engine] = {}
            for writers in (1, 8):
                url = fresh(engine)
                Store(url).close()
                figures[f"saves/s, {writers} writer(s)"] = saves_per_second(url, writers, saves)
                print(engine, writers, "writers done", flush=True)
            figures[f"frame() of {scorings:,} GasScores, s"] = frame_seconds(fresh(engine),
                                                                              scorings)
            first, second = sync_seconds(source, fresh(engine), versions)
            figures[f"sync of {versions:,} versions from SQLite, s"] = first
            figures["sync again (nothing new), s"] = second
            print(engine, "done", flush=True)
    names = list(results["sqlite"])
    width = max(len(name) for name in names) + 2
    print(f"\n{'':{width}}{'SQLite':>12}{'PostgreSQL':>12}   (scale {args.scale})")
    for name in names:
        print(f"{name:{width}}{results['sqlite'][name]:12.2f}{results['postgresql'][name]:12.2f}")


if __name__ == "__main__":
    main()
