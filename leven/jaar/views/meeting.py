"""Plan and record a bijeenkomst: a form with a quick tick list of who came.

On a projected laptop the facilitator ticks the deelnemers as they come in; the tick list
lays them out in columns that fill the screen (one column on a phone). What was made at
the meeting (collage notes, a netwerkkaart snapshot, an evaluation) is linked by kind name
and record id, read from the store without importing those instruments.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any, ClassVar

import ipywidgets as ipw
from pydantic import ConfigDict

from leven.core.i18n import t
from leven.core.records import Record
from leven.core.store import Store, Version
from leven.core.widgets.date import DateInput
from leven.core.widgets.form import Field, RecordForm, safe
from leven.core.widgets.inputs import CheckboxGroup, enum_dropdown
from leven.proeftuin.records import (
    Bijeenkomst,
    Deelnemer,
    SoortBijeenkomst,
    Verwijzing,
    bestuurders_text,
    bijeenkomst_warnings,
    parse_bestuurders,
)

AREA = "proeftuin.bijeenkomst_field"
#: The kinds of records made at a meeting that a bijeenkomst links to, in this order.
MADE_KINDS = ("netwerkkaart", "collage_notitie", "evaluatie")
TICK_GRID = {"display": "grid", "grid_template_columns": "repeat(auto-fill, minmax(15em, 1fr))",
             "grid_gap": "0 1em", "width": "100%"}


class _Made(Record):
    """Any record made at a meeting, as this page reads it: by kind name, only the fields
    a choice shows (the others are ignored)."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    KIND: ClassVar[str] = ""

    titel: str = ""
    datum: date | None = None
    bijeenkomst_id: str | None = None


def made_choices(store: Store, proeftuin: str) -> list[tuple[str, str]]:
    """(label, ``kind/record_id``) of the proeftuin's netwerkkaart snapshots, collage notes
    and evaluations (named after their bijeenkomst), for the links of a bijeenkomst."""
    meetings = {v.record_id: v.record for v in store.records(Bijeenkomst, proeftuin)}
    choices = []
    for kind in MADE_KINDS:
        model = type(f"_Made_{kind}", (_Made,), {"KIND": kind})
        for v in store.records(model, proeftuin):
            meeting = meetings.get(v.record.bijeenkomst_id or "")
            about = meeting and (meeting.titel or t(
                f"proeftuin.soort_bijeenkomst.{meeting.soort.value}"))
            name = v.record.titel or about or v.record_id
            when = v.record.datum or (meeting.datum if meeting else None)
            day = f" ({when:%d-%m-%Y})" if when else ""
            choices.append((f"{t(f'jaar.gemaakt.{kind}')}: {name}{day}",
                            f"{kind}/{v.record_id}"))
    return choices


def deelnemer_label(deelnemer: Deelnemer) -> str:
    return " · ".join(p for p in (deelnemer.naam, deelnemer.organisatie) if p)


class BijeenkomstForm(RecordForm):
    """A bijeenkomst: kind, date, place and agenda; who was invited and who came (tick
    lists); the bestuurders present; notes, decisions and what was made there."""

    model = Bijeenkomst
    form_name = "jaar_bijeenkomst"

    def build_fields(self) -> list[Field]:
        people = self.store.records(Deelnemer, self.proeftuin)
        options = [(deelnemer_label(v.record), v.record_id) for v in people]
        self.domains = {v.record_id: v.record.domein for v in people}

        def ticks() -> CheckboxGroup:
            return CheckboxGroup(options, layout=dict(TICK_GRID))

        def field(name: str, widget: ipw.ValueWidget, hint: bool = False) -> Field:
            return Field(name, widget, t(f"{AREA}.{name}"), t(f"{AREA}.{name}_hint") if hint
                         else "")

        self.all_invited = ipw.Button(description=t("jaar.bijeenkomst.alle_uitgenodigden"),
                                      icon="check-square")
        self.all_invited.on_click(self._on_click_all_invited)
        self.nobody = ipw.Button(description=t("jaar.bijeenkomst.niemand"), icon="square")
        self.nobody.on_click(self._on_click_nobody)
        self.count = ipw.HTML()
        fields = [
            field("soort", enum_dropdown(SoortBijeenkomst, "proeftuin.soort_bijeenkomst")),
            field("datum", DateInput()),
            field("titel", ipw.Text()),
            field("plaats", ipw.Text()),
            field("agenda", ipw.Textarea(layout={"height": "5em"})),
            field("uitgenodigd", ticks()),
            field("aanwezig", ticks()),
            field("bestuurders", ipw.Textarea(layout={"height": "4em"}), hint=True),
            field("notities", ipw.Textarea(layout={"height": "6em"})),
            field("besluiten", ipw.Textarea(layout={"height": "4em"})),
            field("gemaakt", CheckboxGroup(made_choices(self.store, self.proeftuin),
                                           layout=dict(TICK_GRID))),
        ]
        present = fields[6]
        present.children = (*present.children[:1],
                            ipw.HBox([self.all_invited, self.nobody, self.count]),
                            *present.children[1:])
        present.widget.observe(self._observe_present, names="value")
        if not options:
            self.count.value = html.escape(t("jaar.bijeenkomst.geen_deelnemers"))
        return fields

    def to_record(self, values: dict[str, Any]) -> Record:
        links = tuple(Verwijzing(kind=kind, record_id=rid)
                      for kind, _, rid in (v.partition("/") for v in values["gemaakt"]))
        return Bijeenkomst(**{**values, "bestuurders": parse_bestuurders(values["bestuurders"]),
                              "gemaakt": links})

    def from_record(self, record: Record) -> dict[str, Any]:
        values = super().from_record(record)
        values["bestuurders"] = bestuurders_text(record.bestuurders)
        values["gemaakt"] = tuple(f"{link.kind}/{link.record_id}" for link in record.gemaakt)
        return values

    def save(self) -> Version | None:
        """Save; then say what the seed would ask for (bestuurders at start and transitie)."""
        version = super().save()
        if version is not None:
            self.status.value += "".join(
                f'<p class="leven-warning" role="status">{html.escape(w)}</p>'
                for w in bijeenkomst_warnings(version.record))
        return version

    @safe
    def _on_click_all_invited(self, _button: ipw.Button | None = None) -> None:
        present = self.fields["aanwezig"].widget
        present.value = tuple(dict.fromkeys((*present.value,
                                             *self.fields["uitgenodigd"].widget.value)))

    @safe
    def _on_click_nobody(self, _button: ipw.Button | None = None) -> None:
        self.fields["aanwezig"].widget.value = ()

    def _observe_present(self, change: dict) -> None:
        present = change["new"]
        per = {d: sum(1 for p in present if (self.domains.get(p) or "") == d)
               for d in ("zorg", "sociaal_domein")}
        self.count.value = html.escape(t("jaar.bijeenkomst.telling", aantal=len(present),
                                         van=len(self.domains), zorg=per["zorg"],
                                         sociaal=per["sociaal_domein"]))
