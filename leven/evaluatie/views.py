"""The facilitator's evaluation page: open it for a bijeenkomst, project the code, watch it fill.

The projected part shows a large join code, a QR code (made here, offline, with segno) and the
address; while people answer on their phones it shows the number of answers, a bar per
question, the most frequent words and, when the group says so, the open answers. It reads
the store every second (a task in the page's kernel), so an answer is on the screen within
two seconds without a reload. Participants never get a kernel: they use
:mod:`leven.evaluatie.pages`.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import io
import logging
from collections.abc import Callable
from datetime import UTC, datetime

import ipywidgets as ipw
import segno

from leven.core.errors import LevenError
from leven.core.i18n import language, t
from leven.core.settings import public_url
from leven.core.store import Store, StoreError, Version
from leven.core.widgets.app import LevenApp
from leven.core.widgets.chartbox import ChartBox
from leven.core.widgets.form import safe, status_html
from leven.core.widgets.panel import LazyTabs, empty_note, html_table
from leven.evaluatie.analysis import Results, results, tidy, year_summary
from leven.evaluatie.records import Evaluatie, EvaluatieAntwoord, evaluation_id, new_code
from leven.evaluatie.template import DEFAULT_SET, VragenSet, available_sets, load_set
from leven.proeftuin.records import Bijeenkomst

log = logging.getLogger("leven")
POLL_SECONDS = 1.0


def qr_svg(url: str) -> str:
    """The QR code of ``url`` as inline SVG (dark on white, with its quiet zone)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=10, border=4, xmldecl=False,
                                     omitsize=True,
                                     dark="#1d2a2a", light="#ffffff", title=url)
    return buffer.getvalue().decode()


def participant_url(code: str) -> str:
    """Where participants answer: our own server's ``/e/<code>``."""
    return f"{public_url()}e/{code}"


def _meeting_label(version: Version[Bijeenkomst]) -> str:
    return f"{version.record.datum:%d-%m-%Y} {version.record.titel}".strip()


