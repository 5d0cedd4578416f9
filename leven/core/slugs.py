"""Readable ASCII ids and file-name parts from typed names ("Één" -> "een").

One rule for proeftuin ids, experiment ids and export file names, so a name typed by a
facilitator never reaches a URL or a file name as it was typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def slugify(text: str, fallback: str, max_length: int = 40) -> str:
    """Plain lower-case ASCII letters, digits and single hyphens: safe in any URL or file name.

    Accents are dropped (``Sint-Oedenrode Één`` becomes ``sint-oedenrode-een``); anything
    else, including path separators and quotes, becomes a hyphen.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:max_length].strip("-")
    return slug or fallback


def unique_slug(text: str, taken: Iterable[str], fallback: str, max_length: int = 40) -> str:
    """:func:`slugify`, numbered when ``taken`` holds it already (``zundert``, ``zundert-2``)."""
    base = slugify(text, fallback, max_length)
    used = set(taken)
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


#: Letters and digits for codes people read off a projector or a terminal and type in:
#: none that are mistaken for others (0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B).
UNAMBIGUOUS = "ACDEFHJKMNPRTUVWXY3479"
