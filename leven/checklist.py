"""Bijlage 1, the checklist of implementation preconditions: templates, assessments, summaries.

Every *kansrijk project* has its own variant of the checklist, so the items live in TOML
templates under ``templates/checklists/`` (one file per variant): a new project is a new
file, not new code. An assessment stores answers by stable item id, never by text, so a
corrected wording does not orphan earlier assessments. Everything here is pure: no widgets,
no charts, no store; the summaries are pandas DataFrames that the UI and researchers share.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar, Literal, NamedTuple

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

import leven
from leven.errors import LevenError
from leven.i18n import t
from leven.records import Record

TEMPLATES_DIR = Path(leven.__file__).resolve().parents[1] / "templates" / "checklists"

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


# --- assessments -------------------------------------------------------------------------


class ItemAntwoord(BaseModel):
    """The answer to one item: ``None`` while not yet answered, and a free comment."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    antwoord: Answer | None = None
    opmerking: str = Field(default="", max_length=5000)


class ChecklistBeoordeling(Record):
    """One filling-in of a checklist variant by a proeftuin or organisation.

    It may be half-filled (saved half-way through a meeting): items without an entry, or
    with ``antwoord=None``, are simply not answered yet. Answers are keyed by item id; whether
    those ids belong to the template is checked by :func:`validate_against`, because the
    record alone does not know the template's items.
    """

    KIND: ClassVar[str] = "checklist_beoordeling"

    template: str = Field(min_length=1, max_length=100)
    template_versie: int = Field(ge=1)
    proeftuin: str = Field(default="", max_length=200)
    organisatie: str = Field(default="", max_length=200)
    ingevuld_door: str = Field(min_length=1, max_length=200)
    datum: date
    antwoorden: dict[str, ItemAntwoord] = Field(default_factory=dict)

    @field_validator("antwoorden", mode="before")
    @classmethod
    def _known_answers(cls, value: Any) -> Any:
        """Refuse unknown answer values in Dutch, naming the item; accept the seed's labels."""
        if not isinstance(value, Mapping):
            return value
        cleaned: dict[Any, Any] = {}
        for item_id, entry in value.items():
            if isinstance(entry, str) or entry is None:
                entry = {"antwoord": entry}
            if isinstance(entry, Mapping) and "antwoord" in entry:
                entry = {**entry, "antwoord": _answer_code(str(item_id), entry["antwoord"])}
            cleaned[item_id] = entry
        return cleaned

    @model_validator(mode="after")
    def _has_subject(self) -> ChecklistBeoordeling:
        if not (self.proeftuin or self.organisatie):
            raise LevenError("checklist.errors.no_subject")
        return self

    def answer(self, item_id: str) -> str | None:
        """The answer code for an item, ``None`` when not answered."""
        entry = self.antwoorden.get(item_id)
        return entry.antwoord if entry else None

    def comment(self, item_id: str) -> str:
        entry = self.antwoorden.get(item_id)
        return entry.opmerking if entry else ""


