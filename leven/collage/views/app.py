"""Step 3, *Verbeelden*: notes on collages and drawings, their gallery, and their words.

The app has three tabs: entering notes (a note per participant or subgroup, with photos),
the gallery to show on the projector, and the language view — the most used words and the
words that zorg and sociaal domein use differently, for the conversation about
"overeenkomsten en verschillen in taal, werkwijzen en zienswijze".
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as ipw

from leven.collage import DIMENSIES, DOMEINEN, CollageNotitie
from leven.collage.views.gallery import bijeenkomst_options, gallery_html
from leven.collage.views.words import CollageWords
from leven.core.i18n import has, t
from leven.core.media import size_limit_text
from leven.core.records import Record
from leven.core.store import Store, Version
from leven.core.widgets.app import LevenApp
from leven.core.widgets.form import Field, RecordForm, safe
from leven.core.widgets.inputs import CheckboxGroup, choice_options
from leven.core.widgets.panel import RecordPanel
from leven.core.widgets.photo_upload import PhotoField
from leven.proeftuin import Deelnemer


def _field(name: str, widget: ipw.ValueWidget, hint: str | None = None) -> Field:
    if hint is None:
        key = f"collage.hulp.{name}"
        hint = t(key) if has(key) else ""
    return Field(name, widget, t(f"collage.velden.{name}"), hint)


class CollageForm(RecordForm):
    """A note on one collage or drawing: its words, its photos, its bijeenkomst."""

    model = CollageNotitie
    form_name = "collage"

    def build_fields(self) -> list[Field]:
        self._deelnemers = {
            v.record.naam: v.record.domein.value
            for v in self.store.records(Deelnemer, self.proeftuin)
            if v.record.domein
        }
        door = ipw.Combobox(
            options=sorted(self._deelnemers),
            ensure_option=False,
            placeholder=t("collage.form.door_placeholder"),
        )
        domein = ipw.Dropdown(
            options=[(t("core.form.choose"), None), *choice_options(DOMEINEN, "collage.domeinen")]
        )
        self.photos = PhotoField(self.store, self.proeftuin, on_message=self._photo_message)
        fields = [
            _field("titel", ipw.Text()),
            _field("door", door),
            _field("domein", domein),
            _field("bijeenkomst_id", ipw.Dropdown(options=self._bijeenkomst_options())),
            _field("metafoor", ipw.Textarea(layout={"height": "4em"})),
            _field("trefwoorden", ipw.Text(placeholder=t("collage.form.trefwoorden_placeholder"))),
            _field("tekst", ipw.Textarea(layout={"height": "7em"}), hint=""),
            _field(
                "dimensies",
                CheckboxGroup(
                    choice_options(DIMENSIES, "collage.dimensies"), layout={"flex_flow": "row wrap"}
                ),
            ),
            _field("foto_ids", self.photos, hint=size_limit_text()),
        ]
        door.observe(self._observe_door, names="value")
        return fields

    def header(self) -> list[ipw.Widget]:
        return [ipw.HTML(f"<h3>{html.escape(t('collage.form.kop'))}</h3>")]

    def _bijeenkomst_options(self) -> list[tuple[str, str | None]]:
        return [
            (t("collage.form.geen_bijeenkomst"), None),
            *bijeenkomst_options(self.store, self.proeftuin),
        ]

    def _show_photo_count(self, record: Record | None) -> None:
        """Say how many photos the note shown has: once it is saved (or loaded), the note
        under the upload button no longer asks to save them."""
        count = len(getattr(record, "foto_ids", ()) or ())
        text = t("collage.foto.bij_notitie", aantal=count) if count else ""
        self.photos.note.value = (
            f'<span class="leven-hint">{html.escape(text)}</span>' if text else ""
        )

    def reset(self, record: Record | None = None) -> None:
        super().reset(record)
        self._show_photo_count(record)

    def save(self) -> Version | None:
        version = super().save()
        if version is not None:
            self._show_photo_count(version.record)
        return version

    def _photo_message(self, message: str) -> None:
        self.fields["foto_ids"].show_error(message)
        if message:
            self.status.value = ""  # an earlier "Opgeslagen" no longer describes the form

    @safe
    def _observe_door(self, change: dict) -> None:
        # Typing a known deelnemer fills in their domain, unless one was chosen already.
        domein = self.fields["domein"].widget
        if self._restoring or domein.value is not None:
            return
        found = self._deelnemers.get(str(change["new"]).strip())
        if found:
            domein.value = found

    # -- form values <-> record ----------------------------------------------------------

    @property
    def values(self) -> dict[str, Any]:
        return RecordForm.values.fget(self)

    @values.setter
    def values(self, values: dict[str, Any]) -> None:
        self._ensure_bijeenkomst(values.get("bijeenkomst_id"))
        RecordForm.values.fset(self, values)
        self._show_photo_count(None)  # e.g. a draft's photos: not (yet) those of the note

    def _ensure_bijeenkomst(self, bijeenkomst_id: Any) -> None:
        """Keep a note's bijeenkomst choosable even if it is not in the list (any more)."""
        dropdown = self.fields["bijeenkomst_id"].widget
        known = [value for _, value in dropdown.options]
        if bijeenkomst_id and bijeenkomst_id not in known:
            label = t("collage.form.onbekende_bijeenkomst", id=bijeenkomst_id)
            dropdown.options = [*dropdown.options, (label, bijeenkomst_id)]

    def from_record(self, record: Record) -> dict[str, Any]:
        values = super().from_record(record)
        values["trefwoorden"] = ", ".join(values.get("trefwoorden") or [])
        return values

    def load(self, record_id: str | None) -> None:
        # Bijeenkomsten may have been added in the proeftuin app meanwhile.
        self.fields["bijeenkomst_id"].widget.options = self._bijeenkomst_options()
        super().load(record_id)


