"""What every app notebook does first: pick the proeftuin, guard against tracebacks.

An app notebook is three cells: heavy imports, ``app = start_app(SomeApp)``, ``app.show(title)``.
With preheated kernels Voila runs the notebook before the request arrives and holds it in
:func:`start_app` until the query string is known, so only the proeftuin-specific part waits.
Outside Voila (nbval, JupyterLab) the proeftuin comes from ``LEVEN_PROEFTUIN`` or the store.
"""

from __future__ import annotations

import html
import logging
import os
import re
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie
from typing import Any, ClassVar
from urllib.parse import parse_qs

import ipywidgets as ipw
from IPython import get_ipython
from IPython.display import HTML, display

from leven.core import charts, instruments, vega_bundle
from leven.core.i18n import t
from leven.core.settings import BROWSER_COOKIE, BROWSER_ID
from leven.core.store import Store, StoreError, Version, open_store
from leven.core.widgets.form import owned_draft_key, set_draft_owner

log = logging.getLogger("leven")
#: the draft key under which a browser's "Uw naam" is kept
NAME_DRAFT = "naam"


class LevenApp(ipw.VBox):
    """The base of every app page: one proeftuin in one store, and who is saving.

    An app class is what a notebook hands to :func:`start_app`; the page builds it as
    ``App(store, proeftuin, saved_by=...)`` once the proeftuin is known. A subclass calls
    ``super().__init__(store, proeftuin, saved_by)`` first and sets ``self.children`` when
    its widgets are made.
    """

    #: True when the page draws charts: Altair is then imported before the request.
    draws_charts: ClassVar[bool] = False

    def __init__(
        self, store: Store, proeftuin: str, saved_by: Callable[[], str] | str = "", **kwargs: Any
    ) -> None:
        self.store = store
        self.proeftuin = proeftuin
        #: the name typed at the top of the page (a callable), or a fixed name
        self.saved_by = saved_by
        super().__init__(**kwargs)

    @classmethod
    def prepare(cls, store: Store) -> None:
        """Before the request: make what does not depend on the proeftuin (nothing here)."""


def query_string() -> str:
    """The page's query string in Voila ('' elsewhere), waiting for it with preheated kernels."""
    if "VOILA_KERNEL_ID" not in os.environ and "QUERY_STRING" not in os.environ:
        return ""
    from voila.utils import get_query_string

    return get_query_string() or os.environ.get("QUERY_STRING", "")


def browser_id() -> str:
    """This page's browser id from its cookie (Voila hands the request's cookies to the
    kernel as ``HTTP_COOKIE``); "" when there is none yet."""
    cookies = SimpleCookie()
    try:
        cookies.load(os.environ.get("HTTP_COOKIE", ""))
    except CookieError:
        return ""
    morsel = cookies.get(BROWSER_COOKIE)
    value = morsel.value if morsel else ""
    return value if re.fullmatch(BROWSER_ID, value) else ""


def _dutch_exception(shell: object, etype: type, value: BaseException, tb: object,
                     tb_offset: int | None = None) -> list[str]:
    """Show a Dutch sentence instead of a traceback; the details go to the server log."""
    log.error("cell failed", exc_info=(etype, value, tb))
    message = html.escape(t("core.voila.cell_error"))
    display(HTML(f'<p class="leven-form-status-error">{message}</p>'))
    return []


def log_to_server() -> None:
    """Send the workbook's log to the kernel process's own stderr (the server's log).

    Inside a kernel, ``sys.stderr`` is forwarded to the page; ``sys.__stderr__`` is not.
    """
    if not any(getattr(h, "_leven", False) for h in log.handlers):
        handler = logging.StreamHandler(sys.__stderr__)
        handler._leven = True  # type: ignore[attr-defined]
        handler.setFormatter(logging.Formatter("[leven] %(levelname)s %(message)s"))
        log.addHandler(handler)
        log.propagate = False


def guard_tracebacks() -> None:
    """No Python traceback reaches the page, whatever goes wrong in a cell or a handler."""
    log_to_server()
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((Exception,), _dutch_exception)


