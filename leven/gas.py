"""Goal Attainment Scaling (GAS): the goals of an experiment, their scorings and T-scores.

Each experiment of a proeftuin gets a GAS form ("Wat is jullie doel? En wanneer is er
meer/minder bereikt?"): one or more goals, each with five described levels from -2 (veel
minder bereikt dan verwacht) through 0 (het doel, the expected outcome) to +2 (veel meer
bereikt dan verwacht). A *nulmeting* (baseline) and one or more *vervolgmetingen* (follow-ups)
score the level each goal reached; Kiresuk & Sherman's T-score sums them up per experiment.

Pure domain core: models, the T-score and table functions; no UI, no store. The table
functions take the DataFrames that :meth:`leven.store.Store.frame` gives (the latest version
of each record, payload fields flattened into columns) and work column-wise with pandas, so
ten thousand experiments summarise in well under a second.

Missing is missing: a goal without a scoring is never counted as level 0. :func:`t_score`
refuses it; the summaries leave it out of the T-score and count it as ``n_ontbrekend``; a T
for an experiment without any scored goal is NaN.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from pydantic import Field, ValidationInfo, field_validator, model_validator

from leven.errors import LevenError
from leven.i18n import t
from leven.records import Record
from leven.slugs import unique_slug

NIVEAUS: tuple[int, ...] = (-2, -1, 0, 1, 2)
"""The five levels of a goal; 0 is the expected outcome, the goal itself."""

RHO = 0.3
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
        and value > 0
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

    experiment_id: str = Field(min_length=1, max_length=64)
    experiment: str = Field(min_length=1, max_length=200)
    praktijk: str = Field("", max_length=200)
    wie: str = Field("", max_length=1000)
    ingevuld_door: str = Field("", max_length=200)
    datum: date | None = None
    doel: str = Field(min_length=1, max_length=2000)
    niveau_min2: str = Field("", max_length=2000)
    niveau_min1: str = Field("", max_length=2000)
    niveau_0: str = Field(max_length=2000)
    niveau_plus1: str = Field("", max_length=2000)
    niveau_plus2: str = Field("", max_length=2000)
    gewicht: float | None = None
    belang: int | None = Field(None, ge=0, le=3)
    moeilijkheid: int | None = Field(None, ge=0, le=3)
    volgorde: int = Field(0, ge=0)

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

    doel_id: str = Field(min_length=1, max_length=64)
    meting: Meting
    datum: date
    niveau: int
    gescoord_door: str = Field("", max_length=200)
    toelichting: str = Field("", max_length=4000)

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


def t_score(
    levels: Sequence[float | None],
    weights: Sequence[float] | None = None,
    rho: float = RHO,
) -> float:
    r"""The GAS T-score of one set of goals (Kiresuk & Sherman 1968).

    .. math::

        T = 50 + \frac{10 \sum_i w_i x_i}{\sqrt{(1-\rho)\sum_i w_i^2 + \rho\,(\sum_i w_i)^2}}

    The denominator is the standard deviation of :math:`\sum w_i x_i` when every
    :math:`x_i` has variance 1 and each pair of goals correlates :math:`\rho`, so T has mean
    50 and standard deviation 10 when the goals were set realistically.

    Parameters
    ----------
    levels
        The level :math:`x_i` each goal reached, integers from -2 to +2. An unscored goal
        (``None``/NaN) is refused, not taken as 0: leave it out, or score it first.
    weights
        The weight :math:`w_i > 0` of each goal; all 1 when omitted.
    rho
        The assumed correlation :math:`\rho` between goals, in [0, 1); usually 0.3.

    Returns
    -------
    float
        T; 50 when every goal reached exactly the expected level.

    Raises
    ------
    LevenError
        (a ``ValueError``) with a Dutch message for an empty set, a level outside -2..+2 or
        not whole, a missing level, a weight of 0 or less, a weight count that differs from
        the goal count, or ``rho`` outside [0, 1).

    References
    ----------
    Kiresuk TJ, Sherman RE. Goal attainment scaling: a general method for evaluating
    comprehensive community mental health programs. Community Ment Health J 1968;4:443-453.
    Turner-Stokes L. Goal attainment scaling (GAS) in rehabilitation: a practical guide.
    Clin Rehabil 2009;23:362-370 (formula as corrected in its erratum).
    """
    rho = _check_rho(rho)
    values = list(levels)
    if not values:
        raise LevenError("gas.errors.geen_doelen")
    xs = []
    for number, value in enumerate(values, start=1):
        if _is_missing(value):
            raise LevenError("gas.errors.niet_gescoord", nummer=number)
        xs.append(_as_level(value))
    if weights is None:
        ws = [1.0] * len(xs)
    else:
        ws = [_as_weight(w) for w in weights]
        if len(ws) != len(xs):
            raise LevenError("gas.errors.aantal_gewichten", doelen=len(xs), gewichten=len(ws))
    weighted = math.fsum(w * x for w, x in zip(ws, xs, strict=True))
    spread = math.sqrt((1 - rho) * math.fsum(w * w for w in ws) + rho * math.fsum(ws) ** 2)
    return 50 + 10 * weighted / spread


def change_score(
    nulmeting: Sequence[float | None],
    vervolgmeting: Sequence[float | None],
    weights: Sequence[float] | None = None,
    rho: float = RHO,
) -> float:
    """T at the vervolgmeting minus T at the nulmeting, for the same goals in the same order."""
    if len(nulmeting) != len(vervolgmeting):
        raise LevenError(
            "gas.errors.aantal_metingen", nul=len(nulmeting), vervolg=len(vervolgmeting)
        )
    return t_score(vervolgmeting, weights, rho) - t_score(nulmeting, weights, rho)


# --- Tables -----------------------------------------------------------------------------


def goals_frame(records: Iterable[tuple[str, str, GasDoel]]) -> pd.DataFrame:
    """A goals frame shaped like the store's, from ``(record_id, proeftuin, doel)`` triples.

    For a page or a test that holds records rather than a store; the store's own frame
    (:meth:`leven.store.Store.frame` with :class:`GasDoel`) works as it is.
    """
    rows = [
        {"record_id": rid, "proeftuin": proeftuin, **doel.model_dump(mode="json")}
        for rid, proeftuin, doel in records
    ]
    return pd.DataFrame(rows, columns=["record_id", "proeftuin", *GasDoel.model_fields])


def scorings_frame(records: Iterable[tuple[str, str, GasScore]]) -> pd.DataFrame:
    """A scorings frame shaped like the store's, from ``(record_id, proeftuin, score)``."""
    rows = [
        {"record_id": rid, "proeftuin": proeftuin, **score.model_dump(mode="json")}
        for rid, proeftuin, score in records
    ]
    return pd.DataFrame(rows, columns=["record_id", "proeftuin", *GasScore.model_fields])


