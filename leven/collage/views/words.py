"""The language view of step 3: which words the collage notes use, and where zorg and
sociaal domein differ — for the conversation about "overeenkomsten en verschillen in taal,
werkwijzen en zienswijze". Charts import Altair, so this view is drawn only when opened.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as ipw

from leven.collage import DOMEINEN, CollageNotitie
from leven.core import charts
from leven.core.i18n import language, t
from leven.core.store import Store
from leven.core.textstats import domain_totals, frequent_words, words_by_domain
from leven.core.widgets.form import safe, status_html
from leven.core.widgets.panel import html_table

FEW_NOTES = 3
"""Below this many notes in a domain, the comparison gets a word of caution."""


def _number(value: float) -> str:
    text = f"{value:+.2f}"
    return text.replace(".", ",") if language() == "nl" else text


class CollageWords(ipw.VBox):
    """The words of all notes: most used, and where zorg and sociaal domein differ."""

    def __init__(self, store: Store, proeftuin: str) -> None:
        self.store = store
        self.proeftuin = proeftuin
        self.frequent = frequent_words([])
        self.differences = words_by_domain([])
        self.frequent_chart: Any = None
        self.domain_chart: Any = None
        self.summary = ipw.HTML()
        self.frequent_out = ipw.Output()
        self.domain_out = ipw.Output()
        self.table = ipw.HTML()
        self.table.add_class("leven-collage-differences")
        self.refresh_button = ipw.Button(description=t("collage.woorden.bijwerken"), icon="refresh")
        self.refresh_button.on_click(self._on_click_refresh_button)
        self.status = ipw.HTML()
        frequent = ipw.VBox(
            [
                ipw.HTML(
                    f"<h3>{html.escape(t('collage.woorden.titel_frequent'))}</h3>"
                    f'<p class="leven-hint">{html.escape(t("collage.woorden.uitleg_frequent"))}'
                    "</p>"
                ),
                self.frequent_out,
            ],
            layout={"flex": "0 1 32rem"},
        )
        domain = ipw.VBox(
            [
                ipw.HTML(
                    f"<h3>{html.escape(t('collage.woorden.titel_domein'))}</h3>"
                    f'<p class="leven-hint">{html.escape(t("collage.woorden.uitleg_domein"))}'
                    "</p>"
                ),
                self.summary,
                self.domain_out,
                self.table,
            ],
            layout={"flex": "1 1 36rem"},
        )
        # Side by side on a projector, one under the other on a narrow screen.
        columns = ipw.HBox([frequent, domain], layout={"flex_flow": "row wrap", "gap": "2rem"})
        super().__init__([self.refresh_button, self.status, columns])
        self.add_class("leven-collage-words")
        self.stale = True

    def show_status(self, message: str, ok: bool = True) -> None:
        self.status.value = status_html(message, ok)

    @safe
    def _on_click_refresh_button(self, _button: ipw.Button | None = None) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Count the words of the notes as they are now, and redraw."""
        from leven.collage.charts import domain_words_chart, frequent_words_chart

        self.status.value = ""
        notes = [v.record for v in self.store.records(CollageNotitie, self.proeftuin)]
        self.frequent = frequent_words(notes, n=20)
        self.differences = words_by_domain(notes)
        totals = domain_totals(notes)
        self.frequent_out.clear_output(wait=True)
        self.domain_out.clear_output(wait=True)
        self.frequent_chart = self.domain_chart = None
        if not notes:
            self.summary.value = ""
            self.table.value = (
                f'<p class="leven-empty">{html.escape(t("collage.woorden.geen_notities"))}</p>'
            )
            self.stale = False
            return
        self.frequent_chart = frequent_words_chart(self.frequent, title="", width="container")
        with self.frequent_out:
            charts.show(self.frequent_chart)
        self.summary.value = self._summary(totals)
        both = all(totals[d]["notities"] for d in DOMEINEN)
        if both and not self.differences.empty:
            self.domain_chart = domain_words_chart(self.differences, n=15, title="", plain=True,
                                                   width="container")
            with self.domain_out:
                charts.show(self.domain_chart)
            self.table.value = self._differences_table()
        else:
            self.table.value = (
                f'<p class="leven-empty">{html.escape(t("collage.woorden.geen_domein"))}</p>'
            )
        self.stale = False

    def _summary(self, totals: dict[str, dict[str, int]]) -> str:
        text = t(
            "collage.woorden.totalen",
            zorg_notities=totals["zorg"]["notities"],
            zorg_woorden=totals["zorg"]["woorden"],
            sociaal_notities=totals["sociaal_domein"]["notities"],
            sociaal_woorden=totals["sociaal_domein"]["woorden"],
        )
        parts = [f"<p>{html.escape(text)}</p>"]
        if min(totals[d]["notities"] for d in DOMEINEN) < FEW_NOTES:
            parts.append(f'<p class="leven-hint">{html.escape(t("collage.woorden.weinig"))}</p>')
        return "".join(parts)

    def _differences_table(self, n: int = 15) -> str:
        rows = []
        for row in self.differences.head(n).to_dict("records"):
            only = row["alleen_in"]
            rows.append(
                [
                    row["woord"],
                    row["aantal_zorg"],
                    row["aantal_sociaal_domein"],
                    _number(row["log_ratio"]),
                    t(f"collage.domeinen.{only}") if only else t("collage.woorden.beide"),
                ]
            )
        headers = [
            t(f"collage.kolommen.{name}")
            for name in ("woord", "aantal_zorg", "aantal_sociaal_domein", "verschil_gewoon",
                         "alleen_in")
        ]
        explain = html.escape(t("collage.woorden.uitleg_log_ratio"))
        return html_table(rows, headers) + f'<p class="leven-hint">{explain}</p>'
