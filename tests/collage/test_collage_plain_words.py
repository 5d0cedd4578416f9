"""The facilitators' page says in words what the researchers' notebook calls the log-ratio
(issue 16, item 4); the notebook keeps the technical term."""

from __future__ import annotations

import pytest

from leven.collage.charts import domain_words_chart
from leven.collage.records import CollageNotitie
from leven.collage.views import CollageApp
from leven.core.store import Store
from leven.core.textstats import words_by_domain

pytestmark = pytest.mark.usefixtures("dutch")


def test_the_apps_word_differences_speak_plainly(example_store: Store):
    app = CollageApp(example_store, "bergeijk")
    app.tabs.selected_index = 2  # Taal: counted when the tab opens
    words = app.words
    spec = words.domain_chart.to_dict()
    axis = " ".join(spec["encoding"]["x"]["title"])  # a line per side, for a phone's width
    assert "log" not in axis.lower()
    assert "woorden die vooral de zorg gebruikt" in axis
    tooltip = {tip["field"]: tip["title"] for tip in spec["encoding"]["tooltip"]}
    assert "log" not in tooltip["log_ratio"].lower()
    assert "log" not in words.table.value.lower()
    assert "<th>Verschil (+ vooral zorg, − vooral sociaal domein)</th>" in words.table.value


def test_the_researchers_chart_keeps_the_technical_term(example_store: Store):
    notes = [v.record for v in example_store.records(CollageNotitie, "bergeijk")]
    spec = domain_words_chart(words_by_domain(notes)).to_dict()
    assert "log-ratio" in spec["encoding"]["x"]["title"]
