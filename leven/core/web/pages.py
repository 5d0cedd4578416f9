"""Our own pages beside Voila: Tornado templates with the catalogue, Dutch errors, no kernel.

Instruments build their kernel-free pages on :class:`PageHandler` (the start page, and
later the participants' pages); the server adds their routes through the registry.
"""

from __future__ import annotations

import html
import re
import time
import uuid
from typing import Any

import tornado.web
from tornado import template

from leven.core import i18n
from leven.core.settings import BROWSER_COOKIE, BROWSER_ID, TEMPLATES_DIR
from leven.core.web.notebooks import Notebook, in_method_order, notebooks

PAGES_DIR = TEMPLATES_DIR / "pages"
INSTANCE = uuid.uuid4().hex  # a new id per server start: the page knows when to reload


def banner_html(_: object = None) -> str:
    """The hidden banner that leven.js shows when the server cannot be reached.

    Also a Jinja filter of our Voila template (hence the ignored argument).
    """
    texts = {name: html.escape(i18n.t(f"core.banner.{name}"), quote=True)
             for name in ("offline", "restarted", "kernel", "reload", "not_saved", "restored",
                          "not_shown", "offline_participant", "restarted_participant")}
    data = " ".join(f'data-{name.replace("_", "-")}="{text}"' for name, text in texts.items())
    return f'<div id="leven-banner" role="alert" hidden data-instance="{INSTANCE}" {data}></div>'


#: Before the first paint: the presentatiemodus this browser chose (or ``?presentatie=1``/``0``
#: says now), so a projected page never flashes small first. Inline in every page's head.
PRESENTATIE_SCRIPT = (
    "<script>(function(){try{var d=document.documentElement,k='leven-presentatie',"
    "q=new URLSearchParams(location.search).get('presentatie');"
    "if(q==='1'||q==='0'){localStorage.setItem(k,q);}"
    "if(localStorage.getItem(k)==='1'){d.classList.add(k);}}catch(e){}})();</script>"
)


def presentatie_script(_: object = None) -> str:
    """:data:`PRESENTATIE_SCRIPT`, as a Jinja filter of our Voila template."""
    return PRESENTATIE_SCRIPT


def step_label(notebook: Notebook) -> str:
    """A step's short name in the header: ``<instrument>.app.nav`` when the catalogue has it,
    else the title up to its colon ("Stap 5 · Experimenten: doelen…" -> "Stap 5 · Experimenten")."""
    key = notebook.title_key.replace(".title", ".nav")
    return i18n.t(key) if i18n.has(key) else notebook.title.split(":")[0].strip()


def header_html(meta: dict | None = None, base_url: str = "/", steps: bool = True) -> str:
    """The header of every page: the brand (back to the start page), the proeftuin's name,
    its steps in the order of the method with the current one marked, and the
    presentatiemodus switch.

    ``meta`` is the page's notebook metadata ``leven`` (its ``title`` marks the current
    step); the links get the page's ``?proeftuin=`` from leven.js, since Voila renders this
    before the request. Also a Jinja filter of our Voila template.
    """
    meta = meta or {}
    esc = html.escape
    parts = [f'<header class="leven-header"><div class="leven-header-top">'
             f'<a class="leven-brand" href="{esc(base_url)}">{esc(i18n.t("core.page.brand"))}</a>'
             '<span class="leven-header-proeftuin" data-leven-proeftuin-naam></span>'
             f'<button type="button" class="leven-presentatie-switch" aria-pressed="false" '
             f'title="{esc(i18n.t("core.page.presentatie_uitleg"))}">'
             f'{esc(i18n.t("core.page.presentatie"))}</button></div>']
    apps = in_method_order([nb for nb in notebooks() if nb.kind == "app"]) if steps else []
    if apps and meta.get("kind") == "app":
        links = []
        for notebook in apps:
            current = ' aria-current="page"' if notebook.title_key == meta.get("title") else ""
            links.append(f'<li><a href="{esc(base_url)}voila/render/{esc(notebook.path)}"'
                         f'{current}>{esc(step_label(notebook))}</a></li>')
        parts.append(f'<nav class="leven-steps" aria-label="{esc(i18n.t("core.page.steps"))}">'
                     f'<ol>{"".join(links)}</ol></nav>')
    parts.append("</header>")
    return "".join(parts)


class DutchErrors:
    """Our error page (Dutch, no traceback) instead of Tornado's English one."""

    loader = template.Loader(str(PAGES_DIR), autoescape="xhtml_escape")
    settings: dict[str, Any]

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        # Never a traceback: a Dutch sentence and the way back.
        try:
            page = self.loader.load("error.html").generate(
                t=i18n.t, lang=i18n.language(), banner=banner_html(), handler=self,
                base_url=self.settings.get("base_url", "/"), status=status_code,
            )
        except Exception:  # the error page itself failed: plain text, still no traceback
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            page = i18n.t("core.error.general").encode()
        self.finish(page)


class StaticHandler(DutchErrors, tornado.web.StaticFileHandler):
    """Our static files; a missing one gets the Dutch 'not found' page."""


class VegaBundleHandler(StaticHandler):
    """The charts' JavaScript bundle; its name carries its versions, so it is kept long."""

    @classmethod
    def get_cache_time(cls, path: str, modified: Any, mime_type: str) -> int:
        return 365 * 24 * 3600


class PageHandler(DutchErrors, tornado.web.RequestHandler):
    """Base of our own pages: Tornado templates (autoescaped) and the catalogue."""

    def prepare(self) -> None:
        # Against DNS rebinding: a local server answers only to local host names.
        if not self.settings.get("allow_remote_access", True):
            host = self.request.host_name
            if host not in ("127.0.0.1", "localhost", "::1", "[::1]"):
                raise tornado.web.HTTPError(403)
        # A random id per browser, so each one keeps its own drafts
        # (leven.core.widgets.app.browser_id).
        self.browser_id = self.get_cookie(BROWSER_COOKIE) or ""
        if not re.fullmatch(BROWSER_ID, self.browser_id):
            self.browser_id = uuid.uuid4().hex
            self.set_cookie(BROWSER_COOKIE, self.browser_id, expires_days=365,
                            samesite="Strict", path="/")

    def set_default_headers(self) -> None:
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "same-origin")
        self.set_header("Cache-Control", "no-store")

    def page(self, name: str, status: int = 200, **values: Any) -> None:
        self.set_status(status)
        self.finish(
            self.loader.load(name).generate(
                t=i18n.t, lang=i18n.language(), banner=banner_html(), handler=self,
                base_url=self.settings.get("base_url", "/"), **values,
            )
        )


class RateLimit:
    """At most ``limit`` misses per address in ``seconds``: against guessing codes.

    Kept in the server's memory (a restart forgets it, which is fine for a meeting).
    """

    def __init__(self, limit: int = 10, seconds: float = 60.0) -> None:
        self.limit = limit
        self.seconds = seconds
        self._misses: dict[str, list[float]] = {}

    def blocked(self, address: str) -> bool:
        """Whether ``address`` has used up its misses for now."""
        recent = self._recent(address)
        return len(recent) >= self.limit

    def miss(self, address: str) -> None:
        """Count one miss (a wrong code) for ``address``."""
        self._recent(address).append(time.monotonic())

    def _recent(self, address: str) -> list[float]:
        now = time.monotonic()
        if len(self._misses) > 10_000:  # many addresses: forget the quiet ones
            self._misses = {
                a: m for a, m in self._misses.items() if m and now - m[-1] < self.seconds
            }
        kept = [at for at in self._misses.get(address, []) if now - at < self.seconds]
        self._misses[address] = kept
        return kept
