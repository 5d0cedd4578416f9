"""The report's first sections: the kernthema, the timeline, the bijeenkomsten, the
experiments with their GAS results and borging."""

from __future__ import annotations

from datetime import date
from html import escape

import pandas as pd

from leven import gas
from leven.core.i18n import t
from leven.experiment.records import Actie, Experiment, status_label
from leven.gas import charts as gas_charts
from leven.jaar.analysis import Balk, attendance, timeline
from leven.jaar.charts import attendance_chart, timeline_chart
from leven.jaar.records import Verbinding
from leven.kernthema import analysis as kernthema_analysis
from leven.kernthema.records import Kernthema
from leven.kernthema.records import record_id as kernthema_id
from leven.proeftuin.records import Bestuurder, Fasenplanning, planning_id
from leven.proeftuin.stages import actual_spans, current_stage, planned_spans
from leven.stakeholdergesprek.records import Stakeholdergesprek
from leven.verslag.analysis import role
from leven.verslag.charts import versions_chart
from leven.verslag.views.bron import Bron
from leven.verslag.views.html import Section, day, facts, figure, heading, para, table


def kernthema(bron: Bron) -> Section:
    """The kernthema and the ambition as they are now, and how they grew version by version."""
    section = Section("kernthema", t("verslag.kernthema.titel"), empty=t("verslag.kernthema.leeg"))
    versions = bron.store.history(Kernthema, kernthema_id(bron.id))
    if not versions:
        return section
    m = bron.mensen
    now = versions[-1].record
    section.parts += [
        facts([(t("verslag.kernthema.kernthema"), m.text(now.kernthema)),
               (t("verslag.kernthema.ambitie"), m.text(now.ambitie)),
               (t("verslag.kernthema.status"), t(f"verslag.kernthema.status_{now.status}")),
               (t("verslag.kernthema.aanleiding"), m.text(now.aanleiding))]),
    ]
    evolution = kernthema_analysis.evolution(versions)
    section.parts.append(figure(versions_chart(evolution), t("verslag.kernthema.grafiek")))
    rows = [(r.version, r.datum, t(f"verslag.kernthema.status_{r.status}"), m.text(r.kernthema),
             m.text(r.ambitie), m.text(r.wie)) for r in evolution.itertuples()]
    section.parts.append(table([t(f"verslag.kernthema.kolom_{k}") for k in
                                ("versie", "datum", "status", "kernthema", "ambitie", "wie")],
                               rows, numeric=(0,)))
    for change in kernthema_analysis.ambition_changes(versions):
        if change.changed:
            section.parts.append(heading(t("verslag.kernthema.wijziging", van=change.van_versie,
                                           naar=change.naar_versie)))
            section.parts.append(f'<p class="diff">{_diff(change.tokens, bron)}</p>')
    return section


def _diff(tokens: list, bron: Bron) -> str:
    tags = {"equal": "{}", "delete": "<del>{}</del>", "insert": "<ins>{}</ins>"}
    return "".join(tags[tok.kind].format(escape(bron.mensen.text(tok.text) if tok.text.strip()
                                                else tok.text)) for tok in tokens)


def tijdlijn(bron: Bron) -> Section:
    """The seven stages planned and actual, the meetings, the experiments and the first
    dates of the agreements to stay connected on one axis."""
    section = Section("tijdlijn", t("verslag.tijdlijn.titel"), empty=t("verslag.tijdlijn.leeg"))
    planning = bron.store.latest(Fasenplanning, planning_id(bron.id))
    plan = planning.record if planning else None
    gesprekken = [v.record.datum for v in bron.store.records(Stakeholdergesprek, bron.id)
                  if v.record.datum]
    planned = planned_spans(bron.proeftuin.startdatum, plan)
    actual = actual_spans(bron.bijeenkomsten.values(), bron.today, gesprekken)
    bars = sorted((Balk(e.naam, e.start, e.eind) for e in _experiments(bron) if e.start),
                  key=lambda b: (b.begin, b.naam))
    afspraken = _afspraken(bron)
    frame = timeline(planned, actual, bron.bijeenkomsten, bron.today, bars, afspraken)
    stage = current_stage(bron.proeftuin.startdatum, bron.bijeenkomsten.values(), bron.today,
                          plan, gesprekken)
    section.parts.append(para(t("verslag.tijdlijn.fase", datum=day(bron.today),
                                fase=t(f"proeftuin.fase.{stage.value}"))))
    section.parts.append(figure(timeline_chart(frame, bron.today), t("verslag.tijdlijn.grafiek")))
    if not actual and not bron.bijeenkomsten and not bars and not afspraken:
        section.parts.append(para(t("verslag.tijdlijn.alleen_gepland")))
    return section


