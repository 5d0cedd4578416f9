"""Forms for the proeftuin itself: its details, deelnemers and bijeenkomsten."""

from __future__ import annotations

from typing import Any

import ipywidgets as ipw

from leven.i18n import t
from leven.proeftuin import (
    Betrokkenheid,
    Bijeenkomst,
    Deelnemer,
    Dimensie,
    Domein,
    Proeftuin,
    SoortBijeenkomst,
)
from leven.records import Record
from leven.store import Store
from leven.widgets.form import Field, RecordForm
from leven.widgets.inputs import CheckboxGroup, choice_options, enum_dropdown
from leven.widgets.panel import LazyTabs, RecordPanel


def _field(
    name: str, widget: ipw.ValueWidget, area: str = "core.proeftuin_field", hint: bool = False
) -> Field:
    return Field(name, widget, t(f"{area}.{name}"), t(f"{area}.{name}_hint") if hint else "")


class ProeftuinForm(RecordForm):
    """The proeftuin's own details (name, gemeente, start date, project leader)."""

    model = Proeftuin
    form_name = "proeftuin"

    def build_fields(self) -> list[Field]:
        return [
            _field("naam", ipw.Text()),
            _field("gemeente", ipw.Text()),
            _field("startdatum", ipw.DatePicker()),
            _field("projectleider", ipw.Text()),
            _field("beschrijving", ipw.Textarea(layout={"height": "6em"})),
        ]


class DeelnemerForm(RecordForm):
    """A deelnemer: who, from which organisation and domain, on which dimensions."""

    model = Deelnemer
    form_name = "deelnemer"

    def build_fields(self) -> list[Field]:
        area = "core.deelnemer_field"
        return [
            _field("naam", ipw.Text(), area),
            _field("organisatie", ipw.Text(), area),
            _field("functie", ipw.Text(), area),
            _field("domein", enum_dropdown(Domein, "core.domein"), area),
            _field(
                "betrokkenheid",
                enum_dropdown(Betrokkenheid, "core.betrokkenheid", allow_none=False),
                area,
            ),
            _field(
                "kerngroep",
                ipw.Checkbox(description=t(f"{area}.kerngroep_check"), indent=False),
                area,
            ),
            _field(
                "dimensies",
                CheckboxGroup(choice_options([d.value for d in Dimensie], "core.dimensie")),
                area,
            ),
            _field("email", ipw.Text(placeholder=t(f"{area}.email_placeholder")), area, hint=True),
        ]

    def to_record(self, values: dict[str, Any]) -> Record:
        return Deelnemer(**{**values, "email": values["email"] or None})

    def from_record(self, record: Record) -> dict[str, Any]:
        values = super().from_record(record)
        values["email"] = values.get("email") or ""
        return values


class BijeenkomstForm(RecordForm):
    """A meeting: which kind, when, and notes."""

    model = Bijeenkomst
    form_name = "bijeenkomst"

    def build_fields(self) -> list[Field]:
        area = "core.bijeenkomst_field"
        return [
            _field("soort", enum_dropdown(SoortBijeenkomst, "core.soort_bijeenkomst"), area),
            _field("datum", ipw.DatePicker(), area),
            _field("titel", ipw.Text(), area),
            _field("notities", ipw.Textarea(layout={"height": "8em"}), area),
        ]


def _label(prefix: str, value: Any) -> str:
    return t(f"{prefix}.{getattr(value, 'value', value)}") if value else ""


class ProeftuinApp(ipw.VBox):
    """The proeftuin app: details, deelnemers and bijeenkomsten in three tabs."""

    def __init__(self, store: Store, proeftuin: str, saved_by: Any = "") -> None:
        self.store = store
        self.proeftuin = proeftuin
        self._saved_by = saved_by
        self.tabs = LazyTabs(
            [
                (t("core.proeftuin_app.details"), self._details),
                (t("core.proeftuin_app.deelnemers"), self._deelnemers),
                (t("core.proeftuin_app.bijeenkomsten"), self._bijeenkomsten),
            ]
        )
        super().__init__([self.tabs])

    @property
    def details(self) -> ProeftuinForm:
        return self.tabs.content(0)

    @property
    def deelnemers(self) -> RecordPanel:
        return self.tabs.content(1)

    @property
    def bijeenkomsten(self) -> RecordPanel:
        return self.tabs.content(2)

    def _details(self) -> ProeftuinForm:
        return ProeftuinForm(
            self.store, self.proeftuin, record_id=self.proeftuin, saved_by=self._saved_by
        )

    def _deelnemers(self) -> RecordPanel:
        return RecordPanel(
            DeelnemerForm,
            self.store,
            self.proeftuin,
            [
                (t("core.deelnemer_field.naam"), lambda v: v.record.naam),
                (t("core.deelnemer_field.organisatie"), lambda v: v.record.organisatie),
                (
                    t("core.deelnemer_field.domein"),
                    lambda v: _label("core.domein", v.record.domein),
                ),
                (
                    t("core.deelnemer_field.kerngroep"),
                    lambda v: t("core.form.yes") if v.record.kerngroep else "",
                ),
                (
                    t("core.deelnemer_field.dimensies"),
                    lambda v: ", ".join(_label("core.dimensie", d) for d in v.record.dimensies),
                ),
            ],
            label=lambda v: v.record.naam,
            saved_by=self._saved_by,
        )

    def _bijeenkomsten(self) -> RecordPanel:
        return RecordPanel(
            BijeenkomstForm,
            self.store,
            self.proeftuin,
            [
                (t("core.bijeenkomst_field.datum"), lambda v: v.record.datum.strftime("%d-%m-%Y")),
                (
                    t("core.bijeenkomst_field.soort"),
                    lambda v: _label("core.soort_bijeenkomst", v.record.soort),
                ),
                (t("core.bijeenkomst_field.titel"), lambda v: v.record.titel),
            ],
            label=lambda v: f"{v.record.datum:%d-%m-%Y} {v.record.titel}",
            saved_by=self._saved_by,
        )
