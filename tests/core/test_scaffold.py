"""``leven new-instrument``: a new instrument is one command, and what it writes works at once.

Run on a copy of the repository: the skeleton must pass the import contracts, ruff and its
own tests there, be in the catalogue in both languages and on the start page's app list.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(copy: Path, *command: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(copy)}
    return subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True,
                          timeout=240)


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """A copy of the repository with a new instrument ``levensverhaal`` made in it."""
    target = tmp_path_factory.mktemp("repo")
    ignore = shutil.ignore_patterns("__pycache__", "*.sqlite*", "demo")
    for folder in ("leven", "templates", "notebooks", "data"):
        shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", target)
    made = run(target, sys.executable, "-m", "leven.core.web.cli", "new-instrument",
               "levensverhaal", "--title", "Levensverhaal", "--order", "15")
    assert made.returncode == 0, made.stderr
    return target


def test_it_writes_the_package_notebook_example_and_tests(copy):
    for relative in ("leven/levensverhaal/records.py", "leven/levensverhaal/analysis.py",
                     "leven/levensverhaal/charts.py", "leven/levensverhaal/views.py",
                     "leven/levensverhaal/messages/nl.toml", "leven/levensverhaal/messages/en.toml",
                     "notebooks/levensverhaal.ipynb", "data/example/levensverhaal.json",
                     "tests/levensverhaal/test_levensverhaal.py"):
        assert (copy / relative).exists(), relative


def test_the_new_instrument_keeps_the_contracts_and_lint(copy):
    layers = run(copy, str(BIN / "lint-imports"), "--no-cache", "--no-logo")
    assert layers.returncode == 0, layers.stdout
    assert "leven.levensverhaal" in (copy / "pyproject.toml").read_text()
    lint = run(copy, str(BIN / "ruff"), "check", "leven", "tests")
    assert lint.returncode == 0, lint.stdout


def test_its_own_tests_pass(copy):
    tests = run(copy, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                "tests/levensverhaal")
    assert tests.returncode == 0, tests.stdout
    assert "2 passed" in tests.stdout


def test_it_is_registered_translated_and_on_the_start_page(copy):
    code = (
        "from leven.core import instruments, i18n\n"
        "from leven.core.web.notebooks import notebooks\n"
        "from leven.core.example import load_example\n"
        "from leven.core.store import Store\n"
        "assert instruments.INSTRUMENTS[-1] == 'levensverhaal'\n"
        "print(i18n.t('levensverhaal.app.title', lang='nl'), i18n.t('levensverhaal.app.title', "
        "lang='en'))\n"
        "print([nb.path for nb in notebooks() if nb.kind == 'app'])\n"
        "print(load_example(Store('sqlite://')) > 0)\n"
    )
    result = run(copy, sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr
    title, apps, loaded = result.stdout.splitlines()
    assert title == "Levensverhaal Levensverhaal"
    assert "'levensverhaal.ipynb'" in apps and apps.index("proeftuin") < apps.index("netwerk")
    assert loaded == "True"


@pytest.mark.parametrize("name", ["levensverhaal", "Levens-verhaal", "core", "class"])
def test_a_taken_or_bad_name_is_refused_and_nothing_is_written(copy, name):
    before = sorted(p.relative_to(copy) for p in copy.rglob("*") if "__pycache__" not in p.parts)
    result = run(copy, sys.executable, "-m", "leven.core.web.cli", "new-instrument", name,
                 "--title", "X")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    after = sorted(p.relative_to(copy) for p in copy.rglob("*") if "__pycache__" not in p.parts)
    assert after == before
