"""The base of every stored record, and Dutch messages for pydantic's validation errors.

Every instrument's model (a proeftuin, a GAS goal, a checklist assessment, ...) subclasses
:class:`Record` and names its ``KIND``; the store keeps each save as a new immutable version
of such a record. Models are frozen: a change is a new object, never an edit in place.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

from leven.core.errors import LevenError
from leven.core.i18n import has, t


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
