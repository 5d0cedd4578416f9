"""Dates as people in the Netherlands write them: dd-mm-jjjj.

A browser's own date field shows the date in the browser's language (mm/dd/yyyy in an
English browser, whatever the page says), so our forms take dates as text and read them here.
"""

from __future__ import annotations

import re
from datetime import date

#: day, month and a four-digit year, separated by '-', '/', '.' or a space (1-2-2025 too)
_DUTCH = re.compile(r"\s*(\d{1,2})\s*[-/. ]\s*(\d{1,2})\s*[-/. ]\s*(\d{4})\s*")
#: a date pasted from a spreadsheet or a database: jjjj-mm-dd
_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")


def date_text(value: date | None) -> str:
    """The date as dd-mm-jjjj ('' for none)."""
    return "" if value is None else f"{value:%d-%m-%Y}"


def read_date(text: str) -> date | None:
    """The date written in ``text`` (dd-mm-jjjj, or jjjj-mm-dd); None for an empty text.

    Raises ValueError when the text is no date (31-02-2025, 2-2025, a two-digit year).
    """
    if not text.strip():
        return None
    if found := _DUTCH.fullmatch(text):
        day, month, year = (int(part) for part in found.groups())
    elif found := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in found.groups())
    else:
        raise ValueError(f"not a date: {text[:20]!r}")
    return date(year, month, day)
