"""The jaar page: its records in a table, a picker and the form (ipywidgets)."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as ipw

from leven.core.i18n import t
from leven.core.store import Store
from leven.core.widgets.app import LevenApp
from leven.core.widgets.form import Field, RecordForm
from leven.core.widgets.panel import RecordPanel
from leven.jaar.records import Jaar


class JaarForm(RecordForm):
    """One jaar record: every save a new version."""

    model = Jaar
    form_name = "jaar"

    def build_fields(self) -> list[Field]:
        return [Field("titel", ipw.Text(), t("jaar.velden.titel"))]


class JaarApp(LevenApp):
    """The jaar app of one proeftuin."""

    def __init__(
        self, store: Store, proeftuin: str, saved_by: Callable[[], str] | str = ""
    ) -> None:
        super().__init__(store, proeftuin, saved_by)
        self.panel = RecordPanel(
            JaarForm,
            store,
            proeftuin,
            [(t("jaar.velden.titel"), lambda v: v.record.titel)],
            label=lambda v: v.record.titel,
            saved_by=saved_by,
        )
        self.children = [self.panel]
