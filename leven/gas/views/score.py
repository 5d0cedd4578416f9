"""Scoring the goals of an experiment, one goal at a time, and the resulting T-scores.

Nothing is chosen in advance: the level starts empty, so a scoring without a chosen level
is refused with a Dutch message beside the level, and each option shows what that level
means for this goal in the group's own words. After a save the meting and the date stay,
and the next goal is ready, so a group scores all its goals in one go. The result view
says the experiment's T-scores in sentences and draws the levels per goal over time.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as ipw
import pandas as pd
from pydantic import ValidationError

from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.records import Record
from leven.core.store import InvalidRecord, Store, Version
from leven.core.widgets.chartbox import ChartBox
from leven.core.widgets.date import DateInput
from leven.core.widgets.form import Field, RecordForm, safe
from leven.core.widgets.inputs import choice_options
from leven.core.widgets.panel import RecordPanel, empty_note, html_table
from leven.gas import (
    METINGEN,
    NIVEAU_VELDEN,
    GasScore,
    Meting,
    format_number,
    level_option,
    signed,
)
from leven.gas import charts as gas_charts
from leven.gas.views.goal import LEVEL_ORDER, fit_width, show_choose


def _goal_label(number: int, text: str) -> str:
    words = " ".join(str(text).split())
    return f"{number}. {words if len(words) <= 90 else words[:89] + '…'}"


class GasScoreForm(RecordForm):
    """One scoring: which goal, which meting, when, the level reached, by whom, a note."""

    model = GasScore
    form_name = "gas_score"

    def __init__(
        self,
        store: Store,
        proeftuin: str,
        *,
        record_id: str | None = None,
        saved_by: Callable[[], str] | str = "",
        on_saved: Callable[[Version], None] | None = None,
    ) -> None:
        self.goals: dict[str, dict[str, Any]] = {}
        super().__init__(
            store, proeftuin, record_id=record_id, saved_by=saved_by, on_saved=on_saved
        )
        self.fields["doel_id"].widget.observe(self._observe_goal, names="value")
        fit_width(self.fields)
        if record_id is None:
            self.reset()  # today's date; no level chosen

    def build_fields(self) -> list[Field]:
        label = "gas.formulier"
        meting = ipw.ToggleButtons(options=choice_options(METINGEN, "gas.metingen"), value=None)
        meting.style.button_width = "12em"
        niveau = ipw.RadioButtons(options=self._level_choices(None), value=None)
        niveau.add_class("leven-gas-niveaukeuze")
        return [
            Field(
                "doel_id",
                ipw.Dropdown(options=[(t("core.form.choose"), None)], value=None),
                t("gas.scoren.doel"),
            ),
            Field("meting", meting, t(f"{label}.meting")),
            Field("datum", DateInput(layout={"width": "14em"}), t(f"{label}.datum")),
            Field("niveau", niveau, t(f"{label}.niveau")),
            Field("gescoord_door", ipw.Text(), t(f"{label}.gescoord_door")),
            Field("toelichting", ipw.Textarea(layout={"height": "4em"}), t(f"{label}.toelichting")),
        ]

    def header(self) -> list[ipw.Widget]:
        return [
            ipw.HTML(
                f"<h2>{html.escape(t('gas.scoren.kop'))}</h2>"
                f'<p class="leven-hint">{html.escape(t("gas.scoren.uitleg"))}</p>'
            )
        ]

    def _level_choices(self, doel_id: str | None) -> list[tuple[str, int]]:
        goal = self.goals.get(doel_id or "", {})
        return [(level_option(lvl, goal.get(NIVEAU_VELDEN[lvl], "")), lvl) for lvl in LEVEL_ORDER]

    def _relabel(self, clear: bool) -> None:
        """Show the chosen goal's own descriptions beside the levels."""
        widget = self.fields["niveau"].widget
        keep = None if clear else widget.value
        restoring, self._restoring = self._restoring, True
        try:
            widget.options = self._level_choices(self.fields["doel_id"].widget.value)
            widget.value = keep  # changing options would otherwise pick the first level
        finally:
            self._restoring = restoring

    @safe
    def _observe_goal(self, _change: dict) -> None:
        self._relabel(clear=not self._restoring)

    def set_goals(self, goals: pd.DataFrame) -> None:
        """The goals one can score (store frame rows of one experiment, in order)."""
        self.goals = {row["record_id"]: row for row in goals.to_dict("records")}
        widget = self.fields["doel_id"].widget
        current = widget.value
        options = [(t("core.form.choose"), None)] + [
            (_goal_label(number, row["doel"]), rid)
            for number, (rid, row) in enumerate(self.goals.items(), start=1)
        ]
        restoring, self._restoring = self._restoring, True
        try:
            widget.options = options
            widget.value = current if current in self.goals else None
            show_choose(widget)
        finally:
            self._restoring = restoring
        self._relabel(clear=False)

    def reset(self, record: Record | None = None) -> None:
        super().reset(record)
        self._relabel(clear=record is None)
        restoring, self._restoring = self._restoring, True
        try:
            show_choose(self.fields["doel_id"].widget)
            if record is None:
                self.fields["datum"].widget.value = date.today()  # one usually scores today
                self.fields["gescoord_door"].widget.value = self.saved_by
        finally:
            self._restoring = restoring

    def to_record(self, values: dict[str, Any]) -> Record:
        try:
            score = GasScore(**values)
        except ValidationError as error:
            refusal = InvalidRecord(error)
            if values.get("doel_id") is None and "doel_id" in refusal.fields:
                refusal.fields["doel_id"] = t("gas.scoren.doel_kiezen")
            raise refusal from error
        self._check_after_baseline(score)
        return score

    def _check_after_baseline(self, score: GasScore) -> None:
        """A vervolgmeting needs the goal's nulmeting, and comes after it."""
        if score.meting != Meting.VERVOLGMETING:
            return
        baselines = [
            v.record.datum for v in self.store.records(GasScore, self.proeftuin)
            if v.record.doel_id == score.doel_id and v.record.meting == Meting.NULMETING
            and v.record_id != self.record_id
        ]
        if not baselines:
            raise LevenError("gas.errors.eerst_nulmeting", field="meting")
        if score.datum < min(baselines):
            raise LevenError("gas.errors.vervolg_voor_nul", field="datum",
                             datum=f"{min(baselines):%d-%m-%Y}")

    def save(self) -> Version | None:
        """Save; a new scoring then makes room for the next goal with the same meting."""
        new = self.record_id is None
        version = super().save()
        if version is None or not new:
            return version
        score = version.record
        keep = {name: self.values[name] for name in ("meting", "datum", "gescoord_door")}
        ids = list(self.goals)
        place = ids.index(score.doel_id) if score.doel_id in ids else len(ids)
        following = ids[place + 1] if place + 1 < len(ids) else None
        self.load(None)
        self.values = {**keep, "doel_id": following}
        show_choose(self.fields["doel_id"].widget)
        self._relabel(clear=True)
        goal = self.goals.get(score.doel_id, {})
        message = t(
            "gas.scoren.opgeslagen",
            meting=t(f"gas.metingen.{score.meting.value}"),
            doel=goal.get("doel", ""),
            niveau=signed(score.niveau),
        )
        if following:
            message += " " + t("gas.scoren.volgende")
        self.show_status(message)
        return version


