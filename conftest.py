"""Test set-up shared by tests/ and the notebooks run by nbval.

Before any notebook kernel starts, ``LEVEN_DATABASE_URL`` points at a fresh copy of the
example proeftuin in a temporary folder, so nbval never touches data/ and every run starts
from the same data; ``LEVEN_TEST_DATA`` (``make test DATA=...``) chooses another store, and
nbval then fails where its numbers differ from the committed outputs.
"""

import os
import tempfile
from pathlib import Path

_folder = Path(tempfile.mkdtemp(prefix="leven-tests-"))
os.environ["LEVEN_DATA_FOR_TESTS"] = str(_folder)


def pytest_configure(config):
    from leven.core.web.cli import fresh_demo_store

    chosen = os.environ.get("LEVEN_TEST_DATA", "")  # make test DATA=...: the notebooks on it
    if chosen:
        os.environ["LEVEN_DATABASE_URL"] = chosen if "://" in chosen else f"sqlite:///{chosen}"
    else:
        os.environ["LEVEN_DATABASE_URL"] = fresh_demo_store(_folder / "voorbeeld.sqlite")
    os.environ.setdefault("LEVEN_LANG", "nl")
