"""The form every instrument builds on: fields with messages beside them, save, drafts.

A :class:`RecordForm` is a thin view over one :class:`~leven.core.records.Record` model. Saving
validates through the model; a refusal puts the Dutch message next to the field and keeps
every value typed. While someone types, the form keeps a draft in the store (debounced), so
a page reload, a dropped connection or a new kernel loses nothing: reopening the form offers
the draft back. Handlers never let an exception reach the page.
"""

from __future__ import annotations

import functools
import html
import logging
import threading
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any, ClassVar

import ipywidgets as ipw
from ipywidgets.widgets.widget_description import DescriptionWidget
from pydantic import ValidationError

from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.records import Record, field_messages
from leven.core.store import Draft, InvalidRecord, Store, StoreError, Version
from leven.core.widgets.date import DateInput
from leven.core.widgets.inputs import show_choose

log = logging.getLogger("leven")

DRAFT_DELAY_SECONDS = 0.8

#: Whose drafts this kernel keeps: the browser's id (from its ``leven_browser`` cookie, set
#: by :func:`leven.core.widgets.app.start_app`). Several people adding new records at once
#: (participants on their phones) would otherwise share, and overwrite, one draft. "" when
#: unknown.
_draft_owner = ""


def set_draft_owner(owner: str) -> None:
    global _draft_owner
    _draft_owner = owner


def owned_draft_key(key: str) -> str:
    """The key under which this browser keeps the draft ``key`` (``key`` without an owner)."""
    return f"{_draft_owner}:{key}" if _draft_owner else key


def safe(handler: Callable) -> Callable:
    """Run a widget handler; an unexpected error becomes a Dutch message, never a traceback."""

    @functools.wraps(handler)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return handler(self, *args, **kwargs)
        except Exception as error:
            log.exception("handler %s failed", handler.__name__)
            keep = getattr(self, "flush_draft", None)
            if keep is not None:
                keep()
            show = getattr(self, "show_status", None)
            if show is not None:  # a store's own message (read-only, disk full) says more
                known = isinstance(error, StoreError)
                show(error.message if known else t("core.form.unexpected"), ok=False)
            return None

    return wrapper


def status_html(message: str, ok: bool = True) -> str:
    """A status line (green when done, red when refused); the message is escaped."""
    css = "leven-form-status-ok" if ok else "leven-form-status-error"
    return f'<span class="{css}" role="status">{html.escape(message)}</span>'


def _to_json(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_to_json(v) for v in value]
    return value


