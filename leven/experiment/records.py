"""Stap 4 *Vormgeven* and 5 *Verwezenlijken*: the experiments and their actions.

The vastgestelde ambitie is worked out into several small experiments that fit existing
initiatives (seed 000); each has a group, a coordinator from the kerngroep who watches its
progress, a status with the date of every change, and at the end what it yielded and whether
it is borged. Actions are records of their own (:class:`Actie`), so ticking one off is a new
version of that action, not of the whole experiment. Pure: no UI, no store.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, Literal

from pydantic import Field, ValidationInfo, field_validator

from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.records import Identifier, Line, PlausibleDate, Record, Text

STATUSSEN: tuple[str, ...] = ("idee", "in_voorbereiding", "loopt", "afgerond", "gestopt")
"""The statuses in the order of the method; the last two are alternative ends."""

EINDE: tuple[str, ...] = ("afgerond", "gestopt")

Status = Literal["idee", "in_voorbereiding", "loopt", "afgerond", "gestopt"]

DATUM_VELDEN: dict[str, str] = {status: f"datum_{status}" for status in STATUSSEN}
"""The field holding the date each status began (flat fields flatten well into frames)."""

_RANG = {"idee": 0, "in_voorbereiding": 1, "loopt": 2, "afgerond": 3, "gestopt": 3}


def status_label(status: str, lang: str | None = None) -> str:
    """The status as a person reads it ("in voorbereiding")."""
    return t(f"experiment.status.{status}", lang=lang)


def _status_date(value: date | None, info: ValidationInfo) -> date | None:
    """Check one status date against the status and the dates before it (declared earlier,
    so already in ``info.data``): the message then stands beside the date that is wrong."""
    own = str(info.field_name).removeprefix("datum_")
    current = info.data.get("status")
    if current is None:  # the status itself was refused; that message is enough
        return value
    if value is None:
        if own == current:
            raise LevenError("experiment.errors.datum_ontbreekt", status=status_label(own))
        return value
    if _RANG[own] > _RANG[current] or (own in EINDE and own != current):
        raise LevenError("experiment.errors.datum_te_vroeg", status=status_label(own))
    for earlier in STATUSSEN[: STATUSSEN.index(own)]:
        before = info.data.get(DATUM_VELDEN[earlier])
        if earlier not in EINDE and before is not None and before > value:
            raise LevenError("experiment.errors.datum_volgorde", status=status_label(earlier),
                             datum=f"{before:%d-%m-%Y}")
    return value


class Experiment(Record):
    """One experiment of a proeftuin, from idea to borging.

    The coordinator must be a kerngroep member; that needs the proeftuin's deelnemers, so
    :func:`leven.experiment.analysis.check_coordinator` does it where they are known.
    """

    KIND: ClassVar[str] = "experiment"

    naam: Line = Field("", validate_default=True)
    wat: Text = ""
    bijdrage: Text = ""
    kernthema_id: Identifier = ""
    kernthema_versie: int | None = Field(None, ge=1)
    initiatief_id: Identifier = ""
    groep: tuple[Identifier, ...] = ()
    coordinator: Identifier = ""
    status: Status = "idee"
    datum_idee: PlausibleDate | None = Field(None, validate_default=True)
    datum_in_voorbereiding: PlausibleDate | None = Field(None, validate_default=True)
    datum_loopt: PlausibleDate | None = Field(None, validate_default=True)
    datum_afgerond: PlausibleDate | None = Field(None, validate_default=True)
    datum_gestopt: PlausibleDate | None = Field(None, validate_default=True)
    opbrengst: Text = ""
    geborgd: bool | None = None
    borging_hoe: Text = Field("", validate_default=True)
    borging_door: Line = ""
    borging_datum: PlausibleDate | None = None

    @field_validator("naam")
    @classmethod
    def _naam_required(cls, value: str) -> str:
        if not value:
            raise LevenError("experiment.errors.naam_leeg")
        return value

    @field_validator("status", mode="before")
    @classmethod
    def _known_status(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().lower() in STATUSSEN:
            return value.strip().lower()
        raise LevenError("experiment.errors.status_onbekend")

    @field_validator("groep")
    @classmethod
    def _each_member_once(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v for v in value if v))

    _dates = field_validator(*DATUM_VELDEN.values())(_status_date)

    @field_validator("borging_hoe")
    @classmethod
    def _how_when_borged(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("geborgd") and not value:
            raise LevenError("experiment.errors.borging_hoe")
        return value

    @property
    def start(self) -> date | None:
        """When it began to run (or, before that, its preparation or idea)."""
        return self.datum_loopt or self.datum_in_voorbereiding or self.datum_idee

    @property
    def eind(self) -> date | None:
        """When it ended (afgerond or gestopt); ``None`` while it goes on."""
        return self.datum_afgerond or self.datum_gestopt

    def with_status(self, status: str, when: date) -> Experiment:
        """This experiment moved to ``status`` on ``when`` (a new object; dates of later
        statuses are cleared, so going back a step is possible)."""
        if status not in STATUSSEN:
            raise LevenError("experiment.errors.status_onbekend")
        data = self.model_dump()
        for other, field in DATUM_VELDEN.items():
            if _RANG[other] > _RANG[status] or (other in EINDE and other != status):
                data[field] = None
        data["status"] = status
        data[DATUM_VELDEN[status]] = when
        return Experiment.model_validate(data)


class Actie(Record):
    """One action of an experiment: what, who, by when, and whether it is done."""

    KIND: ClassVar[str] = "experiment_actie"

    experiment_id: Identifier = Field(min_length=1)
    wat: Line = Field("", validate_default=True)
    wie: Line = ""
    uiterlijk: PlausibleDate | None = None
    klaar: bool = False
    klaar_op: PlausibleDate | None = None

    @field_validator("wat")
    @classmethod
    def _wat_required(cls, value: str) -> str:
        if not value:
            raise LevenError("experiment.errors.actie_leeg")
        return value

    def te_laat(self, today: date) -> bool:
        """Overdue: its date has passed and it is not done."""
        return not self.klaar and self.uiterlijk is not None and self.uiterlijk < today
