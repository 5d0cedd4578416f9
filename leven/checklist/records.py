"""A checklist assessment: one filling-in of a variant, its answers stored by item id.

Answers are kept by stable item id, never by text, so a corrected wording in a template
does not orphan earlier assessments. Pure: no widgets, no store.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from leven.checklist.template import _ALIASES, ANSWERS, Answer, ChecklistTemplate
from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.records import Identifier, Line, PlausibleDate, Record, Text


class ItemAntwoord(BaseModel):
    """The answer to one item: ``None`` while not yet answered, and a free comment."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    antwoord: Answer | None = None
    opmerking: Text = ""


class ChecklistBeoordeling(Record):
    """One filling-in of a checklist variant by a proeftuin or organisation.

    It may be half-filled (saved half-way through a meeting): items without an entry, or
    with ``antwoord=None``, are simply not answered yet. Answers are keyed by item id; whether
    those ids belong to the template is checked by :func:`validate_against`, because the
    record alone does not know the template's items.
    """

    KIND: ClassVar[str] = "checklist_beoordeling"

    template: Identifier = Field(min_length=1)
    template_versie: int = Field(ge=1, le=10_000)
    proeftuin: Line = ""
    organisatie: Line = ""
    ingevuld_door: Line = Field(min_length=1)
    datum: PlausibleDate
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
