"""The GAS app: choose or start an experiment, then its goals, the scoring and the result.

Each :class:`~leven.gas.GasDoel` names its experiment by id; the experiments page keeps
them as records of their own (kind ``experiment``), which this page reads by kind name (the
experiments stand on GAS, not the other way round), so an experiment without goals yet is
offered too, and ``?experiment=ID`` in the address opens that one. A new experiment begun
here lives on this page until its first goal is saved (after a reload it comes back from
that goal's draft, once something was typed); the experiments page then takes it over. Its
goals are listed above the goal form (:class:`GoalsPanel`). The T-scores are computed with
:mod:`leven.gas` from the store's frames, the same way the researchers' notebook does.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from typing import Any, ClassVar
from urllib.parse import parse_qs

import ipywidgets as ipw
import pandas as pd
from pydantic import ConfigDict

from leven import gas
from leven.core.i18n import t
from leven.core.records import Record
from leven.core.store import Store, Version
from leven.core.widgets.app import LevenApp
from leven.core.widgets.form import owned_draft_key, safe, status_html
from leven.core.widgets.panel import RecordPanel, html_table
from leven.gas import METINGEN, GasDoel, GasScore, format_number, signed
from leven.gas.views.goal import GasDoelForm, show_choose
from leven.gas.views.score import ResultView, ScorePanel


class ExperimentIndex(Record):
    """An experiment record as the GAS page reads it: by kind name, its name only."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    KIND: ClassVar[str] = "experiment"

    naam: str = ""


def chosen_experiment() -> str | None:
    """The ``experiment`` of the page's address (Voila puts the query string in the
    environment once the request has come; ``start_app`` waited for it)."""
    return parse_qs(os.environ.get("QUERY_STRING", "")).get("experiment", [None])[0]


def _level_cell(level: Any, when: Any) -> str:
    if pd.isna(level):
        return "–"
    return f"{signed(int(level))} ({pd.Timestamp(when):%d-%m-%Y})"


class GoalsPanel(RecordPanel):
    """The goals of the chosen experiment in a table, a picker, and the goal form."""

    def __init__(
        self,
        store: Store,
        proeftuin: str,
        *,
        saved_by: Callable[[], str] | str = "",
        on_saved: Callable[[Version], None] | None = None,
        scorings: Callable[[str], int] | None = None,
    ) -> None:
        self.experiment_id: str | None = None
        self._goal_count = 0
        super().__init__(
            GasDoelForm,
            store,
            proeftuin,
            label=str,  # choices and table come from show()
            with_table=True,
            saved_by=saved_by,
            on_saved=on_saved,
            form_options={"scorings": scorings},
            edit_text=t("gas.doelen.bewerken"),
            new_text=t("gas.doelen.nieuw"),
            new_option=t("gas.doelen.nieuw_optie"),
            picker_width="40em",
        )
        self.picker.add_class("leven-gas-doelkeuze")
        self.new_button.add_class("leven-gas-nieuw-doel")

    def refresh(self) -> None:
        """Nothing to read here: the GAS app calls :meth:`show` after every save."""

    def show(
        self, experiment_id: str, name: str, goals: pd.DataFrame, levels: pd.DataFrame
    ) -> None:
        """Show the goals of one experiment (store frame rows) and their latest levels.

        ``levels``: :func:`leven.gas.goal_levels` of these goals. A new experiment opens an
        empty goal form; the same experiment keeps the goal that is being edited.
        """
        by_goal = levels.set_index("doel_id")
        rows = []
        for number, goal in enumerate(goals.itertuples(index=False), start=1):
            cells = [str(number), goal.doel, goal.niveau_0, str(goal.version)]
            for meting in METINGEN:
                if goal.record_id in by_goal.index:
                    found = by_goal.loc[goal.record_id]
                    cells.append(_level_cell(found[f"niveau_{meting}"], found[f"datum_{meting}"]))
                else:
                    cells.append("–")
            rows.append(cells)
        headers = [
            t(f"gas.doelen.{key}")
            for key in ("nummer", "doel", "niveau_0", "versie", "nulmeting", "vervolgmeting")
        ]
        ids = list(goals["record_id"])
        choices = [
            (f"{number}. {text}", rid)
            for number, (rid, text) in enumerate(zip(ids, goals["doel"], strict=True), start=1)
        ]
        changed = experiment_id != self.experiment_id
        self.experiment_id = experiment_id
        self._goal_count = len(ids)
        next_place = int(goals["volgorde"].max()) + 1 if len(ids) else 0
        table = html_table(rows, headers, empty=t("gas.doelen.leeg"))
        self.show_choices(choices, table, keep=not changed)
        if changed:
            self.form.set_experiment(experiment_id, name, next_place)
        else:
            self.form.next_volgorde = next_place
            if self.form.record_id is None:
                self.form.volgorde = next_place