def _require(frame: pd.DataFrame, columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise LevenError("gas.errors.kolommen", kolommen=", ".join(missing))


def _numeric(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(np.nan, index=frame.index, dtype="float64")
    return pd.to_numeric(frame[column], errors="coerce").astype("float64")


def goal_weights(goals: pd.DataFrame) -> pd.Series:
    """The weight of every goal in a goals frame, column-wise like :attr:`effectief_gewicht`.

    ``gewicht`` where given, else ``belang × moeilijkheid`` where both are given, else 1.
    A weight of 0 or less is refused, as :func:`t_score` does.
    """
    product = _numeric(goals, "belang") * _numeric(goals, "moeilijkheid")
    gewicht = _numeric(goals, "gewicht")
    weights = gewicht.where(gewicht.notna(), product).fillna(1.0).rename("gewicht")
    bad = ~(np.isfinite(weights) & (weights > 0))
    if bad.any():
        raise LevenError("gas.errors.gewicht", gewicht=_shown(weights[bad].iloc[0]))
    return weights


def _levels(values: pd.Series) -> pd.Series:
    """Levels as float (NaN where missing), refusing anything outside -2..+2."""
    numeric = pd.to_numeric(values, errors="coerce").astype("float64")
    bad = values.notna() & ~numeric.isin(NIVEAUS)
    if bad.any():
        raise LevenError("gas.errors.niveau", niveau=_shown(values[bad].iloc[0]))
    return numeric


def _scorings(scores: pd.DataFrame) -> pd.DataFrame:
    """The scorings frame checked: known metingen, valid levels, ``datum`` as dates."""
    if len(scores.columns) == 0:
        scores = pd.DataFrame(columns=list(SCORE_COLUMNS))
    _require(scores, SCORE_COLUMNS)
    meting = scores["meting"].astype("object")
    bad = ~meting.isin(METINGEN)
    if bad.any():
        raise LevenError("gas.errors.meting", meting=meting[bad].iloc[0])
    out = scores.copy()
    out["meting"] = meting.map(str)
    out["niveau"] = _levels(scores["niveau"])
    out["datum"] = pd.to_datetime(scores["datum"], errors="coerce", format="ISO8601")
    return out


def _chosen(scorings: pd.DataFrame, meting: str) -> pd.DataFrame:
    """One scoring per goal: the first nulmeting and the latest vervolgmeting by date.

    Same date: the one saved first (nulmeting) or last (vervolgmeting), by ``saved_at``
    when present, else by row order (the store's creation order).
    """
    rows = scorings[(scorings["meting"] == meting) & scorings["niveau"].notna()]
    order = ["datum", "saved_at"] if "saved_at" in rows.columns else ["datum"]
    rows = rows.sort_values(order, kind="stable", na_position="first")
    keep = "first" if meting == Meting.NULMETING else "last"
    return rows.drop_duplicates("doel_id", keep=keep).set_index("doel_id")


def goal_levels(goals: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """One row per goal with its weight and the level chosen for each meting.

    ``goals``: store frame of :class:`GasDoel` (``record_id`` is the goal id; needs
    :data:`GOAL_COLUMNS`). ``scores``: store frame of :class:`GasScore` (needs
    :data:`SCORE_COLUMNS`). The nulmeting is a goal's first by ``datum``, the vervolgmeting
    its latest by ``datum``; scorings of goals not in ``goals`` are left out.

    Columns: ``proeftuin, experiment_id, experiment, doel_id, gewicht, niveau_nulmeting,
    datum_nulmeting, niveau_vervolgmeting, datum_vervolgmeting``; levels are nullable
    ``Int8`` (``<NA>`` when not scored), dates ``datetime64`` (``NaT``).
    """
    _require(goals, GOAL_COLUMNS)
    scorings = _scorings(scores)
    out = pd.DataFrame(
        {
            "proeftuin": goals["proeftuin"].to_numpy(),
            "experiment_id": goals["experiment_id"].to_numpy(),
            "experiment": (
                goals["experiment"].fillna("").to_numpy() if "experiment" in goals.columns else ""
            ),
            "doel_id": goals["record_id"].to_numpy(),
            "gewicht": goal_weights(goals).to_numpy(),
        }
    )
    for meting in METINGEN:
        chosen = _chosen(scorings, meting)
        out[f"niveau_{meting}"] = pd.array(
            chosen["niveau"].reindex(out["doel_id"]).to_numpy(dtype="float64"), dtype="Int8"
        )
        out[f"datum_{meting}"] = pd.to_datetime(chosen["datum"].reindex(out["doel_id"]).to_numpy())
    return out


def _per_meting_columns(prefix_t: str) -> list[str]:
    return [
        name
        for meting in METINGEN
        for name in (
            f"{prefix_t}_{meting}",
            f"aandeel_verwacht_{meting}",
            f"n_verwacht_{meting}",
            f"n_gescoord_{meting}",
            f"n_ontbrekend_{meting}",
        )
    ]


EXPERIMENT_SUMMARY_COLUMNS: tuple[str, ...] = (
    "proeftuin",
    "experiment_id",
    "experiment",
    "n_doelen",
    *_per_meting_columns("t"),
    "verandering",
    "n_gepaard",
)
"""Columns of :func:`experiment_summary`, in order."""

PROEFTUIN_SUMMARY_COLUMNS: tuple[str, ...] = (
    "proeftuin",
    "n_experimenten",
    "n_doelen",
    *_per_meting_columns("t_gemiddeld"),
    "verandering_gemiddeld",
    "n_gepaard",
)
"""Columns of :func:`proeftuin_summary`, in order."""


def _t_from_sums(weighted: np.ndarray, sq: np.ndarray, total: np.ndarray, rho: float) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        t_values = 50 + 10 * weighted / np.sqrt((1 - rho) * sq + rho * total**2)
    return np.where(total > 0, t_values, np.nan)


def experiment_summary(goals: pd.DataFrame, scores: pd.DataFrame, rho: float = RHO) -> pd.DataFrame:
    """One row per experiment: T at the nulmeting and vervolgmeting, and the change.

    Input as for :func:`goal_levels`. Per meting: ``t_<meting>`` (the T-score of the goals
    scored at that meting; NaN when none), ``aandeel_verwacht_<meting>`` (share of scored
    goals at level 0 or above), ``n_verwacht_``, ``n_gescoord_`` and ``n_ontbrekend_<meting>``
    (goals without a scoring: left out of T, not counted as 0). ``verandering`` is T at the
    vervolgmeting minus T at the nulmeting over the ``n_gepaard`` goals scored at both, so a
    goal missing at one of them cannot move it (NaN when none); it therefore equals
    ``t_vervolgmeting - t_nulmeting`` only when the same goals were scored.

    Columns: :data:`EXPERIMENT_SUMMARY_COLUMNS`, sorted by proeftuin and experiment_id.
    """
    rho = _check_rho(rho)
    per_goal = goal_levels(goals, scores)
    w = per_goal["gewicht"].to_numpy(dtype="float64")
    x = {m: per_goal[f"niveau_{m}"].to_numpy(dtype="float64", na_value=np.nan) for m in METINGEN}
    scored = {m: ~np.isnan(x[m]) for m in METINGEN}
    paired = scored["nulmeting"] & scored["vervolgmeting"]
    sums: dict[str, np.ndarray] = {"n_doelen": np.ones(len(w), dtype="int64")}

    def add(suffix: str, mask: np.ndarray, levels: dict[str, np.ndarray]) -> None:
        # An unscored goal gets weight 0 in all three sums: it is left out, not scored 0.
        wm = np.where(mask, w, 0.0)
        sums[f"sw_{suffix}"] = wm
        sums[f"sww_{suffix}"] = wm * wm
        for name, level in levels.items():
            sums[f"swx_{name}"] = np.where(mask, w * level, 0.0)

    for m in METINGEN:
        add(m, scored[m], {m: x[m]})
        sums[f"n_gescoord_{m}"] = scored[m].astype("int64")
        sums[f"n_verwacht_{m}"] = (scored[m] & (np.nan_to_num(x[m], nan=-9) >= 0)).astype("int64")
    add("gepaard", paired, {f"{m}_gepaard": x[m] for m in METINGEN})
    sums["n_gepaard"] = paired.astype("int64")

    work = pd.DataFrame(sums)
    work["proeftuin"] = per_goal["proeftuin"].to_numpy()
    work["experiment_id"] = per_goal["experiment_id"].to_numpy()
    grouped = work.groupby(["proeftuin", "experiment_id"], sort=True, dropna=False)
    total = grouped.sum()
    names = per_goal.groupby(["proeftuin", "experiment_id"], sort=True, dropna=False)[
        "experiment"
    ].first()

    out = pd.DataFrame(index=total.index)
    out["experiment"] = names.reindex(total.index)
    out["n_doelen"] = total["n_doelen"].astype("int64")
    for m in METINGEN:
        out[f"t_{m}"] = _t_from_sums(
            total[f"swx_{m}"].to_numpy(),
            total[f"sww_{m}"].to_numpy(),
            total[f"sw_{m}"].to_numpy(),
            rho,
        )
        n = total[f"n_gescoord_{m}"].to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            out[f"aandeel_verwacht_{m}"] = np.where(n > 0, total[f"n_verwacht_{m}"] / n, np.nan)
        out[f"n_verwacht_{m}"] = total[f"n_verwacht_{m}"].astype("int64")
        out[f"n_gescoord_{m}"] = total[f"n_gescoord_{m}"].astype("int64")
        out[f"n_ontbrekend_{m}"] = (total["n_doelen"] - total[f"n_gescoord_{m}"]).astype("int64")
    sw, sww = total["sw_gepaard"].to_numpy(), total["sww_gepaard"].to_numpy()
    out["verandering"] = _t_from_sums(
        total["swx_vervolgmeting_gepaard"].to_numpy(), sww, sw, rho
    ) - _t_from_sums(total["swx_nulmeting_gepaard"].to_numpy(), sww, sw, rho)
    out["n_gepaard"] = total["n_gepaard"].astype("int64")
    out = out.reset_index()
    return out.astype({"experiment": "object"})[list(EXPERIMENT_SUMMARY_COLUMNS)]


def proeftuin_summary(experiments: pd.DataFrame) -> pd.DataFrame:
    """One row per proeftuin, from :func:`experiment_summary`'s table.

    ``t_gemiddeld_<meting>`` and ``verandering_gemiddeld`` are means over the experiments
    that have a value (each experiment counts once, whatever its number of goals);
    ``aandeel_verwacht_<meting>`` pools the scored goals of all experiments; the counts are
    sums. Columns: :data:`PROEFTUIN_SUMMARY_COLUMNS`, sorted by proeftuin.
    """
    _require(experiments, EXPERIMENT_SUMMARY_COLUMNS)
    grouped = experiments.groupby("proeftuin", sort=True, dropna=False)
    counts = [c for c in EXPERIMENT_SUMMARY_COLUMNS if c.startswith("n_")]
    total = grouped[counts].sum()
    means = grouped[[f"t_{m}" for m in METINGEN] + ["verandering"]].mean()
    out = pd.DataFrame(index=total.index)
    out["n_experimenten"] = grouped.size().astype("int64")
    out["n_doelen"] = total["n_doelen"].astype("int64")
    for m in METINGEN:
        out[f"t_gemiddeld_{m}"] = means[f"t_{m}"].astype("float64")
        n = total[f"n_gescoord_{m}"].to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            out[f"aandeel_verwacht_{m}"] = np.where(n > 0, total[f"n_verwacht_{m}"] / n, np.nan)
        for count in ("n_verwacht", "n_gescoord", "n_ontbrekend"):
            out[f"{count}_{m}"] = total[f"{count}_{m}"].astype("int64")
    out["verandering_gemiddeld"] = means["verandering"].astype("float64")
    out["n_gepaard"] = total["n_gepaard"].astype("int64")
    return out.reset_index()[list(PROEFTUIN_SUMMARY_COLUMNS)]


TIDY_FIRST_COLUMNS: tuple[str, ...] = (
    "proeftuin",
    "experiment_id",
    "experiment",
    "doel_id",
    "gewicht",
    "score_id",
    "meting",
    "datum",
    "niveau",
    "gescoord_door",
    "toelichting",
)
"""The first columns of :func:`tidy_frame`; the goal's other fields follow."""


def tidy_frame(goals: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """All goals and scorings for researchers: one row per scoring, with its goal's fields.

    Input as for :func:`goal_levels`. A goal without any scoring appears once, with
    ``score_id``, ``meting``, ``datum`` and ``niveau`` missing (``niveau`` is nullable
    ``Int8``, never 0 for "not scored"). ``gewicht`` is the goal's weight in the T-score;
    the goal's own ``datum`` becomes ``doel_datum``; the store's version columns are left
    out. Scorings of goals not in ``goals`` are left out. Columns:
    :data:`TIDY_FIRST_COLUMNS`, then the goal's other fields; rows sorted by proeftuin,
    experiment, ``volgorde``, goal, meting and date.
    """
    _require(goals, GOAL_COLUMNS)
    scorings = _scorings(scores)
    meta = ["version", "saved_at", "saved_by"]
    goal_part = goals.drop(columns=[c for c in meta if c in goals.columns]).rename(
        columns={"record_id": "doel_id", "datum": "doel_datum"}
    )
    goal_part["gewicht"] = goal_weights(goals).to_numpy()
    if "experiment" not in goal_part.columns:
        goal_part["experiment"] = ""
    if "doel_datum" in goal_part.columns:
        goal_part["doel_datum"] = pd.to_datetime(
            goal_part["doel_datum"], errors="coerce", format="ISO8601"
        )
    score_part = scorings.drop(
        columns=[c for c in ("proeftuin", *meta) if c in scorings.columns]
    ).rename(columns={"record_id": "score_id"})
    for column in ("gescoord_door", "toelichting"):
        if column not in score_part.columns:
            score_part[column] = ""
    merged = goal_part.merge(score_part, on="doel_id", how="left", validate="one_to_many")
    merged["niveau"] = merged["niveau"].astype("Int8")
    merged["_meting"] = merged["meting"].map({m: i for i, m in enumerate(METINGEN)})
    order = ["proeftuin", "experiment_id", "volgorde", "doel_id", "_meting", "datum"]
    merged = merged.sort_values([c for c in order if c in merged.columns], kind="stable")
    rest = [c for c in goal_part.columns if c not in TIDY_FIRST_COLUMNS]
    return merged[[*TIDY_FIRST_COLUMNS, *rest]].reset_index(drop=True)


# --- For the pages: experiments, labels and readable tables ------------------------------


def signed(level: int) -> str:
    """A level as the form writes it: ``+2``, ``+1``, ``0``, ``-1``, ``-2``."""
    return _signed(_as_level(level))


def level_option(level: int, description: str = "", lang: str | None = None) -> str:
    """One choice of a scoring: the level, its general meaning and the group's own words.

    Shown beside each option, so whoever scores sees what the level means for this goal.
    """
    text = f"{signed(level)} · {niveau_label(level, lang)}"
    description = " ".join((description or "").split())
    return f"{text}: {description}" if description else text


def format_number(value: Any, decimals: int = 1, *, plus: bool = False) -> str:
    """A T-score or change as a person reads it (Dutch decimal comma); ``–`` when missing."""
    if _is_missing(value):
        return "–"
    text = f"{float(value):+.{decimals}f}" if plus else f"{float(value):.{decimals}f}"
    return text.replace(".", ",") if t("gas.getal.decimaalteken") == "," else text


def experiment_id_for(name: str, taken: Iterable[str]) -> str:
    """A readable new experiment id from its name: "Casuïstiekbespreking" → "casuistiekbespreking".

    Ids only need to differ within one proeftuin (the summaries group by both), so a
    number is added when ``taken`` already holds the plain one.
    """
    return unique_slug(name, taken, "experiment", max_length=48)


EXPERIMENTS_COLUMNS: tuple[str, ...] = ("experiment_id", "experiment", "n_doelen")


def experiments(goals: pd.DataFrame) -> pd.DataFrame:
    """The experiments that have goals, in the order their first goal was made.

    ``goals``: a goals frame of one proeftuin, in the store's creation order. The name is
    the one of the most recently listed goal, so a renamed experiment shows its new name.
    Columns: :data:`EXPERIMENTS_COLUMNS`.
    """
    if goals.empty:
        return pd.DataFrame(columns=list(EXPERIMENTS_COLUMNS))
    _require(goals, GOAL_COLUMNS)
    names = goals["experiment"] if "experiment" in goals.columns else ""
    frame = pd.DataFrame(
        {"experiment_id": goals["experiment_id"].to_numpy(), "experiment": names}
    ).fillna({"experiment": ""})
    grouped = frame.groupby("experiment_id", sort=False)
    out = pd.DataFrame(
        {"experiment": grouped["experiment"].last(), "n_doelen": grouped.size().astype("int64")}
    )
    return out.reset_index()[list(EXPERIMENTS_COLUMNS)]


_TABLE_DECIMALS = 1


def _readable(
    frame: pd.DataFrame, columns: dict[str, str], percent: Sequence[str] = ()
) -> pd.DataFrame:
    out = frame[list(columns)].copy()
    for column in out.columns:
        if column in percent:
            out[column] = (100 * out[column].astype("float64")).round(0).astype("Int64")
        elif out[column].dtype.kind == "f":
            out[column] = out[column].round(_TABLE_DECIMALS)
    out = out.rename(columns={c: t(f"gas.tabel.{key}") for c, key in columns.items()})
    return out.reset_index(drop=True)


def experiment_table(summary: pd.DataFrame) -> pd.DataFrame:
    """:func:`experiment_summary` for people: Dutch headings, T-scores to one decimal."""
    _require(summary, EXPERIMENT_SUMMARY_COLUMNS)
    columns = {
        "proeftuin": "proeftuin",
        "experiment": "experiment",
        "n_doelen": "n_doelen",
        "t_nulmeting": "t_nulmeting",
        "t_vervolgmeting": "t_vervolgmeting",
        "verandering": "verandering",
        "n_gepaard": "n_gepaard",
        "n_ontbrekend_vervolgmeting": "n_ontbrekend_vervolgmeting",
    }
    return _readable(summary, columns)


def proeftuin_table(summary: pd.DataFrame) -> pd.DataFrame:
    """:func:`proeftuin_summary` for people: Dutch headings, shares as whole percentages."""
    _require(summary, PROEFTUIN_SUMMARY_COLUMNS)
    columns = {
        "proeftuin": "proeftuin",
        "n_experimenten": "n_experimenten",
        "n_doelen": "n_doelen",
        "t_gemiddeld_nulmeting": "t_gemiddeld_nulmeting",
        "t_gemiddeld_vervolgmeting": "t_gemiddeld_vervolgmeting",
        "verandering_gemiddeld": "verandering_gemiddeld",
        "aandeel_verwacht_nulmeting": "aandeel_verwacht_nulmeting",
        "aandeel_verwacht_vervolgmeting": "aandeel_verwacht_vervolgmeting",
    }
    shares = ("aandeel_verwacht_nulmeting", "aandeel_verwacht_vervolgmeting")
    return _readable(summary, columns, percent=shares)