def _number(value: float) -> str:
    """One decimal, with a comma in Dutch."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if language() == "nl" else text


def _bars(vragen: VragenSet, found: Results) -> str:
    parts = []
    for vraag in vragen.scales:
        counts = found.counts.get(vraag.id, {})
        total = sum(counts.values()) or 1
        mean = found.means.get(vraag.id)
        head = html.escape(vraag.label())
        if mean is not None:
            average = t("evaluatie.uitslag.gemiddelde", gemiddelde=_number(mean))
            head += f' <span class="leven-meta">({html.escape(average)})</span>'
        rows = "".join(
            f'<div class="leven-bar-row"><span class="leven-bar-label">'
            f"{html.escape(vraag.value_label(value))}</span>"
            f'<span class="leven-bar" style="width:{100 * n / total:.0f}%"></span>'
            f'<span class="leven-bar-n">{n}</span></div>'
            for value, n in counts.items()
        )
        parts.append(f'<div class="leven-result-question"><h3>{head}</h3>{rows}</div>')
    return "".join(parts)


def results_html(vragen: VragenSet, found: Results, show_open: bool) -> str:
    """The live part of the projected screen, all typed text escaped."""
    if found.n == 0:
        count = t("evaluatie.uitslag.geen")
    elif found.n == 1:
        count = t("evaluatie.uitslag.een")
    else:
        count = t("evaluatie.uitslag.aantal", n=found.n)
    words = (
        " ".join(
            f'<span class="leven-word" style="font-size:{1 + min(row.aantal, 8) * 0.15:.2f}em">'
            f"{html.escape(row.woord)}</span>"
            for row in found.words.itertuples(index=False)
        )
        or empty_note(t("evaluatie.uitslag.geen_woorden"))
    )
    if show_open:
        texts = "".join(
            f"<h4>{html.escape(vragen.vraag(qid).label())}</h4><ul>"
            + "".join(f"<li>{html.escape(text)}</li>" for text in items) + "</ul>"
            for qid, items in found.texts.items() if items
        )
        open_part = f'<h3>{html.escape(t("evaluatie.uitslag.open_kop"))}</h3>{texts}'
    else:
        open_part = empty_note(t("evaluatie.uitslag.open_verborgen"))
    return (
        f'<p class="leven-result-count" data-n="{found.n}">{html.escape(count)}</p>'
        f"{_bars(vragen, found)}"
        f'<div class="leven-result-words"><h3>{html.escape(t("evaluatie.uitslag.woorden"))}'
        f"</h3><p>{words}</p></div>"
        f'<div class="leven-result-open">{open_part}</div>'
    )


class EvaluatieApp(LevenApp):
    """Open, project and close the evaluation of a bijeenkomst; the year's results."""

    draws_charts = True

    def __init__(
        self, store: Store, proeftuin: str, saved_by: Callable[[], str] | str = ""
    ) -> None:
        super().__init__(store, proeftuin, saved_by)
        self.meetings = sorted(store.records(Bijeenkomst, proeftuin),
                               key=lambda v: v.record.datum, reverse=True)
        self.meeting = ipw.Dropdown(
            description=t("evaluatie.app.bijeenkomst"),
            options=[(t("core.form.choose"), "")] + [
                (_meeting_label(v), v.record_id) for v in self.meetings
            ],
            layout={"width": "36em"},
        )
        self.meeting.style.description_width = "initial"
        self.meeting.add_class("leven-evaluatie-bijeenkomst")
        self.question_set = ipw.Dropdown(
            description=t("evaluatie.app.vragenset"),
            options=[(load_set(name).label(), name) for name in available_sets()],
            value=DEFAULT_SET if DEFAULT_SET in available_sets() else None,
            layout={"width": "36em"},
        )
        self.question_set.style.description_width = "initial"
        self.open_button = ipw.Button(description=t("evaluatie.app.openen"),
                                      button_style="primary", icon="play",
                                      layout={"width": "auto"})
        self.open_button.add_class("leven-evaluatie-openen")
        self.close_button = ipw.Button(description=t("evaluatie.app.sluiten"), icon="stop",
                                       layout={"width": "auto"})
        self.close_button.add_class("leven-evaluatie-sluiten")
        self.show_open = ipw.Checkbox(description=t("evaluatie.app.open_tonen"), indent=False)
        self.status = ipw.HTML()
        self.join = ipw.HTML()
        self.join.add_class("leven-evaluatie-join")
        self.live = ipw.HTML()
        self.live.add_class("leven-evaluatie-live")
        self.year_table = ipw.HTML()
        self.year_chart = ChartBox()
        self.evaluation: Version[Evaluatie] | None = None
        self._task: asyncio.Task | None = None
        controls = ipw.VBox([
            ipw.HTML(f'<p class="leven-lead">{html.escape(t("evaluatie.app.intro"))}</p>'
                     if self.meetings else empty_note(t("evaluatie.app.geen_bijeenkomsten"))),
            self.meeting, self.question_set,
            ipw.HBox([self.open_button, self.close_button, self.show_open],
                     layout={"flex_flow": "row wrap", "grid_gap": "0.6em"}),
            self.status,
        ])
        screen = ipw.VBox([self.join, self.live])
        screen.add_class("leven-evaluatie-screen")
        self.tabs = LazyTabs([
            (t("evaluatie.app.live"), lambda: screen),
            (t("evaluatie.app.jaar"), self._year),
        ])
        self.tabs.observe(self._observe_tab, names="selected_index")
        self.children = [controls, self.tabs]
        self.add_class("leven-evaluatie-app")
        self.meeting.observe(self._observe_meeting, names="value")
        self.open_button.on_click(self._on_click_open_button)
        self.close_button.on_click(self._on_click_close_button)
        self.show_open.observe(self._observe_show_open, names="value")
        open_now = [v for v in self.meetings
                    if (e := store.latest(Evaluatie, evaluation_id(v.record_id)))
                    and e.record.status == "open"]
        if open_now:  # the page was reloaded during the evaluation: go on with it
            self.meeting.value = open_now[0].record_id
        self._show()

    # -- state --------------------------------------------------------------------------

    def _show(self) -> None:
        meeting = self.meeting.value
        self.evaluation = (
            self.store.latest(Evaluatie, evaluation_id(meeting)) if meeting else None
        )
        record = self.evaluation.record if self.evaluation else None
        is_open = record is not None and record.status == "open"
        self.open_button.description = t(
            "evaluatie.app.heropenen" if record and not is_open else "evaluatie.app.openen"
        )
        self.open_button.disabled = not meeting or is_open
        self.close_button.disabled = not is_open
        # an evaluation keeps its questions: answers to one set never meet another's
        self.question_set.disabled = record is not None
        if record is not None and record.vragenset in available_sets():
            self.question_set.value = record.vragenset
            with self._quiet_show_open():
                self.show_open.value = record.open_antwoorden_tonen
        if is_open:
            url = participant_url(record.code)
            self.join.value = (
                '<div class="leven-join"><div class="leven-join-text">'
                f'<p class="leven-join-go">{html.escape(t("evaluatie.app.ga_naar"))}</p>'
                f'<p class="leven-join-url">{html.escape(url)}</p>'
                f'<p class="leven-join-code-label">{html.escape(t("evaluatie.app.code"))}</p>'
                f'<p class="leven-join-code">{html.escape(record.code)}</p></div>'
                f'<div class="leven-qr" data-url="{html.escape(url)}">{qr_svg(url)}</div></div>'
            )
        else:
            self.join.value = ""
        self.refresh_results()
        if is_open:
            self.start_live()

    @contextlib.contextmanager
    def _quiet_show_open(self):
        self.show_open.unobserve(self._observe_show_open, names="value")
        try:
            yield
        finally:
            self.show_open.observe(self._observe_show_open, names="value")

    def answers(self) -> list[EvaluatieAntwoord]:
        """The latest answer of every browser to the shown evaluation."""
        if self.evaluation is None:
            return []
        return [v.record for v in self.store.records(EvaluatieAntwoord, self.proeftuin)
                if v.record.evaluatie_id == self.evaluation.record_id]

    def refresh_results(self) -> None:
        """Read the answers again and redraw the live results (only when they changed)."""
        if self.evaluation is None:
            self.live.value = ""
            return
        record = self.evaluation.record
        try:
            vragen = load_set(record.vragenset)
        except LevenError as error:  # its question set was removed or broken since
            self.live.value = status_html(error.message, ok=False)
            return
        value = results_html(vragen, results(vragen, self.answers()),
                             record.open_antwoorden_tonen)
        if value != self.live.value:
            self.live.value = value

    def start_live(self) -> None:
        """Read the store every second while the evaluation is open (in a running kernel)."""
        if self._task is not None and not self._task.done():
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            try:
                loop = asyncio.get_event_loop()
            except RuntimeError:
                return
            if not loop.is_running():
                return  # outside a kernel (tests): refresh_results() is called directly
        self._task = loop.create_task(self._live())

    async def _live(self) -> None:
        failures = 0
        while self.evaluation is not None and self.evaluation.record.status == "open":
            await asyncio.sleep(POLL_SECONDS)
            try:
                self.live_tick()
                failures = 0
            except Exception:  # a busy store now and then: try again in a second
                failures += 1
                if failures in (1, 60):  # said once, and again if it goes on for a minute
                    log.exception("live results not read")

    def live_tick(self) -> None:
        """One second of the live view: the evaluation as stored now (closed or changed in
        another tab?), then its answers."""
        if self.evaluation is None:
            return
        stored = self.store.latest(Evaluatie, self.evaluation.record_id)
        if stored is not None and stored.version != self.evaluation.version:
            self._show()  # redraws everything, and stops this task when it was closed
        else:
            self.refresh_results()

    def _save(self, record: Evaluatie, message: str) -> None:
        base = self.evaluation.version if self.evaluation else 0
        self.evaluation = self.store.save(
            record, proeftuin=self.proeftuin, record_id=evaluation_id(record.bijeenkomst_id),
            saved_by=self.saved_by() if callable(self.saved_by) else self.saved_by,
            base_version=base,
        )
        self.status.value = status_html(message)
        self._show()

    # -- handlers -----------------------------------------------------------------------

    def show_status(self, message: str, ok: bool = True) -> None:
        """Where :func:`~leven.core.widgets.form.safe` says what went wrong."""
        self.status.value = status_html(message, ok)

    @safe
    def _observe_meeting(self, _change: dict) -> None:
        self.status.value = ""
        self._show()

    @safe
    def _on_click_open_button(self, _button: ipw.Button | None = None) -> None:
        if not self.meeting.value:
            self.status.value = status_html(t("evaluatie.app.kies_bijeenkomst"), ok=False)
            return
        if self.evaluation is not None and self.evaluation.record.status == "open":
            return  # a second click before the button was disabled
        vragenset = (self.evaluation.record.vragenset if self.evaluation
                     else self.question_set.value)
        taken = [v.record.code for v in self.store.records(Evaluatie)]
        record = Evaluatie(
            bijeenkomst_id=self.meeting.value,
            vragenset=vragenset,
            code=new_code(taken),
            status="open",
            open_antwoorden_tonen=self.show_open.value,
            geopend=datetime.now(UTC),
        )
        self._save(record, t("evaluatie.app.geopend"))

    @safe
    def _on_click_close_button(self, _button: ipw.Button | None = None) -> None:
        if self.evaluation is None:
            return
        record = self.evaluation.record.model_copy(
            update={"status": "gesloten", "gesloten": datetime.now(UTC)}
        )
        self._save(Evaluatie.model_validate(record.model_dump()), t("evaluatie.app.gesloten"))
        self.year_chart.clear()

    @safe
    def _observe_show_open(self, change: dict) -> None:
        if self.evaluation is None:
            return
        record = self.evaluation.record.model_copy(
            update={"open_antwoorden_tonen": change["new"]}
        )
        try:
            self._save(Evaluatie.model_validate(record.model_dump()), "")
        except StoreError:
            with self._quiet_show_open():  # not saved: the box says what the screen does
                self.show_open.value = change["old"]
            raise

    @safe
    def _observe_tab(self, change: dict) -> None:
        if change["new"] == 1:
            self._fill_year()
            self.year_chart.show()
        else:
            self.year_chart.hide()

    # -- the year -------------------------------------------------------------------------

    def _year(self) -> ipw.Widget:
        box = ipw.VBox([
            ipw.HTML(f'<p class="leven-hint">{html.escape(t("evaluatie.jaar.uitleg"))}</p>'),
            self.year_table, self.year_chart,
        ])
        box.add_class("leven-evaluatie-jaar")
        return box

    def year_frame(self):
        """All answers of this proeftuin's evaluations, summarised per bijeenkomst."""
        evaluations = self.store.records(Evaluatie, self.proeftuin)
        sets = {}
        for name in {v.record.vragenset for v in evaluations}:
            with contextlib.suppress(LevenError):  # a removed set: its evaluations left out
                sets[name] = load_set(name)
        evaluations = [v for v in evaluations if v.record.vragenset in sets]
        frame = tidy(evaluations, self.store.records(EvaluatieAntwoord, self.proeftuin), sets)
        return year_summary(frame, by_domain=True), sets

    def _fill_year(self) -> None:
        from leven.evaluatie.charts import year_chart

        summary, sets = self.year_frame()
        if summary.empty:
            self.year_table.value = empty_note(t("evaluatie.jaar.leeg"))
            self.year_chart.clear()
            return
        meetings = {v.record_id: _meeting_label(v) for v in reversed(self.meetings)}  # by date
        questions = {v.id: v.label() for s in sets.values() for v in s.vragen}
        all_rows = summary[summary["domein"] == ""]
        rows = [
            [meetings.get(r.bijeenkomst_id, r.bijeenkomst_id), questions.get(r.vraag, r.vraag),
             str(r.n), "" if r.gemiddelde != r.gemiddelde else _number(r.gemiddelde),
             "" if r.aandeel_ja != r.aandeel_ja else f"{100 * r.aandeel_ja:.0f}%"]
            for r in all_rows.itertuples(index=False)
        ]
        headers = [t(f"evaluatie.jaar.{key}")
                   for key in ("bijeenkomst", "vraag", "n", "gemiddelde", "aandeel_ja")]
        self.year_table.value = html_table(rows, headers)
        self.year_chart.set(lambda: year_chart(summary, meetings, questions, width="container"))
