"""The workbook's notebooks, as the start page lists them.

A notebook declares itself in its metadata, so a new instrument is a new notebook and no
change here::

    "leven": {"kind": "app", "order": 30, "step": 5, "title": "gas.app.title",
              "description": "gas.app.description"}

``kind`` is ``app`` (a Voila app opened for one proeftuin) or ``analyse`` (a researcher's
notebook over all proeftuinen). Titles and descriptions are catalogue keys. ``order`` places
it on the start page; ``step`` is its step in the method (1 to 5, only on the apps of a step):
the header lists those steps first, in that order, then the process's other apps by
``order`` (see :func:`in_method_order`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from leven.core.i18n import t
from leven.core.settings import NOTEBOOKS_DIR


@dataclass(frozen=True)
class Notebook:
    """One notebook of the workbook."""

    path: str  # relative to notebooks/, with forward slashes
    kind: str
    order: int
    title_key: str
    description_key: str
    step: int | None = None  # its step in the method (1-5), None for the process's other apps

    @property
    def title(self) -> str:
        return t(self.title_key)

    @property
    def description(self) -> str:
        return t(self.description_key)


def notebooks(root: Path = NOTEBOOKS_DIR) -> list[Notebook]:
    """Every declared notebook under ``root``, apps first, in their declared order."""
    found = []
    for path in sorted(root.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        entry = _read(path, path.stat().st_mtime_ns)
        if entry is not None:
            relative = path.relative_to(root).as_posix()
            found.append(Notebook(relative, *entry))
    return sorted(found, key=lambda nb: (nb.kind != "app", nb.order, nb.path))


def in_method_order(apps: list[Notebook]) -> list[Notebook]:
    """``apps`` as the header lists them: the method's steps first (Stap 1 ... Stap 5, by
    ``step``), then the instruments of the process in their start-page ``order``."""
    return sorted(apps, key=lambda nb: (nb.step is None, nb.step or 0, nb.order, nb.path))


@cache
def _read(path: Path, _mtime: int) -> tuple[str, int, str, str, int | None] | None:
    meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("leven")
    if not meta:
        return None
    step = int(meta["step"]) if meta.get("step") is not None else None
    return (meta["kind"], int(meta.get("order", 100)), meta["title"],
            meta.get("description", ""), step)


def title_for(name: str, fallback: str | None = None) -> str:
    """The page title of the notebook named ``name`` (its file stem), for the Voila template."""
    for notebook in notebooks():
        if Path(notebook.path).stem == name:
            return notebook.title
    return fallback or name
