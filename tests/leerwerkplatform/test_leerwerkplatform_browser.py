"""The Leerwerkplatform page in a real headless Chromium, on a phone and a projector: the
kerngroep's work addresses typed, the registration checked and ready as a mailto: link,
marked sent, and still sent after a reload."""

from __future__ import annotations

import datetime
import re

import pytest
from helpers import open_app
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

VIEWPORTS = {"telefoon": (390, 844), "projector": (1920, 1080)}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_registration_is_checked_made_ready_and_marked_sent(server, offline_page, viewport):
    page = offline_page
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    proeftuin = "oosterweide" if viewport == "telefoon" else "lindendal"
    open_app(page, server, "leerwerkplatform.ipynb", proeftuin=proeftuin)
    app = page.locator(".leven-leerwerkplatform-app")
    # these proeftuinen have no deelnemers yet: nothing to tick, and the page says what to do
    if app.locator(".leven-lwp-ticks input[type=checkbox]").count() == 0:
        app.locator(".leven-save").click()
        app.get_by_text("Kies ten minste één lid van de projectgroep.").wait_for(timeout=30_000)
        open_app(page, server, "leerwerkplatform.ipynb")  # Bergeijk: a kerngroep of five
    rows = page.locator(".leven-lwp-lid")
    rows.first.wait_for(timeout=30_000)
    count = rows.count()
    assert count == 5
    emails = page.locator(".leven-lwp-lid .leven-field-email input")
    emails.nth(0).fill("anna@gmail.com")  # a private address
    for index in range(1, count):
        emails.nth(index).fill(f"lid{index}-{viewport}@zorgwelzijn-bergeijk.nl")
    page.locator(".leven-leerwerkplatform-app .leven-save").click()
    message = rows.nth(0).locator(".leven-field-error")
    message.wait_for(timeout=30_000)
    assert "werkadres" in message.inner_text()
    assert emails.nth(0).input_value() == "anna@gmail.com"  # what was typed stays
    emails.nth(0).fill(f"anna-{viewport}@delinde.nl")
    page.locator(".leven-leerwerkplatform-app .leven-save").click()
    link = page.locator("a.leven-lwp-mailto")
    # (the server is shared: a registration saved by the other viewport may show first)
    expect(link).to_have_attribute("href", re.compile(f"anna-{viewport}%40delinde.nl"),
                                   timeout=30_000)
    assert link.get_attribute("href").startswith(
        "mailto:nppzii@pzn.nl?subject=Aanmelding%20Leerwerkplatform")
    text = page.locator(".leven-lwp-tekst textarea").input_value()
    assert "Naam projectgroeplid: Anna de Vries" in text
    expect(page.locator(".leven-lwp-verzonden")).to_have_text(re.compile("Nog niet verstuurd"))
    page.locator(".leven-lwp-verstuurd").click()
    today = f"{datetime.date.today():%d-%m-%Y}"
    page.get_by_text(f"Verstuurd op {today}.").wait_for(timeout=30_000)
    box = page.locator(".leven-lwp-verstuurd").bounding_box()
    assert box is not None and box["x"] + box["width"] <= width

    page.reload()
    page.wait_for_selector(".leven-app", timeout=120_000)
    page.get_by_text(f"Verstuurd op {today}.").wait_for(timeout=30_000)
    assert page.locator(".leven-lwp-lid .leven-field-email input").nth(0).input_value() == (
        f"anna-{viewport}@delinde.nl")
