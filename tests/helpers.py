"""Helpers for the browser tests (imported as ``from helpers import ...``)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse


def open_app(page: object, server: str, notebook: str, proeftuin: str = "bergeijk") -> None:
    """Open an app notebook for a proeftuin and wait until its widgets are on the page."""
    # generous: right after a server starts, its preheated kernels share two cores
    page.goto(f"{server}voila/render/{notebook}?proeftuin={proeftuin}", timeout=120_000)
    page.wait_for_selector(".leven-app", timeout=120_000)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"leven serve stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(url + "leven/ping", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("leven serve did not answer in time")


@contextlib.contextmanager
def running_server(folder: Path, *args: str, **env: str) -> Iterator[str]:
    """A real ``leven serve --demo`` on a free local port; yields its base URL.

    ``args`` go to ``leven serve`` (e.g. ``--pool-size 0``); its output is in
    ``folder/server.log``, its store in ``folder/demo.sqlite``.
    """
    port = _free_port()
    log = (folder / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "leven.core.web.cli", "serve", "--demo", "--data",
         str(folder / "demo.sqlite"), "--port", str(port), *args],
        stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "LEVEN_DATABASE_URL": "", "LEVEN_LANG": "nl", **env},
    )
    host = args[args.index("--ip") + 1] if "--ip" in args else "127.0.0.1"
    url = f"http://{host}:{port}/"
    try:
        _wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


class Participant:
    """One phone: its own cookies, answering an evaluation over plain HTTP (no browser)."""

    def __init__(self, server: str) -> None:
        import http.cookiejar

        self.server = server
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.server + path, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, path: str, values: dict[str, str], xsrf: bool = True) -> tuple[int, str]:
        from urllib.parse import urlencode

        form = dict(values)
        if xsrf:
            form["_xsrf"] = next(c.value for c in self.cookies if c.name == "_xsrf")
        request = urllib.request.Request(self.server + path, data=urlencode(form).encode())
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def answer(self, code: str, values: dict[str, str]) -> tuple[int, str]:
        """Open the form (cookies, XSRF token), then send ``values``; the final page."""
        self.get(f"e/{code}")
        return self.post(f"e/{code}", values)


LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


class OfflinePage:
    """A browser page on which every request not to this machine fails and is recorded."""

    def __init__(self, context: object) -> None:
        self.context = context
        self.external: list[str] = []
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.set_default_timeout(90_000)

    def _route(self, route: object, request: object) -> None:
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.external.append(request.url)
            route.abort()


def offline_context(browser: object) -> OfflinePage:
    """A fresh Dutch browser context (its own cookies) whose page may only talk to localhost."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1200, "height": 900})
    return OfflinePage(context)
