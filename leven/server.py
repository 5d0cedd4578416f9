"""The workbook's web server: standalone Voila plus a few pages and routes of our own.

Our routes (the start page, static files, a ping for the connection banner, photos) come
before Voila's, whose last route is a catch-all. They need no kernel, so the start page is
as quick as a static page. Standalone Voila checks no XSRF token, so our POST handler does.
"""

from __future__ import annotations

import asyncio
import html
import re
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import tornado.web
from jupyter_core.utils import ensure_async
from tornado import template
from voila import notebook_renderer
from voila.app import Voila
from voila.execute import VoilaExecutor

from leven import i18n
from leven.apps import notebooks
from leven.charts import vega_bundle
from leven.errors import LevenError
from leven.proeftuin import Proeftuin, parse_kerngroep, slug
from leven.settings import BROWSER_COOKIE, BROWSER_ID, NOTEBOOKS_DIR, TEMPLATES_DIR
from leven.store import InvalidRecord, NewVersion, StoreError, VersionConflict, open_store
from leven.widgets.form import DRAFT_DELAY_SECONDS

STATIC_DIR = Path(__file__).parent / "static"
PAGES_DIR = TEMPLATES_DIR / "pages"
KERNEL_ID = r"\w+-\w+-\w+-\w+-\w+"
INSTANCE = uuid.uuid4().hex  # a new id per server start: the page knows when to reload


def _fontawesome_dir() -> str:
    import fontawesomefree

    return str(Path(fontawesomefree.__file__).parent / "static" / "fontawesomefree")


class LevenExecutor(VoilaExecutor):
    """Voila's executor with the cell-error text from our catalogue instead of English."""

    def strip_code_cell_errors(self, cell: dict) -> dict:
        if cell.get("cell_type") != "code":
            return cell
        for output in cell["outputs"]:
            if output["output_type"] == "error":
                output["ename"] = ""
                output["evalue"] = ""
                output["traceback"] = [i18n.t("core.voila.cell_error")]
        return cell

    def show_code_cell_timeout(self, cell: dict) -> None:
        cell["outputs"] = [
            {"output_type": "error", "ename": "", "evalue": "",
             "traceback": [i18n.t("core.voila.timeout")]}
        ]


# Voila builds its executor by this module-level name; ours only changes the error texts.
notebook_renderer.VoilaExecutor = LevenExecutor


