"""The participants' pages (no kernel): join by code, answer, thank you.

Many phones at once must never mean one Voila kernel each, so participants get plain pages
of our own server: a small HTML form that works without JavaScript, XSRF-checked, one
answer per browser (its record id comes from a hash of the browser's random id), changed
as often as wanted while the evaluation is open. Only the open evaluation's form is shown
here: no other data of the proeftuin.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import segno
import tornado.web

from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.store import StoreError, Version, open_store
from leven.core.web.pages import PageHandler, RateLimit
from leven.evaluatie.records import (
    AnswerRefused,
    Evaluatie,
    EvaluatieAntwoord,
    answer_from_form,
    answer_id,
    normalise_code,
)
from leven.evaluatie.template import load_set

#: A whole answer is a few kilobytes; anything far larger is refused before it is read.
MAX_BODY_BYTES = 64 * 1024
CODE = r"[A-Za-z0-9-]{1,12}"
unknown_codes = RateLimit(limit=20, seconds=60)


def routes(base_url: str, notebooks_dir: Path) -> list[tuple]:
    """``/e`` (type the code), ``/e/<code>`` (the form), ``/e/<code>/bedankt``."""
    return [
        (f"{base_url}/e/?", JoinPage),
        (f"{base_url}/e/({CODE})/?", AnswerPage),
        (f"{base_url}/e/({CODE})/bedankt", ThanksPage),
    ]


def announce(public_url: str, qr: bool = False) -> list[str]:
    """Lines for the terminal at start: the address of every open evaluation (with its QR
    code in LAN mode, for phones to scan from the laptop's screen)."""
    lines = []
    for version in open_store().records(Evaluatie):
        if version.record.status == "open":
            url = f"{public_url}e/{version.record.code}"
            lines.append(t("evaluatie.app.deelnemers", url=url))
            if qr:
                text = io.StringIO()
                segno.make(url, error="m").terminal(out=text, compact=True)
                lines.append(text.getvalue().rstrip("\n"))
    return lines


#: How long a page trusts what it read about the open evaluations: a room of phones then
#: costs one read a second instead of three per phone; closing takes effect within it.
CACHE_SECONDS = 1.0
_open_cache: dict[str, tuple[float, dict[str, Version[Evaluatie]]]] = {}


def open_evaluations() -> dict[str, Version[Evaluatie]]:
    """The open evaluations by join code (read at most once per :data:`CACHE_SECONDS`)."""
    store = open_store()
    now = time.monotonic()
    cached = _open_cache.get(store.url)
    if cached is None or now - cached[0] > CACHE_SECONDS:
        found = {v.record.code: v for v in store.records(Evaluatie) if v.record.status == "open"}
        cached = _open_cache[store.url] = (now, found)
    return cached[1]


def open_evaluation(code: str) -> Version[Evaluatie] | None:
    """The open evaluation with this join code, if there is one."""
    return open_evaluations().get(normalise_code(code))


class ParticipantPage(PageHandler):
    """Shared by the participants' pages: the evaluation behind the code, or a Dutch no."""

    #: reachable without the facilitators' access code in LAN mode (leven.core.web.access)
    open_to_participants = True

    def evaluation(self, code: str) -> Version[Evaluatie]:
        address = self.request.remote_ip or ""
        if unknown_codes.blocked(address):
            self.page("evaluatie_dicht.html", status=429, reason="te_veel")
            raise tornado.web.Finish()
        found = open_evaluation(code)
        if found is None:
            closed = any(v.record.code == normalise_code(code)
                         for v in open_store().records(Evaluatie))
            if not closed:
                unknown_codes.miss(address)
            self.page("evaluatie_dicht.html", status=404 if not closed else 410,
                      reason="dicht" if closed else "onbekend")
            raise tornado.web.Finish()
        return found


class JoinPage(ParticipantPage):
    """Type the code from the screen (or arrive with ``?code=``)."""

    def get(self) -> None:
        code = self.get_argument("code", "")
        if code:
            self.redirect(f"{self.settings.get('base_url', '/')}e/{normalise_code(code)}",
                          status=303)
            return
        self.page("evaluatie_code.html")


class AnswerPage(ParticipantPage):
    """The evaluation's form; a second answer from the same browser replaces the first."""

    def get(self, code: str) -> None:
        evaluation = self.evaluation(code)
        earlier = open_store().latest(
            EvaluatieAntwoord, answer_id(evaluation.record_id, self.browser_id)
        )
        values: dict[str, str] = {}
        if earlier is not None:
            values = dict(earlier.record.antwoorden)
            values.update({f"{k}_toelichting": v for k, v in earlier.record.toelichting.items()})
        self.show(evaluation, values, {}, earlier=earlier is not None)

    def post(self, code: str) -> None:
        self.check_xsrf_cookie()
        evaluation = self.evaluation(code)
        vragen = load_set(evaluation.record.vragenset)
        if len(self.request.body) > MAX_BODY_BYTES:
            self.page("evaluatie_dicht.html", status=413, reason="te_groot")
            return
        names = [v.id for v in vragen.vragen] + [f"{v.id}_toelichting" for v in vragen.vragen]
        form = {name: self.get_body_argument(name, "") for name in names}
        try:
            answer = answer_from_form(vragen, evaluation.record_id, form)
            open_store().save(answer, proeftuin=evaluation.proeftuin,
                              record_id=answer_id(evaluation.record_id, self.browser_id))
        except AnswerRefused as refused:
            self.show(evaluation, form, refused.fields, status=400)
            return
        except (StoreError, LevenError) as error:
            self.show(evaluation, form, {"": error.message}, status=503)
            return
        base = self.settings.get("base_url", "/")
        self.redirect(f"{base}e/{evaluation.record.code}/bedankt", status=303)

    def show(self, evaluation: Version[Evaluatie], values: dict[str, str],
             errors: dict[str, str], status: int = 200, earlier: bool = False) -> None:
        self.page("evaluatie.html", status=status, code=evaluation.record.code,
                  vragen=load_set(evaluation.record.vragenset), values=values, errors=errors,
                  earlier=earlier)


class ThanksPage(ParticipantPage):
    """Received; the way back to change the answer."""

    def get(self, code: str) -> None:
        evaluation = self.evaluation(code)
        self.page("evaluatie_bedankt.html", code=evaluation.record.code)