def _afspraken(bron: Bron) -> list[tuple[str, date]]:
    """The first dates of the agreements to stay connected, marks on the timeline as on the
    year page (:class:`leven.jaar.views.timeline.YearState`): what (its first line, people
    by their role unless names are asked for) and when."""
    m = bron.mensen
    return sorted(((m.text(v.record.wat).splitlines() or [""])[0][:80], v.record.eerste_datum)
                  for v in bron.store.records(Verbinding, bron.id) if v.record.eerste_datum)


def bijeenkomsten(bron: Bron) -> Section:
    """Every meeting with who came (per domain), the bestuurders and the decisions."""
    section = Section("bijeenkomsten", t("verslag.bijeenkomsten.titel"),
                      empty=t("verslag.bijeenkomsten.leeg"))
    if not bron.bijeenkomsten:
        return section
    m = bron.mensen
    frame = attendance(bron.bijeenkomsten, bron.deelnemers)
    if not frame.empty:
        section.parts.append(figure(attendance_chart(frame), t("verslag.bijeenkomsten.grafiek")))
    else:
        section.parts.append(para(t("verslag.bijeenkomsten.geen_aanwezigheid")))
    counts = frame.pivot_table(index="bijeenkomst_id", columns="domein", values="aanwezig",
                               aggfunc="sum") if not frame.empty else pd.DataFrame()
    rows = []
    for rid, b in sorted(bron.bijeenkomsten.items(), key=lambda item: (item[1].datum, item[0])):
        got = counts.loc[rid] if rid in counts.index else None
        rows.append((day(b.datum), t(f"proeftuin.soort_bijeenkomst.{b.soort.value}"),
                     m.text(b.titel), len(b.uitgenodigd) or "", len(b.aanwezig) or "",
                     "" if got is None else int(got.get("zorg", 0)),
                     "" if got is None else int(got.get("sociaal_domein", 0)),
                     "; ".join(_bestuurder(x, bron) for x in b.bestuurders)))
    section.parts.append(table([t(f"verslag.bijeenkomsten.kolom_{k}") for k in
                                ("datum", "soort", "titel", "uitgenodigd", "aanwezig", "zorg",
                                 "sociaal", "bestuurders")], rows, numeric=(3, 4, 5, 6)))
    decided = [(b, m.text(b.besluiten)) for b in sorted(bron.bijeenkomsten.values(),
                                                         key=lambda b: b.datum) if b.besluiten]
    if decided:
        section.parts.append(heading(t("verslag.bijeenkomsten.besluiten")))
        section.parts.append(facts((f"{day(b.datum)} {m.text(b.titel)}", text)
                                   for b, text in decided))
    return section


def _bestuurder(b: Bestuurder, bron: Bron) -> str:
    if bron.mensen.names:
        return ", ".join(p for p in (b.naam, b.functie, b.organisatie) if p)
    return role(b.functie, b.organisatie) or t("verslag.mensen.bestuurder")


def _experiments(bron: Bron) -> list[Experiment]:
    found = bron.store.records(Experiment, bron.id)
    return [v.record for v in sorted(found, key=lambda v: (v.record.start or bron.today,
                                                            v.record.naam))]


