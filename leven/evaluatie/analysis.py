"""Results of an evaluation, live and over the year, as numbers and tidy tables.

The live view on the projected screen and the researchers' notebook use the same functions:
:func:`results` for one evaluation (answers counted per scale or choice question, the most
frequent words of the open answers with the spine's word statistics), :func:`tidy` for all
answers as one long table, :func:`year_summary` for "zitten we op het goede spoor?" per
bijeenkomst. Pure: no widgets, no store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from leven.core import textstats
from leven.evaluatie.records import Evaluatie, EvaluatieAntwoord
from leven.evaluatie.template import VragenSet

TIDY_COLUMNS = ("proeftuin", "bijeenkomst_id", "evaluatie_id", "vragenset", "antwoord_id",
                "domein", "vraag", "soort", "waarde", "toelichting")
YEAR_COLUMNS = ("proeftuin", "bijeenkomst_id", "vraag", "domein", "n", "gemiddelde",
                "aandeel_ja")


@dataclass(frozen=True)
class _Words:
    """An answer's texts in the shape the word statistics read (see textstats.Note)."""

    tekst: str
    domein: str | None
    titel: str = ""
    metafoor: str = ""
    trefwoorden: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Results:
    """What the projected screen shows of one evaluation."""

    n: int
    counts: dict[str, dict[str, int]]  # question -> answer code -> number, in the set's order
    means: dict[str, float | None]  # scale questions only
    words: pd.DataFrame  # textstats.frequent_words of all open texts
    texts: dict[str, list[str]]  # question -> its open answers and notes, in save order


def _texts(answer: EvaluatieAntwoord, vragen: VragenSet) -> list[str]:
    parts = [answer.antwoorden.get(v.id, "") for v in vragen.open_questions]
    return [part for part in (*parts, *answer.toelichting.values()) if part]


def results(vragen: VragenSet, answers: Iterable[EvaluatieAntwoord], n_words: int = 12) -> Results:
    """Count the answers of one evaluation (each browser's latest answer once)."""
    answers = list(answers)
    counts: dict[str, dict[str, int]] = {}
    means: dict[str, float | None] = {}
    for vraag in (*vragen.scales, *filter(None, [vragen.domain_question])):
        allowed = set(vraag.values())  # a value the set does not have is never counted
        given = [a.antwoorden[vraag.id] for a in answers
                 if a.antwoorden.get(vraag.id) in allowed]
        counts[vraag.id] = {value: given.count(value) for value in vraag.values()}
        if vraag.soort == "schaal":
            means[vraag.id] = sum(map(int, given)) / len(given) if given else None
    texts: dict[str, list[str]] = {}
    for vraag in vragen.vragen:
        source = "antwoorden" if vraag.soort == "open" else "toelichting"
        found = [getattr(a, source).get(vraag.id) for a in answers]
        texts[vraag.id] = [text for text in found if text]
    domain = vragen.domain_question
    words = textstats.frequent_words(
        (_Words(" ".join(_texts(a, vragen)), a.antwoorden.get(domain.id) if domain else None)
         for a in answers),
        n=n_words,
    )
    return Results(len(answers), counts, means, words, texts)


def tidy(
    evaluations: Iterable[Any], answers: Iterable[Any], sets: Mapping[str, VragenSet]
) -> pd.DataFrame:
    """Every answer to every question as one row (columns :data:`TIDY_COLUMNS`).

    ``evaluations`` and ``answers`` are stored versions (``record_id``, ``proeftuin``,
    ``record``) of :class:`Evaluatie` and :class:`EvaluatieAntwoord`; ``sets`` maps the
    question sets' names to the sets. ``domein`` repeats the answer's domain on every row.
    """
    by_id: dict[str, Any] = {v.record_id: v for v in evaluations}
    rows = []
    for version in answers:
        answer: EvaluatieAntwoord = version.record
        evaluation = by_id.get(answer.evaluatie_id)
        if evaluation is None:
            continue
        record: Evaluatie = evaluation.record
        vragen = sets.get(record.vragenset)
        if vragen is None:  # its question set is not given: left out
            continue
        domain = vragen.domain_question
        domein = answer.antwoorden.get(domain.id) if domain else None
        for vraag in vragen.vragen:
            if vraag.domein or (vraag.id not in answer.antwoorden
                                and vraag.id not in answer.toelichting):
                continue
            value = answer.antwoorden.get(vraag.id)
            if vraag.soort != "open" and value not in vraag.values():
                value = None  # not one of the question's answers: not counted as one
            rows.append((version.proeftuin, record.bijeenkomst_id, evaluation.record_id,
                         record.vragenset, version.record_id, domein, vraag.id, vraag.soort,
                         value, answer.toelichting.get(vraag.id)))
    frame = pd.DataFrame(rows, columns=list(TIDY_COLUMNS))
    return frame.sort_values(["proeftuin", "bijeenkomst_id", "antwoord_id", "vraag"],
                             kind="stable").reset_index(drop=True)


def year_summary(frame: pd.DataFrame, by_domain: bool = False) -> pd.DataFrame:
    """Per proeftuin, bijeenkomst and scale or choice question: the number of answers, the
    mean of a 1–5 scale and the share of "ja" of a ja/deels/nee question (deels counts half).
    With ``by_domain`` one row per domain too (``domein`` is "" for all domains together).
    """
    answered = frame[frame["soort"].isin(["schaal", "keuze"]) & frame["waarde"].notna()].copy()
    answered["getal"] = pd.to_numeric(answered["waarde"].where(answered["soort"] == "schaal"),
                                      errors="coerce")
    answered["ja"] = answered["waarde"].map({"ja": 1.0, "deels": 0.5, "nee": 0.0})
    parts = [answered.assign(domein="")]
    if by_domain:
        parts.append(answered[answered["domein"].notna()])
    together = pd.concat(parts, ignore_index=True)
    summary = together.groupby(["proeftuin", "bijeenkomst_id", "vraag", "domein"], sort=True).agg(
        n=("waarde", "size"), gemiddelde=("getal", "mean"), aandeel_ja=("ja", "mean")
    )
    return summary.reset_index()[list(YEAR_COLUMNS)]
