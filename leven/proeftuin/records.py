"""The spine's domain: a proeftuin, its deelnemers, organisaties and bijeenkomsten.

Pure models (no UI, no store): the store keeps each save as a new version and the forms
show :func:`leven.core.records.field_messages` next to the fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from functools import cache

from email_validator import EmailNotValidError, validate_email
from pydantic import Field, field_validator

from leven.core import settings
from leven.core.errors import LevenError
from leven.core.records import Line, PlausibleDate, Record, Text
from leven.core.slugs import unique_slug

PRIVATE_DOMAINS = settings.TEMPLATES_DIR / "prive_maildomeinen.txt"
Naam = Field(min_length=1)


class Dimensie(StrEnum):
    """The four dimensions of palliative care."""

    LICHAMELIJK = "lichamelijk"
    PSYCHISCH = "psychisch"
    SOCIAAL = "sociaal"
    SPIRITUEEL = "spiritueel"


class Domein(StrEnum):
    """Health care or the social domain."""

    ZORG = "zorg"
    SOCIAAL_DOMEIN = "sociaal_domein"


class Betrokkenheid(StrEnum):
    """Whether someone takes part as a professional or as a volunteer."""

    PROFESSIONAL = "professional"
    VRIJWILLIGER = "vrijwilliger"


class SoortBijeenkomst(StrEnum):
    """The meetings of the process of one year (DOMAIN.md, stages 3-5)."""

    START = "startbijeenkomst"
    WERK = "werkbijeenkomst"
    TRANSITIE = "transitiebijeenkomst"
    ANDERS = "anders"


class Proeftuin(Record):
    """One local learning lab of one year."""

    KIND = "proeftuin"

    naam: Line = Naam
    gemeente: Line = Field(min_length=1)
    startdatum: PlausibleDate
    projectleider: Line = ""
    beschrijving: Text = ""


class Organisatie(Record):
    """A participating organisation, in the zorg or the sociaal domein."""

    KIND = "organisatie"

    naam: Line = Naam
    domein: Domein | None = None
    soort: Line = ""


class Deelnemer(Record):
    """A professional or volunteer taking part, and the dimensions they work on."""

    KIND = "deelnemer"

    naam: Line = Naam
    organisatie: Line = ""
    functie: Line = ""
    domein: Domein | None = None
    betrokkenheid: Betrokkenheid = Betrokkenheid.PROFESSIONAL
    kerngroep: bool = False
    dimensies: tuple[Dimensie, ...] = ()
    email: Line | None = None

    @field_validator("dimensies")
    @classmethod
    def _unique_dimensions(cls, value: tuple[Dimensie, ...]) -> tuple[Dimensie, ...]:
        return tuple(d for d in Dimensie if d in value)

    @field_validator("email", mode="before")
    @classmethod
    def _empty_email_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("email")
    @classmethod
    def _work_email(cls, value: str | None) -> str | None:
        return None if value is None else work_email(value)


def work_email(text: str) -> str:
    """A work e-mail address, normalised; a Dutch message says what is wrong, and a private
    address (``templates/prive_maildomeinen.txt``) is refused: the project needs work ones."""
    local, at, domain = text.strip().rpartition("@")
    if not at or not local:
        raise LevenError("proeftuin.email.apenstaart")
    if "." not in domain or domain.startswith(".") or domain.endswith("."):
        raise LevenError("proeftuin.email.domein", domein=domain)
    try:
        address = validate_email(text.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        raise LevenError("proeftuin.email.tekens") from None
    domain = address.rpartition("@")[2].lower()
    if domain in private_domains():
        raise LevenError("proeftuin.email.prive", domein=domain)
    return address


@cache
def private_domains() -> frozenset[str]:
    """The domains of private mail providers, one per line in the templates file."""
    lines = PRIVATE_DOMAINS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip()
                     and not line.startswith("#"))


class Bijeenkomst(Record):
    """A meeting of the proeftuin (start-, werk-, transitiebijeenkomst or another)."""

    KIND = "bijeenkomst"

    soort: SoortBijeenkomst
    datum: PlausibleDate
    titel: Line = ""
    notities: Text = ""


def parse_kerngroep(text: str) -> list[Deelnemer]:
    """Kerngroep members from lines of ``naam`` or ``naam, organisatie``.

    The start page asks for the kerngroep in one box, one person per line; blank lines are
    skipped and every member becomes a :class:`Deelnemer` with ``kerngroep=True``.
    """
    members = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        naam, _, organisatie = (part.strip() for part in line.partition(","))
        if not naam:
            raise LevenError("proeftuin.proeftuin.kerngroep_line", line=number)
        members.append(Deelnemer(naam=naam, organisatie=organisatie, kerngroep=True))
    return members


def slug(text: str, taken: Iterable[str] = ()) -> str:
    """A readable, URL-safe id from a name, unique among ``taken`` (``zundert``, ``zundert-2``).

    Readable ids keep links such as ``?proeftuin=zundert`` understandable to a facilitator.
    """
    return unique_slug(text, taken, "proeftuin", max_length=40)
