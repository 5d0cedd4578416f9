"""A date field that shows and takes dd-mm-jjjj in every browser.

ipywidgets' DatePicker is the browser's ``<input type=date>``, whose format follows the
browser's language, not the page's: an English browser shows mm/dd/yyyy on a Dutch form.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import ipywidgets as ipw
import traitlets

from leven.core.dates import date_text, read_date
from leven.core.i18n import t


def _to_text(value: date | str | None, _widget: Any) -> str:
    return value if isinstance(value, str) else date_text(value)


def _from_text(text: str, _widget: Any) -> date | str | None:
    try:
        return read_date(text or "")
    except ValueError:
        return text  # kept as typed; the form says what is wrong and saves nothing


class DateInput(ipw.Text):
    """A text field whose ``value`` is a date (or None when empty).

    What cannot be read as a date stays in ``value`` as the typed text, so the form keeps it
    and can say so (:attr:`unreadable`); a date typed as 1-2-2025 is shown back as 01-02-2025.
    """

    value = traitlets.Union(
        [traitlets.Instance(date), traitlets.Unicode()], default_value=None, allow_none=True,
    ).tag(sync=True, to_json=_to_text, from_json=_from_text)

    def __init__(self, value: date | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("placeholder", t("core.form.date_placeholder"))
        kwargs.setdefault("continuous_update", False)  # read once typed, not at every key
        kwargs.setdefault("layout", {"width": "14rem"})  # ten characters, not the column
        super().__init__(value=value, **kwargs)
        self.add_class("leven-date")

    @property
    def unreadable(self) -> bool:
        """Whether the text typed is no date."""
        return isinstance(self.value, str) and bool(self.value.strip())
