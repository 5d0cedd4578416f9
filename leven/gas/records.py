"""Goal Attainment Scaling (GAS): the goals of an experiment, their scorings and T-scores.

Each experiment of a proeftuin gets a GAS form ("Wat is jullie doel? En wanneer is er
meer/minder bereikt?"): one or more goals, each with five described levels from -2 (veel
minder bereikt dan verwacht) through 0 (het doel, the expected outcome) to +2 (veel meer
bereikt dan verwacht). A *nulmeting* (baseline) and one or more *vervolgmetingen* (follow-ups)
score the level each goal reached; Kiresuk & Sherman's T-score sums them up per experiment.

This module holds the records (a goal with its five levels, a scoring) and their
validation; :mod:`leven.gas.scoring` computes T-scores, :mod:`leven.gas.tables` makes the
tables. All three are pure: no UI, no store.
"""

from __future__ import annotations

import math
import numbers
import re
from enum import StrEnum
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from pydantic import Field, ValidationInfo, field_validator, model_validator

from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.records import Identifier, Line, PlausibleDate, Record, Text

NIVEAUS: tuple[int, ...] = (-2, -1, 0, 1, 2)
"""The five levels of a goal; 0 is the expected outcome, the goal itself."""

RHO = 0.3

MAX_WEIGHT = 1000.0
"""A goal weighs at most this much: a larger weight is a typing mistake."""
"""Kiresuk & Sherman's usual assumed correlation between the goals of one set."""

NIVEAU_VELDEN: dict[int, str] = {
    -2: "niveau_min2",
    -1: "niveau_min1",
    0: "niveau_0",
    1: "niveau_plus1",
    2: "niveau_plus2",
}
"""The :class:`GasDoel` field that describes each level (five plain fields flatten well)."""

_LABEL_KEYS = {-2: "min2", -1: "min1", 0: "nul", 1: "plus1", 2: "plus2"}

STORE_META: tuple[str, ...] = ("record_id", "proeftuin", "version", "saved_at", "saved_by")
"""The columns the store puts before the payload fields in every frame."""

GOAL_COLUMNS: tuple[str, ...] = ("record_id", "proeftuin", "experiment_id")
"""Required columns of a goals frame; ``gewicht``, ``belang``, ``moeilijkheid`` and
``experiment`` are used when present (weight 1 and name ``""`` when absent)."""

SCORE_COLUMNS: tuple[str, ...] = ("record_id", "doel_id", "meting", "datum", "niveau")
"""Required columns of a scorings frame; ``saved_at`` breaks ties on the same ``datum``."""


class Meting(StrEnum):
    """Which measurement a scoring belongs to."""

    NULMETING = "nulmeting"
    VERVOLGMETING = "vervolgmeting"


METINGEN: tuple[str, ...] = tuple(m.value for m in Meting)


def niveau_label(level: int, lang: str | None = None) -> str:
    """The general meaning of a level ("meer bereikt dan verwacht"), from the catalogue."""
    return t(f"gas.niveaus.{_LABEL_KEYS[_as_level(level)]}", lang=lang)


def _signed(level: int) -> str:
    return "0" if level == 0 else f"{level:+d}"


def _is_missing(value: Any) -> bool:
    return value is None or (np.ndim(value) == 0 and bool(pd.isna(value)))


