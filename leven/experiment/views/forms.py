"""The experiment's forms: describe it, change its status, record what it yielded and its
borging, and add actions. Every save is a new version; the forms that change the experiment
start from its latest version, so each keeps what the others saved."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

import ipywidgets as ipw
from pydantic import ConfigDict, ValidationError

from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.records import Record
from leven.core.store import InvalidRecord, Store, Version
from leven.core.widgets.date import DateInput
from leven.core.widgets.form import Field, RecordForm
from leven.core.widgets.inputs import CheckboxGroup, choice_options, show_choose
from leven.experiment.analysis import check_coordinator
from leven.experiment.records import DATUM_VELDEN, STATUSSEN, Actie, Experiment, status_label
from leven.kernthema import Kernthema
from leven.kernthema import record_id as kernthema_id
from leven.proeftuin.records import Deelnemer


class InitiatiefIndex(Record):
    """"Wat is er al" as the experiments read it: by kind name and its name only (the
    netwerkkaart keeps these records; this instrument does not import it)."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    KIND: ClassVar[str] = "bestaand_initiatief"

    naam: str = ""


def deelnemers(store: Store, proeftuin: str) -> dict[str, Deelnemer]:
    """The proeftuin's deelnemers by record id."""
    return {v.record_id: v.record for v in store.records(Deelnemer, proeftuin)}


def initiatives(store: Store, proeftuin: str) -> dict[str, str]:
    """The proeftuin's existing initiatives (netwerkkaart): record id -> name."""
    return {v.record_id: v.record.naam for v in store.records(InitiatiefIndex, proeftuin)}


def _field(name: str, widget: ipw.ValueWidget, hint: bool = False) -> Field:
    return Field(name, widget, t(f"experiment.velden.{name}"),
                 t(f"experiment.hulp.{name}") if hint else "")


def _remapped(error: ValidationError, target: Callable[[str], str]) -> InvalidRecord:
    """The store's refusal with each message moved beside the field a person can change."""
    refusal = InvalidRecord(error)
    refusal.fields = {target(name): message for name, message in refusal.fields.items()}
    return refusal


class _OnExperiment(RecordForm):
    """A form over part of an experiment: saving merges its fields into the latest version."""

    model = Experiment
    today: Callable[[], date] = staticmethod(date.today)

    def latest(self) -> Experiment:
        found = self.store.latest(Experiment, self.record_id) if self.record_id else None
        if found is None:
            raise LevenError("experiment.app.kies_eerst")
        return found.record

    def merged(self, values: dict[str, Any]) -> Experiment:
        data = {**self.latest().model_dump(), **values}
        try:
            return Experiment.model_validate(data)
        except ValidationError as error:
            raise _remapped(error, lambda name: name) from error


class ExperimentForm(_OnExperiment):
    """What the experiment is: name, what it tries, how it serves the ambition, the
    initiative it joins, its group and its coordinator (a kerngroep member)."""

    form_name = "experiment"

    def __init__(self, store: Store, proeftuin: str, **options: Any) -> None:
        self.deelnemers = deelnemers(store, proeftuin)
        self.initiatives = initiatives(store, proeftuin)
        super().__init__(store, proeftuin, **options)

    def build_fields(self) -> list[Field]:
        people = sorted(self.deelnemers.items(),
                        key=lambda item: (not item[1].kerngroep, item[1].naam.casefold()))
        coordinators = [(t("experiment.keuze.geen_coordinator"), "")] + [
            (f"{p.naam} · {p.organisatie}" if p.organisatie else p.naam, rid)
            for rid, p in people if p.kerngroep
        ] + [(p.naam, rid) for rid, p in people if not p.kerngroep]
        options = [(t("experiment.keuze.geen_initiatief"), "")]
        options += [(name, rid) for rid, name in self.initiatives.items()]
        return [
            _field("naam", ipw.Text()),
            _field("wat", ipw.Textarea(layout={"height": "4.5em"}), hint=True),
            _field("bijdrage", ipw.Textarea(layout={"height": "3.5em"}), hint=True),
            _field("initiatief_id", ipw.Dropdown(options=options, value=""), hint=True),
            _field("coordinator", ipw.Dropdown(options=coordinators, value=""), hint=True),
            _field("groep", CheckboxGroup([(p.naam, rid) for rid, p in people])),
            Field("datum_idee", DateInput(layout={"width": "14rem"}),
                  t("experiment.velden.datum_idee")),
        ]

    def header(self) -> list[ipw.Widget]:
        self.origin = ipw.HTML()
        self.origin.add_class("leven-exp-herkomst")
        return [self.origin]

    def _show_origin(self, record: Record | None) -> None:
        """Which kernthema version the experiment works out (a new one: the latest)."""
        if isinstance(record, Experiment):
            version = record.kernthema_versie
        else:
            found = self.store.latest(Kernthema, kernthema_id(self.proeftuin))
            version = found.version if found else None
        self.origin.value = (
            f'<p class="leven-meta">{html.escape(t("experiment.app.herkomst", versie=version))}'
            "</p>" if version else "")

    def reset(self, record: Record | None = None) -> None:
        super().reset(record)
        self._show_origin(record)
        self._restoring = True
        try:  # "none" is a choice of its own here, not an empty box
            for name in ("initiatief_id", "coordinator"):
                if self.fields[name].widget.value is None:
                    self.fields[name].widget.value = ""
        finally:
            self._restoring = False

    def to_record(self, values: dict[str, Any]) -> Record:
        values = {**values, "initiatief_id": values["initiatief_id"] or "",
                  "coordinator": values["coordinator"] or ""}
        try:
            check_coordinator(values["coordinator"], self.deelnemers)
        except LevenError as error:
            raise LevenError(error.key, field="coordinator", **error.params) from None
        if self.record_id:
            return self.merged(values)
        found = self.store.latest(Kernthema, kernthema_id(self.proeftuin))
        data = {**values, "status": "idee", "datum_idee": values["datum_idee"] or self.today()}
        if found is not None:
            data.update(kernthema_id=found.record_id, kernthema_versie=found.version)
        try:
            return Experiment.model_validate(data)
        except ValidationError as error:
            raise _remapped(error, lambda name: name) from error