def _answer_code(item_id: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        code = " ".join(value.split()).lower()
        if code == "":
            return None
        code = _ALIASES.get(code, code)
        if code in ANSWERS:
            return code
    options = ", ".join(t(f"checklist.answers.{code}") for code in ANSWERS)
    raise LevenError("checklist.errors.unknown_answer", item=item_id, value=value, options=options)


def new_assessment(
    template: ChecklistTemplate,
    *,
    ingevuld_door: str,
    datum: date,
    proeftuin: str = "",
    organisatie: str = "",
) -> ChecklistBeoordeling:
    """An empty assessment of ``template``, bound to its name and current version."""
    return ChecklistBeoordeling(
        template=template.name,
        template_versie=template.version,
        proeftuin=proeftuin,
        organisatie=organisatie,
        ingevuld_door=ingevuld_door,
        datum=datum,
    )


def with_answer(
    template: ChecklistTemplate,
    assessment: ChecklistBeoordeling,
    item_id: str,
    antwoord: str | None,
    opmerking: str | None = None,
) -> ChecklistBeoordeling:
    """A new assessment with one item (re)answered; ``opmerking=None`` keeps the comment.

    Records are frozen, so a form builds each save as a new object through here.
    """
    validate_against(template, assessment)
    template.item(item_id)
    comment = assessment.comment(item_id) if opmerking is None else opmerking
    answers = {key: value.model_dump() for key, value in assessment.antwoorden.items()}
    answers[item_id] = {"antwoord": antwoord, "opmerking": comment}
    return ChecklistBeoordeling.model_validate({**assessment.model_dump(), "antwoorden": answers})


def validate_against(template: ChecklistTemplate, assessment: ChecklistBeoordeling) -> None:
    """Refuse an assessment of another variant, or one answering items the template lacks.

    A different template *version* is accepted: item ids stay stable when wording is
    corrected, so old assessments remain comparable.
    """
    if assessment.template != template.name:
        raise LevenError(
            "checklist.errors.template_mismatch", got=assessment.template, expected=template.name
        )
    unknown = [item_id for item_id in assessment.antwoorden if item_id not in template.item_ids]
    if unknown:
        raise LevenError(
            "checklist.errors.unknown_items", template=template.name, items=", ".join(unknown)
        )


# --- summaries ---------------------------------------------------------------------------


def _item_frame(template: ChecklistTemplate, assessment: ChecklistBeoordeling) -> pd.DataFrame:
    validate_against(template, assessment)
    rows = []
    for section in template.sections:
        for item in section.items:
            answer = assessment.answer(item.id)
            rows.append(
                {
                    "sectie": section.id,
                    "sectie_titel": section.title,
                    "item": item.id,
                    "tekst": item.text,
                    "antwoord": answer,
                    "score": SCORES[answer] if answer else float("nan"),
                    "opmerking": assessment.comment(item.id),
                }
            )
    return pd.DataFrame(rows)


def _counts(frame: pd.DataFrame) -> dict[str, Any]:
    answered = int(frame["antwoord"].notna().sum())
    row: dict[str, Any] = {"items": len(frame)}
    for code in ANSWERS:
        row[code] = int((frame["antwoord"] == code).sum())
    row["beantwoord"] = answered
    row["onbeantwoord"] = len(frame) - answered
    for code in ANSWERS:
        row[f"aandeel_{code}"] = row[code] / answered if answered else float("nan")
    row["gereedheid"] = float(frame["score"].mean()) if answered else float("nan")
    return row


def summary(template: ChecklistTemplate, assessment: ChecklistBeoordeling) -> pd.DataFrame:
    """Counts, shares and readiness per section, plus a ``"totaal"`` row; index ``sectie``.

    Shares (``aandeel_*``) are taken among the *answered* items, so a half-filled checklist
    is not read as "niet"; ``onbeantwoord`` reports the rest. The readiness score
    (``gereedheid``) scores wel=1, gedeeltelijk=0.5, niet=0 and takes the mean over the
    answered items: 1 means every answered precondition is met, and it is NaN when nothing
    in that section is answered yet. The total row pools all answered items (it is not the
    mean of the section scores, so sections weigh by their number of answered items).
    """
    frame = _item_frame(template, assessment)
    rows = [
        {"sectie": section.id, "titel": section.title, **_counts(frame[frame.sectie == section.id])}
        for section in template.sections
    ]
    rows.append({"sectie": TOTAL, "titel": t("checklist.summary.total"), **_counts(frame)})
    return pd.DataFrame(rows).set_index("sectie")


def readiness(template: ChecklistTemplate, assessment: ChecklistBeoordeling) -> pd.Series:
    """The readiness score per section (see :func:`summary`), in section order."""
    return summary(template, assessment)["gereedheid"].drop(TOTAL)


def action_list(template: ChecklistTemplate, assessment: ChecklistBeoordeling) -> pd.DataFrame:
    """The items not yet met (niet or gedeeltelijk) with their comments, in template order.

    This is what the kerngroep still has to arrange; unanswered items are left out because
    nobody has judged them yet (see ``onbeantwoord`` in :func:`summary`).
    """
    frame = _item_frame(template, assessment)
    todo = frame[frame["antwoord"].isin(["niet", "gedeeltelijk"])]
    columns = ["sectie", "sectie_titel", "item", "tekst", "antwoord", "opmerking"]
    return todo[columns].reset_index(drop=True)


class Comparison(NamedTuple):
    """Change between two assessments: per item and per section (with a total row)."""

    items: pd.DataFrame
    sections: pd.DataFrame


def compare(
    template: ChecklistTemplate, before: ChecklistBeoordeling, after: ChecklistBeoordeling
) -> Comparison:
    """What changed from ``before`` to ``after`` (e.g. start of the year and the end).

    Per item ``verandering`` is ``"beter"``, ``"slechter"`` or ``"gelijk"`` by the readiness
    weights, and missing (NA) when either side is unanswered (no change can be judged). Per
    section: readiness before, after and ``verschil`` (after minus before, NaN if either is).
    """
    old, new = _item_frame(template, before), _item_frame(template, after)
    items = old[["sectie", "item", "tekst"]].copy()
    items["voor"] = old["antwoord"]
    items["na"] = new["antwoord"]
    items["verandering"] = [_change(a, b) for a, b in zip(old["score"], new["score"], strict=True)]
    first, second = summary(template, before), summary(template, after)
    sections = pd.DataFrame(
        {
            "titel": first["titel"],
            "gereedheid_voor": first["gereedheid"],
            "gereedheid_na": second["gereedheid"],
        }
    )
    sections["verschil"] = sections["gereedheid_na"] - sections["gereedheid_voor"]
    return Comparison(items, sections)


def _change(before: float, after: float) -> str | None:
    if pd.isna(before) or pd.isna(after):
        return None
    if after > before:
        return "beter"
    return "slechter" if after < before else "gelijk"


TIDY_COLUMNS = (
    "beoordeling",
    "template",
    "template_versie",
    "proeftuin",
    "organisatie",
    "datum",
    "sectie",
    "item",
    "tekst",
    "antwoord",
    "score",
    "opmerking",
)


def tidy(
    assessments: Iterable[ChecklistBeoordeling],
    templates: Mapping[str, ChecklistTemplate] | None = None,
    *,
    directory: Path | str | None = None,
    include_names: bool = False,
) -> pd.DataFrame:
    """One row per assessment × item of its template, for comparing proeftuinen.

    ``beoordeling`` is the position of the assessment in the input; unanswered items are
    rows with a missing answer, so absence stays visible. Templates missing from
    ``templates`` are loaded by name. The person who filled in the checklist is left out
    unless ``include_names`` is set, because research extracts are pseudonymised.
    """
    known = dict(templates or {})
    frames = []
    for number, assessment in enumerate(assessments):
        if assessment.template not in known:
            known[assessment.template] = load_template(assessment.template, directory)
        frame = _item_frame(known[assessment.template], assessment)
        frame.insert(0, "beoordeling", number)
        frame.insert(1, "template", assessment.template)
        frame.insert(2, "template_versie", assessment.template_versie)
        frame.insert(3, "proeftuin", assessment.proeftuin)
        frame.insert(4, "organisatie", assessment.organisatie)
        frame.insert(5, "datum", pd.Timestamp(assessment.datum))
        if include_names:
            frame.insert(6, "ingevuld_door", assessment.ingevuld_door)
        frames.append(frame.drop(columns="sectie_titel"))
    if not frames:
        columns = list(TIDY_COLUMNS)
        if include_names:
            columns.insert(6, "ingevuld_door")
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)


