"""Where a proeftuin stands in its year: the seven stages, planned and actual (pure).

The *startdatum* of a proeftuin is the day of its startbijeenkomst (the example proeftuinen
and the start page's "gestart" read it so); the year runs about 12 months from it (seed 000,
"Investering"), with the kerngroep's preparation and the stakeholdergesprekken before it.

**Planned spans** (:func:`default_plan`, in months from the startdatum S; a proeftuin's
:class:`~leven.proeftuin.records.Fasenplanning` overrides any of them):

===================== ================================
voorbereiding         S − 2 months … S − 1 month
stakeholdergesprekken S − 1 month … the day before S
startbijeenkomst      S
werkbijeenkomsten     the day after S … S + 10 months
transitiebijeenkomst  S + 11 months
in verbinding blijven S + 11 months … S + 14 months
monitoring            S … S + 12 months
===================== ================================

**Actual spans** (:func:`actual_spans`), from what has happened by ``today`` (meetings dated
later are planned, not held). A span without an end is still going on.

1. voorbereiding: from the first kerngroepoverleg before the startbijeenkomst until the first
   stakeholdergesprek (or the startbijeenkomst when no gesprek was recorded);
2. stakeholdergesprekken: from the first gesprek until the startbijeenkomst (open before it);
3. startbijeenkomst: the day of the first startbijeenkomst;
4. werkbijeenkomsten: from the startbijeenkomst until the transitiebijeenkomst (open before);
5. transitiebijeenkomst: the day of the first transitiebijeenkomst;
6. in verbinding blijven: from the transitiebijeenkomst on (open: it goes on after the year);
7. monitoring: from the first to the last meeting held (an evaluation follows each).

**The stage today** (:func:`current_stage`) follows the milestones: after a transitie
"in verbinding blijven" (on its day "transitiebijeenkomst"), after a start "werkbijeenkomsten"
(on its day "startbijeenkomst"); before the start "stakeholdergesprekken" once a gesprek was
held or their planned span has begun, else "voorbereiding". Monitoring runs alongside all of
them and is never the stage itself.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from leven.proeftuin.records import Bijeenkomst, Fase, Fasenplanning, SoortBijeenkomst

#: The stages shown one after the other (monitoring runs alongside them).
SEQUENCE = tuple(f for f in Fase if f is not Fase.MONITORING)
#: A proeftuin without a transitiebijeenkomst this many months after its startdatum is late.
YEAR_MONTHS = 12


@dataclass(frozen=True)
class Span:
    """First and last day of a stage (both included); ``eind`` None: still going on."""

    begin: date
    eind: date | None

    def contains(self, day: date) -> bool:
        return self.begin <= day and (self.eind is None or day <= self.eind)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, on the last day of a shorter month (31 Jan + 1 = 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


#: (begin, end) in months from the startdatum, or "before" / "after": the day before / after it.
_DEFAULT = {
    Fase.VOORBEREIDING: (-2, -1),
    Fase.STAKEHOLDERGESPREKKEN: (-1, "before"),
    Fase.STARTBIJEENKOMST: (0, 0),
    Fase.WERKBIJEENKOMSTEN: ("after", 10),
    Fase.TRANSITIEBIJEENKOMST: (11, 11),
    Fase.IN_VERBINDING_BLIJVEN: (11, 14),
    Fase.MONITORING: (0, 12),
}


def default_plan(startdatum: date) -> dict[Fase, Span]:
    """The planned span of every stage when nobody changed it (table in the module doc)."""
    def at(offset: int | str) -> date:
        if offset == "before":
            return startdatum - timedelta(days=1)
        if offset == "after":
            return startdatum + timedelta(days=1)
        return add_months(startdatum, int(offset))

    return {fase: Span(at(begin), at(eind)) for fase, (begin, eind) in _DEFAULT.items()}


def planned_spans(startdatum: date, planning: Fasenplanning | None = None) -> dict[Fase, Span]:
    """The default plan with the stages the proeftuin planned otherwise, in stage order."""
    spans = default_plan(startdatum)
    for span in planning.fasen if planning else ():
        spans[span.fase] = Span(span.begin, span.eind)
    return {fase: spans[fase] for fase in Fase}


def held(bijeenkomsten: Iterable[Bijeenkomst], today: date) -> list[Bijeenkomst]:
    """The meetings that took place by ``today`` (today's included), oldest first."""
    return sorted((b for b in bijeenkomsten if b.datum <= today), key=lambda b: b.datum)


def _first(meetings: Sequence[Bijeenkomst], soort: SoortBijeenkomst) -> date | None:
    return next((b.datum for b in meetings if b.soort is soort), None)


def actual_spans(
    bijeenkomsten: Iterable[Bijeenkomst], today: date, gesprekken: Iterable[date] = ()
) -> dict[Fase, Span]:
    """The stages that have begun by ``today``, with the spans the rules in the module doc
    give; ``gesprekken`` are the dates of the stakeholdergesprekken."""
    meetings = held(bijeenkomsten, today)
    interviews = sorted(d for d in gesprekken if d <= today)
    start = _first(meetings, SoortBijeenkomst.START)
    transitie = _first(meetings, SoortBijeenkomst.TRANSITIE)
    spans: dict[Fase, Span] = {}
    before_start = [b.datum for b in meetings if b.soort is SoortBijeenkomst.KERNGROEP
                    and (start is None or b.datum < start)]
    if before_start:
        end = interviews[0] if interviews else start
        spans[Fase.VOORBEREIDING] = Span(before_start[0], max(end, before_start[0])
                                         if end else None)
    if interviews:
        spans[Fase.STAKEHOLDERGESPREKKEN] = Span(interviews[0],
                                                 max(start, interviews[0]) if start else None)
    if start:
        spans[Fase.STARTBIJEENKOMST] = Span(start, start)
        spans[Fase.WERKBIJEENKOMSTEN] = Span(start, transitie)
    if transitie:
        spans[Fase.TRANSITIEBIJEENKOMST] = Span(transitie, transitie)
        spans[Fase.IN_VERBINDING_BLIJVEN] = Span(transitie, None)
    if meetings:
        spans[Fase.MONITORING] = Span(meetings[0].datum, meetings[-1].datum)
    return {fase: spans[fase] for fase in Fase if fase in spans}


def current_stage(
    startdatum: date,
    bijeenkomsten: Iterable[Bijeenkomst],
    today: date,
    planning: Fasenplanning | None = None,
    gesprekken: Iterable[date] = (),
) -> Fase:
    """The stage the proeftuin is in on ``today`` (rules in the module doc)."""
    meetings = held(bijeenkomsten, today)
    transitie = _first(meetings, SoortBijeenkomst.TRANSITIE)
    if transitie:
        return Fase.TRANSITIEBIJEENKOMST if transitie == today else Fase.IN_VERBINDING_BLIJVEN
    start = _first(meetings, SoortBijeenkomst.START)
    if start:
        return Fase.STARTBIJEENKOMST if start == today else Fase.WERKBIJEENKOMSTEN
    gesprek_begun = any(d <= today for d in gesprekken)
    plan = planned_spans(startdatum, planning)[Fase.STAKEHOLDERGESPREKKEN]
    if gesprek_begun or today >= plan.begin:
        return Fase.STAKEHOLDERGESPREKKEN
    return Fase.VOORBEREIDING


def year_end(startdatum: date) -> date:
    """The last day of the proeftuin's year: :data:`YEAR_MONTHS` after the startdatum."""
    return add_months(startdatum, YEAR_MONTHS)


def overdue(startdatum: date, bijeenkomsten: Iterable[Bijeenkomst], today: date) -> bool:
    """Past its 12 months without a transitiebijeenkomst held: the start page flags it."""
    held_transitie = _first(held(bijeenkomsten, today), SoortBijeenkomst.TRANSITIE)
    return today > year_end(startdatum) and held_transitie is None


def next_meeting(bijeenkomsten: Iterable[Bijeenkomst], today: date) -> Bijeenkomst | None:
    """The next bijeenkomst from ``today`` on (today's included), or None."""
    coming = sorted((b for b in bijeenkomsten if b.datum >= today), key=lambda b: b.datum)
    return coming[0] if coming else None
