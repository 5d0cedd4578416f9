"""The overview of all interviews: a table, the words of "gewenste toekomst", and beside the
voorlopige ambitie the interviews it drew on — what the kerngroep reads before the start."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as ipw
import pandas as pd

from leven.core.i18n import language, t
from leven.core.store import Store
from leven.core.widgets.chartbox import ChartBox
from leven.core.widgets.panel import empty_note, html_table
from leven.kernthema import Kernthema, record_id
from leven.stakeholdergesprek.analysis import (
    drew_on,
    interviews_table,
    mean_rating,
    toekomst_words,
    voorlopige,
)
from leven.stakeholdergesprek.records import Stakeholdergesprek
from leven.stakeholdergesprek.views.form import actor_names

WORDS = 15


def _date(value: Any) -> str:
    return f"{value:%d-%m-%Y}" if value else ""


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if language() == "nl" else text


def _heading(key: str) -> str:
    return f"<h3>{html.escape(t(f'stakeholdergesprek.overzicht.{key}'))}</h3>"


class GesprekkenOverview(ipw.VBox):
    """All interviews of the proeftuin at a glance; :meth:`refresh` reads them again."""

    def __init__(self, store: Store, proeftuin: str) -> None:
        self.store = store
        self.proeftuin = proeftuin
        self.table = ipw.HTML()
        self.table.add_class("leven-gesprekken-table")
        self.words = ipw.HTML()
        self.words.add_class("leven-gesprekken-words")
        self.chart = ChartBox()
        self.ambitie = ipw.HTML()
        self.ambitie.add_class("leven-gesprekken-ambitie")
        words = ipw.VBox([self.words, self.chart], layout={"flex": "0 1 30rem"})
        ambitie = ipw.VBox([self.ambitie], layout={"flex": "1 1 30rem"})
        # side by side on a projector, one under the other on a narrow screen
        columns = ipw.HBox([words, ambitie], layout={"flex_flow": "row wrap", "gap": "2rem"})
        super().__init__([self.table, columns])
        self.add_class("leven-gesprekken-overview")

    def refresh(self) -> None:
        """Read the interviews and the kernthema again, and redraw."""
        versions = self.store.records(Stakeholdergesprek, self.proeftuin)
        names = actor_names(self.store, self.proeftuin)
        gesprekken = [v.record for v in versions]
        self.table.value = self._table_html(versions, names)
        words = toekomst_words(gesprekken, n=WORDS)
        self.words.value = _heading("woorden") + html_table(
            [[row["woord"], row["aantal"], row["notities"]] for row in words.to_dict("records")],
            [t(f"stakeholdergesprek.kolommen.{k}") for k in ("woord", "aantal", "gesprekken")],
            empty=t("stakeholdergesprek.overzicht.geen_woorden"),
        )
        if words.empty:
            self.chart.clear()
        else:
            from leven.stakeholdergesprek.charts import toekomst_words_chart

            self.chart.set(lambda: toekomst_words_chart(words, width="container"))
        self.ambitie.value = self._ambitie_html(versions, names)

    def _table_html(self, versions: list, names: dict[str, str]) -> str:
        frame = interviews_table(versions, names)
        rows = [
            [_date(r["datum"]), r["naam"], r["interviewer"],
             "" if pd.isna(r["waardering"]) else str(r["waardering"]),
             r["werkt_samen_met"], r["citaten"]]
            for r in frame.to_dict("records")
        ]
        headers = [t(f"stakeholdergesprek.kolommen.{k}") for k in
                   ("datum", "naam", "interviewer", "waardering", "werkt_samen_met", "citaten")]
        mean = mean_rating(v.record for v in versions)
        summary = t("stakeholdergesprek.overzicht.aantal", n=len(versions))
        if mean is not None:
            summary += " " + t("stakeholdergesprek.overzicht.gemiddeld", mean=_number(mean))
        return (
            _heading("gesprekken") + f'<p class="leven-meta">{html.escape(summary)}</p>'
            + html_table(rows, headers, empty=t("stakeholdergesprek.overzicht.geen_gesprekken"))
        )

    def _ambitie_html(self, versions: list, names: dict[str, str]) -> str:
        history = self.store.history(Kernthema, record_id(self.proeftuin))
        found = voorlopige(history)
        head = _heading("ambitie")
        if found is None:
            return head + empty_note(t("stakeholdergesprek.overzicht.geen_ambitie"))
        linked = drew_on([found], versions, names)
        version = t("stakeholdergesprek.overzicht.versie", version=found.version,
                    datum=_date(found.record.datum or found.saved_at.date()))
        dates = {v.record_id: v.record.datum for v in versions}
        items = "".join(
            f"<li>{html.escape(row['naam'] or row['gesprek'])}"
            f" · {html.escape(_date(dates.get(row['gesprek'])))}</li>"
            for row in linked.to_dict("records")
        )
        drawn = (
            f'<p><b>{html.escape(t("stakeholdergesprek.overzicht.bronnen"))}</b></p>'
            f'<ul class="leven-gesprekken-bronnen">{items}</ul>' if items
            else empty_note(t("stakeholdergesprek.overzicht.geen_bronnen"))
        )
        return (
            head + f'<p class="leven-meta">{html.escape(version)}</p>'
            f"<p><b>{html.escape(found.record.kernthema)}</b></p>"
            f"<p>{html.escape(found.record.ambitie)}</p>" + drawn
        )
