"""Standing checks on the project itself: layering, notebooks, offline pages, set-up."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_CORE = ["leven.proeftuin", "leven.gas", "leven.checklist", "leven.kernthema",
               "leven.collage", "leven.core.textstats", "leven.core.media", "leven.core.records",
               "leven.core.i18n", "leven.core.slugs"]
FORBIDDEN_IN_CORE = ["ipywidgets", "altair", "leven.core.store", "sqlalchemy", "voila", "IPython"]


@pytest.mark.parametrize("module", DOMAIN_CORE)
def test_the_domain_core_imports_no_ui_and_no_store(module):
    code = (f"import sys, {module}; bad = [m for m in {FORBIDDEN_IN_CORE!r} if m in sys.modules];"
            "print(','.join(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""


def _names(requirements: list[str]) -> set[str]:
    names = set()
    for requirement in requirements:
        name = re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0]
        if name and name not in {"python", "pip", "-e"}:
            names.add(name.lower().replace("_", "-"))
    return names


def test_environment_yml_has_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = _names(project["dependencies"] + project["optional-dependencies"]["test"])
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    listed = [d for d in environment["dependencies"] if isinstance(d, str)]
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):
            listed += [d for d in entry["pip"] if not d.startswith("-e")]
    assert _names(listed) == wanted


def test_the_lock_file_pins_every_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = _names(project["dependencies"] + project["optional-dependencies"]["test"])
    lines = [line for line in (ROOT / "requirements.lock").read_text().splitlines()
             if line and not line.startswith("#")]
    assert all("==" in line for line in lines)
    assert wanted <= _names(lines)


def _notebooks() -> list[Path]:
    return sorted((ROOT / "notebooks").rglob("*.ipynb"))


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_notebooks_declare_themselves_and_keep_outputs_as_agreed(path):
    nb = json.loads(path.read_text())
    meta = nb["metadata"]["leven"]
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    outputs = [o for c in code for o in c["outputs"]]
    assert all(o.get("output_type") != "error" for o in outputs)
    if meta["kind"] == "app":
        assert outputs == [] and all(c["execution_count"] is None for c in code)
        assert len(code) <= 4
    else:
        assert meta["kind"] == "analyse" and path.parent.name == "analyse"
        assert outputs, "analysis notebooks are committed with the outputs nbval compares"
        text = json.dumps(outputs)
        assert "/tmp/" not in text and "/work/" not in text and "/home/" not in text
    for cell in code:
        assert max(len("".join(cell["source"]).splitlines()), 1) <= 12, "notebooks only compose"


def test_no_file_names_an_internet_cdn():
    pattern = re.compile(r"cdn\.jsdelivr|unpkg\.com|cdnjs\.|fonts\.googleapis|esm\.sh")
    hits = [str(p.relative_to(ROOT)) for folder in ("leven", "notebooks", "templates")
            for p in (ROOT / folder).rglob("*") if p.is_file() and p.suffix != ".pyc"
            and pattern.search(p.read_text(errors="ignore"))]
    assert hits == []


def test_the_readme_gives_the_two_commands_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make start" in readme and "make test" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.strip().splitlines()[-1] == "make test"


def test_cell_errors_in_voila_become_a_dutch_sentence():
    from leven.core.web.server import LevenExecutor

    cell = {"cell_type": "code", "execution_count": 3, "outputs": [
        {"output_type": "error", "ename": "KeyError", "evalue": "'x'",
         "traceback": ["Traceback (most recent call last)", "KeyError: 'x'"]}]}
    LevenExecutor.strip_code_cell_errors(None, cell)
    [output] = cell["outputs"]
    assert output["traceback"] == [
        "Dit onderdeel kon niet worden geladen. Laad de pagina opnieuw; blijft het misgaan, "
        "meld het dan aan de beheerder."
    ]
    assert output["ename"] == "" and output["evalue"] == ""
