"""Step 1, *Kernthema vaststellen*: the form and the view of how the ambition evolved.

A proeftuin has one kernthema record (:func:`leven.kernthema.record_id`); every save is a new
version, so the voorlopige and the vastgestelde ambitie stay side by side. The evolution view
shows those versions as cards with their dates, each ambition marked against the version
before it: words put in highlighted, words taken out struck through. All typed text is
escaped: nothing a user wrote is ever interpreted as markup.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, ClassVar

import ipywidgets as ipw
from pydantic import ConfigDict

from leven.core.i18n import t
from leven.core.records import Record
from leven.core.store import Store, Version
from leven.core.widgets.app import LevenApp
from leven.core.widgets.date import DateInput
from leven.core.widgets.form import Field, RecordForm
from leven.core.widgets.inputs import CheckboxGroup, choice_options
from leven.kernthema import (
    STATUSSEN,
    DiffToken,
    Kernthema,
    KernthemaVersie,
    evolution,
    record_id,
    word_diff,
)
from leven.proeftuin.records import Deelnemer, Organisatie


class _GesprekIndex(Record):
    """The stakeholdergesprekken as the kernthema reads them: by their kind name and the two
    fields a choice shows. The kernthema may not import that instrument (it stands on this
    one, see the layers contract), so it reads the stored payloads, ignoring the rest."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    KIND: ClassVar[str] = "stakeholdergesprek"

    gesprekspartner: str = ""
    datum: date | None = None


def gesprek_choices(store: Store, proeftuin: str) -> list[tuple[str, str]]:
    """(label, record id) of the proeftuin's stakeholdergesprekken, oldest first: the
    interviewee's name and the date, for the choice of what a version drew on."""
    names = {v.record_id: v.record.naam for v in store.records(Deelnemer, proeftuin)}
    names.update({v.record_id: v.record.naam for v in store.records(Organisatie, proeftuin)})
    found = sorted(store.records(_GesprekIndex, proeftuin),
                   key=lambda v: (v.record.datum or date.min, v.record_id))
    return [
        (
            " · ".join(part for part in (
                names.get(v.record.gesprekspartner, v.record.gesprekspartner),
                f"{v.record.datum:%d-%m-%Y}" if v.record.datum else "",
            ) if part),
            v.record_id,
        )
        for v in found
    ]


def diff_html(tokens: Sequence[DiffToken]) -> str:
    """A word diff as HTML: ``<ins>`` for words put in, ``<del>`` for words taken out.

    Every piece of text is escaped; only the tags written here are markup.
    """
    parts: list[str] = []
    for token in tokens:
        text = html.escape(token.text)
        if token.kind == "insert":
            parts.append(f'<ins class="leven-diff-ins">{text}</ins>')
        elif token.kind == "delete":
            parts.append(f'<del class="leven-diff-del">{text}</del>')
        else:
            parts.append(text)
    return "".join(parts)


def _status_label(status: str) -> str:
    return t(f"kernthema.status.{status}")


def evolution_html(versions: Sequence[KernthemaVersie]) -> str:
    """The versions side by side, oldest first: date, status, kernthema, ambition and who,
    each text marked against the version before it."""
    if not versions:
        return f'<p class="leven-empty">{html.escape(t("kernthema.diff.geen_versies"))}</p>'
    table = evolution(versions)
    ordered = sorted(versions, key=lambda v: v.version)
    latest = ordered[-1].record
    parts: list[str] = []
    if latest.aanleiding:
        parts.append(
            f'<div class="leven-kt-aanleiding"><b>{html.escape(t("kernthema.diff.aanleiding"))}'
            f":</b> {html.escape(latest.aanleiding)}</div>"
        )
    if len(ordered) == 1:
        parts.append(f'<p class="leven-meta">{html.escape(t("kernthema.diff.een_versie"))}</p>')
    else:
        legend = (
            diff_html([DiffToken("delete", t("kernthema.diff.weggehaald"))])
            + " · "
            + diff_html([DiffToken("insert", t("kernthema.diff.toegevoegd"))])
        )
        parts.append(
            f'<p class="leven-meta">{html.escape(t("kernthema.diff.legenda"))} {legend}</p>'
        )
    cards = []
    previous: dict[str, Any] | None = None
    for index, row in enumerate(table.to_dict("records")):
        cards.append(_card(row, previous, is_latest=index == len(table) - 1))
        previous = row
    parts.append(f'<div class="leven-kt-cards">{"".join(cards)}</div>')
    return "".join(parts)


