"""The report's result sections: the checklist first and last, the collage words, the
netwerkkaart before and after, the evaluations over the year."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from leven import checklist as cl
from leven.checklist import charts as checklist_charts
from leven.collage.charts import domain_words_chart
from leven.collage.records import CollageNotitie
from leven.core import textstats
from leven.core.i18n import t
from leven.evaluatie import Evaluatie, EvaluatieAntwoord, load_set, tidy, year_summary
from leven.evaluatie.charts import year_chart
from leven.netwerkkaart import analysis as kaart
from leven.netwerkkaart.charts import before_after_chart, network_chart
from leven.netwerkkaart.records import Netwerkkaart
from leven.proeftuin.records import Deelnemer, Organisatie
from leven.verslag.analysis import without_names
from leven.verslag.views.bron import Bron
from leven.verslag.views.html import Section, day, figure, heading, number, para, photo, table

WORDS = 15  # the most differently used words shown


def checklist(bron: Bron) -> Section:
    """The readiness profile of the first and of the latest assessment, and the change."""
    section = Section("checklist", t("verslag.checklist.titel"), empty=t("verslag.checklist.leeg"))
    found = cl.chronological(v.record for v in bron.store.records(cl.ChecklistBeoordeling, bron.id))
    if not found:
        return section
    first, last = found[0], found[-1]
    for which, assessment in (("eerste", first), ("laatste", last)):
        if which == "laatste" and assessment is first:
            section.parts.append(para(t("verslag.checklist.een")))
            break
        template = cl.load_template(assessment.template)
        caption = t(f"verslag.checklist.{which}", datum=day(assessment.datum))
        section.parts.append(figure(checklist_charts.profile_chart(
            cl.summary(template, assessment), title=caption), caption))
    if len(found) > 1:
        both = cl.first_and_latest(cl.section_readiness(found))
        rows = [(r.titel, f"{r.gereedheid_voor:.0%}", f"{r.gereedheid_na:.0%}",
                 f"{r.verschil:+.0%}") for r in both.itertuples()]
        section.parts.append(table([t(f"verslag.checklist.kolom_{k}") for k in
                                    ("sectie", "eerste", "laatste", "verschil")], rows,
                                   numeric=(1, 2, 3)))
    return section


def collage(bron: Bron) -> Section:
    """The words the zorg and the sociaal domein used differently in their collage notes
    (names left out by default), and the photos when asked."""
    section = Section("collage", t("verslag.collage.titel"), empty=t("verslag.collage.leeg"))
    notes = [v.record for v in bron.store.records(CollageNotitie, bron.id)]
    if not notes:
        return section
    totals = textstats.domain_totals(notes)
    section.parts.append(para(t(
        "verslag.collage.telling", n=len(notes),
        zorg=totals.get("zorg", {}).get("notities", 0),
        sociaal=totals.get("sociaal_domein", {}).get("notities", 0))))
    words = without_names(textstats.words_by_domain(notes, min_count=2),
                          bron.mensen.name_parts())
    if words.empty:
        section.parts.append(para(t("verslag.collage.geen_verschil")))
    else:
        section.parts.append(figure(domain_words_chart(words, n=WORDS, title=""),
                                    t("verslag.collage.grafiek")))
    if bron.keuze.fotos:
        section.parts += _photos(bron, notes)
    return section


def _photos(bron: Bron, notes: list[CollageNotitie]) -> list[str]:
    shown: list[str] = []
    seen: set[str] = set()
    for note in notes:
        for blob_id in note.foto_ids:
            if blob_id in seen:
                continue
            seen.add(blob_id)
            found = bron.store.load_blob(blob_id)
            if found is not None:
                shown.append(f"<figure class=\"foto\">{photo(found[0], note.titel)}"
                             f"<figcaption>{escape(bron.mensen.text(note.titel))}</figcaption></figure>")
    return [heading(t("verslag.collage.fotos")), *shown] if shown else []


def netwerkkaart(bron: Bron) -> Section:
    """The map of the first and the latest snapshot side by side, and their figures."""
    section = Section("netwerkkaart", t("verslag.netwerkkaart.titel"),
                      empty=t("verslag.netwerkkaart.leeg"))
    maps = sorted((v.record for v in bron.store.records(Netwerkkaart, bron.id)),
                  key=lambda k: k.datum)
    if not maps:
        return section
    actors = [replace(a, naam=bron.mensen.short(a.id)) if a.soort == "deelnemer" else a
              for a in kaart.actors(bron.store.frame(Deelnemer, bron.id),
                                    bron.store.frame(Organisatie, bron.id))]
    first, last = maps[0], maps[-1]
    if first is last:
        section.parts.append(figure(network_chart(first.banden, actors, title=day(first.datum)),
                                    t("verslag.netwerkkaart.een", datum=day(first.datum))))
    else:
        section.parts.append(figure(
            before_after_chart(first.banden, last.banden, actors,
                               titles=(day(first.datum), day(last.datum))),
            t("verslag.netwerkkaart.grafiek", voor=day(first.datum), na=day(last.datum))))
    rows = []
    for k in maps:
        f = kaart.figures(k.banden, actors)
        rows.append((day(k.datum), k.titel, f.actoren, f.banden, number(f.dichtheid, 2),
                     f.grensoverschrijdend, f"{f.aandeel_grensoverschrijdend:.0%}",
                     len(f.zonder_band)))
    section.parts.append(table([t(f"verslag.netwerkkaart.kolom_{k}") for k in
                                ("datum", "kaart", "actoren", "banden", "dichtheid",
                                 "grens", "aandeel", "zonder")], rows,
                               numeric=(2, 3, 4, 5, 6, 7)))
    if first is not last:
        change = kaart.compare(first.banden, last.banden, actors)
        section.parts.append(para(t(
            "verslag.netwerkkaart.verschil", nieuw=len(change.nieuwe_banden),
            grens=len(change.nieuwe_grensoverschrijdend), weg=len(change.verdwenen_banden))))
    return section


def evaluaties(bron: Bron) -> Section:
    """"Zitten we op het goede spoor?": the evaluations' answers per bijeenkomst over the year
    (numbers only; the open answers stay out of a report that is passed on)."""
    section = Section("evaluaties", t("verslag.evaluaties.titel"),
                      empty=t("verslag.evaluaties.leeg"))
    evaluations = bron.store.records(Evaluatie, bron.id)
    answers = bron.store.records(EvaluatieAntwoord, bron.id)
    if not evaluations or not answers:
        return section
    sets = {name: load_set(name) for name in {v.record.vragenset for v in evaluations}}
    summary = year_summary(tidy(evaluations, answers, sets), by_domain=True)
    if summary.empty:
        return section
    ordered = sorted(bron.bijeenkomsten.items(), key=lambda item: (item[1].datum, item[0]))
    labels = {rid: f"{b.datum:%d-%m-%Y}" for rid, b in ordered}
    questions = {q.id: q.label() for s in sets.values() for q in s.scales}
    section.parts.append(figure(year_chart(summary, labels, questions),
                                t("verslag.evaluaties.grafiek")))
    order = {rid: i for i, (rid, _) in enumerate(ordered)}
    alle = summary[summary["domein"] == ""].sort_values(
        "bijeenkomst_id", key=lambda ids: ids.map(lambda m: order.get(m, len(order))),
        kind="stable")
    rows = [(labels.get(r.bijeenkomst_id, r.bijeenkomst_id), questions.get(r.vraag, r.vraag),
             int(r.n), r.gemiddelde if r.gemiddelde == r.gemiddelde
             else f"{r.aandeel_ja:.0%}") for r in alle.itertuples()]
    section.parts.append(table([t(f"verslag.evaluaties.kolom_{k}") for k in
                                ("bijeenkomst", "vraag", "n", "gemiddelde")], rows,
                               numeric=(2, 3)))
    return section
