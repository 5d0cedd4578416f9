"""The year page: bijeenkomsten with attendance, the timeline, and in verbinding blijven."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import ipywidgets as ipw

from leven.core.i18n import t
from leven.core.store import Store, Version
from leven.core.widgets.app import LevenApp
from leven.core.widgets.chartbox import ChartBox
from leven.core.widgets.date import DateInput
from leven.core.widgets.form import Field, RecordForm
from leven.core.widgets.panel import LazyTabs, RecordPanel, empty_note, html_table
from leven.jaar.analysis import attendance, presence
from leven.jaar.records import Verbinding
from leven.jaar.views.meeting import BijeenkomstForm
from leven.jaar.views.timeline import TimelineView
from leven.proeftuin.records import Bijeenkomst, Deelnemer, SoortBijeenkomst


def _meeting_label(v: Version) -> str:
    b = v.record
    return f"{b.datum:%d-%m-%Y} · {b.titel or t(f'proeftuin.soort_bijeenkomst.{b.soort.value}')}"


class VerbindingForm(RecordForm):
    """How the parties stay connected: what, who keeps it going, how often, from when."""

    model = Verbinding
    form_name = "verbinding"

    def build_fields(self) -> list[Field]:
        meetings = sorted(self.store.records(Bijeenkomst, self.proeftuin),
                          key=lambda v: v.record.datum)
        choose = [(t("core.form.choose"), ""), *((_meeting_label(v), v.record_id)
                                                 for v in meetings)]

        def field(name: str, widget: ipw.ValueWidget) -> Field:
            return Field(name, widget, t(f"jaar.verbinding.{name}"),
                         t(f"jaar.verbinding.{name}_hint"))

        return [
            field("wat", ipw.Textarea(layout={"height": "4em"})),
            field("wie", ipw.Text()),
            field("hoe_vaak", ipw.Text()),
            field("eerste_datum", DateInput()),
            field("bijeenkomst_id", ipw.Dropdown(options=choose, value="")),
            field("toelichting", ipw.Textarea(layout={"height": "4em"})),
        ]

    def from_record(self, record: Verbinding) -> dict:
        values = super().from_record(record)
        values["bijeenkomst_id"] = values.get("bijeenkomst_id") or ""
        return values


class MeetingPanel(RecordPanel):
    """The bijeenkomsten by date (planned ones last), not in the order they were typed."""

    def refresh(self) -> None:
        versions = sorted(self.store.records(Bijeenkomst, self.proeftuin),
                          key=lambda v: (v.record.datum, v.record_id))
        rows = [[cell(v) for _, cell in self.columns] for v in versions]
        table = html_table(rows, [header for header, _ in self.columns],
                           empty=t("core.panel.empty"))
        self.show_choices([(self.label(v), v.record_id) for v in versions], table)


class MeetingsView(ipw.VBox):
    """The bijeenkomsten: table, picker and form (with the tick list), and attendance over
    the year per domain (a chart and who came how often)."""

    def __init__(self, store: Store, proeftuin: str, saved_by: Callable[[], str] | str = ""):
        self.store, self.proeftuin = store, proeftuin
        self.panel = MeetingPanel(
            BijeenkomstForm, store, proeftuin,
            [
                (t("proeftuin.bijeenkomst_field.datum"), lambda v: f"{v.record.datum:%d-%m-%Y}"),
                (t("proeftuin.bijeenkomst_field.soort"),
                 lambda v: t(f"proeftuin.soort_bijeenkomst.{v.record.soort.value}")),
                (t("proeftuin.bijeenkomst_field.titel"), lambda v: v.record.titel),
                (t("proeftuin.bijeenkomst_field.aanwezig"),
                 lambda v: str(len(v.record.aanwezig)) if v.record.aanwezig else ""),
                (t("jaar.bijeenkomst.bestuurders_kort"), lambda v: self._bestuurders(v)),
            ],
            label=_meeting_label, saved_by=saved_by, on_saved=self._on_saved,
        )
        self.chart = ChartBox(shown=True)
        self.people = ipw.HTML()
        heading = ipw.HTML(f"<h3>{t('jaar.bijeenkomst.opkomst')}</h3>")
        super().__init__([self.panel, heading, self.chart, self.people])
        self.refresh()

    @staticmethod
    def _bestuurders(v: Version) -> str:
        names = ", ".join(b.naam for b in v.record.bestuurders)
        if not names and v.record.soort in (SoortBijeenkomst.START, SoortBijeenkomst.TRANSITIE):
            return t("jaar.bijeenkomst.ontbreken")
        return names

    def refresh(self) -> None:
        """Attendance again from the store: the chart and the table of who came."""
        from leven.jaar.charts import attendance_chart

        meetings = {v.record_id: v.record for v in self.store.records(Bijeenkomst,
                                                                      self.proeftuin)}
        people = {v.record_id: v.record for v in self.store.records(Deelnemer, self.proeftuin)}
        frame = attendance(meetings, people)
        if frame.empty:
            self.chart.set_note(empty_note(t("jaar.bijeenkomst.geen_opkomst")))
            self.people.value = ""
            return
        self.chart.set(lambda: attendance_chart(frame, width="container"))
        table = presence(meetings, people)
        self.people.value = html_table(
            [[r.naam, t(f"jaar.domein.{r.domein}"), f"{r.aanwezig} / {r.bijeenkomsten}"]
             for r in table.itertuples()],
            [t("proeftuin.deelnemer_field.naam"), t("jaar.grafiek.domein"),
             t("jaar.bijeenkomst.keer_aanwezig")])

    def _on_saved(self, _version: Version) -> None:
        self.refresh()


class JaarApp(LevenApp):
    """The year of one proeftuin in three tabs: bijeenkomsten, tijdlijn, verbinding."""

    draws_charts = True

    def __init__(self, store: Store, proeftuin: str, saved_by: Callable[[], str] | str = "",
                 today: date | None = None) -> None:
        super().__init__(store, proeftuin, saved_by)
        self.today = today
        self.tabs = LazyTabs([
            (t("jaar.app.bijeenkomsten"), self._meetings),
            (t("jaar.app.tijdlijn"), self._timeline),
            (t("jaar.app.verbinding"), self._verbinding),
        ])
        self.tabs.observe(self._observe_tab, names="selected_index")
        self.children = [self.tabs]

    @property
    def meetings(self) -> MeetingsView:
        return self.tabs.content(0)

    @property
    def timeline(self) -> TimelineView:
        return self.tabs.content(1)

    @property
    def verbinding(self) -> RecordPanel:
        return self.tabs.content(2)

    def _meetings(self) -> MeetingsView:
        return MeetingsView(self.store, self.proeftuin, self.saved_by)

    def _timeline(self) -> TimelineView:
        return TimelineView(self.store, self.proeftuin, self.saved_by, today=self.today)

    def _verbinding(self) -> RecordPanel:
        return RecordPanel(
            VerbindingForm, self.store, self.proeftuin,
            [(t("jaar.verbinding.wat"), lambda v: v.record.wat),
             (t("jaar.verbinding.wie"), lambda v: v.record.wie),
             (t("jaar.verbinding.hoe_vaak"), lambda v: v.record.hoe_vaak),
             (t("jaar.verbinding.eerste_datum"),
              lambda v: f"{v.record.eerste_datum:%d-%m-%Y}" if v.record.eerste_datum else "")],
            label=lambda v: v.record.wat.splitlines()[0][:60], saved_by=self.saved_by,
        )

    def _observe_tab(self, change: dict) -> None:
        if change["new"] == 1 and 1 in self.tabs._built:  # a meeting saved meanwhile
            self.timeline.refresh()