# --- across proeftuinen ------------------------------------------------------------------


def _subject(assessment: ChecklistBeoordeling) -> str:
    return assessment.proeftuin or assessment.organisatie


def chronological(assessments: Iterable[ChecklistBeoordeling]) -> list[ChecklistBeoordeling]:
    """Assessments by proeftuin (or organisation), then date; the order every table uses."""
    return sorted(assessments, key=lambda a: (_subject(a), a.datum))


def _templates(
    assessments: Iterable[ChecklistBeoordeling],
    templates: Mapping[str, ChecklistTemplate] | None,
    directory: Path | str | None,
) -> dict[str, ChecklistTemplate]:
    known = dict(templates or {})
    for assessment in assessments:
        if assessment.template not in known:
            known[assessment.template] = load_template(assessment.template, directory)
    return known


def _section_titles(templates: Mapping[str, ChecklistTemplate]) -> dict[str, str]:
    """One title per section id across variants (the alphabetically first variant's), so a
    section reworded in another variant is still one row or bar when proeftuinen compare."""
    titles: dict[str, str] = {}
    for name in sorted(templates):
        for section in templates[name].sections:
            titles.setdefault(section.id, section.title)
    return titles


def overview(
    assessments: Iterable[ChecklistBeoordeling],
    templates: Mapping[str, ChecklistTemplate] | None = None,
    *,
    directory: Path | str | None = None,
) -> pd.DataFrame:
    """One row per assessment: proeftuin, date, project, counts and total readiness."""
    ordered = chronological(assessments)
    known = _templates(ordered, templates, directory)
    rows = []
    for assessment in ordered:
        template = known[assessment.template]
        total = summary(template, assessment).loc[TOTAL]
        rows.append(
            {
                "proeftuin": _subject(assessment),
                "datum": assessment.datum,
                "project": template.project,
                "items": int(total["items"]),
                "beantwoord": int(total["beantwoord"]),
                **{code: int(total[code]) for code in ANSWERS},
                "gereedheid": total["gereedheid"],
            }
        )
    columns = ["proeftuin", "datum", "project", "items", "beantwoord", *ANSWERS, "gereedheid"]
    return pd.DataFrame(rows, columns=columns)


