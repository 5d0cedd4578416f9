"""The experiments page: the ambition on top, the experiments as cards, and the forms of the
chosen one (describe, status, actions, opbrengst and borging).

Opening the page takes over the experiments that existed only as a name on GAS goals
(:mod:`leven.experiment.views.migration`), so a store made before this page loses nothing.
"""

from __future__ import annotations

import html
import logging
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as ipw

from leven.core.i18n import t
from leven.core.store import Store, StoreError, Version
from leven.core.widgets.app import LevenApp
from leven.core.widgets.form import safe, status_html
from leven.experiment.analysis import latest_t_scores
from leven.experiment.records import Actie, Experiment
from leven.experiment.views.actions import ActionList
from leven.experiment.views.cards import CardContext, ambition_html, cards_html
from leven.experiment.views.forms import (
    ActieForm,
    BorgingForm,
    ExperimentForm,
    StatusForm,
    deelnemers,
    initiatives,
)
from leven.experiment.views.migration import migrate_gas_experiments
from leven.gas import GasDoel, GasScore
from leven.kernthema import Kernthema
from leven.kernthema import record_id as kernthema_id

log = logging.getLogger("leven")
TABS = ("tab_experiment", "tab_status", "tab_acties", "tab_borging")


class ExperimentApp(LevenApp):
    """Stap 4–5 for one proeftuin: its experiments, their status, actions and borging."""

    today: Callable[[], date] = staticmethod(date.today)

    def __init__(
        self, store: Store, proeftuin: str, saved_by: Callable[[], str] | str = ""
    ) -> None:
        super().__init__(store, proeftuin, saved_by)
        try:
            migrated = migrate_gas_experiments(store, proeftuin)
        except StoreError:  # busy or full: the page works without; the next opening retries
            log.exception("experiments not taken over from the GAS goals")
            migrated = []
        self.ambition = ipw.HTML()
        self.cards = ipw.HTML()
        self.cards.add_class("leven-exp-kaarten")
        self.message = ipw.HTML(
            status_html(t("experiment.app.overgenomen", aantal=len(migrated))) if migrated else ""
        )
        self.picker = ipw.Dropdown(description=t("experiment.app.kies"),
                                   layout={"width": "100%", "max_width": "36em"})
        self.picker.style.description_width = "initial"
        self.picker.add_class("leven-exp-kies")
        options = {"saved_by": saved_by, "on_saved": self._saved}
        self.form = ExperimentForm(store, proeftuin, **options)
        self.status_form = StatusForm(store, proeftuin, **options)
        self.borging_form = BorgingForm(store, proeftuin, **options)
        self.action_form = ActieForm(store, proeftuin, **options)
        for form in (self.form, self.status_form, self.borging_form):
            form.today = lambda: self.today()  # one "today" for the whole page
        self.actions = ActionList(store, proeftuin, saved_by=saved_by, on_saved=self._saved,
                                  today=lambda: self.today())
        self.choose_first = ipw.HTML(
            f'<p class="leven-hint">{html.escape(t("experiment.app.kies_eerst"))}</p>')
        self.chosen_only = [
            self.status_form,
            ipw.VBox([self.actions, ipw.HTML(f"<h3>{html.escape(t('experiment.actie.toevoegen'))}"
                                             "</h3>"), self.action_form]),
            self.borging_form,
        ]
        self.tabs = ipw.Tab([self.form, *(ipw.VBox([self.choose_first, part])
                                          for part in self.chosen_only)])
        for index, key in enumerate(TABS):
            self.tabs.set_title(index, t(f"experiment.app.{key}"))
        intro = ipw.HTML(f'<p class="leven-lead">{html.escape(t("experiment.app.intro"))}</p>')
        self.children = [intro, self.ambition, self.message, self.cards, self.picker, self.tabs]
        self.add_class("leven-experiment-app")
        self.picker.observe(self._observe_picker, names="value")
        self.refresh()
        self._choose(None)

    # -- data ----------------------------------------------------------------------------

    @property
    def experiments(self) -> list[Version[Experiment]]:
        return self.store.records(Experiment, self.proeftuin)

    def actions_of(self, experiment_id: str) -> list[Version[Actie]]:
        return [v for v in self.store.records(Actie, self.proeftuin)
                if v.record.experiment_id == experiment_id]

    def refresh(self) -> None:
        """Read everything again: the ambition, the cards and the experiment choices."""
        found = self.store.latest(Kernthema, kernthema_id(self.proeftuin))
        self.ambition.value = ambition_html(found.record.ambitie if found else None,
                                            found.record.status if found else None)
        experiments = self.experiments
        goals = self.store.frame(GasDoel, self.proeftuin)
        scores = self.store.frame(GasScore, self.proeftuin)
        t_scores = latest_t_scores(goals, scores)
        actions: dict[str, list[Actie]] = defaultdict(list)
        for version in self.store.records(Actie, self.proeftuin):
            actions[version.record.experiment_id].append(version.record)
        people = deelnemers(self.store, self.proeftuin)
        context = CardContext(
            proeftuin=self.proeftuin,
            today=self.today(),
            names={rid: p.naam for rid, p in people.items()},
            initiatives=initiatives(self.store, self.proeftuin),
            actions=actions,
            t_scores={row.experiment_id: (row.meting, row.t_score)
                      for row in t_scores.itertuples(index=False)},
            with_goals=frozenset(goals["experiment_id"]) if len(goals) else frozenset(),
        )
        self.cards.value = cards_html(experiments, context)
        current = self.picker.value
        choices = [(t("experiment.app.nieuw_optie"), "")]
        choices += [(v.record.naam, v.record_id) for v in experiments]
        self.picker.unobserve(self._observe_picker, names="value")
        try:
            self.picker.options = choices
            self.picker.value = current if current in {c for _, c in choices} else ""
        finally:
            self.picker.observe(self._observe_picker, names="value")

    # -- choosing and saving ---------------------------------------------------------------

    def choose(self, experiment_id: str | None) -> None:
        """Show the forms of this experiment ("" or None: a new one)."""
        self.picker.value = experiment_id or ""

    def _choose(self, experiment_id: str | None) -> None:
        chosen = experiment_id or None
        self.form.load(chosen)
        self.status_form.load(chosen)
        self.borging_form.load(chosen)
        self.action_form.set_experiment(chosen or "")
        self.actions.show(self.actions_of(chosen) if chosen else [])
        self.choose_first.layout.display = "none" if chosen else ""
        for part in self.chosen_only:
            part.layout.display = "" if chosen else "none"

    @safe
    def _observe_picker(self, change: dict) -> None:
        self.message.value = ""
        self._choose(change["new"])

    def _saved(self, version: Version[Any]) -> None:
        """After any save: the cards, and every form on the latest version of the experiment
        (so the next save of another form does not conflict with this one)."""
        experiment_id = (version.record.experiment_id if isinstance(version.record, Actie)
                         else version.record_id)
        self.refresh()
        self.picker.unobserve(self._observe_picker, names="value")
        try:
            self.picker.value = experiment_id
        finally:
            self.picker.observe(self._observe_picker, names="value")
        for form in (self.form, self.status_form, self.borging_form):
            if form.record_id != experiment_id or form.base_version != _version_of(version, form):
                form.load(experiment_id)
        if isinstance(version.record, Actie):
            self.actions.show(self.actions_of(experiment_id))
        elif self.action_form.experiment_id != experiment_id:  # a new experiment was saved
            self.action_form.set_experiment(experiment_id)
            self.actions.show([])
            self.choose_first.layout.display = "none"
            for part in self.chosen_only:
                part.layout.display = ""

def _version_of(version: Version[Any], form: Any) -> int | None:
    """The version ``form`` should stand on after ``version`` was saved."""
    return version.version if isinstance(version.record, Experiment) else form.base_version