def _shown(value: Any) -> Any:
    """A number as a person writes it (2 rather than 2.0) for a message."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_):
        return f"{float(value):g}"
    return value


def _as_level(value: Any) -> int:
    """``value`` as one of -2..+2, refusing anything else (1.5, 3, True, "1")."""
    if (
        isinstance(value, numbers.Real)
        and not isinstance(value, bool | np.bool_)
        and math.isfinite(value)
        and value == int(value)
        and int(value) in NIVEAUS
    ):
        return int(value)
    raise LevenError("gas.errors.niveau", niveau=_shown(value))


def _as_weight(value: Any) -> float:
    if (
        isinstance(value, numbers.Real)
        and not isinstance(value, bool | np.bool_)
        and math.isfinite(value)
        and 0 < value <= MAX_WEIGHT
    ):
        return float(value)
    raise LevenError("gas.errors.gewicht", gewicht=_shown(value))


def _check_rho(rho: Any) -> float:
    # rho = 1 would say all goals measure the same thing: then they are one goal.
    if isinstance(rho, numbers.Real) and not isinstance(rho, bool) and 0 <= rho < 1:
        return float(rho)
    raise LevenError("gas.errors.rho", rho=rho)


def _same_text(a: str | None, b: str) -> bool:
    return bool(a) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class GasDoel(Record):
    """One goal on the GAS form of an experiment, with its five described levels.

    Level 0 (the goal: the expected outcome) must be described; the other four may stay
    empty while the group is still drafting (:attr:`compleet` says whether all five are
    there), and described levels must differ, or a scorer could not tell them apart.
    The weight is either ``gewicht`` (default 1) or, as in Turner-Stokes' GAS-light,
    ``belang`` × ``moeilijkheid`` (each 0-3; their product must be at least 1).
    """

    KIND: ClassVar[str] = "gas_doel"

    experiment_id: Identifier = Field(min_length=1)
    experiment: Line = Field(min_length=1)
    praktijk: Line = ""
    wie: Text = ""
    ingevuld_door: Line = ""
    datum: PlausibleDate | None = None
    doel: Text = Field(min_length=1)
    niveau_min2: Text = ""
    niveau_min1: Text = ""
    niveau_0: Text
    niveau_plus1: Text = ""
    niveau_plus2: Text = ""
    gewicht: float | None = None
    belang: int | None = Field(None, ge=0, le=3)
    moeilijkheid: int | None = Field(None, ge=0, le=3)
    volgorde: int = Field(0, ge=0, le=10_000)

    @field_validator(*NIVEAU_VELDEN.values())
    @classmethod
    def _levels_described_apart(cls, value: str, info: ValidationInfo) -> str:
        if info.field_name == "niveau_0" and not value:
            raise LevenError("gas.errors.niveau_0_leeg")
        # Fields validate in order, so the lower levels are already in info.data.
        for level, field in NIVEAU_VELDEN.items():
            if field == info.field_name:
                break
            if value and _same_text(info.data.get(field), value):
                raise LevenError("gas.errors.niveau_dubbel", ander=_signed(level))
        return value

    @field_validator("gewicht")
    @classmethod
    def _positive_weight(cls, value: float | None) -> float | None:
        return None if value is None else _as_weight(value)

    @model_validator(mode="after")
    def _one_way_of_weighing(self) -> GasDoel:
        if (self.belang is None) != (self.moeilijkheid is None):
            raise LevenError("gas.errors.weging_half")
        if self.belang is not None:
            if self.gewicht is not None:
                raise LevenError("gas.errors.weging_dubbel")
            if self.belang * (self.moeilijkheid or 0) == 0:
                raise LevenError("gas.errors.weging_nul")
        return self

    @property
    def effectief_gewicht(self) -> float:
        """The weight in the T-score: ``gewicht``, else belang × moeilijkheid, else 1."""
        if self.gewicht is not None:
            return self.gewicht
        if self.belang is not None and self.moeilijkheid is not None:
            return float(self.belang * self.moeilijkheid)
        return 1.0

    @property
    def compleet(self) -> bool:
        """Whether all five levels are described, as the form asks."""
        return all(getattr(self, field) for field in NIVEAU_VELDEN.values())

    def beschrijving(self, level: int) -> str:
        """The group's own description of ``level`` (``""`` when not described)."""
        return getattr(self, NIVEAU_VELDEN[_as_level(level)])


class GasScore(Record):
    """The level one goal reached at a nulmeting or vervolgmeting.

    ``niveau`` is a whole number from -2 to +2 (a form's ``"+1"`` is read as 1); anything
    else gets a Dutch message. The level has no default: an unscored goal has no GasScore
    at all, so it can never be mistaken for "as expected" (0).
    """

    KIND: ClassVar[str] = "gas_score"

    doel_id: Identifier = Field(min_length=1)
    meting: Meting
    datum: PlausibleDate
    niveau: int
    gescoord_door: Line = ""
    toelichting: Text = ""

    @field_validator("niveau", mode="before")
    @classmethod
    def _level(cls, value: Any) -> int:
        if isinstance(value, str):
            # A form may send "+1"; only whole numbers are read, "1.5" stays refused.
            text = value.strip()
            if not text:
                raise LevenError("gas.errors.niveau_leeg")
            if re.fullmatch(r"[+-]?[0-9]+", text):
                value = int(text)
        if _is_missing(value):
            raise LevenError("gas.errors.niveau_leeg")
        return _as_level(value)