class StatusForm(_OnExperiment):
    """The next step (or a step back), with the date it began; earlier dates are kept."""

    form_name = "experiment_status"

    def build_fields(self) -> list[Field]:
        return [
            _field("status", ipw.Dropdown(options=choice_options(STATUSSEN, "experiment.status"),
                                          value=STATUSSEN[0], layout={"width": "18rem"})),
            _field("datum", DateInput(layout={"width": "14rem"})),
        ]

    def __init__(self, store: Store, proeftuin: str, **options: Any) -> None:
        super().__init__(store, proeftuin, **options)
        self.fields["status"].widget.observe(self._observe_status, names="value")

    def _observe_status(self, change: dict) -> None:
        # a new step begins today unless said otherwise, not on the date of the last one
        if not self._restoring and change["new"] != change["old"]:
            self.fields["datum"].widget.value = self.today()

    def header(self) -> list[ipw.Widget]:
        self.steps = ipw.HTML()
        self.steps.add_class("leven-exp-stappen")
        uitleg = html.escape(t("experiment.statusformulier.uitleg"))
        return [ipw.HTML(f'<p class="leven-hint">{uitleg}</p>'), self.steps]

    def from_record(self, record: Record) -> dict[str, Any]:
        assert isinstance(record, Experiment)
        return {"status": record.status, "datum": getattr(record, DATUM_VELDEN[record.status])}

    def reset(self, record: Record | None = None) -> None:
        super().reset(record)
        rows = []
        if isinstance(record, Experiment):
            for status, name in DATUM_VELDEN.items():
                when = getattr(record, name)
                if when is not None:
                    rows.append(f"<li>{html.escape(status_label(status))}: {when:%d-%m-%Y}</li>")
        self.steps.value = f'<ul class="leven-meta">{"".join(rows)}</ul>' if rows else ""

    def to_record(self, values: dict[str, Any]) -> Record:
        latest = self.latest()
        try:
            return latest.with_status(values["status"], values["datum"] or self.today())
        except ValidationError as error:
            raise _remapped(error, lambda n: "datum" if n.startswith("datum_") else n) from error


class BorgingForm(_OnExperiment):
    """At the end (the transitiebijeenkomst): what it yielded, and whether and how it goes on."""

    form_name = "experiment_borging"

    def build_fields(self) -> list[Field]:
        choices = [(t(f"experiment.keuze.geborgd_{key}"), value)
                   for key, value in (("onbekend", None), ("ja", True), ("nee", False))]
        return [
            _field("opbrengst", ipw.Textarea(layout={"height": "4.5em"})),
            _field("geborgd", show_choose(ipw.Dropdown(options=choices, value=None,
                                                       layout={"width": "18rem"}))),
            _field("borging_hoe", ipw.Textarea(layout={"height": "3.5em"}), hint=True),
            _field("borging_door", ipw.Text()),
            _field("borging_datum", DateInput(layout={"width": "14rem"})),
        ]

    def to_record(self, values: dict[str, Any]) -> Record:
        return self.merged(values)


class ActieForm(RecordForm):
    """A new action of the chosen experiment: what, who, by when."""

    model = Actie
    form_name = "experiment_actie"

    def __init__(self, store: Store, proeftuin: str, **options: Any) -> None:
        self.experiment_id = ""
        self.names = sorted(p.naam for p in deelnemers(store, proeftuin).values())
        super().__init__(store, proeftuin, **options)

    def build_fields(self) -> list[Field]:
        return [
            Field("wat", ipw.Text(), t("experiment.actie.wat")),
            Field("wie", ipw.Combobox(options=self.names, ensure_option=False),
                  t("experiment.actie.wie")),
            Field("uiterlijk", DateInput(layout={"width": "14rem"}),
                  t("experiment.actie.uiterlijk")),
        ]

    @property
    def draft_key(self) -> str:
        base = super().draft_key
        return base if self.record_id else f"{base}/{self.experiment_id or '-'}"

    def set_experiment(self, experiment_id: str) -> None:
        """Add the next action to this experiment (an empty form)."""
        self.experiment_id = experiment_id
        self.load(None)

    def to_record(self, values: dict[str, Any]) -> Record:
        if not self.experiment_id:
            raise LevenError("experiment.app.kies_eerst")
        return Actie(experiment_id=self.experiment_id, **values)

    def save(self) -> Version | None:
        version = super().save()
        if version is not None:  # the next action starts empty
            self.load(None)
            self.show_status(t("experiment.actie.toegevoegd"))
        return version
