"""GAS scoring: Kiresuk & Sherman's T-score for one set of goals, and per experiment.

The summaries take the DataFrames that :meth:`leven.core.store.Store.frame` gives (the
latest version of each record, payload fields flattened into columns) and work column-wise
with pandas, so ten thousand experiments summarise in well under a second. Missing is
missing: a goal without a scoring is never counted as level 0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from leven.core.errors import LevenError
from leven.gas.records import (
    GOAL_COLUMNS,
    METINGEN,
    NIVEAUS,
    RHO,
    SCORE_COLUMNS,
    Meting,
    _as_level,
    _as_weight,
    _check_rho,
    _is_missing,
    _shown,
)


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