def experimenten(bron: Bron) -> Section:
    """Per experiment what it tried, its group and coordinator, status, actions, what it
    yielded and its borging; the GAS T-scores per experiment (table and chart); and the
    agreements on staying connected."""
    section = Section("experimenten", t("verslag.experimenten.titel"),
                      empty=t("verslag.experimenten.leeg"))
    m = bron.mensen
    records = bron.store.records(Experiment, bron.id)
    goals = bron.store.frame(gas.GasDoel, bron.id)
    scores = bron.store.frame(gas.GasScore, bron.id)
    if not records and goals.empty:
        return section
    acties = [v.record for v in bron.store.records(Actie, bron.id)]
    for v in sorted(records, key=lambda v: (v.record.start or bron.today, v.record.naam)):
        e = v.record
        section.parts.append(heading(e.naam))
        own = [a for a in acties if a.experiment_id == v.record_id]
        borging = (t("verslag.experimenten.geborgd_ja") if e.geborgd
                   else t("verslag.experimenten.geborgd_nee") if e.geborgd is False
                   else t("verslag.experimenten.geborgd_open"))
        section.parts.append(facts([
            (t("verslag.experimenten.status"),
             f"{status_label(e.status)} ({day(getattr(e, f'datum_{e.status}'))})"),
            (t("verslag.experimenten.looptijd"), f"{day(e.start)} – {day(e.eind)}"
             if e.start else ""),
            (t("verslag.experimenten.wat"), m.text(e.wat)),
            (t("verslag.experimenten.bijdrage"), m.text(e.bijdrage)),
            (t("verslag.experimenten.coordinator"), m.deelnemer(e.coordinator)
             if e.coordinator else ""),
            (t("verslag.experimenten.groep"), "; ".join(m.deelnemer(d) for d in e.groep)),
            (t("verslag.experimenten.acties"), t("verslag.experimenten.acties_telling",
                                                 klaar=sum(a.klaar for a in own), totaal=len(own))
             if own else ""),
            (t("verslag.experimenten.opbrengst"), m.text(e.opbrengst)),
            (t("verslag.experimenten.borging"), borging),
            (t("verslag.experimenten.borging_hoe"), m.text(e.borging_hoe)),
            (t("verslag.experimenten.borging_door"), m.text(e.borging_door)),
        ]))
    section.parts += _gas(goals, scores)
    section.parts += _verbinding(bron)
    return section


def _gas(goals: pd.DataFrame, scores: pd.DataFrame) -> list[str]:
    if goals.empty:
        return [heading(t("verslag.experimenten.gas")), para(t("verslag.experimenten.geen_gas"))]
    summary = gas.experiment_summary(goals, scores)
    parts = [heading(t("verslag.experimenten.gas")), para(t("verslag.experimenten.gas_uitleg"))]
    table_frame = gas.experiment_table(summary)
    parts.append(table([str(c) for c in table_frame.columns], table_frame.itertuples(index=False),
                       numeric=tuple(i for i, c in enumerate(table_frame.columns)
                                     if pd.api.types.is_numeric_dtype(table_frame[c]))))
    if summary[["t_nulmeting", "t_vervolgmeting"]].notna().any().any():
        parts.append(figure(gas_charts.t_scores(summary), t("verslag.experimenten.gas_grafiek")))
    return parts


def _verbinding(bron: Bron) -> list[str]:
    agreements = bron.store.records(Verbinding, bron.id)
    parts = [heading(t("verslag.experimenten.verbinding"))]
    if not agreements:
        return [*parts, para(t("verslag.experimenten.geen_verbinding"))]
    m = bron.mensen
    rows = [(m.text(a.record.wat), m.text(a.record.wie), a.record.hoe_vaak,
             day(a.record.eerste_datum)) for a in agreements]
    return [*parts, table([t(f"verslag.experimenten.kolom_{k}") for k in
                           ("wat", "wie", "hoe_vaak", "eerste")], rows)]
