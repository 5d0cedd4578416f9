"""The verkennen page in a real headless Chromium on a projector-sized screen (1920×1080)."""

from __future__ import annotations

import re

import pytest
from helpers import open_app

pytestmark = pytest.mark.browser
#: the line marks Vega draws in the chart's SVG (the renderer the app uses)
LINES = ".leven-nk-chart .vega-embed svg .mark-line path"


def _figure(page: object, key: str) -> str:
    return page.locator(f".leven-nk-figures .leven-nk-{key} td").inner_text()


def test_a_tie_added_on_the_page_is_in_the_chart_and_figures_after_a_reload(server, offline_page):
    page = offline_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_app(page, server, "netwerkkaart.ipynb")
    page.wait_for_selector(".leven-nk-chart .vega-embed")
    before = int(_figure(page, "banden"))
    crossing = int(_figure(page, "grensoverschrijdend"))
    lines = page.locator(LINES).count()  # the ring's four dividers and one path per tie
    assert lines == 4 + before
    editor = page.locator(".leven-nk-editor")
    # Lotte Maas (zorg) and Noor Janssen (sociaal domein): not tied in the example data
    editor.locator(".leven-field-van select").select_option(label="Lotte Maas")
    editor.locator(".leven-field-naar select").select_option(label="Noor Janssen")
    editor.locator(".leven-field-soort select").select_option(label="werkt samen")
    add = editor.locator(".leven-nk-toevoegen")
    box = add.bounding_box()
    assert box is not None and box["y"] + box["height"] < 1080  # in view without scrolling
    add.click()
    page.wait_for_selector(".leven-nk-editor .leven-form-status-ok")
    assert re.search(r"Opgeslagen \(versie \d+\)", editor.inner_text())

    page.reload()
    page.wait_for_selector(".leven-app", timeout=120_000)
    page.wait_for_selector(".leven-nk-chart .vega-embed")
    assert int(_figure(page, "banden")) == before + 1
    assert int(_figure(page, "grensoverschrijdend")) == crossing + 1
    ties = page.locator(".leven-nk-band", has_text="Lotte Maas")
    assert ties.filter(has_text="Noor Janssen").filter(has_text="werkt samen").count() == 1
    assert page.locator(LINES).count() == lines + 1  # the chart draws the new tie
    shown = page.locator(".leven-nk-chart .vega-embed").bounding_box()
    assert shown is not None and shown["width"] > 400 and shown["height"] > 400
