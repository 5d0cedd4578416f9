"""Summaries of one checklist assessment: readiness per section, the action list, a comparison.

Pandas DataFrames that the pages and the researchers share; pure: no widgets, no store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from leven.checklist.records import ChecklistBeoordeling, validate_against
from leven.checklist.template import ANSWERS, SCORES, TOTAL, ChecklistTemplate, load_template
from leven.core.i18n import t


def _item_frame(template: ChecklistTemplate, assessment: ChecklistBeoordeling) -> pd.DataFrame:
    validate_against(template, assessment)
    rows = []
    for section in template.sections:
        for item in section.items:
            answer = assessment.answer(item.id)
            rows.append(
                {
                    "sectie": section.id,
                    "sectie_titel": section.title,
                    "item": item.id,
                    "tekst": item.text,
                    "antwoord": answer,
                    "score": SCORES[answer] if answer else float("nan"),
                    "opmerking": assessment.comment(item.id),
                }
            )
    return pd.DataFrame(rows)


def _counts(frame: pd.DataFrame) -> dict[str, Any]:
    answered = int(frame["antwoord"].notna().sum())
    row: dict[str, Any] = {"items": len(frame)}
    for code in ANSWERS:
        row[code] = int((frame["antwoord"] == code).sum())
    row["beantwoord"] = answered
    row["onbeantwoord"] = len(frame) - answered
    for code in ANSWERS:
        row[f"aandeel_{code}"] = row[code] / answered if answered else float("nan")
    row["gereedheid"] = float(frame["score"].mean()) if answered else float("nan")
    return row


def summary(template: ChecklistTemplate, assessment: ChecklistBeoordeling) -> pd.DataFrame:
    """Counts, shares and readiness per section, plus a ``"totaal"`` row; index ``sectie``.

    Shares (``aandeel_*``) are taken among the *answered* items, so a half-filled checklist
    is not read as "niet"; ``onbeantwoord`` reports the rest. The readiness score
    (``gereedheid``) scores wel=1, gedeeltelijk=0.5, niet=0 and takes the mean over the
    answered items: 1 means every answered precondition is met, and it is NaN when nothing
    in that section is answered yet. The total row pools all answered items (it is not the
    mean of the section scores, so sections weigh by their number of answered items).
    """
    frame = _item_frame(template, assessment)
    rows = [
        {"sectie": section.id, "titel": section.title, **_counts(frame[frame.sectie == section.id])}
        for section in template.sections
    ]
    rows.append({"sectie": TOTAL, "titel": t("checklist.summary.total"), **_counts(frame)})
    return pd.DataFrame(rows).set_index("sectie")


def readiness(template: ChecklistTemplate, assessment: ChecklistBeoordeling) -> pd.Series:
    """The readiness score per section (see :func:`summary`), in section order."""
    return summary(template, assessment)["gereedheid"].drop(TOTAL)


def action_list(template: ChecklistTemplate, assessment: ChecklistBeoordeling) -> pd.DataFrame:
    """The items not yet met (niet or gedeeltelijk) with their comments, in template order.

    This is what the kerngroep still has to arrange; unanswered items are left out because
    nobody has judged them yet (see ``onbeantwoord`` in :func:`summary`).
    """
    frame = _item_frame(template, assessment)
    todo = frame[frame["antwoord"].isin(["niet", "gedeeltelijk"])]
    columns = ["sectie", "sectie_titel", "item", "tekst", "antwoord", "opmerking"]
    return todo[columns].reset_index(drop=True)


class Comparison(NamedTuple):
    """Change between two assessments: per item and per section (with a total row)."""

    items: pd.DataFrame
    sections: pd.DataFrame


def compare(
    template: ChecklistTemplate, before: ChecklistBeoordeling, after: ChecklistBeoordeling
) -> Comparison:
    """What changed from ``before`` to ``after`` (e.g. start of the year and the end).

    Per item ``verandering`` is ``"beter"``, ``"slechter"`` or ``"gelijk"`` by the readiness
    weights, and missing (NA) when either side is unanswered (no change can be judged). Per
    section: readiness before, after and ``verschil`` (after minus before, NaN if either is).
    """
    old, new = _item_frame(template, before), _item_frame(template, after)
    items = old[["sectie", "item", "tekst"]].copy()
    items["voor"] = old["antwoord"]
    items["na"] = new["antwoord"]
    items["verandering"] = [_change(a, b) for a, b in zip(old["score"], new["score"], strict=True)]
    first, second = summary(template, before), summary(template, after)
    sections = pd.DataFrame(
        {
            "titel": first["titel"],
            "gereedheid_voor": first["gereedheid"],
            "gereedheid_na": second["gereedheid"],
        }
    )
    sections["verschil"] = sections["gereedheid_na"] - sections["gereedheid_voor"]
    return Comparison(items, sections)


def _change(before: float, after: float) -> str | None:
    if pd.isna(before) or pd.isna(after):
        return None
    if after > before:
        return "beter"
    return "slechter" if after < before else "gelijk"


TIDY_COLUMNS = (
    "beoordeling",
    "record_id",
    "template",
    "template_versie",
    "proeftuin",
    "organisatie",
    "datum",
    "sectie",
    "item",
    "tekst",
    "antwoord",
    "score",
    "opmerking",
)


def tidy(
    assessments: Iterable[ChecklistBeoordeling | Any],
    templates: Mapping[str, ChecklistTemplate] | None = None,
    *,
    directory: Path | str | None = None,
    include_names: bool = False,
) -> pd.DataFrame:
    """One row per assessment × item of its template, for comparing proeftuinen.

    ``assessments`` are records or stored versions (``Store.records``); ``record_id`` is the
    stored record's id (the key of the research dataset's tables), missing for bare records.
    ``beoordeling`` is the position of the assessment in the input; unanswered items are
    rows with a missing answer, so absence stays visible. Templates missing from
    ``templates`` are loaded by name. The person who filled in the checklist is left out
    unless ``include_names`` is set, because research extracts are pseudonymised.
    """
    known = dict(templates or {})
    frames = []
    for number, given in enumerate(assessments):
        assessment: ChecklistBeoordeling = getattr(given, "record", given)
        if assessment.template not in known:
            known[assessment.template] = load_template(assessment.template, directory)
        frame = _item_frame(known[assessment.template], assessment)
        frame.insert(0, "beoordeling", number)
        frame.insert(1, "record_id", getattr(given, "record_id", None))
        frame.insert(2, "template", assessment.template)
        frame.insert(3, "template_versie", assessment.template_versie)
        frame.insert(4, "proeftuin", assessment.proeftuin)
        frame.insert(5, "organisatie", assessment.organisatie)
        frame.insert(6, "datum", pd.Timestamp(assessment.datum))
        if include_names:
            frame.insert(7, "ingevuld_door", assessment.ingevuld_door)
        frames.append(frame.drop(columns="sectie_titel"))
    if not frames:
        columns = list(TIDY_COLUMNS)
        if include_names:
            columns.insert(7, "ingevuld_door")
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)
