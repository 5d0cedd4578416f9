"""Fixtures: example stores, a real ``leven serve --demo`` and a real headless Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import offline_context, running_server
from pg import PostgresServer, missing_postgres, postgres_bin, postgres_server

from leven.core.i18n import set_language
from leven.core.store import Store
from leven.core.web.cli import fresh_demo_store

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def example_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example proeftuin in an SQLite file, made once per test session."""
    path = tmp_path_factory.mktemp("example") / "example.sqlite"
    fresh_demo_store(path)
    return path


@pytest.fixture(autouse=True)
def no_draft_owner(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts without a browser id for drafts: ``start_app`` sets one per page
    (per process), and one test's page must not decide whose drafts the next test sees."""
    from leven.core.widgets import form

    monkeypatch.setattr(form, "_draft_owner", "")


@pytest.fixture
def dutch() -> Iterator[None]:
    """Dutch messages for one test, whatever ``LEVEN_LANG`` says (use it as a mark)."""
    set_language("nl")
    yield
    set_language(None)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store of one's own."""
    opened = Store(f"sqlite:///{tmp_path / 'leven.sqlite'}")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A throw-away PostgreSQL server for the session (tests/pg.py). Skips only outside CI."""
    if postgres_bin() is None:
        missing_postgres()
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database of one's own, on SQLite and then on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'leven.sqlite'}"
        return
    server = request.getfixturevalue("postgres")
    url = server.new_database()
    yield url
    server.drop_database(url)


@pytest.fixture
def example_store(example_file: Path, tmp_path: Path) -> Iterator[Store]:
    """A private copy of the example proeftuin, to change at will."""
    path = tmp_path / "example.sqlite"
    shutil.copy(example_file, path)
    opened = Store(f"sqlite:///{path}")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shared test server (example data; tests add records with names of their own)."""
    with running_server(tmp_path_factory.mktemp("server")) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright. Skips only outside CI."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: /usr/bin/chromium is missing")
        pytest.skip("browser tests need /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-quic"],
        )
        yield launched
        launched.close()


@pytest.fixture
def offline_page(browser: object) -> Iterator[object]:
    """A fresh page that may only talk to localhost; the test fails on any other request."""
    holder = offline_context(browser)
    yield holder.page
    holder.context.close()
    assert holder.external == [], f"requests outside this machine: {holder.external}"



@pytest.fixture(autouse=True)
def environment_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """What ``leven serve`` or ``leven lab`` set in ``os.environ`` during a test is undone
    after it: the notebooks nbval runs later must read the example store they were given."""
    for name in ("LEVEN_DATABASE_URL", "LEVEN_LANG", "LEVEN_PUBLIC_URL", "JUPYTER_PATH"):
        if name in os.environ:
            monkeypatch.setenv(name, os.environ[name])
        else:
            monkeypatch.delenv(name, raising=False)
