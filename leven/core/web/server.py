"""The workbook's web server: standalone Voila plus a few pages and routes of our own.

Our routes (static files, a ping for the connection banner, photos, and the instruments'
kernel-free pages such as the start page, from the registry) come before Voila's, whose
last route is a catch-all. They need no kernel, so those pages are as quick as static ones.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import shutil
import uuid
from pathlib import Path
from typing import Any

import tornado.web
from jupyter_core.utils import ensure_async, run_sync
from jupyter_server._tz import utcnow
from voila import notebook_renderer
from voila.app import Voila
from voila.execute import VoilaExecutor

from leven.core import i18n, instruments, vega_bundle
from leven.core.settings import BROWSER_COOKIE, BROWSER_ID
from leven.core.store import open_store
from leven.core.web.access import ROUTE, AccessCode, AccessPage, gated
from leven.core.web.pages import INSTANCE, PageHandler, StaticHandler, VegaBundleHandler
from leven.core.web.pool import refill_when_quiet
from leven.core.web.queue import PLACE_ROUTE, PageQueue, PlaceHandler, ShownHandler, queued
from leven.core.widgets.form import DRAFT_DELAY_SECONDS

STATIC_DIR = Path(__file__).parent / "static"
KERNEL_ID = r"\w+-\w+-\w+-\w+-\w+"
#: the largest request body the server reads (forms; photos come over the websocket)
MAX_REQUEST_BYTES = 1024 * 1024


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


class PingHandler(tornado.web.RequestHandler):
    """Answers the page's heartbeat; the instance id tells it when the server restarted."""

    open_to_participants = True

    def get(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.finish({"instance": INSTANCE})


class KernelHeartbeatHandler(tornado.web.RequestHandler):
    """Whether a page's kernel is still the one that drew it: the page asks every few
    seconds, and a kernel that died (killed, out of memory, restarted) or was culled gets a
    banner on its page instead of silently broken widgets. The ask also counts as the
    kernel's activity: a page that is open (and asking) is never culled, even when its
    websocket is away for a while."""

    def get(self, kernel_id: str) -> None:
        self.set_header("Cache-Control", "no-store")
        manager = self.settings["kernel_manager"]
        if kernel_id not in manager:
            self.set_status(404)
            self.finish({"gone": True})
            return
        kernel = manager.get_kernel(kernel_id)
        kernel.last_activity = utcnow()
        provisioner = getattr(kernel, "provisioner", None)
        self.finish({"pid": getattr(provisioner, "pid", None)})


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

    def initialize(self, queue: PageQueue) -> None:
        self.queue = queue

    async def post(self, kernel_id: str) -> None:
        self.check_same_origin()
        manager = self.settings["kernel_manager"]
        if kernel_id in manager:
            # a page closed before it said its widgets were shown is no longer being drawn:
            # its held place (30 s) would keep the next page waiting and every preheated
            # kernel from being replaced; freed before the answer, which says it is done
            self.queue.shown(kernel_id)
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


def _browser_id_first(handler: type) -> type:
    """Voila's app page, but a browser without its id gets one first (and comes back).

    The kernel learns the browser's id from the page request's cookies, and drafts are kept
    per id: a browser that opened an app link directly would otherwise type drafts without
    an owner. Set the cookie and send it to the same address once (``leven_b=1`` marks the
    second request, so a browser that refuses cookies is served all the same, its drafts
    then kept for that page alone).
    """

    def prepare(self: Any) -> Any:
        if (not re.fullmatch(BROWSER_ID, self.get_cookie(BROWSER_COOKIE) or "")
                and self.request.method == "GET" and not self.get_argument("leven_b", "")):
            self.set_cookie(BROWSER_COOKIE, uuid.uuid4().hex, expires_days=365,
                            samesite="Strict", path="/")
            glue = "&" if "?" in (self.request.uri or "") else "?"
            self.redirect(f"{self.request.uri}{glue}leven_b=1")
            raise tornado.web.Finish()
        return handler.prepare(self)

    return type(handler.__name__, (handler,), {"prepare": prepare})


class ParticipantStaticHandler(StaticHandler):
    """Our stylesheet and script: the participants' pages use them too (also in LAN mode)."""

    open_to_participants = True


class WithoutTrustNoise(logging.Filter):
    """Drops Jupyter's "Notebook … is not trusted" warnings.

    Trust signatures guard outputs of notebooks from elsewhere; ours are the workbook's own
    (``notebooks/``, committed with outputs stripped), so the warning says nothing here.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "is not trusted" not in record.getMessage()


def pooled_kernels(manager: Any) -> list[str]:
    """The ids of the preheated kernels waiting in Voila's pools for a page."""
    return [task.result()["kernel_id"] for pool in getattr(manager, "_pools", {}).values()
            for task in pool if task.done() and not task.cancelled()
            and task.exception() is None and "kernel_id" in task.result()]


class LevenVoila(Voila):
    """Voila serving ``notebooks/`` with our template, texts and routes."""

    name = "leven"
    #: LAN mode: the facilitators' access code (set by ``leven serve --lan``), else None
    access: AccessCode | None = None
    #: at most this many app pages are drawn at once; the others wait their turn
    page_queue: PageQueue | None = None

    def listen(self) -> None:
        """Voila's listen, with a cap on request bodies (Tornado would read 100 MB first).

        Our forms send a few kilobytes; photos travel over the websocket, not in a body.
        """
        listen = self.app.listen

        def capped(port: int, address: str = "", **kwargs: Any) -> Any:
            return listen(port, address, max_body_size=MAX_REQUEST_BYTES, **kwargs)

        self.app.listen = capped
        super().listen()

    def stop(self) -> None:
        """Voila's stop, without the kernels' tracebacks in the log.

        Voila removes the kernels' socket folder first and then asks every kernel to shut
        down. A preheated kernel that no page took is still running its notebook, waiting
        for a request; asked to stop, it closes its sockets under that cell, whose reply
        then fails ("ZMQError: Socket operation on non-socket", a traceback per kernel).
        Those kernels hold nothing anybody typed, so they are stopped outright; the pages'
        kernels are shut down as before (a save under way ends first), and the socket
        folder goes last.
        """
        manager = self.kernel_manager
        for kernel_id in pooled_kernels(manager):
            with contextlib.suppress(Exception):  # already gone
                run_sync(manager.shutdown_kernel)(kernel_id, now=True)
        run_sync(manager.shutdown_all)()
        shutil.rmtree(self.connection_dir, ignore_errors=True)

    def init_settings(self) -> dict:
        self.log.addFilter(WithoutTrustNoise())
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
        queue = self.page_queue or PageQueue()
        refill_when_quiet(self.kernel_manager, queue)
        ours: list[tuple] = [
            # Voila's own tree and 404 pages are English and fetch Font Awesome from a CDN.
            (f"{base}/voila/tree.*", tornado.web.RedirectHandler, {"url": f"{base}/"}),
            (f"{base}/voila/render/(?!(?:{served})$)(.*)", NotFoundHandler),
            (f"{base}/leven/ping", PingHandler),
            (f"{base}/leven/kernel/({KERNEL_ID})", KernelHeartbeatHandler),
            (f"{base}/leven/shown/({KERNEL_ID})", ShownHandler, {"queue": queue}),
            (f"{base}/{PLACE_ROUTE}([0-9a-f]{{32}})", PlaceHandler, {"queue": queue}),
            (f"{base}/voila/api/shutdown/({KERNEL_ID})", ShutdownKernelHandler,
             {"queue": queue}),
            (f"{base}/leven/foto/([0-9a-f]{{8,64}})", PhotoHandler),
            (f"{base}/leven/static/fontawesome/(.*)", StaticHandler,
             {"path": _fontawesome_dir()}),
            (f"{base}/{vega_bundle.ROUTE}(jupyter-chart-[\\w.-]+\\.js)", VegaBundleHandler,
             {"path": str(vega_bundle.bundle_dir())}),
            (f"{base}/leven/static/(.*)", ParticipantStaticHandler,
             {"path": str(STATIC_DIR)}),
        ]
        ours += instruments.routes(base, Path(self.root_dir))
        voila = [
            (pattern, _browser_id_first(queued(handler, queue)), *rest)
            if "voila/render" in pattern
            else (pattern, handler, *rest)
            for pattern, handler, *rest in super().init_handlers()
        ]
        if self.access is None:
            return ours + voila
        ours.append((f"{base}/{ROUTE}", AccessPage, {"access": self.access}))
        return gated(ours + voila, self.access, f"{base}/")
