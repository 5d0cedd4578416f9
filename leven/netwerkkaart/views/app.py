"""Step 2, *Verkennen*: the netwerkkaart of one proeftuin, before and after, and what is there.

Three tabs. "Netwerkkaart": pick or make a snapshot, add and remove ties (each change a new
version, saved at once), the chart and its figures beside it. "Voor en na": two snapshots
side by side, the new ties highlighted, and what changed. "Wat is er al": existing
initiatives to join. Made for a projected laptop: the tie editor and the chart fit on one
1920×1080 screen.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as ipw

from leven.core.i18n import t
from leven.core.store import Store, Version
from leven.core.widgets.app import LevenApp
from leven.core.widgets.chartbox import ChartBox
from leven.core.widgets.form import safe
from leven.core.widgets.inputs import choice_options
from leven.core.widgets.panel import RecordPanel, empty_note
from leven.netwerkkaart.analysis import LAYOUTS, Actor, actors, compare, figures
from leven.netwerkkaart.records import Band, BestaandInitiatief, Netwerkkaart
from leven.netwerkkaart.views.editor import ActorAdder, BandEditor
from leven.netwerkkaart.views.figures import comparison_html, figures_html
from leven.netwerkkaart.views.forms import InitiatiefForm, NetwerkkaartForm, kaart_label
from leven.proeftuin import Deelnemer, Organisatie


def load_actors(store: Store, proeftuin: str) -> list[Actor]:
    """The proeftuin's deelnemers and organisaties as actors of the map."""
    return actors(store.frame(Deelnemer, proeftuin), store.frame(Organisatie, proeftuin))


def snapshots(store: Store, proeftuin: str) -> list[Version[Netwerkkaart]]:
    """The proeftuin's snapshots, oldest first (by date, then by when they were made)."""
    return sorted(store.records(Netwerkkaart, proeftuin),
                  key=lambda v: (v.record.datum, v.saved_at, v.record_id))


def _initiative_columns() -> list[tuple[str, Callable[[Version], str]]]:
    def c(key: str) -> str:
        return t(f"netwerkkaart.kolommen.{key}")

    return [
        (c("naam"), lambda v: v.record.naam),
        (c("wie"), lambda v: v.record.wie),
        (c("aandacht"), lambda v: t(f"netwerkkaart.aandacht.{v.record.aandacht.value}")),
        (c("notitie"), lambda v: v.record.notitie),
    ]


class NetwerkkaartApp(LevenApp):
    """The verkennen app of one proeftuin."""

    draws_charts = True

    def __init__(
        self, store: Store, proeftuin: str, saved_by: Callable[[], str] | str = ""
    ) -> None:
        super().__init__(store, proeftuin, saved_by)
        self.actoren = load_actors(store, proeftuin)
        self.snapshots = RecordPanel(
            NetwerkkaartForm, store, proeftuin, label=kaart_label, saved_by=saved_by,
            on_saved=self._on_snapshot_saved, edit_text=t("netwerkkaart.form.kies_kaart"),
            new_text=t("netwerkkaart.form.nieuwe_kaart"),
            new_option=t("netwerkkaart.form.nieuwe_optie"), picker_width="30rem",
        )
        self.snapshots.picker.observe(self._observe_snapshot, names="value")
        self.editor = BandEditor(store, proeftuin, saved_by=saved_by, on_saved=self._on_tie_saved)
        self.adder = ActorAdder(store, proeftuin, saved_by=saved_by,
                                on_saved=self._on_actor_saved)
        self.layout_choice = ipw.ToggleButtons(
            options=choice_options(list(LAYOUTS), "netwerkkaart.layouts"), value="ring",
            description=t("netwerkkaart.editor.vorm"))
        self.layout_choice.style.description_width = "initial"
        self.layout_choice.observe(self._observe_layout, names="value")
        self.chart = ChartBox(shown=True, layout={"width": "660px", "flex": "0 0 auto"})
        self.chart.add_class("leven-nk-chart")
        self.figures = ipw.HTML(layout={"width": "26rem", "flex": "0 0 auto"})
        self.figures.add_class("leven-nk-figures")
        # The snapshot's heading folds away: during a meeting the ties are what is edited.
        self.snapshot_details = ipw.Accordion(children=[self.snapshots.form])
        self.snapshot_details.set_title(0, t("netwerkkaart.form.details"))
        self.snapshots.children = [self.snapshots.children[0], self.snapshot_details]
        self.snapshots.new_button.layout.width = "auto"
        left = ipw.VBox([self.snapshots, self.editor, self.adder],
                        layout={"width": "38rem", "flex": "0 0 auto"})
        right = ipw.VBox(
            [self.layout_choice, ipw.HBox([self.chart, self.figures], layout={"gap": "1rem"})],
            layout={"flex": "1 1 auto", "min_width": "0"},
        )
        kaart = ipw.HBox([left, right], layout={"gap": "1.5rem", "align_items": "flex-start"})
        self.comparison = Comparison(self)
        self.initiatieven = RecordPanel(
            InitiatiefForm, store, proeftuin, _initiative_columns(),
            label=lambda v: v.record.naam, saved_by=saved_by,
            edit_text=t("netwerkkaart.form.initiatief_kiezen"),
            new_text=t("netwerkkaart.form.nieuw_initiatief"), picker_width="30rem",
        )
        self.tabs = ipw.Tab(children=[kaart, self.comparison, self.initiatieven])
        for index, key in enumerate(("kaart", "voor_na", "wat_er_al_is")):
            self.tabs.set_title(index, t(f"netwerkkaart.app.{key}"))
        self.tabs.observe(self._observe_tabs, names="selected_index")
        intro = ipw.HTML(f'<p class="leven-lead">{html.escape(t("netwerkkaart.app.intro"))}</p>')
        self.editor.set_actors(self.actoren)
        known = snapshots(store, proeftuin)
        if known:  # the latest snapshot: what a meeting most likely continues
            self.snapshots.picker.value = known[-1].record_id
        else:
            self._show(None)
        self.children = [intro, self.tabs]
        self.add_class("leven-netwerkkaart-app")

    @property
    def record_id(self) -> str | None:
        """The snapshot shown (None: a new one, not saved yet)."""
        return self.snapshots.form.record_id

    def banden(self) -> tuple[Band, ...]:
        found = self.store.latest(Netwerkkaart, self.record_id) if self.record_id else None
        return found.record.banden if found else ()

    def _show(self, record_id: str | None) -> None:
        self.editor.show(record_id)
        # a new snapshot needs its date first; an existing one is edited through its ties
        self.snapshot_details.selected_index = None if record_id else 0
        self.redraw()

    def redraw(self) -> None:
        """The chart and the figures of the snapshot shown."""
        banden, actoren, layout = self.banden(), list(self.actoren), self.layout_choice.value
        self.figures.value = figures_html(figures(banden, actoren), actoren)
        if not actoren and not banden:
            self.chart.set_note(empty_note(t("netwerkkaart.grafiek.leeg")))
            return
        from leven.netwerkkaart.charts import network_chart

        self.chart.set(lambda: network_chart(banden, actoren, layout=layout, app=True))

    def show_status(self, message: str, ok: bool = True) -> None:
        self.editor.show_status(message, ok)

    @safe
    def _observe_snapshot(self, change: dict) -> None:
        self._show(change["new"] or None)

    @safe
    def _observe_layout(self, _change: dict) -> None:
        self.redraw()

    @safe
    def _observe_tabs(self, change: dict) -> None:
        if change["new"] == 1:
            self.comparison.refresh()
            self.comparison.chart.show()
        else:
            self.comparison.chart.hide()

    def _on_snapshot_saved(self, version: Version) -> None:
        self._show(version.record_id)
        self.comparison.stale = True

    def _on_tie_saved(self, version: Version) -> None:
        # the snapshot form now starts from this version: its next save must not conflict
        self.snapshots.form.base_version = version.version
        self.redraw()
        self.comparison.stale = True

    def _on_actor_saved(self, _version: Version) -> None:
        self.actoren = load_actors(self.store, self.proeftuin)
        self.editor.set_actors(self.actoren)
        self.editor.refresh()
        self.redraw()


