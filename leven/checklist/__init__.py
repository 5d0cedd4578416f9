"""Bijlage 1, the checklist of implementation preconditions: variants, assessments, summaries.

The public API of the instrument, all pure: templates (:mod:`.template`), assessments
(:mod:`.records`), summaries of one assessment (:mod:`.summaries`) and across proeftuinen
(:mod:`.overview`). Export: :mod:`.export`; charts: :mod:`.charts`; pages: :mod:`.views`.
"""

from __future__ import annotations

from leven.checklist.overview import (
    chronological,
    first_and_latest,
    items_not_met,
    latest_readiness,
    overview,
    section_readiness,
)
from leven.checklist.records import (
    ChecklistBeoordeling,
    ItemAntwoord,
    new_assessment,
    validate_against,
    with_answer,
)
from leven.checklist.summaries import (
    TIDY_COLUMNS,
    Comparison,
    action_list,
    compare,
    readiness,
    summary,
    tidy,
)
from leven.checklist.template import (
    ANSWERS,
    SCORES,
    TEMPLATES_DIR,
    TOTAL,
    Answer,
    ChecklistItem,
    ChecklistSection,
    ChecklistTemplate,
    available_templates,
    load_template,
)

__all__ = [
    "ANSWERS",
    "SCORES",
    "TEMPLATES_DIR",
    "TIDY_COLUMNS",
    "TOTAL",
    "Answer",
    "ChecklistBeoordeling",
    "ChecklistItem",
    "ChecklistSection",
    "ChecklistTemplate",
    "Comparison",
    "ItemAntwoord",
    "action_list",
    "available_templates",
    "chronological",
    "compare",
    "first_and_latest",
    "items_not_met",
    "latest_readiness",
    "load_template",
    "new_assessment",
    "overview",
    "readiness",
    "section_readiness",
    "summary",
    "tidy",
    "validate_against",
    "with_answer",
]
