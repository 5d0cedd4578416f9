"""The spine's domain: a proeftuin, its deelnemers, organisaties and bijeenkomsten.

Pure models (no UI, no store): the store keeps each save as a new version and the forms
show :func:`leven.core.records.field_messages` next to the fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from functools import cache

from email_validator import EmailNotValidError, validate_email
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from leven.core import settings
from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.records import Identifier, Line, PlausibleDate, Record, Text
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
    """The meetings of the process of one year (DOMAIN.md, stages 3-5), and the kerngroep's."""

    START = "startbijeenkomst"
    WERK = "werkbijeenkomst"
    TRANSITIE = "transitiebijeenkomst"
    KERNGROEP = "kerngroepoverleg"
    ANDERS = "anders"


#: The meetings the seed wants the bestuurders at: the mandate at the start, borging at the end.
MET_BESTUURDERS = (SoortBijeenkomst.START, SoortBijeenkomst.TRANSITIE)


class Fase(StrEnum):
    """The seven stages of a proeftuin's year, in order (seed 000 §3, DOMAIN.md)."""

    VOORBEREIDING = "voorbereiding"
    STAKEHOLDERGESPREKKEN = "stakeholdergesprekken"
    STARTBIJEENKOMST = "startbijeenkomst"
    WERKBIJEENKOMSTEN = "werkbijeenkomsten"
    TRANSITIEBIJEENKOMST = "transitiebijeenkomst"
    IN_VERBINDING_BLIJVEN = "in_verbinding_blijven"
    MONITORING = "monitoring"


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


class Part(BaseModel):
    """A part of a record (a bestuurder, a link): validated and frozen like a record."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Bestuurder(Part):
    """A director or board member present at a bijeenkomst (often not a deelnemer)."""

    naam: Line = Naam
    functie: Line = ""
    organisatie: Line = ""


class Verwijzing(Part):
    """What was made at a bijeenkomst: another record, by its kind name and id (a collage
    note, a netwerkkaart snapshot, an evaluation), so no instrument imports another."""

    kind: Identifier = Field(min_length=1)
    record_id: Identifier = Field(min_length=1)


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


class Bijeenkomst(Record):
    """A meeting of the proeftuin: planned (invited) and recorded (who came, what was decided).

    Only ``soort`` and ``datum`` are required, so records saved before the other fields
    existed load as they are. ``uitgenodigd`` and ``aanwezig`` hold deelnemer ids.
    """

    KIND = "bijeenkomst"

    soort: SoortBijeenkomst
    datum: PlausibleDate
    titel: Line = ""
    plaats: Line = ""
    agenda: Text = ""
    uitgenodigd: tuple[Identifier, ...] = ()
    aanwezig: tuple[Identifier, ...] = ()
    bestuurders: tuple[Bestuurder, ...] = ()
    notities: Text = ""
    besluiten: Text = ""
    gemaakt: tuple[Verwijzing, ...] = ()

    _unique_ids = field_validator("uitgenodigd", "aanwezig")(_unique)

    @field_validator("gemaakt")
    @classmethod
    def _unique_links(cls, value: tuple[Verwijzing, ...]) -> tuple[Verwijzing, ...]:
        return tuple(dict.fromkeys(value))


def bijeenkomst_warnings(bijeenkomst: Bijeenkomst) -> list[str]:
    """What a facilitator should hear about a saved bijeenkomst (it is saved all the same):
    a start or transitie without bestuurders, since the seed insists they come to both."""
    if bijeenkomst.soort in MET_BESTUURDERS and not bijeenkomst.bestuurders:
        return [t("proeftuin.bijeenkomst.geen_bestuurders",
                  soort=t(f"proeftuin.soort_bijeenkomst.{bijeenkomst.soort.value}"))]
    return []


def parse_bestuurders(text: str) -> tuple[Bestuurder, ...]:
    """Bestuurders from lines of ``naam, functie, organisatie`` (functie and organisatie
    optional); blank lines are skipped. One box is quicker than a form per person."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        naam, functie, organisatie = ([*(p.strip() for p in line.split(",", 2)), "", ""])[:3]
        if not naam:
            raise LevenError("proeftuin.bijeenkomst.bestuurder_regel", line=number,
                             field="bestuurders")
        found.append(Bestuurder(naam=naam, functie=functie, organisatie=organisatie))
    return tuple(found)


def bestuurders_text(bestuurders: Iterable[Bestuurder]) -> str:
    """The lines :func:`parse_bestuurders` reads back."""
    lines = []
    for b in bestuurders:
        parts = [b.naam, b.functie, b.organisatie]
        while not parts[-1]:
            parts.pop()
        lines.append(", ".join(parts))
    return "\n".join(lines)


class GeplandeFase(Part):
    """The planned span of one stage (first and last day, both included)."""

    fase: Fase
    begin: PlausibleDate
    eind: PlausibleDate

    @model_validator(mode="after")
    def _ends_after_it_begins(self) -> GeplandeFase:
        if self.eind < self.begin:
            raise LevenError("proeftuin.fasen.eind_voor_begin", field=f"{self.fase.value}_eind",
                             fase=t(f"proeftuin.fase.{self.fase.value}"))
        return self


class Fasenplanning(Record):
    """The planned spans of a proeftuin's stages where they differ from the default ones
    (:func:`leven.proeftuin.stages.default_plan`); one record per proeftuin
    (:func:`planning_id`), every change a new version."""

    KIND = "fasenplanning"

    fasen: tuple[GeplandeFase, ...] = ()

    @field_validator("fasen")
    @classmethod
    def _one_span_per_stage(cls, value: tuple[GeplandeFase, ...]) -> tuple[GeplandeFase, ...]:
        spans = {span.fase: span for span in value}
        return tuple(spans[fase] for fase in Fase if fase in spans)


def planning_id(proeftuin: str) -> str:
    """The id of the one Fasenplanning record of a proeftuin."""
    return f"fasen-{proeftuin}"


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