def banner_html(_: object = None) -> str:
    """The hidden banner that leven.js shows when the server cannot be reached.

    Also a Jinja filter of our Voila template (hence the ignored argument).
    """
    offline = html.escape(i18n.t("core.banner.offline"))
    restarted = html.escape(i18n.t("core.banner.restarted"))
    return (
        f'<div id="leven-banner" role="alert" hidden data-instance="{INSTANCE}" '
        f'data-offline="{offline}" data-restarted="{restarted}"></div>'
    )


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
        # A random id per browser, so each one keeps its own drafts (leven.app.browser_id).
        if not re.fullmatch(BROWSER_ID, self.get_cookie(BROWSER_COOKIE) or ""):
            self.set_cookie(BROWSER_COOKIE, uuid.uuid4().hex, expires_days=365,
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


class StartPageHandler(PageHandler):
    """Lists the proeftuinen with links to every app, and creates a new proeftuin."""

    FIELDS = ("naam", "gemeente", "startdatum", "projectleider", "kerngroep")

    def initialize(self, notebooks_dir: Path = NOTEBOOKS_DIR) -> None:
        self.notebooks_dir = notebooks_dir

    def get(self) -> None:
        self.show({}, {}, created=self.get_argument("nieuw", None))

    def post(self) -> None:
        self.check_xsrf_cookie()
        values = {name: self.get_body_argument(name, "") for name in self.FIELDS}
        errors = create_proeftuin(values, saved_by=values["projectleider"])
        if isinstance(errors, str):
            self.redirect(f"{self.settings.get('base_url', '/')}?nieuw={errors}#{errors}",
                          status=303)
        else:
            self.show(values, errors, status=400)

    def show(self, values: dict, errors: dict, status: int = 200,
             created: str | None = None) -> None:
        store = open_store()
        entries = sorted(store.records(Proeftuin), key=lambda v: v.record.naam.lower())
        all_notebooks = notebooks(self.notebooks_dir)
        self.page(
            "start.html",
            status=status,
            proeftuinen=entries,
            apps=[nb for nb in all_notebooks if nb.kind == "app"],
            analyses=[nb for nb in all_notebooks if nb.kind == "analyse"],
            values=values,
            errors=errors,
            created=created,
            today=date.today().isoformat(),
        )


def create_proeftuin(values: dict[str, str], saved_by: str = "") -> str | dict[str, str]:
    """Save a new proeftuin and its kerngroep from the start page's form.

    Returns the new proeftuin's id, or the Dutch messages per field when nothing was saved.
    """
    from pydantic import ValidationError

    from leven.records import field_messages

    errors: dict[str, str] = {}
    try:
        proeftuin = Proeftuin(
            naam=values.get("naam", ""),
            gemeente=values.get("gemeente", ""),
            startdatum=values.get("startdatum") or None,
            projectleider=values.get("projectleider", ""),
        )
    except ValidationError as error:
        errors.update(field_messages(error))
    try:
        members = parse_kerngroep(values.get("kerngroep", ""))
    except LevenError as error:
        errors["kerngroep"] = error.message
    except ValidationError as error:
        errors["kerngroep"] = next(iter(field_messages(error).values()))
    if errors:
        return errors
    store = open_store()
    try:
        for _attempt in range(5):
            proeftuin_id = slug(proeftuin.naam, store.proeftuinen())
            together = [NewVersion(proeftuin, proeftuin_id, proeftuin_id, base_version=0)]
            together += [NewVersion(member, proeftuin_id) for member in members]
            try:  # the proeftuin with its kerngroep, or nothing (then the form says why)
                store.save_all(together, saved_by=saved_by)
                break
            except VersionConflict:
                continue  # someone took this id a moment ago: take the next one
        else:
            return {"": i18n.t("core.store.conflict")}
    except InvalidRecord as error:
        return error.fields
    except StoreError as error:
        return {"": error.message}
    return proeftuin_id


class PingHandler(tornado.web.RequestHandler):
    """Answers the page's heartbeat; the instance id tells it when the server restarted."""

    def get(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.finish({"instance": INSTANCE})


class ShutdownKernelHandler(tornado.web.RequestHandler):
    """Shuts a page's kernel down when the page closes (Voila's own route refuses this POST).

    Voila's page asks for this on ``beforeunload`` without an XSRF token, so Voila answers
    403 and the kernel waits for the culler. We accept the request only from our own pages:
    the browser's ``Sec-Fetch-Site``/``Origin`` headers must say it is the same origin.
    """

    def check_same_origin(self) -> None:
        site = self.request.headers.get("Sec-Fetch-Site")
        origin = self.request.headers.get("Origin")
        host = self.request.headers.get("Host", "")
        same = site == "same-origin" if site else bool(origin) and origin.split("//")[-1] == host
        if not same:
            raise tornado.web.HTTPError(403)

    async def post(self, kernel_id: str) -> None:
        self.check_same_origin()
        self.set_status(204)
        self.finish()
        # Let a form's debounced draft (typed just before leaving) reach the store first.
        await asyncio.sleep(DRAFT_DELAY_SECONDS + 1)
        manager = self.settings["kernel_manager"]
        if kernel_id in manager:
            await ensure_async(manager.shutdown_kernel(kernel_id))


class NotFoundHandler(PageHandler):
    """Our Dutch 'not found' page, for notebooks that do not exist."""

    def get(self, *_args: str) -> None:
        raise tornado.web.HTTPError(404)


class PhotoHandler(PageHandler):
    """Serves a cleaned photo from the store; photos never live in a served folder."""

    def get(self, blob_id: str) -> None:
        found = open_store().load_blob(blob_id)
        if found is None:
            raise tornado.web.HTTPError(404)
        data, media_type = found
        self.set_header("Content-Type", media_type)
        self.set_header("Cache-Control", "private, max-age=3600")
        self.finish(data)


class LevenVoila(Voila):
    """Voila serving ``notebooks/`` with our template, texts and routes."""

    name = "leven"

    def init_settings(self) -> dict:
        settings = super().init_settings()
        # Voila allows any Host header; jupyter_server's check (DNS rebinding) needs this off.
        settings["allow_remote_access"] = self.ip not in ("127.0.0.1", "localhost", "::1")
        return settings

    def init_handlers(self) -> list:
        base = self.server_url.rstrip("/")
        root = Path(self.root_dir)
        served = "|".join(
            re.escape(path.relative_to(root).as_posix()) for path in root.rglob("*.ipynb")
            if ".ipynb_checkpoints" not in path.parts
        )
        ours: list[tuple] = [
            # Voila's own tree and 404 pages are English and fetch Font Awesome from a CDN.
            (f"{base}/voila/tree.*", tornado.web.RedirectHandler, {"url": f"{base}/"}),
            (f"{base}/voila/render/(?!(?:{served})$)(.*)", NotFoundHandler),
            (f"{base}/", StartPageHandler, {"notebooks_dir": Path(self.root_dir)}),
            (f"{base}/leven/ping", PingHandler),
            (f"{base}/voila/api/shutdown/({KERNEL_ID})", ShutdownKernelHandler),
            (f"{base}/leven/foto/([0-9a-f]{{8,64}})", PhotoHandler),
            (f"{base}/leven/static/fontawesome/(.*)", StaticHandler,
             {"path": _fontawesome_dir()}),
            (f"{base}/{vega_bundle.ROUTE}(jupyter-chart-[\\w.-]+\\.js)", VegaBundleHandler,
             {"path": str(vega_bundle.bundle_dir())}),
            (f"{base}/leven/static/(.*)", StaticHandler,
             {"path": str(STATIC_DIR)}),
        ]
        return ours + super().init_handlers()
