"""The base of every stored record, and Dutch messages for pydantic's validation errors.

Every instrument's model (a proeftuin, a GAS goal, a checklist assessment, ...) subclasses
:class:`Record` and names its ``KIND``; the store keeps each save as a new immutable version
of such a record. Models are frozen: a change is a new object, never an edit in place.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from functools import partial
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Strict, ValidationError

from leven.core.errors import LevenError
from leven.core.i18n import has, t

#: The length limits, one per kind of text field and the same in every instrument.
ID_MAX = 64  # a record id, a question id, a template name
LINE_MAX = 200  # a name, a title, an organisation: one line
TEXT_MAX = 10_000  # a description, a note, a comment: several lines
#: Dates outside these years are typing mistakes (0001, 1900, 2999), not meetings.
FIRST_YEAR = 2000
YEARS_AHEAD = 5


def _clean_text(value: str, *, multiline: bool, limit: int) -> str:
    """NFC, no control characters (tabs and newlines only where lines are allowed), at most
    ``limit`` characters; a text that is not valid Unicode is refused, never stored."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise LevenError("core.validation.broken_text") from None
    value = unicodedata.normalize("NFC", value)
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    allowed = "\n\t" if multiline else ""
    if any(unicodedata.category(char) == "Cc" and char not in allowed for char in value):
        raise LevenError(
            "core.validation.control_character" if multiline or "\n" not in value
            else "core.validation.one_line"
        )
    value = value.strip()
    if len(value) > limit:
        raise LevenError("core.validation.string_too_long", max_length=limit)
    return value


def _plausible(value: date) -> date:
    last = date.today().year + YEARS_AHEAD
    if not FIRST_YEAR <= value.year <= last:
        raise LevenError("core.validation.date_window", first=FIRST_YEAR, last=last)
    return value


#: One line of text (names, titles): no control characters, at most :data:`LINE_MAX`.
Line = Annotated[str, Strict(), AfterValidator(partial(_clean_text, multiline=False,
                                                         limit=LINE_MAX))]
#: Text of several lines (descriptions, notes): tabs and newlines, at most :data:`TEXT_MAX`.
Text = Annotated[str, Strict(), AfterValidator(partial(_clean_text, multiline=True,
                                                         limit=TEXT_MAX))]
#: An id: one line, at most :data:`ID_MAX`.
Identifier = Annotated[str, Strict(), AfterValidator(partial(_clean_text, multiline=False,
                                                               limit=ID_MAX))]
#: A date of a proeftuin's work: from :data:`FIRST_YEAR` to :data:`YEARS_AHEAD` years ahead.
PlausibleDate = Annotated[date, AfterValidator(_plausible)]


class Record(BaseModel):
    """A validated, immutable payload of one stored record."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    KIND: ClassVar[str]


def field_messages(error: ValidationError) -> dict[str, str]:
    """One message per field (the first path element; ``""`` for the whole record).

    A validator that raises :class:`~leven.core.errors.LevenError` gets its own message through;
    pydantic's own error types are looked up as ``core.validation.<type>`` in the catalogue,
    with a generic message for types the catalogue does not know.
    """
    messages: dict[str, str] = {}
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else ""
        messages.setdefault(field, _message(item))
    return messages


def _message(item: dict[str, Any]) -> str:
    cause = (item.get("ctx") or {}).get("error")
    if isinstance(cause, LevenError):
        return cause.message
    key = f"core.validation.{item['type']}"
    params = {k: v for k, v in (item.get("ctx") or {}).items() if isinstance(v, int | float | str)}
    if has(key):
        try:
            return t(key, **params)
        except (KeyError, IndexError):
            return t(key)
    return t("core.validation.invalid")
