"""The registration e-mail from a registration, and an overview for researchers (pure).

The wording per kansrijk project is data (``templates/leerwerkplatform/<project>.toml``: the
address, subject, opening, closing and any conditions the seed sets), so a new kansrijk
project is a new file. The e-mail is ready as a ``mailto:`` link (the facilitator's own mail
program sends it; nothing leaves the laptop by itself) and as text to copy.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from leven.core import settings
from leven.core.i18n import t
from leven.leerwerkplatform.records import LID_FIELDS, Aanmelding

TEMPLATE_DIR = settings.TEMPLATES_DIR / "leerwerkplatform"
OVERVIEW_COLUMNS = ("proeftuin", "kansrijk_project", "leden", "verzonden_op")


@dataclass(frozen=True)
class Sjabloon:
    """How one kansrijk project's registration is sent (one file in ``TEMPLATE_DIR``)."""

    naam: str  # the file's stem: the id
    kansrijk_project: str
    adres: str
    onderwerp: str
    aanhef: str
    inleiding: str
    slot: str
    voorwaarden: tuple[str, ...] = ()


@cache
def templates(folder: Path = TEMPLATE_DIR) -> dict[str, Sjabloon]:
    """Every kansrijk project's template by id, "Leven tot het einde" first."""
    found = {}
    for path in sorted(folder.glob("*.toml"), key=lambda p: (p.stem != "leven_tot_het_einde",
                                                              p.stem)):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        data["voorwaarden"] = tuple(data.get("voorwaarden", ()))
        found[path.stem] = Sjabloon(naam=path.stem, **data)
    return found


def template_for(kansrijk_project: str) -> Sjabloon:
    """The template of a kansrijk project by its name (the first one when unknown)."""
    known = templates()
    for sjabloon in known.values():
        if sjabloon.kansrijk_project == kansrijk_project:
            return sjabloon
    return next(iter(known.values()))


def mail(aanmelding: Aanmelding, proeftuin: str, gemeente: str,
         afzender: str = "") -> tuple[str, str, str]:
    """``(address, subject, body)`` of the registration e-mail, in the seed's order."""
    sjabloon = template_for(aanmelding.kansrijk_project)
    values = {"kansrijk_project": aanmelding.kansrijk_project, "proeftuin": proeftuin,
              "gemeente": gemeente}
    lines = [sjabloon.aanhef, "", sjabloon.inleiding.format(**values), "",
             f"{t('leerwerkplatform.velden.kansrijk_project')}: {aanmelding.kansrijk_project}"]
    for number, lid in enumerate(aanmelding.leden, start=1):
        lines += ["", t("leerwerkplatform.mail.lid", n=number)]
        lines += [f"- {t(f'leerwerkplatform.velden.{name}')}: {getattr(lid, name)}"
                  for name in LID_FIELDS]
    lines += ["", sjabloon.slot]
    if afzender.strip():
        lines.append(afzender.strip())
    return sjabloon.adres, sjabloon.onderwerp.format(**values), "\n".join(lines)


def mailto(address: str, subject: str, body: str) -> str:
    """A ``mailto:`` address with subject and body (RFC 6068: percent-encoded, CRLF)."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def overview(frame: pd.DataFrame) -> pd.DataFrame:
    """Per proeftuin its latest registration: the project, how many members, when sent.

    ``frame`` is ``Store.frame(Aanmelding)``; ``leden`` counts, it never lists names.
    """
    if not len(frame):
        return pd.DataFrame(columns=list(OVERVIEW_COLUMNS))
    out = frame.assign(leden=[len(leden) for leden in frame["leden"]])
    return out[list(OVERVIEW_COLUMNS)].reset_index(drop=True)
