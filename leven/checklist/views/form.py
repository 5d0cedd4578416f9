"""The checklist form (Bijlage 1): one answer and one comment per item, grouped by section.

Each answer (three toggle buttons, none chosen) and each comment is an ordinary
:class:`~leven.core.widgets.form.Field`, so saving, messages and drafts come from
:class:`~leven.core.widgets.form.RecordForm` unchanged; only the mapping to and from
:class:`~leven.checklist.ChecklistBeoordeling` and the layout per section are added here.
The fields depend on the checklist variant, so a form is made for one template.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import ipywidgets as ipw

from leven.checklist import (
    ANSWERS,
    ChecklistBeoordeling,
    ChecklistItem,
    ChecklistTemplate,
    available_templates,
    load_template,
)
from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.records import TEXT_MAX, Record
from leven.core.store import Store, Version
from leven.core.widgets.date import DateInput
from leven.core.widgets.form import Field, RecordForm, safe, status_html
from leven.core.widgets.inputs import close_tree

#: The longest comment an item takes (a text field: :data:`leven.core.records.TEXT_MAX`).
COMMENT_MAX = TEXT_MAX
_ITEM_BORDER = "1px solid #d5dedb"
#: The "start with an empty checklist" choice (a dropdown cannot show ``None`` as chosen).
EMPTY = ""


def answer_name(item_id: str) -> str:
    """The field name (and CSS handle ``leven-field-antwoord-<id>``) of an item's answer."""
    return f"antwoord-{item_id}"


def comment_name(item_id: str) -> str:
    return f"opmerking-{item_id}"


def assessment_label(record: ChecklistBeoordeling, project: str) -> str:
    """How an assessment is named in pickers: date, project and who filled it in."""
    return t(
        "checklist.app.option",
        datum=f"{record.datum:%d-%m-%Y}",
        project=project,
        door=record.ingevuld_door,
    )


@dataclass
class _Parts:
    """The widgets of a checklist form that depend only on its template."""

    fields: list[Field]
    sections: list[ipw.VBox]
    section_progress: dict[str, ipw.HTML]


#: Parts made ahead (by :meth:`ChecklistForm.prepare`), by template name and version;
#: each is used by one form only.
_prepared: dict[tuple[str, str], _Parts] = {}


def _item_fields(template: ChecklistTemplate, item: ChecklistItem) -> list[Field]:
    labels = template.answer_labels
    toggles = ipw.ToggleButtons(
        options=[(labels[code], code) for code in ANSWERS],
        value=None,
        style={"button_width": "8.5em"},
        layout={"width": "auto"},
    )
    toggles.add_class("leven-checklist-answer")
    comment = ipw.Textarea(placeholder=t("checklist.form.comment_placeholder"), rows=2)
    comment.add_class("leven-checklist-comment")
    answer_field = Field(answer_name(item.id), toggles, item.text)
    # no label: the placeholder says it, once per item
    comment_field = Field(
        comment_name(item.id), comment, t("checklist.form.comment"), show_label=False
    )
    return [answer_field, comment_field]


def _section_box(section: Any, fields: dict[str, Field], count: ipw.HTML) -> ipw.VBox:
    title = ipw.HTML(f"<h3>{html.escape(section.title)}</h3>")
    rows = []
    for item in section.items:
        answer, comment = fields[answer_name(item.id)], fields[comment_name(item.id)]
        answer.layout.width, comment.layout.width = "58%", "40%"
        # a layout given, not assigned: an assigned one leaves the default's model behind
        row = ipw.HBox(
            [answer, comment],
            layout=ipw.Layout(
                justify_content="space-between", border_top=_ITEM_BORDER, padding="6px 0"
            ),
        )
        row.add_class("leven-checklist-item")
        row.add_class(f"leven-checklist-item-{item.id}")
        rows.append(row)
    head = ipw.HBox([title, count])
    head.layout.align_items = "baseline"
    head.layout.justify_content = "space-between"
    box = ipw.VBox([head, *rows])
    box.layout.margin = "1.2em 0 0 0"
    box.add_class("leven-checklist-section")
    box.add_class(f"leven-checklist-section-{section.id}")
    return box


def _make_parts(template: ChecklistTemplate) -> _Parts:
    fields = [
        Field(
            "ingevuld_door",
            ipw.Text(),
            t("checklist.form.ingevuld_door"),
            t("checklist.form.ingevuld_door_hint"),
        ),
        Field("datum", DateInput(), t("checklist.form.datum")),
        Field(
            "organisatie",
            ipw.Text(),
            t("checklist.form.organisatie"),
            t("checklist.form.organisatie_hint"),
        ),
    ]
    for item in template.items:
        fields += _item_fields(template, item)
    by_name = {f.name: f for f in fields}
    progress = {s.id: ipw.HTML() for s in template.sections}
    sections = [_section_box(s, by_name, progress[s.id]) for s in template.sections]
    return _Parts(fields, sections, progress)


