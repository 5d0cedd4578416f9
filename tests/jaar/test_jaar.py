"""Jaar: the record, the analysis and the page (widgets driven, checked in the store)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from leven.core.store import Store
from leven.jaar import Jaar, overview
from leven.jaar.charts import overview_chart
from leven.jaar.views import JaarApp


def test_a_record_needs_a_titel():
    with pytest.raises(ValidationError):
        Jaar(titel="")


def test_the_page_saves_a_record_and_the_analysis_counts_it():
    store = Store("sqlite://")
    app = JaarApp(store, "bergeijk")
    app.panel.form.fields["titel"].widget.value = "Eerste"
    app.panel.form.save_button.click()
    assert [v.record.titel for v in store.records(Jaar, "bergeijk")] == ["Eerste"]
    counts = overview(store.frame(Jaar))
    assert counts.to_dict("records") == [{"proeftuin": "bergeijk", "aantal": 1}]
    assert overview_chart(counts).to_dict()["mark"]["type"] == "bar"
