"""The GAS form of one goal, laid out like the paper form.

The form follows seed 000: the question "Wat is jullie doel? En wanneer is er meer/minder
bereikt?", the fields naam lokale praktijk, experiment, wie, ingevuld door and datum, then
the five levels as a table from +2 at the top down to -2, with level 0 (the goal itself)
highlighted. Saving an edit makes a new version in the store; the old one stays readable.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as ipw
from pydantic import ValidationError

from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.records import Record
from leven.core.store import InvalidRecord, Store, Version
from leven.core.widgets.date import DateInput
from leven.core.widgets.form import Field, RecordForm
from leven.core.widgets.inputs import show_choose as choose_label
from leven.core.widgets.panel import html_table
from leven.gas import NIVEAU_VELDEN, GasDoel, format_number, niveau_label, signed

LEVEL_ORDER: tuple[int, ...] = (2, 1, 0, -1, -2)
"""The levels top-down, as on the paper form."""

_PLACEHOLDER_KEYS = {2: "plus2", 1: "plus1", 0: "nul", -1: "min1", -2: "min2"}
WEIGHING_FIELDS = ("belang", "moeilijkheid", "gewicht")


def show_choose(*dropdowns: ipw.Dropdown) -> None:
    """Show "— kies —" rather than an empty box on these dropdowns (see inputs.show_choose)."""
    for dropdown in dropdowns:
        choose_label(dropdown)


def fit_width(fields: dict[str, Field]) -> None:
    """Full-width inputs minus their margin, so their right edge is not cut off."""
    for field in fields.values():
        if field.widget.layout.width == "100%":
            field.widget.layout.width = "calc(100% - 8px)"


def _weight_choices() -> list[tuple[str, int | None]]:
    return [(t("gas.formulier_extra.kies"), None)] + [(str(n), n) for n in range(4)]


def _when(stamp: Any) -> str:
    """A save time as the facilitator's clock shows it."""
    return stamp.astimezone().strftime("%d-%m-%Y %H:%M") if stamp else ""


def _weighing_target(key: str, values: dict[str, Any]) -> str | None:
    """The field a whole-record weighing message belongs beside."""
    if key == "gas.errors.weging_half":
        return "moeilijkheid" if values.get("belang") is not None else "belang"
    if key == "gas.errors.weging_nul":
        return "belang" if values.get("belang") == 0 else "moeilijkheid"
    if key == "gas.errors.weging_dubbel":
        return "gewicht"
    return None


