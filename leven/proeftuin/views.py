"""Forms for the proeftuin itself: its details, deelnemers and bijeenkomsten."""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote

import ipywidgets as ipw

from leven.core.i18n import t
from leven.core.records import Record
from leven.core.store import Store
from leven.core.widgets.app import LevenApp
from leven.core.widgets.date import DateInput
from leven.core.widgets.form import Field, RecordForm
from leven.core.widgets.inputs import CheckboxGroup, choice_options, enum_dropdown
from leven.core.widgets.panel import LazyTabs, RecordPanel
from leven.proeftuin import (
    Betrokkenheid,
    Bijeenkomst,
    Deelnemer,
    Dimensie,
    Domein,
    Proeftuin,
    SoortBijeenkomst,
)


def _field(
    name: str, widget: ipw.ValueWidget, area: str = "proeftuin.proeftuin_field", hint: bool = False
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
            _field("startdatum", DateInput()),
            _field("projectleider", ipw.Text()),
            _field("beschrijving", ipw.Textarea(layout={"height": "6em"})),
        ]


class DeelnemerForm(RecordForm):
    """A deelnemer: who, from which organisation and domain, on which dimensions."""

    model = Deelnemer
    form_name = "deelnemer"

    def build_fields(self) -> list[Field]:
        area = "proeftuin.deelnemer_field"
        return [
            _field("naam", ipw.Text(), area),
            _field("organisatie", ipw.Text(), area),
            _field("functie", ipw.Text(), area),
            _field("domein", enum_dropdown(Domein, "proeftuin.domein"), area),
            _field(
                "betrokkenheid",
                enum_dropdown(Betrokkenheid, "proeftuin.betrokkenheid", allow_none=False),
                area,
            ),
            _field(
                "kerngroep",
                ipw.Checkbox(description=t(f"{area}.kerngroep_check"), indent=False),
                area,
            ),
            _field(
                "dimensies",
                CheckboxGroup(choice_options([d.value for d in Dimensie], "proeftuin.dimensie")),
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
        area = "proeftuin.bijeenkomst_field"
        return [
            _field("soort", enum_dropdown(SoortBijeenkomst, "proeftuin.soort_bijeenkomst"), area),
            _field("datum", DateInput(), area),
            _field("titel", ipw.Text(), area),
            _field("notities", ipw.Textarea(layout={"height": "8em"}), area),
        ]

    def to_record(self, values: dict[str, Any]) -> Record:
        """Keep what this short form does not show (attendance, bestuurders, links: the jaar
        page records them), so an edit here loses none of it."""
        found = self.store.latest(Bijeenkomst, self.record_id) if self.record_id else None
        kept = found.record.model_dump() if found else {}
        return Bijeenkomst(**{**kept, **values})


#: The year report's download (``leven.verslag.pages.ROUTE``; this instrument stands below the
#: report and does not import it), relative to ``/voila/render/proeftuin.ipynb`` as the way
#: back to the start page is.
REPORT_URL = "../../leven/verslag?proeftuin={id}"


def report_link_html(proeftuin: str) -> str:
    """A link, styled as a button, to download the proeftuin's year report (no names, no
    photos: see :mod:`leven.verslag.pages`)."""
    href = html.escape(REPORT_URL.format(id=quote(proeftuin, safe="")), quote=True)
    return (
        '<p class="leven-proeftuin-verslag">'  # outlined: quieter than the forms' Opslaan
        f'<a class="leven-button leven-button-secondary leven-verslag" '
        f'href="{href}" download title="{html.escape(t("proeftuin.app.verslag_uitleg"))}">'
        f'<i class="fa fa-download"></i> {html.escape(t("proeftuin.app.verslag"))}</a></p>'
    )


def _label(prefix: str, value: Any) -> str:
    return t(f"{prefix}.{getattr(value, 'value', value)}") if value else ""


class ProeftuinApp(LevenApp):
    """The proeftuin app: the year report's download above details, deelnemers and
    bijeenkomsten in three tabs."""

    def __init__(self, store: Store, proeftuin: str, saved_by: Any = "") -> None:
        super().__init__(store, proeftuin, saved_by)
        self.report_link = ipw.HTML(report_link_html(proeftuin))
        self.tabs = LazyTabs(
            [
                (t("proeftuin.app.details"), self._details),
                (t("proeftuin.app.deelnemers"), self._deelnemers),
                (t("proeftuin.app.bijeenkomsten"), self._bijeenkomsten),
            ]
        )
        self.children = [self.report_link, self.tabs]

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
            self.store, self.proeftuin, record_id=self.proeftuin, saved_by=self.saved_by
        )

    def _deelnemers(self) -> RecordPanel:
        return RecordPanel(
            DeelnemerForm,
            self.store,
            self.proeftuin,
            [
                (t("proeftuin.deelnemer_field.naam"), lambda v: v.record.naam),
                (t("proeftuin.deelnemer_field.organisatie"), lambda v: v.record.organisatie),
                (
                    t("proeftuin.deelnemer_field.domein"),
                    lambda v: _label("proeftuin.domein", v.record.domein),
                ),
                (
                    t("proeftuin.deelnemer_field.kerngroep"),
                    lambda v: t("core.form.yes") if v.record.kerngroep else "",
                ),
                (
                    t("proeftuin.deelnemer_field.dimensies"),
                    lambda v: ", ".join(
                        _label("proeftuin.dimensie", d) for d in v.record.dimensies
                    ),
                ),
            ],
            label=lambda v: v.record.naam,
            saved_by=self.saved_by,
        )

    def _bijeenkomsten(self) -> RecordPanel:
        return RecordPanel(
            BijeenkomstForm,
            self.store,
            self.proeftuin,
            [
                (
                    t("proeftuin.bijeenkomst_field.datum"),
                    lambda v: v.record.datum.strftime("%d-%m-%Y"),
                ),
                (
                    t("proeftuin.bijeenkomst_field.soort"),
                    lambda v: _label("proeftuin.soort_bijeenkomst", v.record.soort),
                ),
                (t("proeftuin.bijeenkomst_field.titel"), lambda v: v.record.titel),
            ],
            label=lambda v: f"{v.record.datum:%d-%m-%Y} {v.record.titel}",
            saved_by=self.saved_by,
        )
