"""The year in tables (pure pandas): attendance per domain, and the timeline's rows.

Both take records (id -> record), not store tables, so the page and a researcher's notebook
build the same tables from the same rules (:mod:`leven.proeftuin.stages`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from leven.proeftuin.records import Bijeenkomst, Deelnemer, Fase
from leven.proeftuin.stages import Span

ATTENDANCE_COLUMNS = ("bijeenkomst_id", "datum", "soort", "titel", "domein", "aanwezig")
PRESENCE_COLUMNS = ("deelnemer_id", "naam", "domein", "aanwezig", "bijeenkomsten")
TIMELINE_COLUMNS = ("rij", "volgorde", "soort", "begin", "eind", "open", "label", "fase")
#: The domain of someone whose domein is not filled in, or who is no longer a deelnemer.
ONBEKEND = "onbekend"
DOMEINEN = ("zorg", "sociaal_domein", ONBEKEND)
#: The timeline's row of the bijeenkomsten (the stages and experiments have their own).
BIJEENKOMSTEN = "bijeenkomsten"


def _domein(deelnemer: Deelnemer | None) -> str:
    return deelnemer.domein.value if deelnemer is not None and deelnemer.domein else ONBEKEND


def recorded(bijeenkomsten: Mapping[str, Bijeenkomst]) -> list[tuple[str, Bijeenkomst]]:
    """The meetings whose attendance was recorded (someone ticked), by date."""
    found = [(rid, b) for rid, b in bijeenkomsten.items() if b.aanwezig]
    return sorted(found, key=lambda item: (item[1].datum, item[0]))


def attendance(
    bijeenkomsten: Mapping[str, Bijeenkomst], deelnemers: Mapping[str, Deelnemer]
) -> pd.DataFrame:
    """How many came to each meeting, per domain: one row per meeting and domain
    (:data:`DOMEINEN`, zero rows included so every meeting shows every domain), by date.
    Meetings without recorded attendance are left out: nobody ticked is not nobody came."""
    rows = []
    for record_id, b in recorded(bijeenkomsten):
        counts = dict.fromkeys(DOMEINEN, 0)
        for deelnemer_id in b.aanwezig:
            counts[_domein(deelnemers.get(deelnemer_id))] += 1
        rows += [(record_id, pd.Timestamp(b.datum), b.soort.value, b.titel, domein, count)
                 for domein, count in counts.items()]
    frame = pd.DataFrame(rows, columns=list(ATTENDANCE_COLUMNS))
    return frame.astype({"aanwezig": "int64"})


def presence(
    bijeenkomsten: Mapping[str, Bijeenkomst], deelnemers: Mapping[str, Deelnemer]
) -> pd.DataFrame:
    """Per deelnemer: at how many of the meetings with recorded attendance they were, most
    often present first (then by name)."""
    meetings = recorded(bijeenkomsten)
    rows = [(rid, d.naam, _domein(d), sum(rid in b.aanwezig for _, b in meetings), len(meetings))
            for rid, d in deelnemers.items()]
    frame = pd.DataFrame(rows, columns=list(PRESENCE_COLUMNS))
    frame = frame.sort_values(["aanwezig", "naam"], ascending=[False, True], kind="stable")
    return frame.reset_index(drop=True).astype({"aanwezig": "int64", "bijeenkomsten": "int64"})


@dataclass(frozen=True)
class Balk:
    """An experiment on the timeline: from its start to its end (None: still running)."""

    naam: str
    begin: date
    eind: date | None


def timeline(
    planned: Mapping[Fase, Span],
    actual: Mapping[Fase, Span],
    bijeenkomsten: Mapping[str, Bijeenkomst],
    today: date,
    experiments: Sequence[Balk] = (),
    afspraken: Sequence[tuple[str, date]] = (),
) -> pd.DataFrame:
    """The rows of the timeline chart: per stage its planned and actual span (``soort``
    ``gepland`` / ``werkelijk``), the meetings (``bijeenkomst``, held or ``gepland``) on a row
    of their own, and the experiments as bars. A span still going on ends ``today`` with
    ``open`` True. The first dates of the agreements to stay connected (``afspraken``: what,
    first date) are marks (``afspraak``) on the row of "in verbinding blijven". ``volgorde``
    is the row order from the top."""
    rows: list[tuple] = []
    order = 0
    for b in sorted(bijeenkomsten.values(), key=lambda b: b.datum):
        kind = "bijeenkomst" if b.datum <= today else "bijeenkomst_gepland"
        day = pd.Timestamp(b.datum)
        rows.append((BIJEENKOMSTEN, order, kind, day, day, False, b.titel, b.soort.value))
    for fase in Fase:
        order += 1
        for kind, spans in (("gepland", planned), ("werkelijk", actual)):
            span = spans.get(fase)
            if span is None:
                continue
            end = span.eind or max(today, span.begin)
            rows.append((fase.value, order, kind, pd.Timestamp(span.begin), pd.Timestamp(end),
                         span.eind is None, fase.value, fase.value))
        if fase is Fase.IN_VERBINDING_BLIJVEN:
            for wat, day in afspraken:
                rows.append((fase.value, order, "afspraak", pd.Timestamp(day), pd.Timestamp(day),
                             False, wat, fase.value))
    for balk in experiments:
        order += 1
        end = balk.eind or max(today, balk.begin)
        rows.append((balk.naam, order, "experiment", pd.Timestamp(balk.begin),
                     pd.Timestamp(end), balk.eind is None, balk.naam, ""))
    return pd.DataFrame(rows, columns=list(TIMELINE_COLUMNS))
