"""Bijlage 1, the checklist of implementation preconditions: its variants as templates.

Every *kansrijk project* has its own variant of the checklist, so the items live in TOML
templates under ``templates/checklists/`` (one file per variant): a new project is a new
file, not new code. An assessment stores answers by stable item id, never by text, so a
corrected wording does not orphan earlier assessments (:mod:`leven.checklist.records`).
This module reads and checks the templates; it is pure: no widgets, no charts, no store.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from leven.core import settings
from leven.core.errors import LevenError
from leven.core.i18n import t

TEMPLATES_DIR = settings.TEMPLATES_DIR / "checklists"

Answer = Literal["niet", "gedeeltelijk", "wel"]
ANSWERS: tuple[Answer, ...] = ("niet", "gedeeltelijk", "wel")
#: The readiness weight of each answer (see :func:`summary`).
SCORES: Mapping[str, float] = MappingProxyType({"niet": 0.0, "gedeeltelijk": 0.5, "wel": 1.0})
#: Spellings accepted on input besides the codes, so the seed's own label "(nog) niet" works.
_ALIASES = {"(nog) niet": "niet", "nog niet": "niet"}
TOTAL = "totaal"

_ID = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
_TOP_KEYS = {"version", "title", "project", "source", "note", "columns", "answers", "sections"}
_TOP_TEXTS = ("title", "project", "source")
_COLUMN_KEYS = ("randvoorwaarde", "voldoet", "opmerking")
_SECTION_KEYS = {"id", "title", "items"}
_ITEM_KEYS = {"id", "text"}


# --- templates ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    """One precondition; ``section`` is the id of the section it belongs to."""

    id: str
    text: str
    section: str


@dataclass(frozen=True)
class ChecklistSection:
    """A heading of Bijlage 1 with its items, in the order of the template."""

    id: str
    title: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class ChecklistTemplate:
    """One variant of the checklist as loaded from its TOML file (``name`` is the file stem).

    ``columns`` and ``answer_labels`` keep the seed's own wording of the table headers, so a
    form can show the instrument exactly as printed; the answer codes are fixed
    (:data:`ANSWERS`) because the scoring depends on them.
    """

    name: str
    version: int
    title: str
    project: str
    source: str
    note: str
    columns: Mapping[str, str]
    answer_labels: Mapping[str, str]
    sections: tuple[ChecklistSection, ...]

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        """All items in template order."""
        return tuple(item for section in self.sections for item in section.items)

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)

    def item(self, item_id: str) -> ChecklistItem:
        """The item with this id; refused in Dutch when the template has none."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise LevenError("checklist.errors.unknown_item", item=item_id, template=self.name)

    def section(self, section_id: str) -> ChecklistSection:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise LevenError("checklist.errors.unknown_section", section=section_id, template=self.name)


def available_templates(directory: Path | str | None = None) -> tuple[str, ...]:
    """Names of the checklist variants: the stems of the ``*.toml`` files, sorted."""
    folder = Path(directory) if directory is not None else TEMPLATES_DIR
    if not folder.is_dir():
        return ()
    return tuple(sorted(path.stem for path in folder.glob("*.toml") if path.is_file()))


def load_template(name: str, directory: Path | str | None = None) -> ChecklistTemplate:
    """Load and check one variant; a malformed file is refused naming the file and place.

    Only names listed by :func:`available_templates` are accepted, so a name from a stored
    assessment can never reach outside the templates folder.
    """
    folder = Path(directory) if directory is not None else TEMPLATES_DIR
    names = available_templates(folder)
    if name not in names:
        raise LevenError(
            "checklist.errors.unknown_template", name=name, available=", ".join(names) or "-"
        )
    return _parse(folder / f"{name}.toml")


class _Source:
    """The raw text of a template, to point at lines that tomllib does not report."""

    def __init__(self, path: Path, text: str) -> None:
        self.file = path.name
        self.lines = text.splitlines()

    def lines_of(self, pattern: str) -> list[int]:
        regex = re.compile(pattern)
        return [number for number, line in enumerate(self.lines, 1) if regex.search(line)]

    def where_id(self, value: str, occurrence: int, fallback: str) -> str:
        found = self.lines_of(rf"""\bid\s*=\s*(["']){re.escape(value)}\1""")
        if len(found) >= occurrence:
            return t("checklist.where.line", line=found[occurrence - 1])
        return fallback

    def where_key(self, key: str, fallback: str) -> str:
        found = self.lines_of(
            rf"""^\s*["']?{re.escape(key)}["']?\s*=|[{{,]\s*{re.escape(key)}\s*="""
        )
        return t("checklist.where.line", line=found[0]) if found else fallback

    def refuse(self, error: str, /, **params: Any) -> LevenError:
        return LevenError(f"checklist.errors.{error}", file=self.file, **params)


