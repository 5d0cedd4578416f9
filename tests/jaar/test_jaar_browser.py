"""The year page in a real headless Chromium against a real ``leven serve --demo``: record a
bijeenkomst with attendance ticked, on a phone and on a projector, and see it after a reload."""

from __future__ import annotations

import pytest
from helpers import open_app
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

VIEWPORTS = {"telefoon": (390, 844), "projector": (1920, 1080)}


@pytest.mark.parametrize("screen", list(VIEWPORTS))
def test_attendance_ticked_is_there_after_a_reload(server, offline_page, screen):
    page = offline_page
    width, height = VIEWPORTS[screen]
    page.set_viewport_size({"width": width, "height": height})
    title = f"Werkbijeenkomst browsertest {screen}"
    open_app(page, server, "jaar.ipynb")
    form = page.locator(".leven-form-jaar_bijeenkomst")
    form.locator(".leven-field-soort select").select_option(label="werkbijeenkomst")
    form.locator(".leven-field-datum input").fill("2025-10-07")
    form.locator(".leven-field-titel input").fill(title)
    ticks = form.locator(".leven-field-aanwezig")
    for name in ("Lotte Maas", "Noor Janssen"):
        ticks.locator("label", has_text=name).locator("input[type=checkbox]").check()
    expect(ticks).to_contain_text("2 van de 15 aanwezig (zorg 1, sociaal domein 1)")
    box = ticks.locator("label", has_text="Noor Janssen").bounding_box()
    assert box is not None and box["x"] + box["width"] <= width  # the tick list fits
    form.locator(".leven-save").click()
    expect(form.locator(".leven-form-status-ok")).to_contain_text("Opgeslagen (versie 1)")

    page.reload()
    page.wait_for_selector(".leven-app", timeout=120_000)
    row = page.locator("table.leven-table tr", has_text=title)
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(3)).to_have_text("2")
    page.locator(".leven-app select").first.select_option(label=f"07-10-2025 · {title}")
    form = page.locator(".leven-form-jaar_bijeenkomst")
    expect(form.locator(".leven-field-titel input")).to_have_value(title)
    ticks = form.locator(".leven-field-aanwezig")
    for name, ticked in (("Lotte Maas", True), ("Noor Janssen", True), ("Anna de Vries", False)):
        checkbox = ticks.locator("label", has_text=name).locator("input[type=checkbox]")
        expect(checkbox).to_be_checked(checked=ticked)

    page.goto(server)
    card = page.locator("[data-proeftuin=bergeijk]")
    expect(card.locator(".leven-stage")).to_have_text("Nu: in verbinding blijven")
