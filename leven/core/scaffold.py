"""``leven new-instrument NAME``: the skeleton of a new instrument, so adding one is mechanical.

It writes the instrument's package (records, analysis, charts, views, messages) from the
files in ``templates/instrument/``, its app notebook (with the metadata that puts it on the
start page), an example-data file and a test folder, and registers it: in
:data:`leven.core.instruments.INSTRUMENTS` and in the import contracts of pyproject.toml.
"""

from __future__ import annotations

import json
import keyword
import re
from collections.abc import Callable
from pathlib import Path
from string import Template

from leven.core.settings import ROOT

NAME = re.compile(r"[a-z][a-z0-9_]{1,30}")
TEMPLATE_DIR = Path("templates") / "instrument"
PACKAGE_FILES = ("__init__.py", "records.py", "analysis.py", "charts.py", "views.py",
                 "messages/nl.toml", "messages/en.toml")
INSTRUMENTS_LINES = re.compile(
    r'^(INSTRUMENTS: tuple\[str, \.\.\.\] = \(\n(?:    "\w+",\n)+)(\))', re.M
)
LAYER_LINE = re.compile(r'^(    ")(leven\.kernthema \| [^"]*)(",)$', re.M)


def class_name(name: str) -> str:
    """``wat_er_al_is`` -> ``WatErAlIs``: the record class of the instrument."""
    return "".join(part.capitalize() for part in name.split("_"))


def app_notebook(name: str, order: int) -> dict:
    """An app notebook of three cells: import, ``start_app``, ``show`` (outputs stripped)."""
    app = f"{class_name(name)}App"
    sources = [
        f"from leven.core.widgets.app import start_app\nfrom leven.{name}.views import {app}",
        f"app = start_app({app})",
        f'app.show("{name}.app.title");',
    ]
    cells = [
        {"cell_type": "code", "execution_count": None, "id": f"cell-{index}",
         "metadata": {"tags": ["nbval-ignore-output"]} if index == 2 else {},
         "outputs": [], "source": source}
        for index, source in enumerate(sources)
    ]
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "leven": {"kind": "app", "order": order, "title": f"{name}.app.title",
                      "description": f"{name}.app.description"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def new_instrument(name: str, title: str, order: int = 90, root: Path = ROOT) -> list[Path]:
    """Write the skeleton of instrument ``name`` under ``root``; returns the files written.

    Refuses a name that is not a plain lowercase identifier or that is taken, and writes
    nothing then.
    """
    if not NAME.fullmatch(name) or keyword.iskeyword(name) or name == "core":
        raise ValueError(f"{name!r}: use lowercase letters, digits and _ (e.g. netwerkkaart)")
    package = root / "leven" / name
    if package.exists():
        raise ValueError(f"{package} exists already")
    # the registry and the contracts first: if either cannot be extended, nothing is written
    registry = _registered(root / "leven" / "core" / "instruments.py", INSTRUMENTS_LINES,
                           lambda m: f'{m[1]}    "{name}",\n{m[2]}')
    contracts = _registered(root / "pyproject.toml", LAYER_LINE,
                            lambda m: f"{m[1]}{m[2]} | leven.{name}{m[3]}")
    values = {"name": name, "Name": class_name(name), "title": title}
    written = []
    for relative in PACKAGE_FILES:
        text = Template((root / TEMPLATE_DIR / f"{relative}.tmpl").read_text(encoding="utf-8"))
        written.append(_write(package / relative, text.substitute(values)))
    test = Template((root / TEMPLATE_DIR / "test.py.tmpl").read_text(encoding="utf-8"))
    written.append(_write(root / "tests" / name / f"test_{name}.py", test.substitute(values)))
    notebook = json.dumps(app_notebook(name, order), indent=1, ensure_ascii=False)
    written.append(_write(root / "notebooks" / f"{name}.ipynb", notebook + "\n"))
    example = {"model": f"leven.{name}.records:{class_name(name)}", "records": []}
    written.append(_write(root / "data" / "example" / f"{name}.json",
                          json.dumps(example, indent=2) + "\n"))
    written += [_write(path, text) for path, text in (registry, contracts)]
    return written


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _registered(path: Path, line: re.Pattern, change: Callable[[re.Match], str]) -> tuple:
    """``path`` and its text with ``line`` changed; refused when the line is not there."""
    text = path.read_text(encoding="utf-8")
    new, count = line.subn(change, text, count=1)
    if count != 1:
        raise ValueError(f"{path}: the line to extend was not found ({line.pattern})")
    return path, new