@dataclass
class AppContext:
    """The store, the chosen proeftuin and the person working, for one app page."""

    store: Store
    proeftuin_id: str | None
    proeftuin: Version[Any] | None
    app: Callable[..., ipw.Widget] | None = None
    user: ipw.Text = field(default_factory=lambda: ipw.Text(placeholder=t("core.app.user_hint")))

    def saved_by(self) -> str:
        """Who saves: the name typed at the top of the page."""
        return self.user.value.strip()

    def remember_name(self) -> None:
        """Offer the name this browser typed last, and keep it when it changes.

        Kept like a draft, under the browser's id: per browser, never across browsers, so
        versions do not say "door onbekend" after every reload.
        """
        self.user.continuous_update = False  # kept when typed, not on every keystroke
        try:
            kept = self.store.load_draft(owned_draft_key(NAME_DRAFT))
        except StoreError:
            kept = None
        if kept is not None:
            self.user.value = str(kept.values.get("naam", ""))
        self.user.observe(self._observe_user, names="value")

    def _observe_user(self, change: dict) -> None:
        try:
            self.store.save_draft(owned_draft_key(NAME_DRAFT), {"naam": change["new"].strip()})
        except StoreError:  # the name is a convenience; saving a record says what is wrong
            log.exception("name not kept")

    def header(self, title_key: str) -> ipw.Widget:
        """The page's heading: app title, proeftuin, a way back, and 'your name'."""
        name = self.proeftuin.record.naam if self.proeftuin else ""
        heading = ipw.HTML(
            f'<p><a href="../../">{html.escape(t("core.app.back"))}</a></p>'
            f"<h1>{html.escape(t(title_key))}</h1>"
            f'<p class="leven-meta" data-leven-proeftuin-naam>{html.escape(name)}</p>'
        )
        heading.add_class("leven-app-heading")
        self.user.description = t("core.app.user")
        self.user.style.description_width = "initial"
        return ipw.VBox([heading, self.user])

    def page(
        self, title_key: str, build: Callable[..., ipw.Widget] | None = None
    ) -> ipw.Widget:
        """The whole page; a clear message instead when no existing proeftuin was chosen.

        ``build(store, proeftuin_id, saved_by=...)`` makes the app's widget (by default
        the app class given to :func:`start_app`).
        """
        build = build or self.app
        if build is None:
            raise ValueError("no app to show: pass its class to start_app()")
        if self.proeftuin is None:
            missing = ipw.HTML(
                f'<h1>{html.escape(t(title_key))}</h1><p class="leven-form-status-error">'
                f'{html.escape(t("core.app.no_proeftuin"))}</p>'
                f'<p><a href="../../">{html.escape(t("core.app.back"))}</a></p>'
            )
            missing.add_class("leven-app-missing")
            return missing
        body = build(self.store, self.proeftuin_id, saved_by=self.saved_by)
        page = ipw.VBox([self.header(title_key), body])
        page.add_class("leven-app")
        return page

    def show(
        self, title_key: str, build: Callable[..., ipw.Widget] | None = None
    ) -> ipw.Widget:
        """Display :meth:`page` (and return it, for tests)."""
        widget = self.page(title_key, build)
        display(widget)
        return widget


def start_app(app: type[LevenApp] | None = None, store: Store | None = None) -> AppContext:
    """Prepare an app page: guard tracebacks, choose chart rendering, find the proeftuin.

    With preheated kernels everything before the query string runs before the request
    arrives, so the page does not wait for it. For ``app`` (the app's widget class) that
    is: Altair imported when ``app.draws_charts`` (~2 s here, where importing it on the
    first chart would make someone wait), and ``app.prepare(store)`` called, which may
    build widgets that do not depend on the proeftuin.
    """
    guard_tracebacks()
    charts.set_context("app")
    store = store or open_store()
    draws_charts = app is not None and app.draws_charts
    if draws_charts:
        charts.altair()
    if app is not None:
        app.prepare(store)
    chosen = parse_qs(query_string()).get("proeftuin", [None])[0]
    # known now the request has come: its cookies and the server the page is on
    # a page without an id (cookies refused) keeps its drafts for itself alone
    set_draft_owner(browser_id() or uuid.uuid4().hex)
    if draws_charts:
        vega_bundle.load_from_server()
    chosen = chosen or os.environ.get("LEVEN_PROEFTUIN")
    if chosen is None and "VOILA_KERNEL_ID" not in os.environ:
        known = store.proeftuinen()
        chosen = known[0] if known else None
    found = store.latest(instruments.proeftuin_record(), chosen) if chosen else None
    context = AppContext(store, chosen if found else None, found, app)
    context.remember_name()
    return context