class ChecklistForm(RecordForm):
    """Fill in one assessment of one checklist variant; save half-way, resume later."""

    model = ChecklistBeoordeling
    form_name = "checklist"

    @classmethod
    def prepare(cls, template: ChecklistTemplate) -> None:
        """Make the widgets of a form for ``template`` now, for the next form made for it.

        The form's 300-odd widgets are most of what a checklist page costs; with preheated
        kernels this runs before the request (see :meth:`ChecklistApp.prepare`).
        """
        key = (template.name, template.version)
        if key not in _prepared:
            _prepared[key] = _make_parts(template)

    @staticmethod
    def discard_prepared() -> None:
        """Close prepared widgets no form took (the page would load them for nothing)."""
        while _prepared:
            _, parts = _prepared.popitem()
            for widget in [*parts.sections, *parts.fields]:
                close_tree(widget)

    def __init__(
        self,
        store: Store,
        proeftuin: str,
        template: ChecklistTemplate,
        *,
        record_id: str | None = None,
        start_from: ChecklistBeoordeling | None = None,
        saved_by: Callable[[], str] | str = "",
        on_saved: Callable[[Version], None] | None = None,
    ) -> None:
        self.template = template
        self.progress = ipw.HTML()
        self.progress.add_class("leven-checklist-progress")
        self._parts = _prepared.pop((template.name, template.version), None)
        self._parts = self._parts or _make_parts(template)
        self.section_progress = self._parts.section_progress
        super().__init__(
            store, proeftuin, record_id=record_id, saved_by=saved_by, on_saved=on_saved
        )
        for item in template.items:
            self.answer_widget(item.id).observe(self._observe_answer, names="value")
        self.children = self._layout()
        if record_id is None:
            fresh: dict[str, Any] = {"datum": date.today()}
            if start_from is not None:
                copied = self.from_record(start_from)
                fresh.update(
                    {k: v for k, v in copied.items() if k not in ("ingevuld_door", "datum")}
                )
            self.values = fresh
            self._offer_draft()
        self._update_progress()

    # -- fields and layout ---------------------------------------------------------------

    def build_fields(self) -> list[Field]:
        return self._parts.fields

    def header(self) -> list[ipw.Widget]:
        title = t(
            "checklist.form.heading", title=self.template.title, project=self.template.project
        )
        return [
            ipw.HTML(
                f"<h2>{html.escape(title)}</h2><p>"
                f"{html.escape(t('checklist.form.explanation'))}</p>"
            )
        ]

    def _layout(self) -> list[ipw.Widget]:
        top = ipw.HBox(
            [self.fields["ingevuld_door"], self.fields["organisatie"], self.fields["datum"]]
        )
        self.fields["ingevuld_door"].layout.width = "35%"
        self.fields["organisatie"].layout.width = "35%"
        self.fields["datum"].layout.width = "25%"
        top.layout.justify_content = "space-between"
        bottom = ipw.HBox([self.save_button, self.progress])
        bottom.layout.align_items = "center"
        return [
            self.draft_box, *self.header_widgets, top, self.progress, *self._parts.sections,
            bottom, self.status,
        ]

    # -- mapping to and from the record --------------------------------------------------

    def answer_widget(self, item_id: str) -> ipw.ToggleButtons:
        return self.fields[answer_name(item_id)].widget

    def comment_widget(self, item_id: str) -> ipw.Textarea:
        return self.fields[comment_name(item_id)].widget

    def to_record(self, values: dict[str, Any]) -> Record:
        answers = {}
        for item in self.template.items:
            answer = values[answer_name(item.id)]
            comment = (values[comment_name(item.id)] or "").strip()
            if len(comment) > COMMENT_MAX:
                raise LevenError(
                    "checklist.form.comment_too_long",
                    field=comment_name(item.id),
                    max_length=COMMENT_MAX,
                )
            if answer is not None or comment:
                answers[item.id] = {"antwoord": answer, "opmerking": comment}
        return ChecklistBeoordeling.model_validate(
            {
                "template": self.template.name,
                "template_versie": self.template.version,
                "proeftuin": self.proeftuin,
                "organisatie": values["organisatie"],
                "ingevuld_door": values["ingevuld_door"],
                "datum": values["datum"],
                "antwoorden": answers,
            }
        )

    def from_record(self, record: Record) -> dict[str, Any]:
        assert isinstance(record, ChecklistBeoordeling)
        values: dict[str, Any] = {
            "ingevuld_door": record.ingevuld_door,
            "datum": record.datum,
            "organisatie": record.organisatie,
        }
        for item in self.template.items:
            values[answer_name(item.id)] = record.answer(item.id)
            values[comment_name(item.id)] = record.comment(item.id)
        return values

    @property
    def draft_key(self) -> str:
        """Per record, and for a new assessment per variant (their fields differ)."""
        record = self.record_id or f"nieuw-{self.template.name}"
        return f"{self.proeftuin}/{self.model.KIND}/{record}/{self.form_name}"

    # -- progress ------------------------------------------------------------------------

    @property
    def answered(self) -> int:
        """How many items have an answer now (saved or not)."""
        return sum(self.answer_widget(i).value is not None for i in self.template.item_ids)

    def _observe_answer(self, _change: dict) -> None:
        self._update_progress()

    def _update_progress(self) -> None:
        total = len(self.template.items)
        text = t("checklist.form.progress", answered=self.answered, total=total)
        self.progress.value = f"<b>{html.escape(text)}</b>"
        for section in self.template.sections:
            done = sum(self.answer_widget(i.id).value is not None for i in section.items)
            count = t("checklist.form.progress", answered=done, total=len(section.items))
            self.section_progress[
                section.id
            ].value = f'<span class="leven-meta">{html.escape(count)}</span>'


