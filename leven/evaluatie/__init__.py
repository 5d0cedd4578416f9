"""The evaluation after every bijeenkomst: participants answer on their phones.

Seed 000, "Monitoring en evaluatie": "Wat werkt goed en wat kan anders? Spreken we dezelfde
taal, zitten we op het goede spoor?" The public API of the instrument, pure: question sets
(:mod:`.template`), the evaluation and its answers (:mod:`.records`), results and tables
(:mod:`.analysis`). Charts: :mod:`.charts`; the facilitator's page: :mod:`.views`; the
participants' kernel-free pages: :mod:`.pages`.
"""

from __future__ import annotations

from leven.evaluatie.analysis import Results, results, tidy, year_summary
from leven.evaluatie.records import (
    AnswerRefused,
    Evaluatie,
    EvaluatieAntwoord,
    answer_from_form,
    answer_id,
    evaluation_id,
    new_code,
    normalise_code,
)
from leven.evaluatie.template import Vraag, VragenSet, available_sets, load_set

__all__ = [
    "AnswerRefused",
    "Evaluatie",
    "EvaluatieAntwoord",
    "Results",
    "Vraag",
    "VragenSet",
    "answer_from_form",
    "answer_id",
    "available_sets",
    "evaluation_id",
    "load_set",
    "new_code",
    "normalise_code",
    "results",
    "tidy",
    "year_summary",
]
