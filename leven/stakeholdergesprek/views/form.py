"""The interview form: who, by whom, when, and what they said; a new interviewee on the spot.

The kerngroep often interviews someone not yet on the list of deelnemers: "nieuw" with a
name creates the Deelnemer or Organisatie first (only once the rest of the interview is
valid, so a refused save leaves nothing behind), then the interview pointing at it.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as ipw

from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.records import Record
from leven.core.store import Store
from leven.core.widgets.date import DateInput
from leven.core.widgets.form import Field, RecordForm
from leven.core.widgets.inputs import show_choose
from leven.proeftuin.records import Deelnemer, Organisatie
from leven.stakeholdergesprek.records import WAARDERINGEN, Stakeholdergesprek, lines

#: the choice "a new deelnemer or organisatie" of the interviewee dropdown
NIEUW = "__nieuw__"
SOORTEN = ("deelnemer", "organisatie")


def actor_names(store: Store, proeftuin: str) -> dict[str, str]:
    """The proeftuin's deelnemers and organisaties: record id -> name."""
    found = {v.record_id: v.record.naam for v in store.records(Deelnemer, proeftuin)}
    found.update({v.record_id: v.record.naam for v in store.records(Organisatie, proeftuin)})
    return found


def actor_options(store: Store, proeftuin: str) -> list[tuple[str, Any]]:
    """The interviewee choices: "kies", "nieuw", then deelnemers and organisaties by name."""
    deelnemers = [
        (f"{v.record.naam} · {v.record.organisatie}" if v.record.organisatie else v.record.naam,
         v.record_id)
        for v in store.records(Deelnemer, proeftuin)
    ]
    organisaties = [
        (t("stakeholdergesprek.form.organisatie", naam=v.record.naam), v.record_id)
        for v in store.records(Organisatie, proeftuin)
    ]
    return [
        (t("core.form.choose"), None),
        (t("stakeholdergesprek.form.nieuw"), NIEUW),
        *sorted(deelnemers, key=lambda o: o[0].casefold()),
        *sorted(organisaties, key=lambda o: o[0].casefold()),
    ]


def _field(name: str, widget: ipw.ValueWidget, hint: bool = False) -> Field:
    return Field(
        name,
        widget,
        t(f"stakeholdergesprek.velden.{name}"),
        t(f"stakeholdergesprek.hulp.{name}") if hint else "",
    )


def _area(height: str) -> ipw.Textarea:
    return ipw.Textarea(layout={"height": height})


