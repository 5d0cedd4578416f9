"""GAS beyond the two summary numbers: T per measurement date, what to check, how ρ matters.

:func:`~leven.gas.scoring.experiment_summary` gives T at the nulmeting and the latest
vervolgmeting and the paired change. A researcher also needs the path in between (T on
every date an experiment was scored), the records that make a T-score doubtful (a goal
edited after its nulmeting, two scorings of one goal on one date) and how much the assumed
correlation ρ between goals moves the results. Pure pandas on the store's frames, as the
scoring module.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from leven.core.i18n import t
from leven.gas.records import GOAL_COLUMNS, RHO, _check_rho
from leven.gas.scoring import (
    _require,
    _scorings,
    _t_from_sums,
    experiment_summary,
    goal_levels,
    goal_weights,
)

#: the ρ values of the sensitivity table: the literature's usual 0.3 and a range around it
RHO_RANGE: tuple[float, ...] = (0.2, 0.3, 0.4, 0.5)

T_PER_DATE_COLUMNS: tuple[str, ...] = (
    "proeftuin", "experiment_id", "experiment", "datum", "metingen", "n_doelen",
    "n_gescoord", "t",
)
FLAG_COLUMNS: tuple[str, ...] = (
    "proeftuin", "experiment_id", "experiment", "doel_id", "doel", "signaal", "uitleg",
)


def _goal_table(goals: pd.DataFrame) -> pd.DataFrame:
    _require(goals, GOAL_COLUMNS)
    names = goals["experiment"].fillna("") if "experiment" in goals.columns else ""
    return pd.DataFrame({
        "proeftuin": goals["proeftuin"].to_numpy(),
        "experiment_id": goals["experiment_id"].to_numpy(),
        "experiment": np.asarray(names, dtype=object) if len(goals) else [],
        "doel_id": goals["record_id"].to_numpy(),
        "gewicht": goal_weights(goals).to_numpy(),
    })


def t_per_date(goals: pd.DataFrame, scores: pd.DataFrame, rho: float = RHO) -> pd.DataFrame:
    """One row per experiment and date on which any of its goals was scored.

    T on a date is computed over the goals scored on that date (a goal scored twice that
    day counts with its scoring saved last; :func:`flags` lists such goals). ``metingen``
    names the kinds of scoring that day (``nulmeting``, ``vervolgmeting`` or both);
    ``n_gescoord`` of ``n_doelen`` goals were scored. Sorted by proeftuin, experiment, date.
    """
    rho = _check_rho(rho)
    per_goal = _goal_table(goals)
    scorings = _scorings(scores)
    scorings = scorings[scorings["niveau"].notna() & scorings["datum"].notna()]
    order = ["datum", "saved_at"] if "saved_at" in scorings.columns else ["datum"]
    scorings = scorings.sort_values(order, kind="stable")
    last = scorings.drop_duplicates(["doel_id", "datum"], keep="last")
    rows = last.merge(per_goal, on="doel_id", how="inner", suffixes=("_score", ""))
    if rows.empty:
        return pd.DataFrame(columns=list(T_PER_DATE_COLUMNS))
    w = rows["gewicht"].to_numpy(dtype="float64")
    rows = rows.assign(swx=w * rows["niveau"].to_numpy(dtype="float64"), sww=w * w, sw=w)
    keys = ["proeftuin", "experiment_id", "datum"]
    grouped = rows.groupby(keys, sort=True)
    total = grouped[["swx", "sww", "sw"]].sum()
    out = pd.DataFrame(index=total.index)
    out["experiment"] = grouped["experiment"].first()
    out["metingen"] = grouped["meting"].agg(lambda m: ", ".join(sorted(set(m), reverse=True)))
    size = per_goal.groupby(["proeftuin", "experiment_id"]).size()
    out["n_doelen"] = [int(size.get((p, e), 0)) for p, e, _ in total.index]
    out["n_gescoord"] = grouped.size().astype("int64")
    out["t"] = _t_from_sums(total["swx"].to_numpy(), total["sww"].to_numpy(),
                            total["sw"].to_numpy(), rho)
    out = out.reset_index()
    out["datum"] = out["datum"].dt.date
    return out.astype({"experiment": "object"})[list(T_PER_DATE_COLUMNS)]


def flags(goals: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """The goals whose T-scores deserve a second look, one row per goal and reason.

    - ``gewijzigd_na_nulmeting``: the goal (its text, levels or weight) was saved again after
      its nulmeting was scored, so the baseline may have been scored against other levels
      (needs ``saved_at`` and ``version`` in both frames, as the store gives them);
    - ``twee_scores_een_datum``: two scorings of one goal on one date (the one saved last
      counts in :func:`t_per_date`; the nulmeting takes the first, the vervolgmeting the
      last, as :func:`~leven.gas.scoring.experiment_summary` does).
    """
    per_goal = _goal_table(goals)
    names = goals.set_index("record_id")["doel"] if "doel" in goals.columns else pd.Series()
    scorings = _scorings(scores)
    found: list[dict] = []

    def add(goal: pd.Series, signal: str, **values: object) -> None:
        found.append({
            "proeftuin": goal["proeftuin"], "experiment_id": goal["experiment_id"],
            "experiment": goal["experiment"], "doel_id": goal["doel_id"],
            "doel": str(names.get(goal["doel_id"], "")), "signaal": signal,
            "uitleg": t(f"gas.signalen.{signal}", **values),
        })

    by_goal = per_goal.set_index("doel_id", drop=False)
    if {"saved_at", "version"} <= set(goals.columns) and "saved_at" in scorings.columns:
        base = scorings[scorings["meting"] == "nulmeting"].groupby("doel_id")["saved_at"].min()
        edited = goals.set_index("record_id")
        for doel_id, scored_at in base.items():
            if doel_id not in edited.index or doel_id not in by_goal.index:
                continue
            goal = edited.loc[doel_id]
            if int(goal["version"]) > 1 and pd.Timestamp(goal["saved_at"]) > scored_at:
                add(by_goal.loc[doel_id], "gewijzigd_na_nulmeting",
                    versie=int(goal["version"]), datum=f"{pd.Timestamp(scored_at):%d-%m-%Y}")
    dated = scorings[scorings["datum"].notna()]
    twice = dated.groupby(["doel_id", "datum"]).size()
    for (doel_id, datum), n in twice[twice > 1].items():
        if doel_id in by_goal.index:
            add(by_goal.loc[doel_id], "twee_scores_een_datum", n=int(n),
                datum=f"{pd.Timestamp(datum):%d-%m-%Y}")
    if not found:
        return pd.DataFrame(columns=list(FLAG_COLUMNS))
    out = pd.DataFrame(found, columns=list(FLAG_COLUMNS))
    return out.sort_values(["proeftuin", "experiment_id", "doel_id", "signaal"],
                           ignore_index=True)


def rho_sensitivity(goals: pd.DataFrame, scores: pd.DataFrame,
                    rhos: Sequence[float] = RHO_RANGE) -> pd.DataFrame:
    """T at the nulmeting and vervolgmeting and the paired change per experiment, for every
    ρ in ``rhos``: one row per experiment and ρ (long, for a pivot in the notebook)."""
    parts = []
    for rho in rhos:
        summary = experiment_summary(goals, scores, rho=rho)
        parts.append(summary[["proeftuin", "experiment_id", "experiment", "t_nulmeting",
                              "t_vervolgmeting", "verandering", "n_gepaard"]]
                     .assign(rho=float(rho)))
    columns = ["proeftuin", "experiment_id", "experiment", "rho", "t_nulmeting",
               "t_vervolgmeting", "verandering", "n_gepaard"]
    return pd.concat(parts, ignore_index=True)[columns].sort_values(
        ["proeftuin", "experiment_id", "rho"], ignore_index=True)


def paired_goals(goals: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Per goal its level at the nulmeting and vervolgmeting (dates as dd-mm-jjjj) and
    whether it counts in the paired change (scored at both): the table that explains a
    change of 0 beside two different T-scores."""
    out = goal_levels(goals, scores)
    texts = goals.set_index("record_id")["doel"] if "doel" in goals.columns else pd.Series()
    out["doel"] = out["doel_id"].map(texts).fillna("")
    out["gepaard"] = out["niveau_nulmeting"].notna() & out["niveau_vervolgmeting"].notna()
    for column in ("datum_nulmeting", "datum_vervolgmeting"):
        out[column] = out[column].dt.strftime("%d-%m-%Y").fillna("")
    return out[["proeftuin", "experiment", "doel", "gewicht", "niveau_nulmeting",
                "datum_nulmeting", "niveau_vervolgmeting", "datum_vervolgmeting", "gepaard"]]


def t_per_date_table(per_date: pd.DataFrame) -> pd.DataFrame:
    """:func:`t_per_date` for reading: dates as dd-mm-jjjj, T to one decimal."""
    out = per_date.assign(datum=[f"{d:%d-%m-%Y}" for d in per_date["datum"]],
                          t=per_date["t"].astype("float64").round(1))
    return out[["proeftuin", "experiment", "datum", "metingen", "n_gescoord", "n_doelen", "t"]]


def rho_table(sensitivity: pd.DataFrame) -> pd.DataFrame:
    """:func:`rho_sensitivity` as experiments by ρ: the paired change, to one decimal."""
    return sensitivity.pivot_table(index=["proeftuin", "experiment"], columns="rho",
                                   values="verandering").round(1)