class ScorePanel(RecordPanel):
    """The score form first, then the scorings of the chosen experiment and a picker to
    correct one."""

    def __init__(
        self,
        store: Store,
        proeftuin: str,
        *,
        saved_by: Callable[[], str] | str = "",
        on_saved: Callable[[Version], None] | None = None,
    ) -> None:
        self.empty = ipw.HTML(empty_note(t("gas.scoren.geen_doelen")))
        super().__init__(
            GasScoreForm,
            store,
            proeftuin,
            label=str,  # choices and table come from show()
            saved_by=saved_by,
            on_saved=on_saved,
            edit_text=t("gas.scoren.corrigeren"),
            new_option=t("gas.scoren.nieuw_optie"),
            picker_width="40em",
            with_table=True,
            form_first=True,
            with_new_button=False,
        )
        self.children = [self.empty, *self.children]

    def refresh(self) -> None:
        """Nothing to read here: the GAS app calls :meth:`show` after every save."""

    def show(self, goals: pd.DataFrame, scores: pd.DataFrame) -> None:
        """Goals (store frame rows, in order) and their scorings (store frame rows)."""
        experiment_changed = set(goals["record_id"]) != set(self.form.goals)
        self.form.set_goals(goals)
        has_goals = not goals.empty
        self.empty.layout.display = "none" if has_goals else ""
        self.form.layout.display = "" if has_goals else "none"
        numbers = {rid: n for n, rid in enumerate(goals["record_id"], start=1)}
        texts = dict(zip(goals["record_id"], goals["doel"], strict=True))
        ordered = scores.assign(_nr=scores["doel_id"].map(numbers)).sort_values(
            ["datum", "_nr"], kind="stable"
        )
        rows, choices = [], []
        for s in ordered.itertuples(index=False):
            day = pd.Timestamp(s.datum).strftime("%d-%m-%Y")
            meting = t(f"gas.metingen.{s.meting}")
            goal = _goal_label(numbers.get(s.doel_id, 0), texts.get(s.doel_id, ""))
            rows.append(
                [day, meting, goal, signed(int(s.niveau)), s.gescoord_door or "", str(s.version)]
            )
            choices.append((f"{day} · {meting} · {goal} · {signed(int(s.niveau))}", s.record_id))
        headers = [
            t(f"gas.scoren.{key}")
            for key in ("datum", "meting", "doel", "niveau", "door", "versie")
        ]
        self.table.layout.display = self.picker.layout.display = "" if has_goals else "none"
        # the picker keeps its own choice: after a new scoring the form is already empty
        # for the next goal, and the list must not say it is correcting the saved one
        self.show_choices(choices, html_table(rows, headers, empty=t("gas.scoren.leeg")),
                          keep=not experiment_changed and bool(self.picker.value),
                          current=self.picker.value)
        if experiment_changed and self.form.record_id is not None:
            self.form.load(None)


