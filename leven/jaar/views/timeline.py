"""The timeline of the year: where the proeftuin stands, the chart, and the planned spans.

The experiments come from the store by their kind name (``experiment``; fields in
/work/helpers/experiment_interface.md): this instrument does not import that one.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any, ClassVar

import ipywidgets as ipw
from pydantic import ConfigDict, ValidationError

from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.records import Record
from leven.core.store import Store, Version
from leven.core.widgets.chartbox import ChartBox
from leven.core.widgets.date import DateInput
from leven.core.widgets.form import Field, RecordForm
from leven.jaar.analysis import Balk, timeline
from leven.jaar.records import Verbinding
from leven.proeftuin.records import (
    Bijeenkomst,
    Fase,
    Fasenplanning,
    GeplandeFase,
    Proeftuin,
    planning_id,
)
from leven.proeftuin.stages import (
    actual_spans,
    current_stage,
    next_meeting,
    overdue,
    planned_spans,
    year_end,
)


class _Experiment(Record):
    """An experiment as the timeline reads it: its name and the dates of its statuses."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    KIND: ClassVar[str] = "experiment"

    naam: str = ""
    datum_idee: date | None = None
    datum_in_voorbereiding: date | None = None
    datum_loopt: date | None = None
    datum_afgerond: date | None = None
    datum_gestopt: date | None = None