class GasDoelForm(RecordForm):
    """One goal of an experiment: header fields, the goal, five described levels, weighing.

    The experiment is chosen outside the form (:meth:`set_experiment`); its name shows in
    the read-only Experiment field. ``scorings(record_id)`` tells how often a goal has been
    scored, so editing a scored goal says that the earlier version is kept.
    """

    model = GasDoel
    form_name = "gas_doel"

    def __init__(
        self,
        store: Store,
        proeftuin: str,
        *,
        record_id: str | None = None,
        saved_by: Callable[[], str] | str = "",
        on_saved: Callable[[Version], None] | None = None,
        scorings: Callable[[str], int] | None = None,
    ) -> None:
        self.experiment_id = ""
        self.experiment_name = ""
        self.volgorde = 0
        self.next_volgorde = 0  # the place of a new goal among the experiment's goals
        self._scorings = scorings or (lambda _record_id: 0)
        self.heading = ipw.HTML(f"<h2>{html.escape(t('gas.formulier.titel'))}</h2>")
        self.version_info = ipw.HTML()
        self.version_info.add_class("leven-gas-versie")
        self.history = ipw.HTML()
        super().__init__(store, proeftuin, saved_by=saved_by, on_saved=on_saved)
        self._arrange()
        self.load(record_id)

    # -- fields and layout ----------------------------------------------------------------

    def build_fields(self) -> list[Field]:
        label = "gas.formulier"
        extra = "gas.formulier_extra"
        fields = [
            Field("praktijk", ipw.Text(), t(f"{label}.praktijk")),
            Field("experiment", ipw.Text(disabled=True), t(f"{label}.experiment")),
            Field("wie", ipw.Text(), t(f"{label}.wie")),
            Field("ingevuld_door", ipw.Text(), t(f"{label}.ingevuld_door")),
            Field("datum", DateInput(), t(f"{label}.datum")),
            Field(
                "doel",
                ipw.Textarea(placeholder=t(f"{extra}.doel_placeholder"), layout={"height": "4em"}),
                t(f"{label}.doel"),
            ),
        ]
        for level in LEVEL_ORDER:
            box = ipw.Textarea(
                placeholder=t(f"gas.niveau_placeholder.{_PLACEHOLDER_KEYS[level]}"),
                layout={"height": "4.4em"},
            )
            hint = t(f"{extra}.niveau_0_hint") if level == 0 else ""
            # no label: the level stands beside the box instead
            field = Field(
                NIVEAU_VELDEN[level], box, f"{signed(level)} {niveau_label(level)}", hint,
                show_label=False,
            )
            fields.append(field)
        for name in ("belang", "moeilijkheid"):
            dropdown = ipw.Dropdown(options=_weight_choices(), value=None, layout={"width": "9em"})
            fields.append(Field(name, dropdown, t(f"{label}.{name}")))
        fields.append(
            Field(
                "gewicht",
                ipw.Text(layout={"width": "9em"}),
                t(f"{label}.gewicht"),
                t(f"{extra}.gewicht_hint"),
            )
        )
        return fields

    def _arrange(self) -> None:
        f = self.fields
        fit_width(f)
        meta = ipw.GridBox(
            [f[name] for name in ("praktijk", "experiment", "wie", "ingevuld_door", "datum")],
            layout=ipw.Layout(
                grid_template_columns="repeat(2, minmax(0, 1fr))", grid_gap="0.3em 1.5em"
            ),
        )
        rows = []
        for level in LEVEL_ORDER:
            badge = ipw.HTML(
                f'<div class="leven-gas-niveau"><span class="leven-gas-getal">'
                f'{html.escape(signed(level))}</span><span class="leven-gas-betekenis">'
                f"{html.escape(niveau_label(level))}</span></div>",
                layout={"width": "15em", "flex": "0 0 15em"},
            )
            field = f[NIVEAU_VELDEN[level]]
            field.layout.flex = "1 1 auto"
            row = ipw.HBox([badge, field])
            row.add_class("leven-gas-niveaurij")
            if level == 0:
                row.add_class("leven-gas-doelniveau")
            rows.append(row)
        levels = ipw.VBox(
            [
                ipw.HTML(
                    f"<h3>{html.escape(t('gas.formulier_extra.niveaus_kop'))}</h3>"
                    f'<p class="leven-hint">{html.escape(t("gas.formulier_extra.niveaus_uitleg"))}'
                    "</p>"
                ),
                *rows,
            ]
        )
        levels.add_class("leven-gas-niveaus")
        self.weighing = ipw.Accordion(
            [
                ipw.VBox(
                    [
                        ipw.HTML(
                            f'<p class="leven-hint">'
                            f"{html.escape(t('gas.formulier_extra.weging_uitleg'))}</p>"
                        ),
                        ipw.HBox(
                            [f[name] for name in WEIGHING_FIELDS], layout={"grid_gap": "1.5em"}
                        ),
                    ]
                )
            ],
            selected_index=None,
        )
        self.weighing.set_title(0, t("gas.formulier_extra.weging"))
        self.children = [
            self.draft_box,
            self.heading,
            self.version_info,
            meta,
            f["doel"],
            levels,
            self.weighing,
            self.history,
            self.save_button,
            self.status,
        ]
        self.add_class("leven-gas-formulier")

    # -- experiment, loading, saving ------------------------------------------------------

    @property
    def draft_key(self) -> str:
        base = super().draft_key
        return base if self.record_id else f"{base}/{self.experiment_id or '-'}"

    @classmethod
    def new_goal_drafts(cls, proeftuin: str) -> str:
        """The start of the draft keys of new goals in ``proeftuin`` (the experiment follows)."""
        return f"{proeftuin}/{cls.model.KIND}/nieuw/{cls.form_name}/"

    def set_experiment(self, experiment_id: str, name: str, volgorde: int = 0) -> None:
        """Start a new goal in this experiment (``volgorde``: its place among the goals)."""
        self.experiment_id = experiment_id
        self.experiment_name = name
        self.next_volgorde = volgorde
        self.load(None)

    def load(self, record_id: str | None) -> None:
        if record_id is None:
            self.volgorde = self.next_volgorde
        super().load(record_id)
        self._show_version()
        if hasattr(self, "weighing"):
            weighed = any(self.values[name] not in (None, "") for name in WEIGHING_FIELDS)
            self.weighing.selected_index = 0 if weighed else None

    def reset(self, record: Record | None = None) -> None:
        super().reset(record)
        self._restoring = True
        try:
            if record is None:
                self.fields["experiment"].widget.value = self.experiment_name
                self.fields["ingevuld_door"].widget.value = self.saved_by
            show_choose(self.fields["belang"].widget, self.fields["moeilijkheid"].widget)
        finally:
            self._restoring = False

    def from_record(self, record: Record) -> dict[str, Any]:
        assert isinstance(record, GasDoel)
        self.experiment_id = record.experiment_id
        self.experiment_name = record.experiment
        self.volgorde = record.volgorde
        values = super().from_record(record)
        values["gewicht"] = "" if record.gewicht is None else format_number(record.gewicht, 2)
        return values

    def to_record(self, values: dict[str, Any]) -> Record:
        data = dict(values)
        data["experiment_id"] = self.experiment_id
        data["volgorde"] = self.volgorde
        weight = str(data.get("gewicht") or "").strip().replace(",", ".")
        data["gewicht"] = weight or None
        try:
            return GasDoel(**data)
        except ValidationError as error:
            raise self._refusal(error, data) from error

    def _refusal(self, error: ValidationError, values: dict[str, Any]) -> InvalidRecord:
        """The store's refusal, with each message beside the field a person can change."""
        refusal = InvalidRecord(error)
        messages = dict(refusal.fields)
        if "experiment_id" in messages or ("experiment" in messages and not self.experiment_id):
            messages.pop("experiment_id", None)
            messages["experiment"] = t("gas.formulier_extra.experiment_kiezen")
        for item in error.errors():
            cause = (item.get("ctx") or {}).get("error")
            target = _weighing_target(cause.key, values) if isinstance(cause, LevenError) else None
            if not item["loc"] and target:
                messages.pop("", None)
                messages[target] = cause.message
        refusal.fields = messages
        return refusal

    def save(self) -> Version | None:
        version = super().save()
        if version is None:
            if set(self.messages) & set(WEIGHING_FIELDS):
                self.weighing.selected_index = 0
        else:
            self._show_version()
        return version

    def _show_version(self) -> None:
        """'versie N' of the goal shown, whether it was scored, and its earlier versions."""
        extra = "gas.formulier_extra"
        if not self.record_id:
            self.version_info.value = (
                f'<p class="leven-hint">{html.escape(t(f"{extra}.nieuw_doel"))}</p>'
            )
            self.history.value = ""
            return
        versions = self.store.history(GasDoel, self.record_id)
        if not versions:
            return
        latest = versions[-1]
        line = t(
            f"{extra}.versie",
            versie=latest.version,
            datum=_when(latest.saved_at),
            door=latest.saved_by or t(f"{extra}.onbekend"),
        )
        text = f'<p class="leven-gas-versienummer">{html.escape(line)}</p>'
        scored = self._scorings(self.record_id)
        if scored:
            notice = t(f"{extra}.gescoord", aantal=scored)
            text += f'<p class="leven-gas-gescoord">{html.escape(notice)}</p>'
        self.version_info.value = text
        earlier = [
            [str(v.version), _when(v.saved_at), v.saved_by, v.record.doel, v.record.niveau_0]
            for v in reversed(versions[:-1])
        ]
        headers = [
            t("gas.doelen.versie"),
            t(f"{extra}.opgeslagen_op"),
            t(f"{extra}.door"),
            t("gas.doelen.doel"),
            t("gas.doelen.niveau_0"),
        ]
        self.history.value = (
            f"<details><summary>{html.escape(t(f'{extra}.geschiedenis'))} ({len(earlier)})"
            f"</summary>{html_table(earlier, headers)}</details>"
            if earlier
            else ""
        )
