"""Stap 4–5 · Experimenten: the experiments that work the ambition out, and their actions.

Seed 000: the vastgestelde ambitie becomes several small experiments that fit existing
initiatives, carried out by groups each coordinated by a kerngroep member, and presented for
borging at the transitiebijeenkomst. GAS goals belong to an experiment by its record id.

The public API, pure: the records (:mod:`.records`) and analysis (:mod:`.analysis`); the
store migration in :mod:`leven.experiment.views.migration`, the page in
:mod:`leven.experiment.views`.
"""

from __future__ import annotations

from leven.experiment.analysis import (
    borging,
    check_coordinator,
    experiments_from_goals,
    latest_t_scores,
    open_actions,
    overdue,
    overview,
    spans,
)
from leven.experiment.records import DATUM_VELDEN, EINDE, STATUSSEN, Actie, Experiment

__all__ = [
    "DATUM_VELDEN",
    "EINDE",
    "STATUSSEN",
    "Actie",
    "Experiment",
    "borging",
    "check_coordinator",
    "experiments_from_goals",
    "latest_t_scores",
    "open_actions",
    "overdue",
    "overview",
    "spans",
]
