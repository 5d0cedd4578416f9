"""A throw-away PostgreSQL server for the tests: ``initdb`` and ``pg_ctl`` in a temporary folder.

Debian's ``postgresql`` package puts its binaries in ``/usr/lib/postgresql/<n>/bin``. The server
listens only on a unix socket in its own folder (no TCP port at all, so nothing on this machine
or the network can reach it, and no port can clash), with ``trust`` for local connections.
PostgreSQL refuses to run as root: as root the server runs as the ``postgres`` user made by the
package (or ``nobody``). Without PostgreSQL the tests that need it skip, except with ``CI=true``,
where they fail (CI must test both engines).

The server allows 200 connections (several processes per test) but has a small lock table:
``max_locks_per_transaction=10`` (the least allowed), room for some 2,200 locks plus slack,
where a default server (64 x 100 connections) has some 7,800 plus slack. So code that takes a
lock per record fails here with a few thousand records ("out of shared memory": measured with
one advisory lock per record, 10,000 records failed here and passed at 32 x 200), and
tests/core/test_sync.py syncs a proeftuin of 10,000 records to PostgreSQL.
"""

from __future__ import annotations

import contextlib
import getpass
import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


def postgres_bin() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl`` (the newest installed), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _as_user() -> list[str]:
    """The command prefix that runs PostgreSQL as an unprivileged user when we are root."""
    if os.geteuid() != 0:
        return []
    for user in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            import pwd

            pwd.getpwnam(user)
            return ["runuser", "-u", user, "--"]
    raise RuntimeError("PostgreSQL cannot run as root and there is no postgres or nobody user")


class PostgresServer:
    """One running server; :meth:`new_database` gives each test a database of its own."""

    def __init__(self, folder: Path, bin_dir: Path, user: str) -> None:
        self.folder, self.bin_dir, self.user = folder, bin_dir, user

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of ``database`` on this server (psycopg 3, unix socket)."""
        return f"postgresql+psycopg://{self.user}@/{database}?host={self.socket_dir}"

    def new_database(self) -> str:
        """A fresh empty database; returns its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(host=str(self.socket_dir), user=self.user, dbname="postgres",
                             autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by :meth:`new_database` (its connections are closed first)."""
        import psycopg

        name = url.split("/")[-1].split("?")[0]
        with psycopg.connect(host=str(self.socket_dir), user=self.user, dbname="postgres",
                             autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """Start a server in a temporary folder; stop it and remove the folder afterwards."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise FileNotFoundError("initdb")
    prefix = _as_user()
    user = prefix[2] if prefix else getpass.getuser()
    folder = Path(tempfile.mkdtemp(prefix="leven-pg-"))
    (folder / "socket").mkdir()
    if prefix:
        shutil.chown(folder, user)
        shutil.chown(folder / "socket", user)
    data = folder / "data"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True}
    try:
        subprocess.run([*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", user,
                        "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], **quiet)
        options = (f"-c listen_addresses='' -c unix_socket_directories='{folder / 'socket'}' "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=200 -c max_locks_per_transaction=10")
        subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options,
                        "-l", str(folder / "server.log"), "-w", "-t", "60", "start"], **quiet)
        yield PostgresServer(folder, bin_dir, user)
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                            "-w", "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(folder, ignore_errors=True)


def missing_postgres() -> None:
    """Skip the test (fail it under ``CI=true``): PostgreSQL is not installed here."""
    message = "PostgreSQL tests need Debian's postgresql (apt-get install postgresql)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the PostgreSQL tests: {message}")
    pytest.skip(message)
