"""The report's download from a real ``leven serve --demo``: over HTTP, and in Chromium from
the start page's link (a phone and a projector), opened offline."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from helpers import offline_context, running_server

from leven.core.store import Store
from leven.verslag.records import Keuze
from leven.verslag.views import SECTION_IDS, build_report

VIEWPORTS = {"telefoon": (390, 844), "projector": (1920, 1080)}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("verslag-server")
    with running_server(folder, "--pool-size", "0") as url:
        yield url, folder / "demo.sqlite"


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=300) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_download_is_the_same_report(served):
    url, database = served
    status, headers, body = _get(f"{url}leven/verslag?proeftuin=bergeijk")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Content-Disposition"] == (
        f'attachment; filename="jaarverslag-bergeijk-{date.today().isoformat()}.html"')
    store = Store(f"sqlite:///{database}")
    try:
        expected = build_report(store, Keuze(proeftuin="bergeijk", lang="nl"))
    finally:
        store.close()
    assert body.decode("utf-8") == expected
    assert "Marieke Jansen" not in expected and "data:image" not in expected


def test_an_unknown_proeftuin_is_not_found(served):
    url, _ = served
    status, _, body = _get(f"{url}leven/verslag?proeftuin=atlantis")
    assert status == 404
    assert "Terug naar de proeftuinen" in body.decode("utf-8")  # our Dutch error page


@pytest.mark.browser
@pytest.mark.parametrize("screen", list(VIEWPORTS))
def test_the_start_page_link_downloads_a_report_that_opens_offline(served, browser, screen,
                                                                     tmp_path):
    url, _ = served
    width, height = VIEWPORTS[screen]
    holder = offline_context(browser)
    try:
        page = holder.page
        page.set_viewport_size({"width": width, "height": height})
        page.goto(url)
        link = page.locator("[data-proeftuin=bergeijk]").get_by_role(
            "link", name="Jaarverslag (HTML)")
        with page.expect_download(timeout=300_000) as waiting:
            link.click()
        saved = tmp_path / waiting.value.suggested_filename
        waiting.value.save_as(saved)
        assert saved.name.startswith("jaarverslag-bergeijk-")
        page.set_content(saved.read_text(encoding="utf-8"))  # any request would be caught
        assert page.locator("h1").inner_text() == "Jaarverslag Samen tot het einde in Bergeijk"
        for section in SECTION_IDS:
            assert page.locator(f"section#{section} svg").count() >= 1, section
        # every chart fits the screen (scaled down on a phone), nothing to scroll sideways
        widest = page.evaluate(
            "Math.max(...[...document.querySelectorAll('figure svg')]"
            ".map(s => s.getBoundingClientRect().right))")
        assert widest <= width
        page.emulate_media(media="print")
        assert page.evaluate(
            "getComputedStyle(document.querySelector('section#tijdlijn')).breakBefore"
        ) == "page"
    finally:
        holder.context.close()
    assert holder.external == []