class GasApp(LevenApp):
    """Goal Attainment Scaling for one proeftuin: experiments, goals, scorings, T-scores."""

    draws_charts = True

    def __init__(
        self, store: Store, proeftuin: str, saved_by: Callable[[], str] | str = ""
    ) -> None:
        super().__init__(store, proeftuin, saved_by)
        self.pending: dict[str, str] = {}  # new experiments without a saved goal yet
        self.without_goals: dict[str, str] = {}  # experiment records without goals (id -> name)
        self.known = gas.experiments(pd.DataFrame())
        self.goals_frame = store.frame(GasDoel, proeftuin)
        self.scores_frame = store.frame(GasScore, proeftuin)
        self.picker = ipw.Dropdown(
            description=t("gas.experiment.kies"),
            options=[(t("gas.experiment.geen"), None)],
            value=None,
        )
        self.picker.style.description_width = "initial"
        self.picker.layout.width = "36em"
        self.picker.add_class("leven-gas-experiment")
        self.new_name = ipw.Text(
            placeholder=t("gas.experiment.nieuw_placeholder"), layout={"width": "22em"}
        )
        self.new_name.add_class("leven-gas-nieuw-experiment")
        self.new_button = ipw.Button(
            description=t("gas.experiment.beginnen"),
            icon="plus",
            button_style="primary",
            layout={"width": "auto"},
        )
        self.new_button.add_class("leven-gas-experiment-beginnen")
        self.message = ipw.HTML()
        self.summary = ipw.HTML()
        self.summary.add_class("leven-gas-samenvatting")
        self.goals = GoalsPanel(
            store, proeftuin, saved_by=saved_by, on_saved=self._saved, scorings=self._scorings
        )
        self.scoring = ScorePanel(store, proeftuin, saved_by=saved_by, on_saved=self._saved)
        self.result = ResultView()
        self.tabs = ipw.Tab([self.goals, self.scoring, self.result])
        for index, key in enumerate(("doelen", "scoren", "resultaat")):
            self.tabs.set_title(index, t(f"gas.tabs.{key}"))
        self.hint = ipw.HTML(f'<p class="leven-hint">{html.escape(t("gas.experiment.uitleg"))}</p>')
        self.body = ipw.VBox([self.summary, self.tabs])
        chooser = ipw.VBox(
            [
                self.picker,
                ipw.HBox(
                    [
                        ipw.HTML(f"<b>{html.escape(t('gas.experiment.nieuw'))}</b>"),
                        self.new_name,
                        self.new_button,
                    ],
                    layout={"align_items": "center", "grid_gap": "0.6em"},
                ),
                self.message,
            ]
        )
        chooser.add_class("leven-gas-experimenten")
        self.children = [chooser, self.hint, self.body]
        self.add_class("leven-gas-app")
        self.picker.observe(self._observe_picker, names="value")
        self.new_button.on_click(self._on_click_new_button)
        self.tabs.observe(self._observe_tab, names="selected_index")
        self.pending.update(self._drafted_experiments())
        self.refresh()
        self.choose(chosen_experiment())

    # -- data ----------------------------------------------------------------------------

    def _drafted_experiments(self) -> dict[str, str]:
        """New experiments with a typed but unsaved first goal (id -> name).

        An experiment exists through its goals, so one begun just before a reload or a lost
        connection would be gone with its kernel; its goal's draft names it, so it is
        offered again, and choosing it offers that draft back.
        """
        start = owned_draft_key(GasDoelForm.new_goal_drafts(self.proeftuin))  # this browser's
        found = {}
        for draft in self.store.drafts(start):
            experiment_id = draft.key.removeprefix(start)
            name = " ".join(str(draft.values.get("experiment") or "").split())
            if experiment_id not in ("", "-") and name:
                found.setdefault(experiment_id, name)
        return found

    def choose(self, experiment_id: str | None) -> None:
        """Open this experiment's goals, when the proeftuin has it (the link from its card)."""
        if experiment_id and experiment_id in {value for _, value in self.picker.options}:
            self.picker.value = experiment_id

    def _scorings(self, record_id: str) -> int:
        return int((self.scores_frame["doel_id"] == record_id).sum())

    def refresh(self) -> None:
        """Read the goals and scorings again and show the chosen experiment."""
        self.goals_frame = self.store.frame(GasDoel, self.proeftuin)
        self.scores_frame = self.store.frame(GasScore, self.proeftuin)
        self.known = gas.experiments(self.goals_frame)
        records = {v.record_id: v.record.naam
                   for v in self.store.records(ExperimentIndex, self.proeftuin)}
        for experiment_id in self.known["experiment_id"]:
            self.pending.pop(experiment_id, None)
        for experiment_id in records:
            self.pending.pop(experiment_id, None)
        # the experiment record's name where there is one: it may have been renamed there
        names = [records.get(eid) or name
                 for eid, name in zip(self.known["experiment_id"], self.known["experiment"],
                                      strict=True)]
        self.known = self.known.assign(experiment=names)
        without_goals = {eid: name for eid, name in records.items()
                         if eid not in set(self.known["experiment_id"])}
        options = [(t("gas.experiment.geen"), None)]
        options += list(zip(self.known["experiment"], self.known["experiment_id"], strict=True))
        options += [(t("gas.experiment.nog_geen_doelen", naam=name), experiment_id)
                    for experiment_id, name in without_goals.items()]
        self.without_goals = without_goals
        options += [
            (t("gas.experiment.nog_geen_doelen", naam=name), experiment_id)
            for experiment_id, name in self.pending.items()
        ]
        current = self.picker.value
        self.picker.unobserve(self._observe_picker, names="value")
        try:
            self.picker.options = options
            self.picker.value = current if current in {value for _, value in options} else None
            show_choose(self.picker)
        finally:
            self.picker.observe(self._observe_picker, names="value")
        self._show()

    def _name(self, experiment_id: str) -> str:
        found = self.known[self.known["experiment_id"] == experiment_id]["experiment"]
        if len(found):
            return str(found.iloc[0])
        return self.without_goals.get(experiment_id) or self.pending.get(experiment_id, "")

    def _show(self) -> None:
        experiment_id = self.picker.value
        self.hint.layout.display = "none" if experiment_id else ""
        self.body.layout.display = "" if experiment_id else "none"
        if experiment_id is None:
            return
        frame = self.goals_frame
        goals = frame[frame["experiment_id"] == experiment_id].sort_values(
            "volgorde", kind="stable"
        )
        scores = self.scores_frame[self.scores_frame["doel_id"].isin(goals["record_id"])]
        levels = gas.goal_levels(goals, scores)
        summary = gas.experiment_summary(goals, scores)
        row = summary.iloc[0] if len(summary) else None
        self.goals.show(experiment_id, self._name(experiment_id), goals, levels)
        self.scoring.show(goals, scores)
        self.result.show(row, levels, goals, gas.tidy_frame(goals, scores))
        self.summary.layout.display = "" if len(goals) else "none"
        self.summary.value = html.escape(
            t(
                "gas.experiment.samenvatting",
                doelen=len(goals),
                t0=format_number(row["t_nulmeting"] if row is not None else None),
                t1=format_number(row["t_vervolgmeting"] if row is not None else None),
                verandering=format_number(
                    row["verandering"] if row is not None else None, plus=True
                ),
            )
        )


    # -- handlers ------------------------------------------------------------------------

    def show_status(self, message: str, ok: bool = True) -> None:
        self.message.value = status_html(message, ok)

    @safe
    def _observe_picker(self, _change: dict) -> None:
        self.message.value = ""
        self._show()

    @safe
    def _on_click_new_button(self, _button: Any = None) -> None:
        name = " ".join(self.new_name.value.split())
        if not name:
            self.show_status(t("gas.experiment.naam_leeg"), ok=False)
            return
        names = {
            **dict(zip(self.known["experiment_id"], self.known["experiment"], strict=True)),
            **self.without_goals,
            **self.pending,
        }
        same = [eid for eid, known in names.items() if known.casefold() == name.casefold()]
        if same:
            self.picker.value = same[0]
            self.show_status(t("gas.experiment.bestaat", naam=name))
            return
        # experiment record ids are unique in the store, not only in this proeftuin
        taken = {*names, *(v.record_id for v in self.store.records(ExperimentIndex))}
        experiment_id = gas.experiment_id_for(name, taken)
        self.pending[experiment_id] = name
        self.new_name.value = ""
        self.refresh()
        self.picker.value = experiment_id
        self.tabs.selected_index = 0
        self.show_status(t("gas.experiment.begonnen", naam=name))

    @safe
    def _observe_tab(self, change: dict) -> None:
        # the chart is made and drawn when its tab is open (and only then)
        if change["new"] == 2:
            self.result.chart.show()
        else:
            self.result.chart.hide()

    def _saved(self, _version: Version) -> None:
        self.refresh()
