"""The evaluation after a bijeenkomst, and the participants' answers (pure: no UI, no store).

An :class:`Evaluatie` belongs to one bijeenkomst and uses one question set; while it is open,
participants answer it on their phones by its join code. Each browser has one
:class:`EvaluatieAntwoord` per evaluation (its record id is made from the evaluation and a
hash of the browser's random id, never from a name), so a changed answer is a new version of
the same record and is counted once.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import ClassVar, Literal

from pydantic import Field, field_validator

from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.records import Identifier, Record, Text
from leven.core.slugs import UNAMBIGUOUS
from leven.evaluatie.template import VragenSet

#: Join codes use no characters that are mistaken for others on a projector.
CODE_ALPHABET = UNAMBIGUOUS
CODE_LENGTH = 5
MAX_OPEN = 2000
MAX_TOELICHTING = 1000


class Evaluatie(Record):
    """The evaluation of one bijeenkomst: its question set, join code and whether it is open."""

    KIND: ClassVar[str] = "evaluatie"

    bijeenkomst_id: Identifier = Field(min_length=1)
    vragenset: Identifier = Field(min_length=1)
    code: str = Field(pattern=f"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
    status: Literal["open", "gesloten"] = "open"
    open_antwoorden_tonen: bool = False
    geopend: datetime | None = None
    gesloten: datetime | None = None


class EvaluatieAntwoord(Record):
    """One browser's answer: a code per scale or choice question, text per open question."""

    KIND: ClassVar[str] = "evaluatie_antwoord"

    evaluatie_id: Identifier = Field(min_length=1)
    antwoorden: dict[Identifier, Text] = Field(default_factory=dict)
    toelichting: dict[Identifier, Text] = Field(default_factory=dict)

    @field_validator("antwoorden", "toelichting")
    @classmethod
    def _short(cls, value: dict[str, str]) -> dict[str, str]:
        if len(value) > 40 or any(len(key) > 40 or len(text) > MAX_OPEN for key, text in
                                  value.items()):
            raise LevenError("evaluatie.errors.te_lang", max=MAX_OPEN)
        return value


class AnswerRefused(LevenError):
    """The form does not fit the question set; ``fields`` maps form fields to messages."""

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = fields
        super().__init__("evaluatie.errors.niet_verstuurd")


def evaluation_id(bijeenkomst_id: str) -> str:
    """The record id of a bijeenkomst's evaluation: one evaluation per bijeenkomst."""
    return f"evaluatie-{bijeenkomst_id}"


def answer_id(evaluatie_id: str, browser: str) -> str:
    """The record id of one browser's answer: the browser id is hashed, never stored."""
    digest = hashlib.sha256(f"{evaluatie_id}:{browser}".encode()).hexdigest()[:20]
    return f"antwoord-{digest}"


def new_code(taken: Iterable[str] = ()) -> str:
    """A fresh join code, unlike any in ``taken``."""
    used = set(taken)
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in used:
            return code


def normalise_code(text: str) -> str:
    """What a participant typed as the code, as stored: capitals, no spaces or dashes."""
    return "".join(text.split()).replace("-", "").upper()[:CODE_LENGTH * 2]


def answer_from_form(
    vragen: VragenSet, evaluatie_id: str, form: Mapping[str, str]
) -> EvaluatieAntwoord:
    """The answer in a submitted form (field ``<vraag>`` and ``<vraag>_toelichting``).

    Raises :class:`AnswerRefused` with a Dutch message per field for a missing required
    answer, a value the question does not have, or a text that is too long.
    """
    answers: dict[str, str] = {}
    notes: dict[str, str] = {}
    errors: dict[str, str] = {}
    for vraag in vragen.vragen:
        value = (form.get(vraag.id) or "").strip()
        if vraag.soort == "open":
            if len(value) > MAX_OPEN:
                errors[vraag.id] = t("evaluatie.errors.te_lang", max=MAX_OPEN)
            elif value:
                answers[vraag.id] = value
        elif not value:
            if vraag.verplicht:
                errors[vraag.id] = t("evaluatie.errors.kies")
        elif value not in vraag.values():
            errors[vraag.id] = t("evaluatie.errors.kies")
        else:
            answers[vraag.id] = value
        if vraag.toelichting:
            note = (form.get(f"{vraag.id}_toelichting") or "").strip()
            if len(note) > MAX_TOELICHTING:
                errors[f"{vraag.id}_toelichting"] = t(
                    "evaluatie.errors.te_lang", max=MAX_TOELICHTING
                )
            elif note:
                notes[vraag.id] = note
    if errors:
        raise AnswerRefused(errors)
    return EvaluatieAntwoord(evaluatie_id=evaluatie_id, antwoorden=answers, toelichting=notes)

