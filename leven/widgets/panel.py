"""A list of one kind of record beside the form that adds or edits them."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import ipywidgets as ipw

from leven.i18n import t
from leven.store import Store, Version
from leven.widgets.form import RecordForm, safe

Column = tuple[str, Callable[[Version], str]]


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
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return f'<table class="leven-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


class RecordPanel(ipw.VBox):
    """All records of a kind in a table; choose one to edit, or start a new one."""

    def __init__(
        self,
        form_class: type[RecordForm],
        store: Store,
        proeftuin: str,
        columns: Sequence[Column],
        *,
        label: Callable[[Version], str],
        saved_by: Callable[[], str] | str = "",
    ) -> None:
        self.store = store
        self.proeftuin = proeftuin
        self.columns = columns
        self.label = label
        self.table = ipw.HTML()
        self.picker = ipw.Dropdown(description=t("core.panel.edit"))
        self.picker.style.description_width = "initial"
        self.new_button = ipw.Button(description=t("core.panel.new"), icon="plus")
        self.new_button.on_click(self._on_click_new_button)
        self.form = form_class(store, proeftuin, saved_by=saved_by, on_saved=self._on_saved)
        self.refresh()
        self.picker.observe(self._observe_picker, names="value")
        super().__init__([self.table, ipw.HBox([self.picker, self.new_button]), self.form])

    def refresh(self) -> None:
        """Read the records again and redraw the table and the picker."""
        versions = self.store.records(self.form.model, self.proeftuin)
        headers = [header for header, _ in self.columns]
        rows = [[cell(v) for _, cell in self.columns] for v in versions]
        self.table.value = (
            html_table(rows, headers)
            if rows
            else (f'<p class="leven-empty">{html.escape(t("core.panel.empty"))}</p>')
        )
        # "" rather than None: ipywidgets shows no label for a None value
        options = [(t("core.panel.new_option"), "")]
        options += [(self.label(v), v.record_id) for v in versions]
        current = self.form.record_id
        self.picker.options = options
        self.picker.value = current if current in {v.record_id for v in versions} else ""

    @safe
    def _observe_picker(self, change: dict) -> None:
        chosen = change["new"] or None
        if chosen != self.form.record_id:
            self.form.load(chosen)

    @safe
    def _on_click_new_button(self, _button: ipw.Button | None = None) -> None:
        self.picker.value = ""
        self.form.load(None)

    def _on_saved(self, _version: Version) -> None:
        self.refresh()

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
