"""Adding and removing ties during a meeting, and adding an actor: seconds, not minutes.

A tie is two dropdowns and a kind; "Toevoegen" saves the snapshot at once as a new version
(from the version shown: someone else's newer save is never overwritten). Removing a tie is
a new version without it; the history keeps every earlier one. A refusal says why next to
the field and keeps what was chosen.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import ipywidgets as ipw
from pydantic import ValidationError

from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.records import field_messages
from leven.core.store import Store, StoreError, Version
from leven.core.widgets.form import Field, safe, status_html
from leven.core.widgets.inputs import choice_options, show_choose
from leven.netwerkkaart.analysis import DOMEINEN, Actor
from leven.netwerkkaart.records import Band, Netwerkkaart, SoortBand
from leven.proeftuin import Deelnemer, Organisatie


def actor_options(actoren: Sequence[Actor]) -> list[tuple[str, str | None]]:
    """"— kies —", then the deelnemers by name, then the organisaties (marked as such)."""
    people = sorted((a.naam, a.id) for a in actoren if a.soort != "organisatie")
    organisations = sorted(
        (t("netwerkkaart.editor.organisatie", naam=a.naam), a.id)
        for a in actoren if a.soort == "organisatie"
    )
    return [(t("netwerkkaart.form.kies"), None), *people, *organisations]


def _field(name: str, widget: ipw.ValueWidget) -> Field:
    return Field(name, widget, t(f"netwerkkaart.velden.{name}"))


class BandEditor(ipw.VBox):
    """Two actors, a kind, "Toevoegen"; below, the ties of the snapshot, each removable."""

    def __init__(
        self,
        store: Store,
        proeftuin: str,
        *,
        saved_by: Callable[[], str] | str = "",
        on_saved: Callable[[Version[Netwerkkaart]], None] | None = None,
    ) -> None:
        self.store = store
        self.proeftuin = proeftuin
        self._saved_by = saved_by
        self._on_saved = on_saved
        self.record_id: str | None = None
        self.actoren: list[Actor] = []
        self.fields = {
            "van": _field("van", ipw.Dropdown()),
            "naar": _field("naar", ipw.Dropdown()),
            "soort": _field("soort", ipw.Dropdown(
                options=choice_options([s.value for s in SoortBand], "netwerkkaart.soorten"),
                value=SoortBand.KENT.value)),
        }
        self.add_button = ipw.Button(description=t("netwerkkaart.editor.toevoegen"),
                                     button_style="success", icon="plus")
        self.add_button.add_class("leven-nk-toevoegen")
        self.add_button.on_click(self._on_click_add_button)
        self.status = ipw.HTML()
        self.heading = ipw.HTML()
        self.ties = ipw.VBox()
        self.ties.add_class("leven-nk-banden")
        for name, width in (("van", "18rem"), ("naar", "18rem"), ("soort", "13rem")):
            self.fields[name].layout.width = width
        self.ties.layout = {"max_height": "26rem", "overflow_y": "auto"}
        row = ipw.HBox([self.fields["van"], self.fields["naar"]])
        action = ipw.HBox([self.fields["soort"], self.add_button],
                          layout={"align_items": "flex-end"})
        super().__init__([
            ipw.HTML(f"<h4>{html.escape(t('netwerkkaart.editor.kop'))}</h4>"),
            row, action, self.status, self.heading, self.ties,
        ])
        self.add_class("leven-nk-editor")

    @property
    def saved_by(self) -> str:
        return self._saved_by() if callable(self._saved_by) else self._saved_by

    def set_actors(self, actoren: Sequence[Actor]) -> None:
        """Offer these actors in both dropdowns, keeping what was chosen if still there."""
        self.actoren = list(actoren)
        options = actor_options(self.actoren)
        for name in ("van", "naar"):
            dropdown = self.fields[name].widget
            kept = dropdown.value
            dropdown.options = options
            dropdown.value = kept if kept in {v for _, v in options} else None
            show_choose(dropdown)

    def show(self, record_id: str | None) -> None:
        """Edit the ties of snapshot ``record_id`` (None: no snapshot saved yet)."""
        self.record_id = record_id
        self.status.value = ""
        for field in self.fields.values():
            field.show_error("")
        self.refresh()

    def refresh(self) -> None:
        """Redraw the list of ties from the latest version."""
        found = self.store.latest(Netwerkkaart, self.record_id) if self.record_id else None
        banden = found.record.banden if found else ()
        names = {a.id: a.naam for a in self.actoren}
        rows = []
        for index, band in enumerate(banden):
            label = ipw.HTML(
                f"<b>{html.escape(names.get(band.van, band.van))}</b> "
                f"{html.escape(t(f'netwerkkaart.soorten.{band.soort.value}'))} "
                f"<b>{html.escape(names.get(band.naar, band.naar))}</b>"
                + (f' <span class="leven-meta">{html.escape(band.notitie)}</span>'
                   if band.notitie else ""))
            button = ipw.Button(description=t("netwerkkaart.editor.verwijderen"), icon="trash",
                                layout={"width": "9rem"})
            button.add_class("leven-nk-verwijder")
            button.on_click(lambda _b, i=index: self._on_click_remove_button(i))
            label.layout.width = "28rem"  # a note wraps under the names, never over a row
            row = ipw.HBox([button, label], layout={"align_items": "center", "flex": "0 0 auto"})
            row.add_class("leven-nk-band")
            rows.append(row)
        self.heading.value = html.escape(
            t("netwerkkaart.editor.banden", aantal=len(banden)) if banden
            else t("netwerkkaart.editor.geen_banden"))
        self.ties.children = rows

    def show_status(self, message: str, ok: bool = True) -> None:
        self.status.value = status_html(message, ok)

    # -- saving --------------------------------------------------------------------------

    def add(self) -> Version[Netwerkkaart] | None:
        """Save the snapshot with the chosen tie; on refusal a message, nothing saved."""
        for field in self.fields.values():
            field.show_error("")
        found = self.store.latest(Netwerkkaart, self.record_id) if self.record_id else None
        if found is None:
            self.show_status(t("netwerkkaart.editor.eerst_kaart"), ok=False)
            return None
        van, naar = self.fields["van"].widget.value, self.fields["naar"].widget.value
        missing = [name for name, value in (("van", van), ("naar", naar)) if not value]
        for name in missing:
            self.fields[name].show_error(t("netwerkkaart.editor.kies_actor"))
        if missing:
            self.show_status(t("core.form.not_saved"), ok=False)
            return None
        try:
            band = Band(van=van, naar=naar, soort=self.fields["soort"].widget.value)
            kaart = found.record.with_band(band)
        except (ValidationError, LevenError) as error:
            messages = (field_messages(error) if isinstance(error, ValidationError)
                        else {"": error.message})
            self.fields["naar"].show_error(" ".join(messages.values()))
            self.show_status(t("core.form.not_saved"), ok=False)
            return None
        version = self._save(kaart, found.version)
        if version is not None:
            self.show_status(t("netwerkkaart.editor.opgeslagen", version=version.version))
            self.fields["naar"].widget.value = None  # the next tie is often from the same actor
            show_choose(self.fields["naar"].widget)
        return version

    def remove(self, index: int) -> Version[Netwerkkaart] | None:
        """Save the snapshot without the tie at ``index``, as a new version."""
        found = self.store.latest(Netwerkkaart, self.record_id) if self.record_id else None
        if found is None or not 0 <= index < len(found.record.banden):
            return None
        version = self._save(found.record.without_band(index), found.version)
        if version is not None:
            self.show_status(t("netwerkkaart.editor.verwijderd", version=version.version))
        return version

    def _save(self, kaart: Netwerkkaart, base: int) -> Version[Netwerkkaart] | None:
        try:
            version = self.store.save(kaart, proeftuin=self.proeftuin, record_id=self.record_id,
                                      saved_by=self.saved_by, base_version=base)
        except StoreError as error:  # e.g. someone else saved meanwhile: show theirs
            self.show_status(error.message, ok=False)
            self.refresh()
            return None
        self.refresh()
        if self._on_saved is not None:
            self._on_saved(version)
        return version

    @safe
    def _on_click_add_button(self, _button: ipw.Button | None = None) -> None:
        self.add()

    @safe
    def _on_click_remove_button(self, index: int) -> None:
        self.remove(index)


class ActorAdder(ipw.VBox):
    """A new deelnemer or organisatie by name and domain, for someone not yet on the list."""

    def __init__(self, store: Store, proeftuin: str, *, saved_by: Callable[[], str] | str = "",
                 on_saved: Callable[[Version], None] | None = None) -> None:
        self.store = store
        self.proeftuin = proeftuin
        self._saved_by = saved_by
        self._on_saved = on_saved
        self.fields = {
            "actor_naam": _field("actor_naam", ipw.Text()),
            "actor_soort": _field("actor_soort", ipw.Dropdown(
                options=choice_options(["deelnemer", "organisatie"],
                                       "netwerkkaart.actor_soorten"),
                value="deelnemer")),
            "actor_domein": _field("actor_domein", ipw.Dropdown(
                options=[(t("netwerkkaart.form.kies"), None),
                         *choice_options(list(DOMEINEN), "netwerkkaart.domeinen")])),
        }
        show_choose(self.fields["actor_domein"].widget)
        self.add_button = ipw.Button(description=t("netwerkkaart.editor.actor_toevoegen"),
                                     icon="user-plus")
        self.add_button.add_class("leven-nk-actor-toevoegen")
        self.add_button.on_click(self._on_click_add_button)
        self.status = ipw.HTML()
        for name, width in (("actor_naam", "18rem"), ("actor_soort", "12rem"),
                            ("actor_domein", "12rem")):
            self.fields[name].layout.width = width
            self.fields[name].widget.layout.width = "calc(100% - 8px)"
        self.add_button.layout.width = "auto"
        row = ipw.HBox([self.fields["actor_naam"], self.fields["actor_soort"]])
        action = ipw.HBox([self.fields["actor_domein"], self.add_button],
                          layout={"align_items": "flex-end"})
        super().__init__([ipw.HTML(f"<h4>{html.escape(t('netwerkkaart.editor.actor_kop'))}</h4>"),
                          row, action, self.status])

    def show_status(self, message: str, ok: bool = True) -> None:
        self.status.value = status_html(message, ok)

    def add(self) -> Version | None:
        """Save the new actor (refused when the name is empty or already there)."""
        name_field = self.fields["actor_naam"]
        name_field.show_error("")
        naam = name_field.widget.value.strip()
        model = Deelnemer if self.fields["actor_soort"].widget.value == "deelnemer" else Organisatie
        taken = {v.record.naam.casefold() for m in (Deelnemer, Organisatie)
                 for v in self.store.records(m, self.proeftuin)}
        try:
            if naam.casefold() in taken:
                raise LevenError("netwerkkaart.editor.actor_bestaat", naam=naam)
            record = model(naam=naam, domein=self.fields["actor_domein"].widget.value)
            saved_by = self._saved_by() if callable(self._saved_by) else self._saved_by
            version = self.store.save(record, proeftuin=self.proeftuin, saved_by=saved_by)
        except ValidationError as error:
            name_field.show_error(" ".join(field_messages(error).values()))
            self.show_status(t("core.form.not_saved"), ok=False)
            return None
        except StoreError as error:
            self.show_status(error.message, ok=False)
            return None
        except LevenError as error:
            name_field.show_error(error.message)
            self.show_status(t("core.form.not_saved"), ok=False)
            return None
        name_field.widget.value = ""
        self.show_status(t("netwerkkaart.editor.actor_opgeslagen", naam=naam))
        if self._on_saved is not None:
            self._on_saved(version)
        return version

    @safe
    def _on_click_add_button(self, _button: ipw.Button | None = None) -> None:
        self.add()