class StakeholdergesprekForm(RecordForm):
    """One interview; every save a new version. May create the interviewee first."""

    model = Stakeholdergesprek
    form_name = "stakeholdergesprek"

    def build_fields(self) -> list[Field]:
        partner = show_choose(ipw.Dropdown(options=actor_options(self.store, self.proeftuin),
                                           value=None, layout={"width": "32rem"}))
        soort = ipw.ToggleButtons(
            options=[(t(f"stakeholdergesprek.soort.{s}"), s) for s in SOORTEN], value=SOORTEN[0]
        )
        kerngroep = sorted(
            v.record.naam for v in self.store.records(Deelnemer, self.proeftuin)
            if v.record.kerngroep
        )
        rating = show_choose(ipw.Dropdown(
            options=[(t("stakeholdergesprek.form.geen_waardering"), None),
                     *((t(f"stakeholdergesprek.waardering.{n}"), n) for n in WAARDERINGEN)],
            value=None, layout={"width": "22rem"},
        ))
        fields = [
            _field("gesprekspartner", partner, hint=True),
            _field("nieuw_soort", soort),
            _field("nieuw_naam", ipw.Text(layout={"width": "32rem"}), hint=True),
            _field("interviewer", ipw.Combobox(options=kerngroep, ensure_option=False,
                                               layout={"width": "32rem"}), hint=True),
            _field("datum", DateInput(layout={"width": "14rem"})),
            _field("rol", _area("5em"), hint=True),
            _field("samenwerking", _area("5em"), hint=True),
            _field("waardering", rating, hint=True),
            _field("gewenste_toekomst", _area("6em"), hint=True),
            _field("werkt_samen_met", _area("5em"), hint=True),
            _field("citaten", _area("5em"), hint=True),
        ]
        partner.observe(self._observe_gesprekspartner, names="value")
        self._new_fields = fields[1:3]
        self._show_new_fields(False)
        return fields

    # -- the interviewee -----------------------------------------------------------------

    def _show_new_fields(self, shown: bool) -> None:
        for field in self._new_fields:
            field.layout.display = "" if shown else "none"

    def _observe_gesprekspartner(self, change: dict) -> None:
        self._show_new_fields(change["new"] == NIEUW)

    def refresh_actors(self, chosen: str | None = None) -> None:
        """Offer the deelnemers and organisaties as they are now, ``chosen`` chosen (an id
        no longer among them is still shown, so an old interview keeps its interviewee)."""
        widget = self.fields["gesprekspartner"].widget
        chosen = chosen or None
        options = actor_options(self.store, self.proeftuin)
        if chosen is not None and chosen not in {value for _, value in options}:
            options.append((t("stakeholdergesprek.form.onbekend", id=chosen), chosen))
        restoring, self._restoring = self._restoring, True
        try:
            widget.options = options
            widget.value = chosen
            show_choose(widget)
        finally:
            self._restoring = restoring

    def _create_interviewee(self, soort: str, naam: str) -> str:
        """Save the new Deelnemer or Organisatie; its record id."""
        if not naam:
            raise LevenError("stakeholdergesprek.errors.nieuw_naam_leeg", field="nieuw_naam")
        actor = Organisatie(naam=naam) if soort == "organisatie" else Deelnemer(naam=naam)
        version = self.store.save(actor, proeftuin=self.proeftuin, saved_by=self.saved_by)
        self.refresh_actors(version.record_id)
        restoring, self._restoring = self._restoring, True
        try:
            self.fields["nieuw_naam"].widget.value = ""
        finally:
            self._restoring = restoring
        return version.record_id

    # -- form <-> record -----------------------------------------------------------------

    def to_record(self, values: dict[str, Any]) -> Record:
        values = dict(values)
        soort = values.pop("nieuw_soort") or SOORTEN[0]
        naam = (values.pop("nieuw_naam") or "").strip()
        partner = values.pop("gesprekspartner") or ""
        values["werkt_samen_met"] = lines(values["werkt_samen_met"])
        values["citaten"] = lines(values["citaten"])
        if partner != NIEUW:
            return self.model(gesprekspartner=partner, **values)
        # the rest first: a refused interview must not leave a new deelnemer behind
        self.model(gesprekspartner=NIEUW, **values)
        return self.model(gesprekspartner=self._create_interviewee(soort, naam), **values)

    def from_record(self, record: Record) -> dict[str, Any]:
        assert isinstance(record, Stakeholdergesprek)
        values = super().from_record(record)
        values["werkt_samen_met"] = "\n".join(record.werkt_samen_met)
        values["citaten"] = "\n".join(record.citaten)
        return values

    def reset(self, record: Record | None = None) -> None:
        # whoever was added elsewhere meanwhile (the proeftuin page) can be chosen now
        self.refresh_actors(record.gesprekspartner if isinstance(record, Stakeholdergesprek)
                            else None)
        super().reset(record)
        self._restoring = True
        try:
            self.fields["nieuw_soort"].widget.value = SOORTEN[0]
        finally:
            self._restoring = False


def interviewee_html(naam: str, datum: Any) -> str:
    """A one-line heading of an interview (escaped)."""
    when = f"{datum:%d-%m-%Y}" if datum else ""
    return html.escape(f"{naam} · {when}" if when else naam)
