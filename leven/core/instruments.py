"""The registry of instruments: the one place where the spine names them.

Like Django's ``INSTALLED_APPS``, instruments are listed by name and imported only when
asked for (:func:`module`), so the spine never imports an instrument statically and
import-linter can hold it to that. An instrument is the package ``leven.<name>`` with the
same few modules in each (see README, "Architecture"):

    records.py      pydantic models (pure)
    analysis.py     pandas / statistics on its tables (pure; GAS and the checklist split it)
    charts.py       data -> Altair chart
    views.py        ipywidgets over the records, and the app class (``views/`` when larger)
    pages.py        kernel-free pages of our own server, if any:
                    ``routes(base_url, notebooks_dir)`` -> Tornado routes
    messages/       ``nl.toml`` and ``en.toml``; keys are ``<name>.<table>.<key>``
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parents[1]

#: Every instrument, in the order of the method. ``proeftuin`` comes first: the others may
#: build on its deelnemers, organisaties and bijeenkomsten (see the import contracts).
INSTRUMENTS: tuple[str, ...] = (
    "proeftuin",
    "kernthema",
    "collage",
    "gas",
    "checklist",
    "evaluatie",
    "netwerkkaart",
    "stakeholdergesprek",
    "jaar",
    "experiment",
    "leerwerkplatform",
    "verslag",
)

#: The instrument whose records are the proeftuinen themselves.
PROEFTUIN = "proeftuin"


def folder(name: str) -> Path:
    """The package folder of instrument ``name``."""
    return PACKAGE_DIR / name


def message_file(name: str, lang: str) -> Path:
    """The message file of instrument ``name`` in ``lang``."""
    return folder(name) / "messages" / f"{lang}.toml"


def module(name: str, part: str) -> ModuleType | None:
    """``leven.<name>.<part>``, or None when the instrument has no such module."""
    if not (folder(name) / f"{part}.py").exists() and not (folder(name) / part).is_dir():
        return None
    return importlib.import_module(f"leven.{name}.{part}")


def routes(base_url: str, notebooks_dir: Path) -> list[tuple]:
    """The Tornado routes of every instrument's kernel-free pages (``pages.routes``)."""
    found: list[tuple] = []
    for name in INSTRUMENTS:
        pages = module(name, "pages")
        if pages is not None:
            found += pages.routes(base_url, notebooks_dir)
    return found


def announcements(public_url: str, qr: bool = False) -> list[str]:
    """What the instruments say in the terminal when the server starts (``pages.announce``),
    e.g. the participants' address of an open evaluation."""
    lines: list[str] = []
    for name in INSTRUMENTS:
        pages = module(name, "pages")
        if pages is not None and hasattr(pages, "announce"):
            lines += pages.announce(public_url, qr=qr)
    return lines


def page_function(name: str) -> Callable[..., Any] | None:
    """The first instrument whose ``pages`` module has a function ``name`` (``leven report``
    calls the year report's ``write_report``), so the spine's command line names none."""
    for instrument in INSTRUMENTS:
        pages = module(instrument, "pages")
        if pages is not None and hasattr(pages, name):
            return getattr(pages, name)
    return None


def proeftuin_record() -> type:
    """The record class of a proeftuin (its name and gemeente head every app page)."""
    return importlib.import_module(f"leven.{PROEFTUIN}.records").Proeftuin
