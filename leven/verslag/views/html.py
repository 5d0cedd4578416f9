"""Small HTML pieces of the report: a section, a table, a figure (all text escaped here)."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import Any

from leven.core.i18n import t
from leven.verslag.charts import svg

PHOTO_PIXELS = 640  # the longer side of a photo in the report: enough on A4, small in a mail


@dataclass
class Section:
    """One section of the report: its id (the anchor), title, and body, or why it is empty."""

    id: str
    title: str
    parts: list[str] = field(default_factory=list)
    empty: str = ""  # the one sentence said when the data are missing

    @property
    def body(self) -> str:
        if not self.parts:
            return f'<p class="leeg">{escape(self.empty)}</p>'
        return "\n".join(self.parts)


def day(value: date | None) -> str:
    """A date the Dutch way (dd-mm-jjjj), "" when unknown."""
    return f"{value:%d-%m-%Y}" if value else ""


def para(text: str, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f"<p{klass}>{escape(text)}</p>"


def heading(text: str) -> str:
    return f"<h3>{escape(text)}</h3>"


def facts(pairs: Iterable[tuple[str, str]]) -> str:
    """A definition list of label: value (pairs without a value are left out)."""
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in pairs if v)
    return f"<dl>{rows}</dl>" if rows else ""


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], numeric: Sequence[int] = ()
          ) -> str:
    """A plain table; cells are escaped, columns in ``numeric`` right-aligned."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="getal">{escape(_cell(v))}</td>' if i in numeric
            else f"<td>{escape(_cell(v))}</td>" for i, v in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def number(value: float, digits: int = 1) -> str:
    """A number with the decimal mark of the language ("0,04" in Dutch)."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if t("verslag.decimaal") == "," else text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if value != value else number(value)  # NaN: empty
    if isinstance(value, date):
        return day(value)
    return str(value)


def figure(chart: Any, caption: str) -> str:
    """A chart as inline SVG in a figure that is never cut across two printed pages."""
    return (f'<figure class="grafiek">{svg(chart)}'
            f"<figcaption>{escape(caption)}</figcaption></figure>")


def photo(data: bytes, alt: str) -> str:
    """A photo downscaled to :data:`PHOTO_PIXELS` as a JPEG data URI (no file, no request)."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        image.thumbnail((PHOTO_PIXELS, PHOTO_PIXELS))
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=80)
    uri = "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")
    return f'<img class="foto" src="{uri}" alt="{escape(alt)}">'
