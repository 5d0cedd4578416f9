"""The views of the checklist app beside the form: profile, action list, comparison, downloads.

Each view redraws itself from saved assessments only (``show``), and keeps the table and
chart it last drew, so tests can check exactly what a facilitator sees.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from typing import Any

import ipywidgets as ipw

from leven.checklist import (
    TOTAL,
    ChecklistBeoordeling,
    ChecklistTemplate,
    action_list,
    compare,
    summary,
)
from leven.checklist import charts as checklist_charts
from leven.checklist.export import (
    CSV_MEDIA_TYPE,
    EXCEL_MEDIA_TYPE,
    export_filename,
    to_csv,
    to_excel,
)
from leven.checklist.views.form import assessment_label
from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.store import Version
from leven.core.widgets.chartbox import ChartBox
from leven.core.widgets.form import safe
from leven.core.widgets.panel import html_table

_BUTTON = (
    "display:inline-block;margin:0 .5em;padding:.35em .9em;border-radius:4px;"
    "background:#2e6b5e;color:white;font-weight:600;text-decoration:none"
)


def _percent(value: float) -> str:
    return "–" if value != value else f"{value:.0%}"  # NaN != NaN


def note(key: str, css: str = "leven-empty", **params: Any) -> str:
    """A catalogue message as an escaped paragraph."""
    return f'<p class="{css}">{html.escape(t(key, **params))}</p>'


def _answer(template: ChecklistTemplate, code: str | None) -> str:
    """The template's label of an answer code; '' when unanswered (None, or NaN in pandas)."""
    return template.answer_labels[code] if isinstance(code, str) and code else ""


def download_links(
    template: ChecklistTemplate, assessment: ChecklistBeoordeling, proeftuin_name: str = ""
) -> str:
    """HTML with CSV and Excel downloads of the Bijlage 1 table, as data URIs (works offline).

    The table names the proeftuin by ``proeftuin_name`` (its id when not given).
    """
    files = [
        ("csv", CSV_MEDIA_TYPE,
         to_csv(template, assessment, proeftuin_name=proeftuin_name).encode("utf-8-sig")),
        ("xlsx", EXCEL_MEDIA_TYPE, to_excel(template, assessment, proeftuin_name)),
    ]
    links = []
    for extension, media_type, data in files:
        name = html.escape(export_filename(assessment, extension), quote=True)
        label = html.escape(t(f"checklist.downloads.{'excel' if extension == 'xlsx' else 'csv'}"))
        href = f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"
        links.append(
            f'<a class="leven-download leven-download-{extension}" download="{name}" '
            f'href="{href}" style="{_BUTTON}"><i class="fa fa-download"></i> {label}</a>'
        )
    return (
        f'<p class="leven-checklist-downloads">'
        f"{html.escape(t('checklist.downloads.label'))}{''.join(links)}</p>"
    )


class ProfileView(ipw.VBox):
    """The readiness profile: stacked bars per section, the numbers, the total score."""

    def __init__(self) -> None:
        self.total = ipw.HTML()
        self.chart_output = ChartBox()
        self.table = ipw.HTML()
        self.summary: Any = None
        super().__init__([self.total, self.chart_output, self.table])
        self.add_class("leven-checklist-profile")

    @property
    def chart(self) -> Any:
        """The profile chart (made on first use: its tab may never be opened)."""
        return self.chart_output.chart

    def show(self, template: ChecklistTemplate | None, record: ChecklistBeoordeling | None) -> None:
        self.chart_output.clear()
        if template is None or record is None:
            self.summary = None
            self.total.value, self.table.value = note("checklist.app.not_saved"), ""
            return
        self.summary = table = summary(template, record)
        total = table.loc[TOTAL]
        key = "checklist.profile.total" if total["beantwoord"] else "checklist.profile.nothing"
        text = t(
            key,
            score=_percent(total["gereedheid"]),
            answered=int(total["beantwoord"]),
            total=int(total["items"]),
        )
        self.total.value = f"<h3>{html.escape(text)}</h3>" + note(
            "checklist.profile.explanation", "leven-meta"
        )
        self.chart_output.set(lambda: checklist_charts.profile_chart(table, width="container"))
        headers = [
            t("checklist.profile.section"),
            *template.answer_labels.values(),
            t("checklist.profile.onbeantwoord"),
            t("checklist.profile.readiness"),
        ]
        rows = [
            [
                row["titel"],
                row["niet"],
                row["gedeeltelijk"],
                row["wel"],
                row["onbeantwoord"],
                _percent(row["gereedheid"]),
            ]
            for _, row in table.iterrows()
        ]
        self.table.value = html_table(rows, headers)


