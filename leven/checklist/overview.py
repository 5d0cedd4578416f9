"""Checklist assessments across proeftuinen: overview, readiness over time, items not met.

For the researchers' notebook and the comparison across proeftuinen; pure pandas.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from leven.checklist.records import ChecklistBeoordeling
from leven.checklist.summaries import summary, tidy
from leven.checklist.template import ANSWERS, TOTAL, ChecklistTemplate, load_template
from leven.core.i18n import t


def _subject(assessment: ChecklistBeoordeling) -> str:
    return assessment.proeftuin or assessment.organisatie


def chronological(assessments: Iterable[ChecklistBeoordeling]) -> list[ChecklistBeoordeling]:
    """Assessments by proeftuin (or organisation), then date; the order every table uses."""
    return sorted(assessments, key=lambda a: (_subject(a), a.datum))


def _templates(
    assessments: Iterable[ChecklistBeoordeling],
    templates: Mapping[str, ChecklistTemplate] | None,
    directory: Path | str | None,
) -> dict[str, ChecklistTemplate]:
    known = dict(templates or {})
    for assessment in assessments:
        if assessment.template not in known:
            known[assessment.template] = load_template(assessment.template, directory)
    return known


def _section_titles(templates: Mapping[str, ChecklistTemplate]) -> dict[str, str]:
    """One title per section id across variants (the alphabetically first variant's), so a
    section reworded in another variant is still one row or bar when proeftuinen compare."""
    titles: dict[str, str] = {}
    for name in sorted(templates):
        for section in templates[name].sections:
            titles.setdefault(section.id, section.title)
    return titles


def overview(
    assessments: Iterable[ChecklistBeoordeling],
    templates: Mapping[str, ChecklistTemplate] | None = None,
    *,
    directory: Path | str | None = None,
) -> pd.DataFrame:
    """One row per assessment: proeftuin, date, project, counts and total readiness."""
    ordered = chronological(assessments)
    known = _templates(ordered, templates, directory)
    rows = []
    for assessment in ordered:
        template = known[assessment.template]
        total = summary(template, assessment).loc[TOTAL]
        rows.append(
            {
                "proeftuin": _subject(assessment),
                "datum": assessment.datum,
                "project": template.project,
                "items": int(total["items"]),
                "beantwoord": int(total["beantwoord"]),
                **{code: int(total[code]) for code in ANSWERS},
                "gereedheid": total["gereedheid"],
            }
        )
    columns = ["proeftuin", "datum", "project", "items", "beantwoord", *ANSWERS, "gereedheid"]
    return pd.DataFrame(rows, columns=columns)


def section_readiness(
    assessments: Iterable[ChecklistBeoordeling],
    templates: Mapping[str, ChecklistTemplate] | None = None,
    *,
    directory: Path | str | None = None,
) -> pd.DataFrame:
    """Long table: one row per assessment × section (and its total), with readiness.

    ``beoordeling`` numbers the assessments in :func:`chronological` order; ``titel`` is the
    same for a section id in every variant (see :func:`_section_titles`).
    """
    ordered = chronological(assessments)
    known = _templates(ordered, templates, directory)
    titles = {**_section_titles(known), TOTAL: t("checklist.summary.total")}
    rows = []
    for number, assessment in enumerate(ordered):
        table = summary(known[assessment.template], assessment)
        for section, row in table.iterrows():
            rows.append(
                {
                    "beoordeling": number,
                    "proeftuin": _subject(assessment),
                    "datum": assessment.datum,
                    "template": assessment.template,
                    "sectie": section,
                    "titel": titles[str(section)],
                    "beantwoord": int(row["beantwoord"]),
                    "items": int(row["items"]),
                    "gereedheid": row["gereedheid"],
                }
            )
    columns = [
        "beoordeling",
        "proeftuin",
        "datum",
        "template",
        "sectie",
        "titel",
        "beantwoord",
        "items",
        "gereedheid",
    ]
    return pd.DataFrame(rows, columns=columns)


def latest_readiness(sections: pd.DataFrame) -> pd.DataFrame:
    """Proeftuin × section readiness of each proeftuin's latest assessment (a wide table).

    ``sections`` is :func:`section_readiness`; columns are the section titles in template
    order, then the total.
    """
    if sections.empty:
        return pd.DataFrame()
    latest = sections.groupby("proeftuin")["beoordeling"].transform("max")
    chosen = sections[sections["beoordeling"] == latest]
    order = list(dict.fromkeys(chosen["titel"]))
    wide = chosen.pivot(index="proeftuin", columns="titel", values="gereedheid")
    wide = wide[[title for title in order if title in wide.columns]]
    wide.columns.name = None
    return wide


def first_and_latest(sections: pd.DataFrame) -> pd.DataFrame:
    """Readiness per section in the first and the latest assessment of each proeftuin.

    Only proeftuinen with at least two assessments appear. Columns follow
    :func:`compare`'s section table (``gereedheid_voor``, ``gereedheid_na``, ``verschil``),
    so the same chart shows both.
    """
    columns = [
        "proeftuin",
        "sectie",
        "titel",
        "datum_voor",
        "datum_na",
        "gereedheid_voor",
        "gereedheid_na",
        "verschil",
    ]
    rows = []
    for proeftuin, own in sections.groupby("proeftuin", sort=True):
        numbers = sorted(own["beoordeling"].unique())
        if len(numbers) < 2:
            continue
        first = own[own["beoordeling"] == numbers[0]].set_index("sectie")
        last = own[own["beoordeling"] == numbers[-1]].set_index("sectie")
        for section in last.index:
            before = first["gereedheid"].get(section, float("nan"))
            after = last.loc[section, "gereedheid"]
            rows.append(
                {
                    "proeftuin": proeftuin,
                    "sectie": section,
                    "titel": last.loc[section, "titel"],
                    "datum_voor": first["datum"].iloc[0],
                    "datum_na": last["datum"].iloc[0],
                    "gereedheid_voor": before,
                    "gereedheid_na": after,
                    "verschil": after - before,
                }
            )
    return pd.DataFrame(rows, columns=columns)


def items_not_met(
    assessments: Iterable[ChecklistBeoordeling],
    templates: Mapping[str, ChecklistTemplate] | None = None,
    *,
    directory: Path | str | None = None,
) -> pd.DataFrame:
    """How often each item was answered *niet* or *gedeeltelijk*, most often first.

    Counted over all given assessments (pass the latest per proeftuin for the current
    state). The text is the item's wording in the first variant it appears in; ties keep
    the order in which items first appear (template order), so every run gives the same table.
    """
    ordered = chronological(assessments)
    known = _templates(ordered, templates, directory)
    frame = tidy(ordered, known)
    columns = [
        "item",
        "tekst",
        "niet",
        "gedeeltelijk",
        "niet_voldaan",
        "beantwoord",
        "beoordelingen",
    ]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    grouped = frame.groupby("item", sort=False)
    table = pd.DataFrame(
        {
            "tekst": grouped["tekst"].first(),
            "niet": grouped["antwoord"].agg(lambda s: int((s == "niet").sum())),
            "gedeeltelijk": grouped["antwoord"].agg(lambda s: int((s == "gedeeltelijk").sum())),
            "beantwoord": grouped["antwoord"].agg(lambda s: int(s.notna().sum())),
            "beoordelingen": grouped["beoordeling"].nunique(),
        }
    )
    table["niet_voldaan"] = table["niet"] + table["gedeeltelijk"]
    table = table.reset_index()[columns]
    return table.sort_values(["niet_voldaan", "niet"], ascending=False, kind="stable").reset_index(
        drop=True
    )
