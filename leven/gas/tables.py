"""GAS tables: frames from records, the tidy long table for researchers, readable tables.

The readable tables and labels are what the app pages and the analysis notebook show; the
numbers in them come from :mod:`leven.gas.scoring`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from leven.core.i18n import t
from leven.core.slugs import unique_slug
from leven.gas.records import (
    GOAL_COLUMNS,
    METINGEN,
    GasDoel,
    GasScore,
    _as_level,
    _is_missing,
    _signed,
    niveau_label,
)
from leven.gas.scoring import (
    EXPERIMENT_SUMMARY_COLUMNS,
    PROEFTUIN_SUMMARY_COLUMNS,
    _require,
    _scorings,
    goal_weights,
)

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



def goals_frame(records: Iterable[tuple[str, str, GasDoel]]) -> pd.DataFrame:
    """A goals frame shaped like the store's, from ``(record_id, proeftuin, doel)`` triples.

    For a page or a test that holds records rather than a store; the store's own frame
    (:meth:`leven.core.store.Store.frame` with :class:`GasDoel`) works as it is.
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
