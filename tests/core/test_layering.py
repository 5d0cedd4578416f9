"""The layering of the package (README, "Architecture"), checked by import-linter.

The contracts live in pyproject.toml; these tests run them on the tree as it is (kept) and
on copies with one forbidden import added (broken), so a contract that can no longer fail
is noticed too.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from leven.core import instruments

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")
UI_MODULES = {"views", "charts", "pages"}


def lint(root: Path) -> subprocess.CompletedProcess:
    """``lint-imports`` over the package in ``root`` (its own copy comes first on the path)."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT), "--no-cache", "--no-logo", str(root / "pyproject.toml")],
        cwd=root, env=env, capture_output=True, text=True, timeout=120,
    )


def test_the_contracts_are_kept():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "expected"),
    [
        ("gas/scoring.py", "import ipywidgets", "leven.gas.scoring -> ipywidgets"),
        ("kernthema/analysis.py", "from leven.core.store import Store",
         "leven.kernthema.analysis -> leven.core.store"),
        ("checklist/summaries.py", "import leven.gas", "leven.checklist.summaries -> leven.gas"),
        ("core/store.py", "import leven.proeftuin", "leven.core.store -> leven.proeftuin"),
        ("proeftuin/records.py", "import leven.collage",
         "leven.proeftuin.records -> leven.collage"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(tmp_path, module, line, expected):
    shutil.copytree(ROOT / "leven", tmp_path / "leven",
                    ignore=shutil.ignore_patterns("__pycache__", "static"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / "leven" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n")
    result = lint(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and expected in result.stdout


def _pure_modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return config["contracts"][0]["source_modules"]


def _covered(module: str, patterns: list[str]) -> bool:
    parts = module.split(".")
    return any(
        len(pattern.split(".")) == len(parts)
        and all(p in ("*", m) for p, m in zip(pattern.split("."), parts, strict=True))
        for pattern in patterns
    )


@pytest.mark.parametrize("name", instruments.INSTRUMENTS)
def test_every_instrument_has_the_same_shape(name):
    """records, views and messages in every instrument; every other module either a page
    module (views, charts, pages) or a pure one that the import contract checks."""
    folder = ROOT / "leven" / name
    assert (folder / "__init__.py").exists() and (folder / "records.py").exists()
    assert (folder / "views.py").exists() or (folder / "views" / "__init__.py").exists()
    for lang in ("nl", "en"):
        assert (folder / "messages" / f"{lang}.toml").exists()
    assert (ROOT / "tests" / name).is_dir()
    pure = _pure_modules()
    for path in folder.glob("*.py"):
        if path.stem in UI_MODULES or path.stem == "__init__":
            continue
        assert _covered(f"leven.{name}.{path.stem}", pure), f"{path.name}: add it to a contract"


def test_every_instrument_folder_is_registered():
    packages = {
        path.parent.name for path in (ROOT / "leven").glob("*/__init__.py")
        if path.parent.name != "core"
    }
    assert packages == set(instruments.INSTRUMENTS)


def test_the_spine_names_no_instrument_outside_the_registry():
    """Not even lazily inside a function, where import-linter would still see it."""
    for path in (ROOT / "leven" / "core").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for imported in names:
                top = imported.split(".")[1] if imported.startswith("leven.") else ""
                assert top not in instruments.INSTRUMENTS, f"{path}: imports {imported}"
