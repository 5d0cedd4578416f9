"""A queue before the app pages, so that many pages opened at once all appear.

Drawing an app page starts (or takes) a kernel and runs its notebook: seconds of CPU. Ten
at once on a 2-core laptop left several pages blank for good ("Timeout waiting for IOPub
output"). So at most ``limit`` pages are drawn at once; a further request gets a small
Dutch page ("even geduld, u bent de 3e") that asks again every second by itself and goes
on when its turn comes. First come, first served; a waiting browser that goes away is
forgotten after a few seconds.
"""

from __future__ import annotations

import os
import time
import uuid
from collections import OrderedDict
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import tornado.web

from leven.core import i18n
from leven.core.web.pages import DutchErrors, banner_html

TICKET_ARGUMENT = "leven_plek"
#: seconds between two asks of a waiting page
ASK_SECONDS = 1
#: a waiting browser that has not asked for this long has gone away
PATIENCE_SECONDS = 6.0


def default_limit() -> int:
    """Pages drawn at once: one per core (at least two), or ``LEVEN_PAGES_AT_ONCE``."""
    configured = os.environ.get("LEVEN_PAGES_AT_ONCE", "")
    return max(1, int(configured)) if configured.isdigit() else max(2, os.cpu_count() or 2)


class PageQueue:
    """Who may draw an app page now, and who waits in which place (one event loop: no lock)."""

    def __init__(self, limit: int | None = None, patience: float = PATIENCE_SECONDS) -> None:
        self.limit = limit or default_limit()
        self.patience = patience
        self.drawing = 0
        self._waiting: OrderedDict[str, float] = OrderedDict()  # ticket -> last asked

    def enter(self, ticket: str = "") -> tuple[int, str]:
        """``(0, "")`` when the request may go on (call :meth:`leave` when done), else
        ``(place, ticket)``: its place in the queue (1 is next) and the ticket to ask with."""
        now = time.monotonic()
        self._forget_gone(now)
        known = ticket in self._waiting
        ahead = list(self._waiting).index(ticket) if known else len(self._waiting)
        if ahead < self.limit - self.drawing:
            if known:
                del self._waiting[ticket]
            self.drawing += 1
            return 0, ""
        if not known:
            ticket = uuid.uuid4().hex
        self._waiting[ticket] = now
        return ahead + 1, ticket

    def leave(self) -> None:
        """A page is drawn (or its request ended): the next one may go."""
        self.drawing = max(0, self.drawing - 1)

    @property
    def waiting(self) -> int:
        self._forget_gone(time.monotonic())
        return len(self._waiting)

    def _forget_gone(self, now: float) -> None:
        for ticket, asked in list(self._waiting.items()):
            if now - asked > self.patience:
                del self._waiting[ticket]


def with_ticket(uri: str, ticket: str) -> str:
    """The same address with this ticket (and without the one-time cookie mark)."""
    parts = urlsplit(uri)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k != TICKET_ARGUMENT]
    query.append((TICKET_ARGUMENT, ticket))
    return urlunsplit(parts._replace(query=urlencode(query)))


def write_waiting_page(handler: tornado.web.RequestHandler, place: int, ticket: str) -> None:
    """The 'even geduld' page: it asks again by itself every second (no script needed)."""
    handler.set_status(200)
    handler.set_header("Content-Type", "text/html; charset=utf-8")
    handler.set_header("Cache-Control", "no-store")
    page = DutchErrors.loader.load("wachtrij.html").generate(
        t=i18n.t, lang=i18n.language(), banner=banner_html(), handler=handler,
        base_url=handler.settings.get("base_url", "/"), place=place,
        again=with_ticket(handler.request.uri or "/", ticket), seconds=ASK_SECONDS,
    )
    handler.finish(page)


def queued(handler: type, queue: PageQueue) -> type:
    """Voila's page handler, drawing at most ``queue.limit`` pages at once."""

    async def get(self: Any, *args: Any, **kwargs: Any) -> None:
        place, ticket = queue.enter(self.get_argument(TICKET_ARGUMENT, ""))
        if place:
            write_waiting_page(self, place, ticket)
            return
        try:
            await handler.get(self, *args, **kwargs)
        finally:
            queue.leave()

    return type(handler.__name__, (handler,), {"get": get})
