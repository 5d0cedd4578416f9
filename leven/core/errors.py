"""Errors that carry a message from the catalogue, so the UI can show them as they are."""

from __future__ import annotations

from typing import Any

from leven.core.i18n import t


class LevenError(ValueError):
    """A refusal with a catalogue key; ``str(error)`` is the message in the language in force.

    A ``ValueError`` subclass, so domain functions refuse bad input the Pythonic way while the
    forms can show ``str(error)`` to a facilitator unchanged.
    """

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    @property
    def message(self) -> str:
        return t(self.key, **{name: _quoted(value) for name, value in self.params.items()})

    def __str__(self) -> str:
        return self.message


#: A typed value quoted in a message is cut to this many characters.
QUOTE_MAX = 40


def _quoted(value: Any) -> Any:
    """A value as a message may quote it: short, and always valid text (a lone surrogate
    would break every layer that writes the message out)."""
    if not isinstance(value, str):
        return value
    text = value.encode("utf-8", "replace").decode("utf-8")
    return text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1] + "…"