class ActionsView(ipw.VBox):
    """The items not met yet (niet, gedeeltelijk) with their comments."""

    def __init__(self) -> None:
        self.table = ipw.HTML()
        self.actions: Any = None
        super().__init__(
            [ipw.HTML(note("checklist.actions.explanation", "leven-meta")), self.table]
        )
        self.add_class("leven-checklist-actions")

    def show(self, template: ChecklistTemplate | None, record: ChecklistBeoordeling | None) -> None:
        if template is None or record is None:
            self.actions, self.table.value = None, note("checklist.app.not_saved")
            return
        self.actions = todo = action_list(template, record)
        if todo.empty:
            self.table.value = note("checklist.actions.none", "leven-form-status-ok")
            return
        headers = [
            t(f"checklist.actions.{key}") for key in ("section", "item", "answer", "comment")
        ]
        rows = [
            [row.sectie_titel, row.tekst, _answer(template, row.antwoord), row.opmerking]
            for row in todo.itertuples()
        ]
        self.table.value = html_table(rows, headers)


class ComparisonView(ipw.VBox):
    """Two saved assessments of one variant side by side: per section and per item."""

    def __init__(
        self,
        template_of: Callable[[str], ChecklistTemplate],
        project_of: Callable[[str], str],
    ) -> None:
        self._template_of = template_of
        self._project_of = project_of
        self.versions: dict[str, Version] = {}
        self.before = ipw.Dropdown(description=t("checklist.compare.before"))
        self.after = ipw.Dropdown(description=t("checklist.compare.after"))
        for dropdown in (self.before, self.after):
            dropdown.layout.width = "44em"
            dropdown.observe(self._observe_choice, names="value")
        self.before.add_class("leven-checklist-before")
        self.after.add_class("leven-checklist-after")
        self.message = ipw.HTML()
        self.chart_output = ChartBox()
        self.sections_table = ipw.HTML()
        self.items_table = ipw.HTML()
        self.comparison: Any = None
        self._syncing = False
        super().__init__(
            [
                self.before,
                self.after,
                self.message,
                self.chart_output,
                self.sections_table,
                self.items_table,
            ]
        )
        self.add_class("leven-checklist-compare")

    def offer(self, versions: list[Version], current: str | None) -> None:
        """Choose from these assessments; default: the first of the current variant vs current."""
        ordered = sorted(versions, key=lambda v: (v.record.datum, v.saved_at))
        self.versions = {v.record_id: v for v in ordered}
        options = [(self._label(v), v.record_id) for v in ordered]
        after = self.versions.get(current) or (ordered[-1] if ordered else None)
        others = [v for v in ordered if after and v.record_id != after.record_id]
        same = [v for v in others if v.record.template == after.record.template]
        before = (same or others or [None])[0]  # the first of the same variant, if any
        self._syncing = True
        try:
            self.before.options = self.after.options = options
            self.after.value = after.record_id if after else None
            self.before.value = before.record_id if before else None
        finally:
            self._syncing = False
        self.show()

    def _label(self, version: Version) -> str:
        return assessment_label(version.record, self._project_of(version.record.template))

    @safe
    def _observe_choice(self, _change: dict) -> None:
        if not self._syncing:
            self.show()

    @property
    def chart(self) -> Any:
        """The comparison chart (made on first use: its tab may never be opened)."""
        return self.chart_output.chart

    def show(self) -> None:
        """Redraw for the two chosen assessments (or say why there is nothing to compare)."""
        self.chart_output.clear()
        self.comparison = None
        self.sections_table.value = self.items_table.value = ""
        before, after = self.versions.get(self.before.value), self.versions.get(self.after.value)
        if len(self.versions) < 2 or before is None or after is None:
            self.message.value = note("checklist.compare.need_two")
            return
        if before.record_id == after.record_id:
            self.message.value = note("checklist.compare.same")
            return
        if before.record.template != after.record.template:
            self.message.value = note("checklist.compare.other_variant")
            return
        try:
            template = self._template_of(after.record.template)
        except LevenError as error:
            self.message.value = f'<p class="leven-form-status-error">{html.escape(str(error))}</p>'
            return
        self.message.value = ""
        self.comparison = items, sections = compare(template, before.record, after.record)
        first = f"{before.record.datum:%d-%m-%Y}"
        second = f"{after.record.datum:%d-%m-%Y}"
        if first == second:
            first, second = self._label(before), self._label(after)
        self.chart_output.set(lambda: checklist_charts.comparison_chart(
            sections, first, second, width="container"))
        head_before = t("checklist.compare.before_column", datum=first)
        head_after = t("checklist.compare.after_column", datum=second)
        rows = [
            [
                row["titel"],
                _percent(row["gereedheid_voor"]),
                _percent(row["gereedheid_na"]),
                "–" if row["verschil"] != row["verschil"] else f"{row['verschil']:+.0%}",
            ]
            for _, row in sections.iterrows()
        ]
        self.sections_table.value = html_table(
            rows,
            [
                t("checklist.compare.section"),
                head_before,
                head_after,
                t("checklist.compare.difference"),
            ],
        )
        rows = [
            [
                row.tekst,
                _answer(template, row.voor),
                _answer(template, row.na),
                t(f"checklist.change.{row.verandering}")
                if isinstance(row.verandering, str)
                else "",
            ]
            for row in items.itertuples()
        ]
        self.items_table.value = (
            f"<h3>{html.escape(t('checklist.compare.items_heading'))}</h3>"
            + html_table(
                rows,
                [
                    t("checklist.compare.item"),
                    head_before,
                    head_after,
                    t("checklist.compare.change"),
                ],
            )
        )