class NewAssessmentPanel(ipw.VBox):
    """Start a new assessment: choose the variant, and optionally an earlier one's answers."""

    def __init__(
        self,
        on_start: Callable[[ChecklistTemplate, ChecklistBeoordeling | None], None],
        on_cancel: Callable[[], None],
    ) -> None:
        self._on_start = on_start
        self._on_cancel = on_cancel
        self.templates: dict[str, ChecklistTemplate] = {}
        problems = []
        for name in available_templates():
            try:
                self.templates[name] = load_template(name)
            except LevenError as error:  # a malformed new template must not block the others
                problems.append(f'<p class="leven-form-status-error">{html.escape(str(error))}</p>')
        self.problems = ipw.HTML("".join(problems))
        self.versions: list[Version] = []
        self.variant = ipw.Dropdown(
            description=t("checklist.new.variant"),
            options=[(tpl.project, name) for name, tpl in self.templates.items()],
        )
        self.start_from = ipw.Dropdown(description=t("checklist.new.start_from"))
        for dropdown in (self.variant, self.start_from):
            dropdown.style.description_width = "9em"
            dropdown.layout.width = "44em"
        self.variant.add_class("leven-checklist-variant")
        self.start_from.add_class("leven-checklist-start-from")
        self.start_button = ipw.Button(
            description=t("checklist.new.start"), button_style="primary", icon="play"
        )
        self.start_button.add_class("leven-checklist-start")
        self.cancel_button = ipw.Button(description=t("checklist.new.cancel"))
        self.start_button.on_click(self._on_click_start_button)
        self.cancel_button.on_click(self._on_click_cancel_button)
        self.status = ipw.HTML()
        self.variant.observe(self._observe_variant, names="value")
        heading = ipw.HTML(f"<h3>{html.escape(t('checklist.new.heading'))}</h3>")
        super().__init__(
            [
                heading,
                self.variant,
                self.start_from,
                ipw.HBox([self.start_button, self.cancel_button]),
                self.problems,
                self.status,
            ],
            layout=ipw.Layout(
                border="2px solid #2e6b5e", padding="0 1em 1em 1em", margin="0.8em 0"
            ),
        )
        self.add_class("leven-checklist-new-panel")

    def offer(self, versions: list[Version], can_cancel: bool = True) -> None:
        """Show the panel for these saved assessments (the latest's variant chosen)."""
        self.versions = versions
        self.cancel_button.layout.display = "" if can_cancel else "none"
        self.status.value = ""
        latest = versions[-1].record.template if versions else None
        if latest in self.templates and self.variant.value != latest:
            self.variant.value = latest
        else:
            self._offer_previous()

    def _offer_previous(self) -> None:
        same = [v for v in self.versions if v.record.template == self.variant.value]
        same.sort(key=lambda v: (v.record.datum, v.saved_at), reverse=True)
        options = [(t("checklist.new.empty"), EMPTY)]
        options += [
            (
                t(
                    "checklist.new.previous",
                    datum=f"{v.record.datum:%d-%m-%Y}",
                    door=v.record.ingevuld_door,
                ),
                v.record_id,
            )
            for v in same
        ]
        self.start_from.options = options
        self.start_from.value = same[0].record_id if same else EMPTY

    def show_status(self, message: str, ok: bool = True) -> None:
        self.status.value = status_html(message, ok)

    @safe
    def _observe_variant(self, _change: dict) -> None:
        self._offer_previous()

    @safe
    def _on_click_start_button(self, _button: ipw.Button | None = None) -> None:
        template = self.templates[self.variant.value]
        chosen = {v.record_id: v.record for v in self.versions}.get(self.start_from.value)
        self._on_start(template, chosen)

    @safe
    def _on_click_cancel_button(self, _button: ipw.Button | None = None) -> None:
        self._on_cancel()