def _draft_date(value: str) -> date | str | None:
    """A draft's date: ISO as stored, or the text as typed when it was no date."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return value


#: widgets whose description is already visible beside them (or that are not one input)
_LABELLED_BY_THEMSELVES = (ipw.Checkbox, ipw.ToggleButtons, ipw.RadioButtons, ipw.Button)


def name_for_screen_readers(widget: ipw.Widget, label: str) -> None:
    """Give an input without a description the field's label as its own, visually hidden.

    ipywidgets ties its description <label> to the input (``for``); our fields show their
    label in a separate HTML widget, which a screen reader does not announce with the input.
    """
    if (isinstance(widget, DescriptionWidget) and not widget.description
            and not isinstance(widget, _LABELLED_BY_THEMSELVES)):
        widget.description = label
        widget.add_class("leven-label-hidden")


class Field(ipw.VBox):
    """A labelled input with its hint and, when refused, its message right beside it."""

    def __init__(
        self, name: str, widget: ipw.ValueWidget, label: str, hint: str = "", *,
        show_label: bool = True,
    ) -> None:
        self.name = name
        self.widget = widget
        self._message = ""
        # show_label=False: the layout says what the input is (a placeholder, a level beside it)
        self.label = ipw.HTML(f"<b>{html.escape(label)}</b>") if show_label else None
        # The hint and the message share one widget, made only when there is something to
        # say: a checklist has 34 fields, and every widget fewer makes the page appear sooner.
        self._hint = f'<div class="leven-hint">{html.escape(hint)}</div>' if hint else ""
        self._note: ipw.HTML | None = None
        # the full width less the input's own margin, so its right edge is not cut off
        widget.layout.width = widget.layout.width or "calc(100% - 8px)"
        name_for_screen_readers(widget, label)
        super().__init__([self.label, widget] if self.label else [widget])
        self._render_note()
        self.add_class("leven-field")
        self.add_class(f"leven-field-{name}")  # a stable handle for browser tests

    @property
    def message(self) -> str:
        """The message shown beside the field ('' when none)."""
        return self._message

    @property
    def note(self) -> ipw.HTML:
        """The hint and the message under the input (made when first needed)."""
        if self._note is None:
            self._note = ipw.HTML()
            self.children = (*self.children, self._note)
        return self._note

    hint = error = note

    def _render_note(self) -> None:
        if self._note is None and not (self._hint or self._message):
            return
        error = (
            f'<div class="leven-field-error">{html.escape(self._message)}</div>'
            if self._message else ""
        )
        self.note.value = self._hint + error
        self.note.layout.display = "" if self.note.value else "none"

    def show_error(self, message: str) -> None:
        self._message = message
        self._render_note()
        if message:
            self.add_class("leven-invalid")
        else:
            self.remove_class("leven-invalid")

    def json_value(self) -> Any:
        return _to_json(self.widget.value)

    def set_json_value(self, value: Any) -> None:
        if isinstance(self.widget, DateInput) and isinstance(value, str):
            value = _draft_date(value)
        if isinstance(value, list):
            value = tuple(value)
        if isinstance(self.widget, ipw.widgets.widget_selection._Selection) and value is not None:
            choices = [o[1] if isinstance(o, tuple) else o for o in self.widget.options]
            if value not in choices:  # e.g. a draft's goal that this experiment does not have
                log.warning("value %r is not a choice of %s; left out", value, self.name)
                return
        self.widget.value = value
        if isinstance(self.widget, ipw.Dropdown):
            show_choose(self.widget)


class RecordForm(ipw.VBox):
    """A form over one record model: fill, validate, save as a new version, keep drafts.

    Subclasses set ``model`` and implement :meth:`build_fields`; they may override
    :meth:`to_record` and :meth:`from_record` where form values and model fields differ.
    """

    model: ClassVar[type[Record]]
    form_name: ClassVar[str] = "formulier"

    def __init__(
        self,
        store: Store,
        proeftuin: str,
        *,
        record_id: str | None = None,
        saved_by: Callable[[], str] | str = "",
        on_saved: Callable[[Version], None] | None = None,
    ) -> None:
        self.store = store
        self.proeftuin = proeftuin
        self.record_id = record_id
        self.base_version: int | None = None
        self._saved_by = saved_by
        self._on_saved = on_saved
        self._timer: threading.Timer | None = None
        self._restoring = False
        self._restored_from: str | None = None  # the key of the draft taken back, if any
        self.fields: dict[str, Field] = {f.name: f for f in self.build_fields()}
        self.save_button = ipw.Button(
            description=t("core.form.save"), button_style="success", icon="save"
        )
        self.save_button.on_click(self._on_click_save_button)
        self.save_button.add_class("leven-save")
        self.status = ipw.HTML()
        self.draft_message = ipw.HTML()
        self.restore_button = ipw.Button(description=t("core.form.draft_restore"))
        self.discard_button = ipw.Button(description=t("core.form.draft_discard"))
        self.restore_button.on_click(self._on_click_restore_button)
        self.discard_button.on_click(self._on_click_discard_button)
        self.draft_box = ipw.HBox([self.draft_message, self.restore_button, self.discard_button])
        self.draft_box.add_class("leven-draft")
        for field in self.fields.values():
            field.widget.observe(self._observe_value, names="value")
        self.header_widgets = self.header()  # made once: a layout of its own reuses it
        super().__init__(
            [
                self.draft_box, *self.header_widgets, *self.fields.values(), self.save_button,
                self.status,
            ]
        )
        self.add_class("leven-record-form")
        self.add_class(f"leven-form-{self.form_name}")
        self._marked = ""
        self._mark_record()
        if record_id:
            self.load(record_id)
        self._offer_draft()

    # -- for subclasses ------------------------------------------------------------------

    def build_fields(self) -> list[Field]:
        """The form's fields, in order."""
        raise NotImplementedError

    def header(self) -> list[ipw.Widget]:
        """Widgets shown above the fields (a heading, an explanation)."""
        return []

    def to_record(self, values: dict[str, Any]) -> Record:
        """The record for these form values (may raise ValidationError or LevenError)."""
        return self.model(**values)

    def from_record(self, record: Record) -> dict[str, Any]:
        """The form values showing ``record``."""
        return {name: getattr(record, name) for name in self.fields if hasattr(record, name)}

    # -- state ---------------------------------------------------------------------------

    @property
    def values(self) -> dict[str, Any]:
        """What the form holds now, one value per field."""
        return {name: field.widget.value for name, field in self.fields.items()}

    @values.setter
    def values(self, values: dict[str, Any]) -> None:
        self._restoring = True
        try:
            for name, value in values.items():
                if name in self.fields:
                    self.fields[name].set_json_value(_to_json(value))
        finally:
            self._restoring = False

    @property
    def draft_key(self) -> str:
        return f"{self.proeftuin}/{self.model.KIND}/{self.record_id or 'nieuw'}/{self.form_name}"

    @property
    def saved_by(self) -> str:
        return self._saved_by() if callable(self._saved_by) else self._saved_by

    def load(self, record_id: str | None) -> None:
        """Show the latest version of ``record_id`` (an empty form for ``None``)."""
        if self._timer is not None:  # typed just now: keep it before showing another record
            self.flush_draft()
        self.record_id = record_id
        self._restored_from = None
        found = self.store.latest(self.model, record_id) if record_id else None
        self.base_version = found.version if found else None
        self.reset(found.record if found else None)
        self._mark_record()
        self._offer_draft()

    def _mark_record(self) -> None:
        """Name the record on the page (a CSS class): leven-app.js keeps what is typed in the
        browser too, per form and record, for when the kernel or the server is lost."""
        marker = f"leven-record-{self.record_id or 'nieuw'}"
        if marker != self._marked:
            if self._marked:
                self.remove_class(self._marked)
            self.add_class(marker)
            self._marked = marker

    def reset(self, record: Record | None = None) -> None:
        """Empty the form (or show ``record``) and clear all messages."""
        self._restoring = True
        try:
            for field in self.fields.values():
                field.set_json_value(_to_json(field.widget.trait_defaults("value")))
                field.show_error("")
            if record is not None:
                self.values = self.from_record(record)
        finally:
            self._restoring = False
        self.status.value = ""

    def show_status(self, message: str, ok: bool = True) -> None:
        self.status.value = status_html(message, ok)

    @property
    def messages(self) -> dict[str, str]:
        """The messages shown beside fields now, by field name."""
        return {name: f.message for name, f in self.fields.items() if f.message}

    # -- saving --------------------------------------------------------------------------

    @safe
    def _on_click_save_button(self, _button: ipw.Button | None = None) -> Version | None:
        return self.save()

    def save(self) -> Version | None:
        """Validate and save; on refusal show messages, keep every value, save nothing."""
        for field in self.fields.values():
            field.show_error("")
        unreadable = {name: t("core.validation.date_text") for name, field in self.fields.items()
                      if isinstance(field.widget, DateInput) and field.widget.unreadable}
        if unreadable:  # a date typed as no date: said at its field, before anything else
            self._show_field_messages(unreadable)
            return None
        try:
            record = self.to_record(self.values)
            version = self.store.save(
                record,
                proeftuin=self.proeftuin,
                record_id=self.record_id,
                saved_by=self.saved_by,
                base_version=self.base_version,
            )
        except ValidationError as error:
            self._show_field_messages(field_messages(error))
            return None
        except InvalidRecord as error:
            self._show_field_messages(error.fields)
            return None
        except StoreError as error:
            self.flush_draft()
            self.show_status(error.message, ok=False)
            return None
        except LevenError as error:
            field = error.params.get("field") if isinstance(error.params, dict) else None
            self._show_field_messages({field or "": error.message})
            return None
        self._cancel_draft_timer()
        saved_drafts = {owned_draft_key(self.draft_key), self._restored_from}
        self.record_id = version.record_id
        self.base_version = version.version
        self._mark_record()
        try:
            for key in saved_drafts - {None}:
                self.store.discard_draft(key)
        except StoreError:  # saved all the same; an old draft is only offered once more
            log.exception("draft not discarded")
        self._restored_from = None
        self.draft_box.layout.display = "none"
        try:  # lists beside the form first: "saved" on the page means they show it too
            if self._on_saved is not None:
                self._on_saved(version)
        finally:
            # "saved" is marked for leven-app.js: what this browser kept of the form can go
            self.status.value = status_html(
                t("core.form.saved", version=version.version)
            ).replace('class="leven-form-status-ok"', 'class="leven-form-status-ok leven-saved"')
        return version

    def _show_field_messages(self, messages: dict[str, str]) -> None:
        general = [m for name, m in messages.items() if name not in self.fields]
        for name, message in messages.items():
            if name in self.fields:
                self.fields[name].show_error(message)
        summary = t("core.form.not_saved")
        self.show_status(" ".join([summary, *general]), ok=False)
        self.flush_draft()

    # -- drafts --------------------------------------------------------------------------

    def _observe_value(self, _change: dict) -> None:
        if self._restoring:
            return
        self._cancel_draft_timer()
        self._timer = threading.Timer(DRAFT_DELAY_SECONDS, self.flush_draft)
        self._timer.daemon = True
        self._timer.start()

    def _cancel_draft_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def flush_draft(self) -> None:
        """Keep what the form holds now as the draft (called debounced while typing)."""
        self._cancel_draft_timer()
        try:
            values = {name: f.json_value() for name, f in self.fields.items()}
            self.store.save_draft(owned_draft_key(self.draft_key), values)
        except Exception:  # a draft is a safety net; its failure must not break typing
            log.exception("draft not saved")

    def _find_draft(self) -> Draft | None:
        """This browser's draft, and never another's (nor one kept without an owner)."""
        return self.store.load_draft(owned_draft_key(self.draft_key))

    def _offer_draft(self) -> None:
        draft = self._find_draft()
        if draft is None or draft.values == {n: f.json_value() for n, f in self.fields.items()}:
            self.draft_box.layout.display = "none"
            return
        when = draft.saved_at.astimezone().strftime("%d-%m-%Y %H:%M")
        self.draft_message.value = html.escape(t("core.form.draft_found", when=when))
        self.draft_box.layout.display = ""

    @safe
    def _on_click_restore_button(self, _button: ipw.Button | None = None) -> None:
        draft = self._find_draft()
        if draft is not None:
            self.values = draft.values
            self._restored_from = draft.key
        self.draft_box.layout.display = "none"
        self.show_status(t("core.form.draft_restored"))

    @safe
    def _on_click_discard_button(self, _button: ipw.Button | None = None) -> None:
        draft = self._find_draft()
        if draft is not None:
            self.store.discard_draft(draft.key)
        self.draft_box.layout.display = "none"
        self.status.value = ""