def _card(row: dict[str, Any], previous: dict[str, Any] | None, *, is_latest: bool) -> str:
    def marked(name: str) -> str:
        if previous is None:
            return html.escape(row[name])
        return diff_html(word_diff(previous[name], row[name]))

    heading = html.escape(t("kernthema.diff.versie", version=row["version"]))
    if is_latest:
        heading += f' <span class="leven-meta">({html.escape(t("kernthema.diff.nu"))})</span>'
    unchanged = ""
    if previous is not None and previous["ambitie"] == row["ambitie"]:
        unchanged = f'<p class="leven-meta">{html.escape(t("kernthema.diff.ongewijzigd"))}</p>'

    def label(key: str) -> str:
        return f'<div class="leven-kt-label">{html.escape(t(f"kernthema.kolommen.{key}"))}</div>'

    return (
        f'<section class="leven-kt-card leven-kt-{html.escape(row["status"])}" '
        f'data-version="{int(row["version"])}">'
        f"<h4>{heading}</h4>"
        f'<p class="leven-kt-datum">{row["datum"]:%d-%m-%Y} · '
        f'<span class="leven-kt-status">{html.escape(_status_label(row["status"]))}</span></p>'
        f'{label("kernthema")}<p class="leven-kt-kernthema"><b>{marked("kernthema")}</b></p>'
        f'{label("ambitie")}<p class="leven-kt-ambitie">{marked("ambitie")}</p>{unchanged}'
        f'{label("wie")}<p class="leven-kt-wie">{html.escape(row["wie"])}</p>'
        "</section>"
    )


def _field(name: str, widget: ipw.ValueWidget, hint: bool = True) -> Field:
    return Field(
        name, widget, t(f"kernthema.velden.{name}"), t(f"kernthema.hulp.{name}") if hint else ""
    )


class KernthemaForm(RecordForm):
    """The one kernthema of a proeftuin; saving always adds a version, never overwrites."""

    model = Kernthema
    form_name = "kernthema"

    def build_fields(self) -> list[Field]:
        return [
            _field("aanleiding", ipw.Textarea(layout={"height": "5em"})),
            _field("kernthema", ipw.Textarea(layout={"height": "3.5em"})),
            _field("ambitie", ipw.Textarea(layout={"height": "6em"})),
            _field(
                "status",
                ipw.Dropdown(
                    options=choice_options(STATUSSEN, "kernthema.status"),
                    value=STATUSSEN[0],
                    layout={"width": "22rem"},
                ),
            ),
            _field("wie", ipw.Text()),
            _field("datum", DateInput(layout={"width": "14rem"})),
            _field("gesprekken", CheckboxGroup(gesprek_choices(self.store, self.proeftuin))),
        ]

    def reset(self, record: Kernthema | None = None) -> None:
        super().reset(record)
        if record is None:
            # A first version is a voorlopige ambitie, so that is what an empty form says.
            self._restoring = True
            try:
                self.fields["status"].widget.value = STATUSSEN[0]
            finally:
                self._restoring = False

    def load(self, record_id: str | None) -> None:
        super().load(record_id)
        if record_id and self.base_version is None:
            # The first version: refuse to save if someone else created it meanwhile.
            self.base_version = 0


class KernthemaEvolution(ipw.VBox):
    """All versions of the kernthema side by side, with what changed in the ambition."""

    def __init__(self, store: Store, proeftuin: str) -> None:
        self.store = store
        self.proeftuin = proeftuin
        self.html = ipw.HTML()
        self.html.add_class("leven-kernthema-evolution")
        super().__init__([self.html])
        self.refresh()

    @property
    def versions(self) -> list[Version[Kernthema]]:
        return self.store.history(Kernthema, record_id(self.proeftuin))

    def refresh(self) -> None:
        """Read the versions again and redraw."""
        self.html.value = evolution_html(self.versions)


class KernthemaApp(LevenApp):
    """The kernthema app: the form (every save a new version) and how the ambition evolved."""

    def __init__(
        self, store: Store, proeftuin: str, saved_by: Callable[[], str] | str = ""
    ) -> None:
        super().__init__(store, proeftuin, saved_by)
        self.evolution = KernthemaEvolution(store, proeftuin)
        self.next_version = ipw.HTML()
        self.form = KernthemaForm(
            store,
            proeftuin,
            record_id=record_id(proeftuin),
            saved_by=saved_by,
            on_saved=self._on_saved,
        )
        intro = ipw.HTML(f'<p class="leven-lead">{html.escape(t("kernthema.app.intro"))}</p>')
        self.tabs = ipw.Tab(children=[ipw.VBox([self.next_version, self.form]), self.evolution])
        self.tabs.set_title(0, t("kernthema.app.formulier"))
        self.tabs.set_title(1, t("kernthema.app.ontwikkeling"))
        self._show_next_version()
        self.children = [intro, self.tabs]
        self.add_class("leven-kernthema-app")

    def _show_next_version(self) -> None:
        current = self.form.base_version or 0
        text = (
            t("kernthema.app.volgende", version=current + 1, current=current)
            if current
            else t("kernthema.app.nieuw")
        )
        self.next_version.value = f'<p class="leven-meta">{html.escape(text)}</p>'

    def _on_saved(self, _version: Version) -> None:
        self.evolution.refresh()
        self._show_next_version()
