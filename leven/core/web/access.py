"""LAN mode: phones reach the laptop over the network, facilitators need an access code.

``leven serve --lan`` listens on the laptop's network address. Then every route except the
participants' pages (and the few files they use) asks for the facilitator access code made
at start and printed in the terminal; it is entered once per browser and kept in an HttpOnly,
SameSite=Strict cookie. Wrong codes are limited per address, so the code cannot be guessed.
Voila's own routes are gated too: each handler class is wrapped in :func:`gated`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any
from urllib.parse import quote, urlsplit

import tornado.web
import tornado.websocket

from leven.core.slugs import UNAMBIGUOUS
from leven.core.web.pages import PageHandler, RateLimit

COOKIE = "leven_toegang"
ROUTE = "leven/toegang"
wrong_codes = RateLimit(limit=5, seconds=60)


class AccessCode:
    """The facilitators' code of one server start, and the cookie that proves it."""

    def __init__(self, code: str | None = None) -> None:
        self.code = "".join((code or "").split()).upper() or "".join(
            secrets.choice(UNAMBIGUOUS) for _ in range(8))
        # a code of one's own (--access-code, several servers behind one proxy): the same
        # cookie on each of them, so a facilitator enters it once, whichever server answers
        self._secret = (hashlib.sha256(b"leven-toegang\0" + self.code.encode()).digest()
                        if code else secrets.token_bytes(32))

    def cookie_value(self) -> str:
        return hmac.new(self._secret, b"facilitator", hashlib.sha256).hexdigest()

    def matches(self, typed: str) -> bool:
        typed = "".join(typed.split()).upper()
        return hmac.compare_digest(typed.encode(), self.code.encode())

    def allows(self, handler: tornado.web.RequestHandler) -> bool:
        given = handler.get_cookie(COOKIE) or ""
        return hmac.compare_digest(given.encode(), self.cookie_value().encode())


def gated(handlers: list[tuple], access: AccessCode, base_url: str) -> list[tuple]:
    """The same routes, each handler that is not open to participants behind the code."""
    wrapped = []
    for route in handlers:
        pattern, handler, *rest = route
        if not getattr(handler, "open_to_participants", False):
            handler = _gate(handler, access, base_url)
        wrapped.append((pattern, handler, *rest))
    return wrapped


def _gate(handler: type, access: AccessCode, base_url: str) -> type:
    """A subclass of ``handler`` whose ``prepare`` first asks for the access code."""

    def prepare(self: Any) -> Any:
        if not access.allows(self):
            is_page = (self.request.method in ("GET", "HEAD")
                       and not isinstance(self, tornado.websocket.WebSocketHandler)
                       and "/api/" not in self.request.path)
            if not is_page:
                raise tornado.web.HTTPError(403)
            self.redirect(f"{base_url}{ROUTE}?next={quote(self.request.uri or '/')}")
            raise tornado.web.Finish()
        return handler.prepare(self)

    return type(handler.__name__, (handler,), {"prepare": prepare})


class AccessPage(PageHandler):
    """Asks a facilitator's browser for the access code once; then sends it on."""

    open_to_participants = True

    def initialize(self, access: AccessCode) -> None:
        self.access = access

    def get(self) -> None:
        self.page("toegang.html", error="", next_url=self._next())

    def post(self) -> None:
        self.check_xsrf_cookie()
        address = self.request.remote_ip or ""
        if wrong_codes.blocked(address):
            self.page("toegang.html", status=429, error="core.access.te_veel",
                      next_url=self._next())
            return
        if not self.access.matches(self.get_body_argument("code", "")):
            wrong_codes.miss(address)
            self.page("toegang.html", status=403, error="core.access.fout",
                      next_url=self._next())
            return
        self.set_cookie(COOKIE, self.access.cookie_value(), httponly=True, samesite="Strict",
                        path="/", expires_days=30)
        self.redirect(self._next(), status=303)

    def _next(self) -> str:
        wanted = self.get_argument("next", "")
        base = self.settings.get("base_url", "/")
        # only a path on this server: never a way to send someone elsewhere
        parts = urlsplit(wanted)
        safe = (not parts.scheme and not parts.netloc and "\\" not in wanted
                and wanted.startswith(base) and not wanted.startswith("//"))
        return wanted if safe else base
