"""The Stakeholdergesprekken app: the interviews (form and list), the overview, and the
button that puts the named collaborations of an interview into the netwerkkaart."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as ipw

from leven.core.i18n import t
from leven.core.store import Store, Version
from leven.core.widgets.app import LevenApp
from leven.core.widgets.form import safe, status_html
from leven.core.widgets.panel import RecordPanel
from leven.netwerkkaart.records import Netwerkkaart
from leven.stakeholdergesprek.analysis import latest_snapshot, netwerk_update
from leven.stakeholdergesprek.records import Stakeholdergesprek
from leven.stakeholdergesprek.views.form import StakeholdergesprekForm, actor_names
from leven.stakeholdergesprek.views.overview import GesprekkenOverview


def _date(version: Version[Stakeholdergesprek]) -> str:
    datum = version.record.datum
    return f"{datum:%d-%m-%Y}" if datum else ""


class StakeholdergesprekApp(LevenApp):
    """The interviews of one proeftuin: fill them in, read them together, map them."""

    draws_charts = True

    def __init__(
        self, store: Store, proeftuin: str, saved_by: Callable[[], str] | str = ""
    ) -> None:
        super().__init__(store, proeftuin, saved_by)
        names = actor_names(store, proeftuin)

        def naam(v: Version) -> str:
            return names.get(v.record.gesprekspartner, v.record.gesprekspartner)

        self._names = names
        self.panel = RecordPanel(
            StakeholdergesprekForm,
            store,
            proeftuin,
            label=lambda v: f"{naam(v)} · {_date(v)}",
            saved_by=saved_by,
            on_saved=self._on_saved,
            edit_text=t("stakeholdergesprek.app.kies"),
            new_text=t("stakeholdergesprek.app.nieuw"),
        )
        self.netwerk_button = ipw.Button(
            description=t("stakeholdergesprek.netwerk.knop"), icon="share-alt"
        )
        self.netwerk_button.add_class("leven-zet-in-netwerkkaart")
        self.netwerk_button.on_click(self._on_click_netwerk_button)
        self.netwerk_status = ipw.HTML()
        self.panel.picker.observe(self._observe_picker, names="value")
        self.overview = GesprekkenOverview(store, proeftuin)
        netwerk = ipw.VBox([self.netwerk_button, self.netwerk_status])
        netwerk.add_class("leven-gesprek-netwerk")
        intro = ipw.HTML(
            f'<p class="leven-lead">{html.escape(t("stakeholdergesprek.app.intro"))}</p>'
        )
        self.tabs = ipw.Tab(
            children=[ipw.VBox([self.panel, netwerk]), self.overview],
            titles=[t("stakeholdergesprek.app.gesprekken"), t("stakeholdergesprek.app.overzicht")],
        )
        self.tabs.observe(self._observe_tabs, names="selected_index")
        self.children = [intro, self.tabs]
        self.add_class("leven-stakeholdergesprek-app")
        self._update_netwerk_button()

    def _update_netwerk_button(self) -> None:
        """Only a saved interview can be put in the netwerkkaart. The picker says which one
        is shown ("" for a new one): its handlers may run before or after the form loads."""
        self.netwerk_button.disabled = not self.panel.picker.value

    def _observe_picker(self, _change: dict) -> None:
        self._update_netwerk_button()
        self.netwerk_status.value = ""

    @safe
    def _observe_tabs(self, change: dict) -> None:
        if change["new"] == 1:
            self.overview.refresh()
            self.overview.chart.show()

    def _on_saved(self, _version: Version) -> None:
        self._names.update(actor_names(self.store, self.proeftuin))
        self.panel.refresh()
        self._update_netwerk_button()
        if self.tabs.selected_index == 1:
            self.overview.refresh()

    def show_status(self, message: str, ok: bool = True) -> None:
        self.netwerk_status.value = status_html(message, ok)

    @safe
    def _on_click_netwerk_button(self, _button: ipw.Button | None = None) -> None:
        self.put_in_netwerkkaart()

    def put_in_netwerkkaart(self) -> Version | None:
        """Add ties (werkt samen) from the interviewee to the named others who are actors of
        the proeftuin, as a new version of its latest netwerkkaart (or a new one dated the
        interview's day); say which names matched nobody. Returns the saved version."""
        record_id = self.panel.picker.value or self.panel.form.record_id
        found = self.store.latest(Stakeholdergesprek, record_id) if record_id else None
        if found is None:
            self.show_status(t("stakeholdergesprek.netwerk.niet_opgeslagen"), ok=False)
            return None
        names = actor_names(self.store, self.proeftuin)
        snapshot = latest_snapshot(self.store.records(Netwerkkaart, self.proeftuin))
        update = netwerk_update(
            found.record, names, snapshot.record if snapshot else None,
            titel=t("stakeholdergesprek.netwerk.titel"),
        )
        parts: list[str] = []
        saved = None
        if update.added:
            saved = self.store.save(
                update.kaart,
                proeftuin=self.proeftuin,
                record_id=snapshot.record_id if snapshot else None,
                saved_by=self.saved_by() if callable(self.saved_by) else self.saved_by,
                base_version=snapshot.version if snapshot else None,
            )
            parts.append(t("stakeholdergesprek.netwerk.toegevoegd", n=len(update.added),
                           namen=", ".join(names[i] for i in update.added),
                           datum=f"{update.kaart.datum:%d-%m-%Y}", version=saved.version))
        elif not update.already:
            parts.append(t("stakeholdergesprek.netwerk.geen"))
        if update.already:
            parts.append(t("stakeholdergesprek.netwerk.al", namen=", ".join(
                names[i] for i in update.already)))
        if update.unmatched:
            parts.append(t("stakeholdergesprek.netwerk.niet_gevonden",
                           namen=", ".join(update.unmatched)))
        self.show_status(" ".join(parts), ok=bool(update.added) or not update.unmatched)
        return saved
