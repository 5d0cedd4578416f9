"""Goal Attainment Scaling (GAS): goals per experiment, their scorings and T-scores.

The public API of the instrument (records, scoring, tables), all pure: importing
``leven.gas`` loads no widget library and no store. Charts are in :mod:`leven.gas.charts`,
the pages in :mod:`leven.gas.views`.
"""

from __future__ import annotations

from leven.gas.records import (
    GOAL_COLUMNS,
    METINGEN,
    NIVEAU_VELDEN,
    NIVEAUS,
    RHO,
    SCORE_COLUMNS,
    STORE_META,
    GasDoel,
    GasScore,
    Meting,
    niveau_label,
)
from leven.gas.scoring import (
    EXPERIMENT_SUMMARY_COLUMNS,
    PROEFTUIN_SUMMARY_COLUMNS,
    change_score,
    experiment_summary,
    goal_levels,
    goal_weights,
    proeftuin_summary,
    t_score,
)
from leven.gas.tables import (
    EXPERIMENTS_COLUMNS,
    TIDY_FIRST_COLUMNS,
    experiment_id_for,
    experiment_table,
    experiments,
    format_number,
    goals_frame,
    level_option,
    proeftuin_table,
    scorings_frame,
    signed,
    tidy_frame,
)

__all__ = [
    "EXPERIMENTS_COLUMNS",
    "EXPERIMENT_SUMMARY_COLUMNS",
    "GOAL_COLUMNS",
    "METINGEN",
    "NIVEAUS",
    "NIVEAU_VELDEN",
    "PROEFTUIN_SUMMARY_COLUMNS",
    "RHO",
    "SCORE_COLUMNS",
    "STORE_META",
    "TIDY_FIRST_COLUMNS",
    "GasDoel",
    "GasScore",
    "Meting",
    "change_score",
    "experiment_id_for",
    "experiment_summary",
    "experiment_table",
    "experiments",
    "format_number",
    "goal_levels",
    "goal_weights",
    "goals_frame",
    "level_option",
    "niveau_label",
    "proeftuin_summary",
    "proeftuin_table",
    "scorings_frame",
    "signed",
    "t_score",
    "tidy_frame",
]
