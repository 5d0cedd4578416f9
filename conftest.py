"""Test set-up shared by tests/ and the notebooks run by nbval.

Before any notebook kernel starts, ``LEVEN_DATABASE_URL`` points at a fresh copy of the
example proeftuin in a temporary folder, so nbval never touches data/ and every run starts
from the same data.
"""

import os
import tempfile
from pathlib import Path

_folder = Path(tempfile.mkdtemp(prefix="leven-tests-"))
os.environ["LEVEN_DATA_FOR_TESTS"] = str(_folder)


def pytest_configure(config):
    from leven.core.web.cli import fresh_demo_store

    os.environ["LEVEN_DATABASE_URL"] = fresh_demo_store(_folder / "notebooks.sqlite")
    os.environ.setdefault("LEVEN_LANG", "nl")
