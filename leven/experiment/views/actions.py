"""The actions of one experiment as a tick list: ticking one saves a new version of it."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date

import ipywidgets as ipw

from leven.core.i18n import t
from leven.core.store import Store, StoreError, Version
from leven.core.widgets.form import safe, status_html
from leven.core.widgets.panel import empty_note
from leven.experiment.records import Actie


def action_label(action: Actie, today: date) -> str:
    """What a tick box says: what, who, by when (and "te laat" when overdue)."""
    parts = [action.wat]
    if action.wie:
        parts.append(action.wie)
    if action.uiterlijk:
        when = f"{action.uiterlijk:%d-%m-%Y}"
        parts.append(t("experiment.actie.te_laat", datum=when) if action.te_laat(today) else when)
    return " · ".join(parts)


class ActionList(ipw.VBox):
    """One checkbox per action of the chosen experiment, open ones first."""

    def __init__(
        self,
        store: Store,
        proeftuin: str,
        *,
        saved_by: Callable[[], str] | str = "",
        on_saved: Callable[[Version], None] | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.store = store
        self.proeftuin = proeftuin
        self._saved_by = saved_by
        self._on_saved = on_saved
        self.today = today
        self.boxes: dict[str, ipw.Checkbox] = {}
        self.versions: dict[str, Version[Actie]] = {}
        self.list = ipw.VBox()
        self.list.add_class("leven-exp-acties")
        self.message = ipw.HTML()
        super().__init__([ipw.HTML(f"<h3>{html.escape(t('experiment.actie.alle'))}</h3>"),
                          self.list, self.message])

    def show(self, actions: Sequence[Version[Actie]]) -> None:
        """Show these actions (the latest version of each)."""
        today = self.today()
        ordered = sorted(actions, key=lambda v: (v.record.klaar, v.record.uiterlijk or date.max))
        self.versions = {v.record_id: v for v in ordered}
        self.boxes = {}
        rows: list[ipw.Widget] = []
        for version in ordered:
            box = ipw.Checkbox(value=version.record.klaar, indent=False,
                               description=action_label(version.record, today),
                               layout={"width": "auto"})
            box.add_class("leven-exp-actie-vink")
            if version.record.te_laat(today):
                box.add_class("leven-exp-te-laat")
            box.observe(self._make_handler(version.record_id), names="value")
            self.boxes[version.record_id] = box
            rows.append(box)
        self.list.children = rows or [ipw.HTML(empty_note(t("experiment.actie.geen")))]

    def _make_handler(self, record_id: str) -> Callable[[dict], None]:
        def handler(change: dict) -> None:
            self.tick(record_id, bool(change["new"]))
        return handler

    @safe
    def tick(self, record_id: str, done: bool) -> Version | None:
        """Mark one action done (with today's date) or open again: a new version of it."""
        current = self.versions[record_id]
        if current.record.klaar == done:
            return None
        record = current.record.model_copy(
            update={"klaar": done, "klaar_op": self.today() if done else None})
        saved_by = self._saved_by() if callable(self._saved_by) else self._saved_by
        try:
            version = self.store.save(record, proeftuin=self.proeftuin, record_id=record_id,
                                      saved_by=saved_by, base_version=current.version)
        except StoreError as error:
            self.message.value = status_html(error.message, ok=False)
            return None
        key = "experiment.actie.afgevinkt" if done else "experiment.actie.heropend"
        self.message.value = status_html(t(key, wat=record.wat))
        self.versions[record_id] = version
        if self._on_saved is not None:
            self._on_saved(version)
        return version
