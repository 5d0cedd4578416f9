"""A queue before the app pages, so that many pages opened at once all appear.

Drawing an app page starts (or takes) a kernel and runs its notebook: seconds of CPU. Ten
at once on a 2-core laptop left several pages blank for good ("Timeout waiting for IOPub
output"). So at most ``limit`` pages are drawn at once; a further request gets a small
Dutch page ("even geduld, u bent de 3e") that asks for its place every two seconds by itself
and goes on when its turn comes. First come, first served; a waiting browser that goes away is
forgotten after a few seconds.

A page is drawn when its widgets are on the screen, not when its HTML is sent: most of the
work (the kernel building the widgets, the browser rendering them, Voila starting the
kernel that replaces the one taken) comes after the HTML. So a place is held until the
page says its widgets are shown (``/leven/shown/<kernel>``, sent by leven-app.js), or for
at most ``HOLD_SECONDS`` (a page closed early, a page that never says so).
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
#: where a waiting page asks for its place (followed by its ticket)
PLACE_ROUTE = "leven/wachtrij/"
#: seconds between two asks of a waiting page
ASK_SECONDS = 2
#: a waiting browser that has not asked for this long has gone away
PATIENCE_SECONDS = 10.0
#: a page sent holds its place until its widgets are shown, or this long at most
HOLD_SECONDS = 30.0


def default_limit() -> int:
    """Pages drawn at once: one per core (at least two), or ``LEVEN_PAGES_AT_ONCE``."""
    configured = os.environ.get("LEVEN_PAGES_AT_ONCE", "")
    return max(1, int(configured)) if configured.isdigit() else max(2, os.cpu_count() or 2)


class PageQueue:
    """Who may draw an app page now, and who waits in which place (one event loop: no lock)."""

    def __init__(self, limit: int | None = None, patience: float = PATIENCE_SECONDS,
                 hold: float = HOLD_SECONDS) -> None:
        self.limit = limit or default_limit()
        self.patience = patience
        self.hold = hold
        self._waiting: OrderedDict[str, float] = OrderedDict()  # ticket -> last asked
        #: places being drawn: slot -> until when it is held (None while its HTML is sent)
        self._drawing: OrderedDict[str, float | None] = OrderedDict()
        self._shown: OrderedDict[str, None] = OrderedDict()  # kernels that said so (bounded)

    @property
    def drawing(self) -> int:
        """Pages being drawn now (sent or being sent, their widgets not yet shown)."""
        self._forget_gone(time.monotonic())
        return len(self._drawing)

    def enter(self, ticket: str = "") -> tuple[int, str]:
        """``(0, slot)`` when the request may go on (then :meth:`sent` or :meth:`leave` with
        that slot), else ``(place, ticket)``: its place in the queue (1 is next) and the
        ticket to ask again with."""
        now = time.monotonic()
        self._forget_gone(now)
        known = ticket in self._waiting
        ahead = list(self._waiting).index(ticket) if known else len(self._waiting)
        if self._admits(ahead):
            if known:
                del self._waiting[ticket]
            slot = uuid.uuid4().hex
            self._drawing[slot] = None
            return 0, slot
        if not known:
            ticket = uuid.uuid4().hex
        self._waiting[ticket] = now
        return ahead + 1, ticket

    def place(self, ticket: str) -> int:
        """Where a waiting ``ticket`` stands now (1 is next; 0: its turn, or it is not known),
        counting as its ask: the page learns it without reloading itself."""
        now = time.monotonic()
        self._forget_gone(now)
        if ticket not in self._waiting:
            return 0
        self._waiting[ticket] = now
        ahead = list(self._waiting).index(ticket)
        return 0 if self._admits(ahead) else ahead + 1

    def _admits(self, ahead: int) -> bool:
        """Whether a page with ``ahead`` pages before it in line may be drawn now."""
        return ahead < self.limit - len(self._drawing)

    def sent(self, slot: str) -> None:
        """The page's HTML is sent: its place is held until its widgets are shown."""
        if slot in self._drawing:
            self._drawing[slot] = time.monotonic() + self.hold

    def leave(self, slot: str = "") -> None:
        """The page is drawn or failed (``slot``; the oldest when not given): the next may go."""
        if slot:
            self._drawing.pop(slot, None)
        elif self._drawing:
            self._drawing.popitem(last=False)

    def shown(self, kernel: str) -> bool:
        """The page of ``kernel`` shows its widgets: the oldest page sent is drawn (places
        are alike, so which one is freed does not matter). Said once per kernel."""
        if kernel in self._shown:
            return False
        self._shown[kernel] = None
        while len(self._shown) > 1000:
            self._shown.popitem(last=False)
        for slot, until in self._drawing.items():
            if until is not None:
                del self._drawing[slot]
                return True
        return False

    @property
    def waiting(self) -> int:
        self._forget_gone(time.monotonic())
        return len(self._waiting)

    def _forget_gone(self, now: float) -> None:
        for ticket, asked in list(self._waiting.items()):
            if now - asked > self.patience:
                del self._waiting[ticket]
        for slot, until in list(self._drawing.items()):
            if until is not None and now > until:
                del self._drawing[slot]


