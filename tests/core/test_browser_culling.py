"""Idle kernels are culled only when no page is connected: an open form is never lost."""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request

import pytest
from helpers import open_app, running_server

pytestmark = pytest.mark.browser
CULL_SECONDS = 3


def _kernel_exists(server: str, kernel_id: str) -> bool:
    try:
        with urllib.request.urlopen(f"{server}api/kernels/{kernel_id}", timeout=10):
            return True
    except urllib.error.HTTPError as error:
        assert error.code == 404
        return False


def test_an_open_form_keeps_its_kernel_and_a_closed_page_loses_it(tmp_path, browser):
    with running_server(tmp_path, LEVEN_CULL_SECONDS=str(CULL_SECONDS)) as server:
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(90_000)
        open_app(page, server, "proeftuin.ipynb", proeftuin="oosterweide")
        config = json.loads(page.locator("#jupyter-config-data").text_content())
        kernel_id = config["kernelId"]
        page.wait_for_timeout(4 * CULL_SECONDS * 1000)  # idle, but the page is connected
        assert _kernel_exists(server, kernel_id)
        page.get_by_role("tab", name="Deelnemers").click()
        form = page.locator(".leven-form-deelnemer")
        form.locator(".leven-field-naam input").fill("Na een lange pauze")
        form.locator(".leven-save").click()
        page.wait_for_selector(".leven-form-deelnemer .leven-form-status-ok")
        context.close()
        deadline = time.monotonic() + 10 * CULL_SECONDS
        while _kernel_exists(server, kernel_id) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not _kernel_exists(server, kernel_id)


def test_the_banner_appears_when_the_server_really_stops(tmp_path, browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(90_000)
    with running_server(tmp_path) as server:
        open_app(page, server, "proeftuin.ipynb", proeftuin="lindendal")
        assert page.locator("#leven-banner").is_hidden()
    banner = page.locator("#leven-banner")
    banner.wait_for(state="visible", timeout=20_000)
    assert "Geen verbinding met de server" in banner.inner_text()
    context.close()


def test_leaving_a_page_shuts_its_kernel_down(server, offline_page):
    page = offline_page
    open_app(page, server, "proeftuin.ipynb", proeftuin="oosterweide")
    kernel_id = json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]
    assert _kernel_exists(server, kernel_id)
    page.goto(server)  # leaving the app page: the page asks the server to stop its kernel
    deadline = time.monotonic() + 15
    while _kernel_exists(server, kernel_id) and time.monotonic() < deadline:
        time.sleep(0.3)
    assert not _kernel_exists(server, kernel_id)


def test_a_cross_site_shutdown_is_refused(server):
    request = urllib.request.Request(
        f"{server}voila/api/shutdown/00000000-0000-0000-0000-000000000000", data=b"",
        headers={"Origin": "http://elders.example", "Sec-Fetch-Site": "cross-site"},
    )
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("a cross-site shutdown must be refused")
    except urllib.error.HTTPError as error:
        assert error.code == 403


def test_kernels_die_with_their_server(tmp_path):
    """A server killed outright (SIGKILL, out of memory) leaves no kernel running."""
    import signal
    import subprocess
    import sys

    import psutil
    from helpers import _free_port, _wait_until_up

    port = _free_port()
    kernels: list[psutil.Process] = []
    with (tmp_path / "server.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "leven.core.web.cli", "serve", "--demo", "--data",
             str(tmp_path / "demo.sqlite"), "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "LEVEN_DATABASE_URL": ""})
        try:
            _wait_until_up(f"http://127.0.0.1:{port}/", process)
            server = psutil.Process(process.pid)
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and len(kernels) < 3:  # the pools fill
                kernels = [c for c in server.children(recursive=True)
                           if "ipykernel" in " ".join(c.cmdline())]
                time.sleep(0.5)
            assert kernels, "no kernel was started"
            time.sleep(3)  # started, not starting
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and any(k.is_running() for k in kernels):
                time.sleep(0.5)
            left = [k.pid for k in kernels if k.is_running() and k.status() != "zombie"]
            assert left == [], f"kernels still running after their server: {left}"
        finally:  # only this server's kernels: the shared test server's must live on
            for kernel in kernels:
                if kernel.is_running():
                    kernel.kill()
            if process.poll() is None:
                process.kill()


def test_a_page_gone_for_two_minutes_loses_its_kernel_by_default():
    from leven.core.web import cli

    config = cli.voila_config(8866, "127.0.0.1", 1)
    if "LEVEN_CULL_SECONDS" not in os.environ:
        assert cli.CULL_IDLE_SECONDS == 120
    manager = config.MappingKernelManager
    assert manager.cull_idle_timeout == cli.CULL_IDLE_SECONDS
    assert manager.cull_idle_timeout + manager.cull_interval <= 150  # gone within 2.5 min
    assert manager.cull_connected is False  # an open page keeps its kernel


def test_the_heartbeat_keeps_a_kernel_whose_websocket_is_away(tmp_path):
    """A page that still asks for its kernel (its websocket away for a while) keeps it;
    when it stops asking too, the kernel is culled."""
    import re

    with running_server(tmp_path, "--pool-size", "0",
                        LEVEN_CULL_SECONDS=str(CULL_SECONDS)) as server:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with opener.open(f"{server}voila/render/proeftuin.ipynb?proeftuin=oosterweide",
                         timeout=120) as response:
            html = response.read().decode()
        kernel_id = re.search(r'"kernelId": "([\w-]+)"', html).group(1)
        # no websocket ever connects: only the heartbeat asks
        until = time.monotonic() + 5 * CULL_SECONDS
        while time.monotonic() < until:
            opener.open(f"{server}leven/kernel/{kernel_id}", timeout=10).read()
            time.sleep(0.5)
        assert _kernel_exists(server, kernel_id)
        deadline = time.monotonic() + 10 * CULL_SECONDS
        while _kernel_exists(server, kernel_id) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not _kernel_exists(server, kernel_id)
