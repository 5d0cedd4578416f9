"""A list of one kind of record beside the form that adds or edits them."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as ipw

from leven.core.i18n import t
from leven.core.store import Store, Version
from leven.core.widgets.form import RecordForm, safe

Column = tuple[str, Callable[[Version], str]]
_DATE_TEXT = re.compile(r"\d{2}-\d{2}-\d{4}")


def empty_note(text: str) -> str:
    """The line shown where a list or chart has nothing yet (escaped)."""
    return f'<p class="leven-empty">{html.escape(text)}</p>'


def html_table(rows: Sequence[Sequence[str]], headers: Sequence[str], empty: str = "") -> str:
    """A plain HTML table; every cell is escaped, so typed text is never interpreted.

    Without rows and with an ``empty`` text, that text is shown instead of an empty table.
    """
    if not rows and empty:
        return empty_note(empty)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(_cell(str(c)) for c in row) + "</tr>" for row in rows)
    # a wide table scrolls in its own box, which the keyboard can reach (WCAG 2.1.1)
    return (f'<div class="leven-table-scroll" tabindex="0"><table class="leven-table">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


#: a cell of more characters gets a column wide enough to read it in a few lines
LONG_CELL = 40


def _cell(text: str) -> str:
    # a date stays on one line (13-05-\n2025 beside a long goal, even on a projector); a long
    # text keeps a readable width on a phone (the table scrolls), not a column a word wide
    # that makes every row ten lines tall
    css = (' class="leven-nowrap"' if _DATE_TEXT.fullmatch(text)
           else ' class="leven-long"' if len(text) > LONG_CELL else "")
    return f"<td{css}>{html.escape(text)}</td>"


class RecordPanel(ipw.VBox):
    """Records of one kind: a table (when it has columns), a picker, "new", and the form.

    The one record picker of the workbook: choosing a record loads it into the form, "new"
    empties it, and after a save the picker shows the saved record. By default it lists all
    records of the form's model in the proeftuin (:meth:`refresh`); a panel over a part of
    them (GAS: the goals of one experiment) passes its own choices to :meth:`show_choices`.
    The "new" choice is ``""``, not None: ipywidgets shows no label for a None value.
    """

    def __init__(
        self,
        form_class: type[RecordForm],
        store: Store,
        proeftuin: str,
        columns: Sequence[Column] = (),
        *,
        label: Callable[[Version], str],
        saved_by: Callable[[], str] | str = "",
        on_saved: Callable[[Version], None] | None = None,
        form_options: dict[str, Any] | None = None,
        edit_text: str | None = None,
        new_text: str | None = None,
        new_option: str | None = None,
        picker_width: str | None = None,
        with_table: bool | None = None,
        form_first: bool = False,
        with_new_button: bool = True,
    ) -> None:
        self.store = store
        self.proeftuin = proeftuin
        self.columns = columns
        self.label = label
        self._on_saved_callback = on_saved
        self.new_option = new_option or t("core.panel.new_option")
        self.table = ipw.HTML()
        self.picker = ipw.Dropdown(
            description=edit_text or t("core.panel.edit"),
            layout={"width": picker_width} if picker_width else {},
        )
        self.picker.style.description_width = "initial"
        self.new_button = ipw.Button(description=new_text or t("core.panel.new"), icon="plus")
        self.new_button.on_click(self._on_click_new_button)
        self.form = form_class(
            store, proeftuin, saved_by=saved_by, on_saved=self._on_saved, **(form_options or {})
        )
        self.picker.observe(self._observe_picker, names="value")
        choose = ipw.HBox([self.picker, self.new_button] if with_new_button else [self.picker])
        with_table = bool(columns) if with_table is None else with_table
        listing = [self.table, choose] if with_table else [choose]
        # form_first: where filling in is the main thing (GAS scorings), the list follows
        super().__init__([self.form, *listing] if form_first else [*listing, self.form])
        self.refresh()

    def refresh(self) -> None:
        """Read the records again and redraw the table and the picker."""
        versions = self.store.records(self.form.model, self.proeftuin)
        headers = [header for header, _ in self.columns]
        rows = [[cell(v) for _, cell in self.columns] for v in versions]
        table = html_table(rows, headers, empty=t("core.panel.empty")) if self.columns else None
        self.show_choices([(self.label(v), v.record_id) for v in versions], table)

    def show_choices(
        self,
        choices: Sequence[tuple[str, str]],
        table: str | None = None,
        *,
        keep: bool = True,
        current: str | None = None,
    ) -> None:
        """Offer ``choices`` (label, record id) after "new", and show ``table`` (HTML).

        The record being edited (or ``current``) stays chosen while it is among them and
        ``keep`` holds; otherwise the picker says "new", without loading anything.
        """
        current = (current or self.form.record_id) if keep else None
        self.picker.unobserve(self._observe_picker, names="value")
        try:
            self.picker.options = [(self.new_option, ""), *choices]
            self.picker.value = current if current in {v for _, v in choices} else ""
        finally:
            self.picker.observe(self._observe_picker, names="value")
        if table is not None:
            self.table.value = table

    @safe
    def _observe_picker(self, change: dict) -> None:
        chosen = change["new"] or None
        if chosen != self.form.record_id:
            self.form.load(chosen)

    @safe
    def _on_click_new_button(self, _button: ipw.Button | None = None) -> None:
        self.picker.value = ""
        self.form.load(None)

    def _on_saved(self, version: Version) -> None:
        self.refresh()
        if self._on_saved_callback is not None:
            self._on_saved_callback(version)

    def show_status(self, message: str, ok: bool = True) -> None:
        self.form.show_status(message, ok)


class LazyTabs(ipw.Tab):
    """Tabs whose content is built the first time it is shown.

    A page with many forms starts faster when only the visible tab's widgets are sent to the
    browser; the others follow when someone opens them.
    """

    def __init__(self, tabs: Sequence[tuple[str, Callable[[], ipw.Widget]]]) -> None:
        self._factories = [factory for _, factory in tabs]
        self._built: dict[int, ipw.Widget] = {}
        super().__init__(children=[ipw.VBox() for _ in tabs], titles=[title for title, _ in tabs])
        self.observe(self._observe_selected_index, names="selected_index")
        self.content(0)

    def content(self, index: int) -> ipw.Widget:
        """The widget of tab ``index``, built now if it was not yet."""
        if index not in self._built:
            self._built[index] = self._factories[index]()
            self.children[index].children = [self._built[index]]
        return self._built[index]

    @safe
    def _observe_selected_index(self, change: dict) -> None:
        if change["new"] is not None:
            self.content(change["new"])
