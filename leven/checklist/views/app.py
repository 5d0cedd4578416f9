"""The checklist app: fill in an assessment, see its profile and action list, compare two.

Opening the app resumes the assessment saved last (its latest version), so a checklist
filled in half-way through a meeting is simply continued the next time. Profile, action
list and downloads show what is *saved*, and are redrawn after each save.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import ipywidgets as ipw

from leven.checklist import (
    ChecklistBeoordeling,
    ChecklistTemplate,
    available_templates,
    load_template,
)
from leven.checklist.views.form import ChecklistForm, NewAssessmentPanel, assessment_label
from leven.checklist.views.panels import (
    ActionsView,
    ComparisonView,
    ProfileView,
    download_links,
    note,
)
from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.store import Store, Version
from leven.core.widgets.app import LevenApp
from leven.core.widgets.form import safe, status_html
from leven.proeftuin.records import Proeftuin

#: The picker's value while a new assessment is being started (no record id is empty).
NEW = ""


class ChecklistApp(LevenApp):
    """Fill in, profile, action list and comparison of the checklist for one proeftuin."""

    draws_charts = True

    def _proeftuin_name(self, record: ChecklistBeoordeling) -> str:
        """The proeftuin's name for the export (an assessment keeps only its id)."""
        found = self.store.latest(Proeftuin, record.proeftuin) if record.proeftuin else None
        return found.record.naam if found else ""

    @classmethod
    def prepare(cls, store: Store) -> None:
        """Before the request: make the form of the variant saved last in this store.

        The proeftuin is not known yet, but the variant most likely is: the form's widgets
        are then ready, and the page only fills them in.
        """
        versions = store.records(ChecklistBeoordeling)
        names = available_templates()
        latest = max(versions, key=lambda v: v.saved_at).record.template if versions else None
        name = latest if latest in names else (names[0] if names else None)
        if name is not None:
            # a malformed template is said when the page is built
            with contextlib.suppress(LevenError):
                ChecklistForm.prepare(load_template(name))

    def __init__(
        self, store: Store, proeftuin: str, saved_by: Callable[[], str] | str = ""
    ) -> None:
        super().__init__(store, proeftuin, saved_by)
        self._templates: dict[str, ChecklistTemplate] = {}
        self._syncing = False
        self.form: ChecklistForm | None = None
        self.picker = ipw.Dropdown(description=t("checklist.app.assessment"))
        self.picker.layout.width = "44em"
        self.picker.style.description_width = "initial"
        self.picker.add_class("leven-checklist-picker")
        self.new_button = ipw.Button(description=t("checklist.app.new"), icon="plus")
        self.new_button.add_class("leven-checklist-new")
        self.new_button.layout.width = "auto"
        self.new_button.on_click(self._on_click_new_button)
        self.new_panel = NewAssessmentPanel(self._start_new, self._cancel_new)
        self.intro = ipw.HTML()
        self.form_box = ipw.VBox()
        self.downloads = ipw.HTML()
        self.profile = ProfileView()
        self.actions = ActionsView()
        self.comparison = ComparisonView(self.template, self.project)
        self.status = ipw.HTML()
        fill = ipw.VBox(
            [
                ipw.HBox([self.picker, self.new_button]),
                self.intro,
                self.new_panel,
                self.form_box,
                self.downloads,
            ]
        )
        self.tabs = ipw.Tab(children=[fill, self.profile, self.actions, self.comparison])
        for index, key in enumerate(("fill", "profile", "actions", "compare")):
            self.tabs.set_title(index, t(f"checklist.app.{key}"))
        self.tabs.observe(self._observe_tab, names="selected_index")
        self.children = [self.tabs, self.status]
        self.add_class("leven-checklist-app")
        self.versions = self.store.records(ChecklistBeoordeling, proeftuin)
        self.picker.observe(self._observe_picker, names="value")
        if self.versions:
            self.resume(self.versions[-1].record_id)  # the one saved last: resume it
        else:
            self._show_new_panel()
        ChecklistForm.discard_prepared()  # a form of another variant: not needed now

    def project(self, name: str) -> str:
        """The project of variant ``name`` for labels (the bare name if it cannot load)."""
        try:
            return self.template(name).project
        except LevenError:
            return name

    def template(self, name: str) -> ChecklistTemplate:
        """The checklist variant ``name``, loaded once per app."""
        if name not in self._templates:
            self._templates[name] = load_template(name)
        return self._templates[name]

    def show_status(self, message: str, ok: bool = True) -> None:
        self.status.value = status_html(message, ok)

    # -- choosing what to fill in --------------------------------------------------------

    def resume(self, record_id: str) -> None:
        """Resume a saved assessment: its latest version in the form."""
        found = self.store.latest(ChecklistBeoordeling, record_id)
        if found is None:
            return
        try:
            template = self.template(found.record.template)
        except LevenError as error:  # its variant's template is gone or malformed
            self._show_new_panel()
            self.show_status(error.message, ok=False)
            return
        self._set_form(
            ChecklistForm(
                self.store,
                self.proeftuin,
                template,
                record_id=record_id,
                saved_by=self.saved_by,
                on_saved=self._on_saved,
            )
        )
        self._refresh(found)

    def _set_form(self, form: ChecklistForm | None) -> None:
        self.form = form
        self.form_box.children = [form] if form is not None else []
        self.new_panel.layout.display = "none"
        self.intro.value = ""

    @safe
    def _refresh(self, current: Version | None) -> None:
        """Redraw picker, downloads, profile, action list and comparison after a change.

        Guarded like a handler: should a view fail, the form stays usable and says so.
        """
        self.versions = self.store.records(ChecklistBeoordeling, self.proeftuin)
        ordered = sorted(self.versions, key=lambda v: (v.record.datum, v.saved_at), reverse=True)
        options = [(t("checklist.app.new_option"), NEW)]
        options += [
            (assessment_label(v.record, self.project(v.record.template)), v.record_id)
            for v in ordered
        ]
        self._syncing = True
        try:
            self.picker.options = options
            self.picker.value = current.record_id if current else NEW
        finally:
            self._syncing = False
        template = self.template(current.record.template) if current else None
        record = current.record if current else None
        self.downloads.value = (
            download_links(template, record, self._proeftuin_name(record))
            if template and record
            else note("checklist.downloads.pending")
        )
        self.profile.show(template, record)
        self.actions.show(template, record)
        self.comparison.offer(self.versions, current.record_id if current else None)

    def _show_new_panel(self) -> None:
        self._set_form(None)
        self._refresh(None)
        self.new_panel.layout.display = ""
        self.new_panel.offer(self.versions, can_cancel=bool(self.versions))
        if not self.versions:
            self.intro.value = note("checklist.app.none", "leven-meta")

    def _start_new(
        self, template: ChecklistTemplate, previous: ChecklistBeoordeling | None
    ) -> None:
        form = ChecklistForm(
            self.store,
            self.proeftuin,
            template,
            start_from=previous,
            saved_by=self.saved_by,
            on_saved=self._on_saved,
        )
        self._set_form(form)
        if previous is None:
            form.show_status(t("checklist.new.started"))
        else:
            label = assessment_label(previous, template.project)
            form.show_status(t("checklist.new.copied", label=label))

    def _cancel_new(self) -> None:
        if self.versions:
            self.resume(self.versions[-1].record_id)

    @safe
    def _observe_tab(self, change: dict) -> None:
        # Charts are drawn when their tab is opened: the first page load stays quick.
        for index, box in ((1, self.profile.chart_output), (3, self.comparison.chart_output)):
            if change["new"] == index:
                box.show()
            else:
                box.hide()

    @safe
    def _on_saved(self, version: Version) -> None:
        self._refresh(version)

    @safe
    def _observe_picker(self, change: dict) -> None:
        if self._syncing:
            return
        if change["new"] == NEW:
            self._show_new_panel()
        elif self.form is None or self.form.record_id != change["new"]:
            self.resume(change["new"])

    @safe
    def _on_click_new_button(self, _button: ipw.Button | None = None) -> None:
        if self.picker.value == NEW:
            self._show_new_panel()
        else:
            self.picker.value = NEW  # the observer shows the panel