def with_ticket(uri: str, ticket: str) -> str:
    """The same address with this ticket (and without the one-time cookie mark)."""
    parts = urlsplit(uri)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k != TICKET_ARGUMENT]
    query.append((TICKET_ARGUMENT, ticket))
    return urlunsplit(parts._replace(query=urlencode(query)))


def write_waiting_page(handler: tornado.web.RequestHandler, place: int, ticket: str) -> None:
    """The 'even geduld' page: its script asks for its place every few seconds and updates
    it in place (a live region, so a screen reader hears the new place and does not start
    over) and goes on when its turn comes; without script, a refresh asks again."""
    handler.set_status(200)
    handler.set_header("Content-Type", "text/html; charset=utf-8")
    handler.set_header("Cache-Control", "no-store")
    page = DutchErrors.loader.load("wachtrij.html").generate(
        t=i18n.t, lang=i18n.language(), banner=banner_html(), handler=handler,
        base_url=handler.settings.get("base_url", "/"), place=place,
        again=with_ticket(handler.request.uri or "/", ticket), seconds=ASK_SECONDS,
        ask=f"{handler.settings.get('base_url', '/')}{PLACE_ROUTE}{ticket}",
    )
    handler.finish(page)


class PlaceHandler(tornado.web.RequestHandler):
    """``/leven/wachtrij/<ticket>``: the place of a waiting page and the text that says it
    (0: its turn, go on)."""

    def initialize(self, queue: PageQueue) -> None:
        self.queue = queue

    def get(self, ticket: str) -> None:
        self.set_header("Cache-Control", "no-store")
        place = self.queue.place(ticket)
        self.finish({"place": place, "text": i18n.t("core.queue.place", place=place)})


class ShownHandler(tornado.web.RequestHandler):
    """``/leven/shown/<kernel>``: the page of this kernel shows its widgets (or gave up), so
    the next page in the queue may be drawn. Only a kernel the server runs counts."""

    def initialize(self, queue: PageQueue) -> None:
        self.queue = queue

    def get(self, kernel_id: str) -> None:
        self.set_header("Cache-Control", "no-store")
        known = kernel_id in self.settings["kernel_manager"]
        self.finish({"freed": known and self.queue.shown(kernel_id)})


def queued(handler: type, queue: PageQueue) -> type:
    """Voila's page handler, drawing at most ``queue.limit`` pages at once."""

    async def get(self: Any, *args: Any, **kwargs: Any) -> None:
        place, ticket = queue.enter(self.get_argument(TICKET_ARGUMENT, ""))
        if place:
            write_waiting_page(self, place, ticket)
            return
        try:
            await handler.get(self, *args, **kwargs)
        except BaseException:
            queue.leave(ticket)
            raise
        if self.get_status() < 400:
            queue.sent(ticket)  # held until the page says its widgets are shown
        else:
            queue.leave(ticket)

    return type(handler.__name__, (handler,), {"get": get})