def section_readiness(
    assessments: Iterable[ChecklistBeoordeling],
    templates: Mapping[str, ChecklistTemplate] | None = None,
    *,
    directory: Path | str | None = None,
) -> pd.DataFrame:
    """Long table: one row per assessment × section (and its total), with readiness.

    ``beoordeling`` numbers the assessments in :func:`chronological` order; ``titel`` is the
    same for a section id in every variant (see :func:`_section_titles`).
    """
    ordered = chronological(assessments)
    known = _templates(ordered, templates, directory)
    titles = {**_section_titles(known), TOTAL: t("checklist.summary.total")}
    rows = []
    for number, assessment in enumerate(ordered):
        table = summary(known[assessment.template], assessment)
        for section, row in table.iterrows():
            rows.append(
                {
                    "beoordeling": number,
                    "proeftuin": _subject(assessment),
                    "datum": assessment.datum,
                    "template": assessment.template,
                    "sectie": section,
                    "titel": titles[str(section)],
                    "beantwoord": int(row["beantwoord"]),
                    "items": int(row["items"]),
                    "gereedheid": row["gereedheid"],
                }
            )
    columns = [
        "beoordeling",
        "proeftuin",
        "datum",
        "template",
        "sectie",
        "titel",
        "beantwoord",
        "items",
        "gereedheid",
    ]
    return pd.DataFrame(rows, columns=columns)


def latest_readiness(sections: pd.DataFrame) -> pd.DataFrame:
    """Proeftuin × section readiness of each proeftuin's latest assessment (a wide table).

    ``sections`` is :func:`section_readiness`; columns are the section titles in template
    order, then the total.
    """
    if sections.empty:
        return pd.DataFrame()
    latest = sections.groupby("proeftuin")["beoordeling"].transform("max")
    chosen = sections[sections["beoordeling"] == latest]
    order = list(dict.fromkeys(chosen["titel"]))
    wide = chosen.pivot(index="proeftuin", columns="titel", values="gereedheid")
    wide = wide[[title for title in order if title in wide.columns]]
    wide.columns.name = None
    return wide


def first_and_latest(sections: pd.DataFrame) -> pd.DataFrame:
    """Readiness per section in the first and the latest assessment of each proeftuin.

    Only proeftuinen with at least two assessments appear. Columns follow
    :func:`compare`'s section table (``gereedheid_voor``, ``gereedheid_na``, ``verschil``),
    so the same chart shows both.
    """
    columns = [
        "proeftuin",
        "sectie",
        "titel",
        "datum_voor",
        "datum_na",
        "gereedheid_voor",
        "gereedheid_na",
        "verschil",
    ]
    rows = []
    for proeftuin, own in sections.groupby("proeftuin", sort=True):
        numbers = sorted(own["beoordeling"].unique())
        if len(numbers) < 2:
            continue
        first = own[own["beoordeling"] == numbers[0]].set_index("sectie")
        last = own[own["beoordeling"] == numbers[-1]].set_index("sectie")
        for section in last.index:
            before = first["gereedheid"].get(section, float("nan"))
            after = last.loc[section, "gereedheid"]
            rows.append(
                {
                    "proeftuin": proeftuin,
                    "sectie": section,
                    "titel": last.loc[section, "titel"],
                    "datum_voor": first["datum"].iloc[0],
                    "datum_na": last["datum"].iloc[0],
                    "gereedheid_voor": before,
                    "gereedheid_na": after,
                    "verschil": after - before,
                }
            )
    return pd.DataFrame(rows, columns=columns)


def items_not_met(
    assessments: Iterable[ChecklistBeoordeling],
    templates: Mapping[str, ChecklistTemplate] | None = None,
    *,
    directory: Path | str | None = None,
) -> pd.DataFrame:
    """How often each item was answered *niet* or *gedeeltelijk*, most often first.

    Counted over all given assessments (pass the latest per proeftuin for the current
    state). The text is the item's wording in the first variant it appears in; ties keep
    the order in which items first appear (template order), so every run gives the same table.
    """
    ordered = chronological(assessments)
    known = _templates(ordered, templates, directory)
    frame = tidy(ordered, known)
    columns = [
        "item",
        "tekst",
        "niet",
        "gedeeltelijk",
        "niet_voldaan",
        "beantwoord",
        "beoordelingen",
    ]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    grouped = frame.groupby("item", sort=False)
    table = pd.DataFrame(
        {
            "tekst": grouped["tekst"].first(),
            "niet": grouped["antwoord"].agg(lambda s: int((s == "niet").sum())),
            "gedeeltelijk": grouped["antwoord"].agg(lambda s: int((s == "gedeeltelijk").sum())),
            "beantwoord": grouped["antwoord"].agg(lambda s: int(s.notna().sum())),
            "beoordelingen": grouped["beoordeling"].nunique(),
        }
    )
    table["niet_voldaan"] = table["niet"] + table["gedeeltelijk"]
    table = table.reset_index()[columns]
    return table.sort_values(["niet_voldaan", "niet"], ascending=False, kind="stable").reset_index(
        drop=True
    )