class Comparison(ipw.VBox):
    """Two snapshots side by side, the new ties highlighted, and what changed."""

    def __init__(self, app: NetwerkkaartApp) -> None:
        self.app = app
        self.stale = True
        self.voor = ipw.Dropdown(description=t("netwerkkaart.cijfers.voor"),
                                 layout={"width": "30rem"})
        self.na = ipw.Dropdown(description=t("netwerkkaart.cijfers.na"),
                               layout={"width": "30rem"})
        for dropdown in (self.voor, self.na):
            dropdown.observe(self._observe_choice, names="value")
        self.chart = ChartBox()
        self.chart.add_class("leven-nk-voor-na")
        self.summary = ipw.HTML()
        self.summary.add_class("leven-nk-vergelijking")
        # what changed goes under the charts where beside them it would be squeezed (leven.css)
        row = ipw.HBox([self.chart, self.summary], layout={"gap": "1rem"})
        row.add_class("leven-nk-voor-na-rij")
        super().__init__([ipw.HBox([self.voor, self.na]), row])

    def refresh(self) -> None:
        """Offer the snapshots again (first and last by default) and redraw, when stale."""
        if not self.stale:
            return
        self.stale = False
        known = snapshots(self.app.store, self.app.proeftuin)
        options = [(kaart_label(v), v.record_id) for v in known]
        self._choosing = True
        try:
            self.voor.options = self.na.options = options
            if len(options) >= 2:
                self.voor.value, self.na.value = options[0][1], options[-1][1]
        finally:
            self._choosing = False
        self.draw()

    def draw(self) -> None:
        store, actoren = self.app.store, list(self.app.actoren)
        voor = store.latest(Netwerkkaart, self.voor.value) if self.voor.value else None
        na = store.latest(Netwerkkaart, self.na.value) if self.na.value else None
        if voor is None or na is None or len(self.voor.options) < 2:
            self.chart.set_note(empty_note(t("netwerkkaart.cijfers.te_weinig")))
            self.summary.value = ""
            return
        before, after = voor.record.banden, na.record.banden
        titles = (kaart_label(voor), kaart_label(na))
        layout = self.app.layout_choice.value
        self.summary.value = comparison_html(compare(before, after, actoren), actoren)
        from leven.netwerkkaart.charts import before_after_chart

        self.chart.set(lambda: before_after_chart(before, after, actoren, layout=layout,
                                                  titles=titles, app=True))

    @safe
    def _observe_choice(self, _change: dict[str, Any]) -> None:
        if not getattr(self, "_choosing", False):
            self.draw()

    def show_status(self, message: str, ok: bool = True) -> None:
        self.summary.value = empty_note(message)


__all__ = ["BestaandInitiatief", "NetwerkkaartApp"]