def _t_lines(row: pd.Series | None) -> list[str]:
    """The T-scores of one experiment as sentences, from an experiment_summary row."""
    lines = []
    for meting in METINGEN:
        label = t(f"gas.metingen.{meting}")
        if row is None or pd.isna(row[f"t_{meting}"]):
            lines.append(t("gas.resultaat.t_geen", meting=label))
        else:
            lines.append(
                t(
                    "gas.resultaat.t_regel",
                    meting=label,
                    t=format_number(row[f"t_{meting}"]),
                    gescoord=int(row[f"n_gescoord_{meting}"]),
                    doelen=int(row["n_doelen"]),
                )
            )
    if row is None or pd.isna(row["verandering"]):
        lines.append(t("gas.resultaat.verandering_geen"))
    else:
        lines.append(
            t(
                "gas.resultaat.verandering",
                verandering=format_number(row["verandering"], plus=True),
                gepaard=int(row["n_gepaard"]),
            )
        )
    return lines


class ResultView(ipw.VBox):
    """The experiment's T-scores, the levels per goal, and the chart (drawn when looked at)."""

    def __init__(self) -> None:
        self.text = ipw.HTML()
        self.text.add_class("leven-gas-resultaat")
        self.per_goal = ipw.HTML()
        self.chart = ChartBox()
        super().__init__([self.text, self.chart, self.per_goal])
        self.add_class("leven-gas-result")

    def show(
        self, row: pd.Series | None, levels: pd.DataFrame, goals: pd.DataFrame, tidy: pd.DataFrame
    ) -> None:
        lines = "".join(f'<p class="leven-gas-t">{html.escape(x)}</p>' for x in _t_lines(row))
        self.text.value = (
            lines + f'<p class="leven-hint">{html.escape(t("gas.resultaat.uitleg"))}</p>'
        )
        by_goal = levels.set_index("doel_id")
        rows = []
        for number, goal in enumerate(goals.itertuples(index=False), start=1):
            cells = [str(number), goal.doel]
            for meting in METINGEN:
                level = by_goal.loc[goal.record_id, f"niveau_{meting}"]
                day = by_goal.loc[goal.record_id, f"datum_{meting}"]
                cells.append(
                    "–"
                    if pd.isna(level)
                    else f"{signed(int(level))} ({pd.Timestamp(day):%d-%m-%Y})"
                )
            rows.append(cells)
        headers = [
            t("gas.doelen.nummer"),
            t("gas.doelen.doel"),
            t("gas.doelen.nulmeting"),
            t("gas.doelen.vervolgmeting"),
        ]
        self.per_goal.value = (
            f"<h3>{html.escape(t('gas.resultaat.per_doel'))}</h3>{html_table(rows, headers)}"
            if rows
            else ""
        )
        if tidy["niveau"].notna().any():
            # drawn when seen
            self.chart.set(lambda: gas_charts.levels_over_time(tidy, width="container"))
        else:
            self.chart.set_note(empty_note(t("gas.resultaat.grafiek_leeg")))
