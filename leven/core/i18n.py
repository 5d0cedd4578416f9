"""The one message catalogue: every text a person reads goes through :func:`t`.

The spine's messages live in ``leven/core/messages/<lang>/<area>.toml``, each instrument's in
``leven/<instrument>/messages/<lang>.toml``; a key is ``<area>.<table>.<name>``, where the area
is the spine file's stem or the instrument's name, so each instrument keeps its texts in its
own folder while there is still a single catalogue. Dutch is the default language; English is
the second, chosen with the ``LEVEN_LANG`` setting or :func:`set_language`.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from leven.core import instruments

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
MESSAGES_DIR = Path(__file__).parent / "messages"

_chosen: str | None = None


def language() -> str:
    """The language in force: :func:`set_language`, else ``LEVEN_LANG``, else Dutch."""
    lang = _chosen or os.environ.get("LEVEN_LANG", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def set_language(lang: str | None) -> None:
    """Choose the language for this process (``None`` goes back to the setting)."""
    global _chosen
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {LANGUAGES}")
    _chosen = lang


def _flatten(prefix: str, table: dict[str, Any], into: dict[str, str]) -> None:
    for name, value in table.items():
        key = f"{prefix}.{name}"
        if isinstance(value, dict):
            _flatten(key, value, into)
        else:
            into[key] = str(value)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All messages of one language, keyed ``area.table.name``."""
    messages: dict[str, str] = {}
    for area, path in message_files(lang):
        with path.open("rb") as handle:
            _flatten(area, tomllib.load(handle), messages)
    return messages


def message_files(lang: str) -> list[tuple[str, Path]]:
    """(area, file) of every message file of ``lang``: the spine's, then each instrument's."""
    found = [(path.stem, path) for path in sorted((MESSAGES_DIR / lang).glob("*.toml"))]
    for name in instruments.INSTRUMENTS:
        path = instruments.message_file(name, lang)
        if path.exists():
            found.append((name, path))
    return found


def t(key: str, /, lang: str | None = None, **params: Any) -> str:
    """The message ``key`` in ``lang`` (default: the language in force), formatted with params.

    A key missing in the chosen language falls back to Dutch and then to the key itself, so
    a page never breaks on a missing text; the test suite makes sure none is missing.
    """
    lang = lang or language()
    text = catalogue(lang).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**params) if params else text


def has(key: str, lang: str | None = None) -> bool:
    """Whether ``key`` exists in the catalogue of ``lang``."""
    return key in catalogue(lang or language())