class _Gesprek(Record):
    """A stakeholdergesprek as the timeline reads it: only its date."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    KIND: ClassVar[str] = "stakeholdergesprek"

    datum: date | None = None


def experiment_bars(store: Store, proeftuin: str) -> list[Balk]:
    """The experiments as bars: from running (else preparation, else idea) to finished or
    stopped (still running: no end); an experiment without any date is left out."""
    bars = []
    for v in store.records(_Experiment, proeftuin):
        e = v.record
        begin = e.datum_loopt or e.datum_in_voorbereiding or e.datum_idee
        if begin is not None:
            bars.append(Balk(e.naam or v.record_id, begin, e.datum_afgerond or e.datum_gestopt))
    return sorted(bars, key=lambda b: (b.begin, b.naam))


class YearState:
    """Everything the timeline needs of one proeftuin, read from the store once."""

    def __init__(self, store: Store, proeftuin: str, today: date | None = None) -> None:
        self.today = today or date.today()
        found = store.latest(Proeftuin, proeftuin)
        self.startdatum = found.record.startdatum if found else self.today
        planning = store.latest(Fasenplanning, planning_id(proeftuin))
        self.planning = planning.record if planning else None
        self.meetings = {v.record_id: v.record for v in store.records(Bijeenkomst, proeftuin)}
        self.gesprekken = [v.record.datum for v in store.records(_Gesprek, proeftuin)
                           if v.record.datum]
        self.experiments = experiment_bars(store, proeftuin)
        self.afspraken = sorted((v.record.wat.splitlines()[0][:80], v.record.eerste_datum)
                                for v in store.records(Verbinding, proeftuin)
                                if v.record.eerste_datum)

    @property
    def stage(self) -> Fase:
        return current_stage(self.startdatum, self.meetings.values(), self.today,
                             self.planning, self.gesprekken)

    def frame(self) -> Any:
        planned = planned_spans(self.startdatum, self.planning)
        actual = actual_spans(self.meetings.values(), self.today, self.gesprekken)
        return timeline(planned, actual, self.meetings, self.today, self.experiments,
                        self.afspraken)

    def summary_html(self) -> str:
        """The stage today, the next bijeenkomst and, when late, the flag (escaped)."""
        lines = [t("proeftuin.start.fase", fase=t(f"proeftuin.fase.{self.stage.value}"))]
        coming = next_meeting(self.meetings.values(), self.today)
        lines.append(t("proeftuin.start.volgende",
                       soort=t(f"proeftuin.soort_bijeenkomst.{coming.soort.value}"),
                       datum=f"{coming.datum:%d-%m-%Y}") if coming
                     else t("proeftuin.start.geen_volgende"))
        text = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
        if overdue(self.startdatum, self.meetings.values(), self.today):
            late = t("proeftuin.start.te_laat", datum=f"{year_end(self.startdatum):%d-%m-%Y}")
            text += f'<p class="leven-warning" role="status">{html.escape(late)}</p>'
        return f'<div class="leven-jaar-stand">{text}</div>'


class PlanningForm(RecordForm):
    """The planned span of every stage (two dates each), filled with the default plan."""

    model = Fasenplanning
    form_name = "fasenplanning"

    def build_fields(self) -> list[Field]:
        fields = []
        for fase in Fase:
            name = t(f"proeftuin.fase.{fase.value}")
            fields += [
                Field(f"{fase.value}_begin", DateInput(), t("jaar.planning.begin",
                                                                  fase=name)),
                Field(f"{fase.value}_eind", DateInput(), t("jaar.planning.eind",
                                                                 fase=name)),
            ]
        return fields

    def reset(self, record: Record | None = None) -> None:
        """An empty planning shows the default one, so only what differs needs typing."""
        super().reset(record)
        if record is None:
            found = self.store.latest(Proeftuin, self.proeftuin)
            if found is not None:
                self.values = self._spans_values(planned_spans(found.record.startdatum))

    @staticmethod
    def _spans_values(spans: dict) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for fase, span in spans.items():
            values[f"{fase.value}_begin"], values[f"{fase.value}_eind"] = span.begin, span.eind
        return values

    def from_record(self, record: Record) -> dict[str, Any]:
        found = self.store.latest(Proeftuin, self.proeftuin)
        start = found.record.startdatum if found else date.today()
        return self._spans_values(planned_spans(start, record))

    def to_record(self, values: dict[str, Any]) -> Record:
        spans = []
        for fase in Fase:
            begin, eind = values[f"{fase.value}_begin"], values[f"{fase.value}_eind"]
            name = t(f"proeftuin.fase.{fase.value}")
            for part, day in (("begin", begin), ("eind", eind)):
                if day is None:
                    raise LevenError("jaar.planning.leeg", fase=name,
                                     field=f"{fase.value}_{part}")
            try:
                spans.append(GeplandeFase(fase=fase, begin=begin, eind=eind))
            except ValidationError as error:
                cause = (error.errors()[0].get("ctx") or {}).get("error")
                if isinstance(cause, LevenError):
                    raise cause from None
                raise LevenError("jaar.planning.datum", fase=name,
                                 field=f"{fase.value}_begin") from None
        return Fasenplanning(fasen=tuple(spans))


class TimelineView(ipw.VBox):
    """The stage today, the timeline chart and, folded away, the planning form."""

    def __init__(self, store: Store, proeftuin: str, saved_by: Any = "",
                 today: date | None = None) -> None:
        self.store, self.proeftuin, self._today = store, proeftuin, today
        self.summary = ipw.HTML()
        self.chart = ChartBox(shown=True)
        self.planning = PlanningForm(store, proeftuin, record_id=planning_id(proeftuin),
                                     saved_by=saved_by, on_saved=self._on_saved)
        self.fold = ipw.Accordion([self.planning], titles=[t("jaar.planning.titel")],
                                  selected_index=None)
        super().__init__([self.summary, self.chart, self.fold])
        self.add_class("leven-jaar-tijdlijn")
        self.refresh()

    def refresh(self) -> None:
        """Read the year again and redraw the summary and the chart."""
        from leven.jaar.charts import timeline_chart

        self.state = YearState(self.store, self.proeftuin, self._today)
        self.summary.value = self.state.summary_html()
        frame, today = self.state.frame(), self.state.today
        self.chart.set(lambda: timeline_chart(frame, today, width="container"))

    def _on_saved(self, _version: Version) -> None:
        self.refresh()
