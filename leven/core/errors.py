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
        return t(self.key, **self.params)

    def __str__(self) -> str:
        return self.message
