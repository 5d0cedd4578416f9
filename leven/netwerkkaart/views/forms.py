"""The two record forms of step 2: a snapshot's heading, and an existing initiative."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as ipw

from leven.core.i18n import has, t
from leven.core.records import Record
from leven.core.store import Store, Version
from leven.core.widgets.date import DateInput
from leven.core.widgets.form import Field, RecordForm, safe
from leven.core.widgets.inputs import choice_options
from leven.netwerkkaart.records import Aandacht, BestaandInitiatief, Netwerkkaart
from leven.proeftuin import Bijeenkomst


def _field(name: str, widget: ipw.ValueWidget) -> Field:
    key = f"netwerkkaart.hulp.{name}"
    return Field(name, widget, t(f"netwerkkaart.velden.{name}"), t(key) if has(key) else "")


def bijeenkomsten(store: Store, proeftuin: str) -> dict[str, Bijeenkomst]:
    """The proeftuin's bijeenkomsten by id, in date order."""
    versions = sorted(store.records(Bijeenkomst, proeftuin),
                      key=lambda v: (v.record.datum, v.record_id))
    return {v.record_id: v.record for v in versions}


def bijeenkomst_label(record: Bijeenkomst) -> str:
    """``11-02-2025 · Startbijeenkomst in De Kattenberg``."""
    title = record.titel or t(f"proeftuin.soort_bijeenkomst.{record.soort.value}")
    return f"{record.datum:%d-%m-%Y} · {title}"


def kaart_label(version: Version[Netwerkkaart]) -> str:
    """How a snapshot is named in the pickers: its date and title."""
    kaart = version.record
    return f"{kaart.datum:%d-%m-%Y} · {kaart.titel or t('netwerkkaart.app.kaart')}"


class NetwerkkaartForm(RecordForm):
    """A snapshot's title, date and bijeenkomst; its ties are kept as they are on save.

    A new snapshot may begin with the ties of an earlier one (the latest by default): the map
    is drawn again at the transitiebijeenkomst, and re-entering every tie of the start would
    take the meeting's time. The earlier snapshot itself stays as it was.
    """

    model = Netwerkkaart
    form_name = "netwerkkaart"

    def build_fields(self) -> list[Field]:
        self._bijeenkomsten = bijeenkomsten(self.store, self.proeftuin)
        options = [(t("netwerkkaart.form.geen_bijeenkomst"), None),
                   *((bijeenkomst_label(b), i) for i, b in self._bijeenkomsten.items())]
        bijeenkomst = ipw.Dropdown(options=options, layout={"width": "30rem"})
        bijeenkomst.observe(self._observe_bijeenkomst, names="value")
        return [
            _field("bijeenkomst", bijeenkomst),
            _field("datum", DateInput(layout={"width": "14rem"})),
            _field("titel", ipw.Text()),
            _field("overnemen", ipw.Dropdown(options=self._earlier(), layout={"width": "30rem"})),
        ]

    def _earlier(self) -> list[tuple[str, str | None]]:
        """The snapshots a new one may begin from, the latest first."""
        found = sorted(self.store.records(Netwerkkaart, self.proeftuin),
                       key=lambda v: (v.record.datum, v.saved_at, v.record_id), reverse=True)
        return [*((kaart_label(v), v.record_id) for v in found),
                (t("netwerkkaart.form.niets_overnemen"), None)]

    def reset(self, record: Record | None = None) -> None:
        super().reset(record)
        field = self.fields["overnemen"]
        self._restoring = True
        try:  # only a new snapshot begins from another; the latest one is offered first
            field.widget.options = self._earlier() if record is None else [("", None)]
            field.widget.value = field.widget.options[0][1]
        finally:
            self._restoring = False
        field.layout.display = "" if record is None and field.widget.value else "none"

    def _mark_record(self) -> None:
        super()._mark_record()
        if self.record_id:  # saved: its ties are its own from now on
            self.fields["overnemen"].layout.display = "none"

    def to_record(self, values: dict[str, Any]) -> Record:
        source = values.pop("overnemen", None)
        found = self.store.latest(Netwerkkaart, self.record_id) if self.record_id else None
        if found is None and source:
            begun = self.store.latest(Netwerkkaart, source)
            return Netwerkkaart(**values, banden=begun.record.banden if begun else ())
        return Netwerkkaart(**values, banden=found.record.banden if found else ())

    @safe
    def _observe_bijeenkomst(self, change: dict) -> None:
        # Choosing the bijeenkomst fills in its date and a title, unless they were typed.
        found = self._bijeenkomsten.get(change["new"] or "")
        if self._restoring or found is None:
            return
        if self.fields["datum"].widget.value is None:
            self.fields["datum"].widget.value = found.datum
        if not self.fields["titel"].widget.value.strip():
            self.fields["titel"].widget.value = (
                f"{t('netwerkkaart.app.kaart')} · "
                f"{found.titel or t(f'proeftuin.soort_bijeenkomst.{found.soort.value}')}")


class InitiatiefForm(RecordForm):
    """"Wat is er al": one existing project, network or collaboration."""

    model = BestaandInitiatief
    form_name = "bestaand_initiatief"

    def build_fields(self) -> list[Field]:
        aandacht = ipw.Dropdown(
            options=choice_options([a.value for a in Aandacht], "netwerkkaart.aandacht"),
            value=Aandacht.DEELS.value, layout={"width": "12rem"})
        return [
            _field("naam", ipw.Text()),
            _field("wie", ipw.Text()),
            _field("aandacht", aandacht),
            _field("notitie", ipw.Textarea(layout={"height": "4em"})),
        ]

    def header(self) -> list[ipw.Widget]:
        return [ipw.HTML(f"<h4>{html.escape(t('netwerkkaart.form.kop_initiatief'))}</h4>")]

    def reset(self, record: Record | None = None) -> None:
        super().reset(record)
        if record is None:  # "deels" is the honest default for an initiative not yet asked
            self._restoring = True
            try:
                self.fields["aandacht"].widget.value = Aandacht.DEELS.value
            finally:
                self._restoring = False