def _parse(path: Path) -> ChecklistTemplate:
    text = path.read_text(encoding="utf-8")
    src = _Source(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+), column (\d+)", str(error))
        line, column = (match.group(1), match.group(2)) if match else (len(src.lines), 1)
        raise src.refuse("syntax", line=line, column=column) from error

    top = t("checklist.where.top")
    _no_unknown_keys(src, data, _TOP_KEYS, top)
    version = data.get("version")
    if "version" not in data:
        raise src.refuse("missing_key", key="version", where=top)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise src.refuse("bad_version", where=src.where_key("version", top))
    texts = {key: _text(src, data, key, top) for key in _TOP_TEXTS}
    note = _text(src, data, "note", top) if "note" in data else ""
    columns = _labels(src, data, "columns", _COLUMN_KEYS)
    answers = _labels(src, data, "answers", ANSWERS)

    raw_sections = data.get("sections")
    if raw_sections is None or raw_sections == []:
        raise src.refuse("no_sections")
    if not isinstance(raw_sections, list) or not all(isinstance(s, dict) for s in raw_sections):
        raise src.refuse("bad_list", key="sections", where=src.where_key("sections", top))

    sections: list[ChecklistSection] = []
    section_seen: dict[str, int] = {}
    seen: dict[str, int] = {}
    for number, raw in enumerate(raw_sections, 1):
        here = t("checklist.where.section", position=number)
        section_id = _identifier(src, raw, here)
        section_seen[section_id] = section_seen.get(section_id, 0) + 1
        here = src.where_id(section_id, section_seen[section_id], here)
        _no_unknown_keys(src, raw, _SECTION_KEYS, here)
        if section_seen[section_id] > 1:
            raise src.refuse("duplicate_section", section=section_id, where=here)
        title = _text(src, raw, "title", here)
        raw_items = raw.get("items")
        if not raw_items:
            raise src.refuse("empty_section", section=section_id, where=here)
        if not isinstance(raw_items, list) or not all(isinstance(i, dict) for i in raw_items):
            raise src.refuse("bad_list", key="items", where=here)
        items = []
        for position, raw_item in enumerate(raw_items, 1):
            spot = t("checklist.where.item", section=section_id, position=position)
            item_id = _identifier(src, raw_item, spot)
            seen[item_id] = seen.get(item_id, 0) + 1
            spot = src.where_id(item_id, seen[item_id], spot)
            _no_unknown_keys(src, raw_item, _ITEM_KEYS, spot)
            if seen[item_id] > 1:
                raise src.refuse("duplicate_id", item=item_id, where=spot)
            item_text = raw_item.get("text")
            if item_text is None:
                raise src.refuse("missing_key", key="text", where=spot)
            if not isinstance(item_text, str) or not item_text.strip():
                raise src.refuse("empty_item", item=item_id, where=spot)
            items.append(ChecklistItem(item_id, " ".join(item_text.split()), section_id))
        sections.append(ChecklistSection(section_id, title, tuple(items)))

    return ChecklistTemplate(
        name=path.stem,
        version=version,
        note=note,
        columns=MappingProxyType(columns),
        answer_labels=MappingProxyType(answers),
        sections=tuple(sections),
        **texts,
    )


def _no_unknown_keys(src: _Source, table: dict[str, Any], allowed: set[str], where: str) -> None:
    for key in table:
        if key not in allowed:
            raise src.refuse("unknown_key", key=key, where=src.where_key(key, where))


def _text(src: _Source, table: dict[str, Any], key: str, where: str) -> str:
    if key not in table:
        raise src.refuse("missing_key", key=key, where=where)
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise src.refuse("bad_text", key=key, where=src.where_key(key, where))
    return " ".join(value.split())


def _identifier(src: _Source, table: dict[str, Any], where: str) -> str:
    if "id" not in table:
        raise src.refuse("missing_key", key="id", where=where)
    value = table["id"]
    if not isinstance(value, str) or not _ID.match(value):
        raise src.refuse("bad_id", value=str(value), where=where)
    return value


def _labels(src: _Source, data: dict[str, Any], key: str, names: Iterable[str]) -> dict[str, str]:
    here = f"[{key}]"
    table = data.get(key)
    if not isinstance(table, dict):
        raise src.refuse("missing_key", key=key, where=t("checklist.where.top"))
    _no_unknown_keys(src, table, set(names), here)
    return {name: _text(src, table, name, here) for name in names}
