"""Idle kernels are culled only when no page is connected: an open form is never lost."""

from __future__ import annotations

import json
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