def _note_label(version: Version[CollageNotitie]) -> str:
    note = version.record
    return f"{note.titel} — {note.door}" if note.door else note.titel


class CollageApp(LevenApp):
    """The verbeelden app: enter notes, show the gallery, look at the words."""

    draws_charts = True

    def __init__(
        self, store: Store, proeftuin: str, saved_by: Callable[[], str] | str = ""
    ) -> None:
        super().__init__(store, proeftuin, saved_by)
        self.gallery = ipw.HTML()
        self.gallery.add_class("leven-collage-gallery")
        self.notes = RecordPanel(
            CollageForm,
            store,
            proeftuin,
            label=_note_label,
            saved_by=saved_by,
            on_saved=self._on_saved,
            picker_width="40rem",
        )
        self.words = CollageWords(store, proeftuin)
        self.tabs = ipw.Tab(children=[self.notes, self.gallery, self.words])
        for index, key in enumerate(
            ("collage.app.notities", "collage.galerij.titel", "collage.app.taal")
        ):
            self.tabs.set_title(index, t(key))
        self.tabs.observe(self._observe_tabs, names="selected_index")
        intro = ipw.HTML(f'<p class="leven-lead">{html.escape(t("collage.app.intro"))}</p>')
        self.refresh_gallery()
        self.children = [intro, self.tabs]
        self.add_class("leven-collage-app")

    @property
    def form(self) -> CollageForm:
        return self.notes.form

    def refresh_gallery(self) -> None:
        versions = self.store.records(CollageNotitie, self.proeftuin)
        labels = {value: label for label, value in bijeenkomst_options(self.store, self.proeftuin)}
        self.gallery.value = gallery_html(self.store, versions, labels)

    def show_status(self, message: str, ok: bool = True) -> None:
        self.notes.show_status(message, ok)

    @safe
    def _observe_tabs(self, change: dict) -> None:
        # The language view imports Altair (slow): only when someone looks at it.
        if change["new"] == 2 and self.words.stale:
            self.words.refresh()
        elif change["new"] == 1:
            self.refresh_gallery()

    def _on_saved(self, _version: Version) -> None:
        self.refresh_gallery()
        self.words.stale = True
        if self.tabs.selected_index == 2:
            self.words.refresh()
