"""The stakeholdergesprekken page in a real headless Chromium, on a phone and a projector:
an interview with someone not yet in the list is typed, saved, and found after a reload."""

from __future__ import annotations

import re

import pytest
from helpers import open_app

pytestmark = pytest.mark.browser

VIEWPORTS = {"telefoon": (390, 844), "projector": (1920, 1080)}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_an_interview_with_a_new_interviewee_is_saved_and_shown_after_a_reload(
    server, offline_page, viewport
):
    page = offline_page
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    naam = f"Ria Hofstede ({viewport})"
    open_app(page, server, "stakeholdergesprek.ipynb")
    form = page.locator(".leven-form-stakeholdergesprek")
    form.locator(".leven-field-gesprekspartner select").select_option(
        label="Nieuw: iemand die nog niet in de lijst staat")
    form.locator(".leven-field-nieuw_naam input").fill(naam)
    form.locator(".leven-field-interviewer input").fill("Anna de Vries")
    form.locator(".leven-field-datum input").fill("2025-01-28")
    form.locator(".leven-field-samenwerking textarea").fill(
        "We weten niet wie de huisarts is van de mensen die we bezoeken.")
    form.locator(".leven-field-gewenste_toekomst textarea").fill(
        "Een vast aanspreekpunt voor mantelzorgers in de wijk.")
    form.locator(".leven-field-werkt_samen_met textarea").fill("Lotte Maas\nGemeente Bergeijk")
    save = form.locator(".leven-save")
    save.scroll_into_view_if_needed()
    box = save.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    save.click()
    page.wait_for_selector(".leven-form-stakeholdergesprek .leven-form-status-ok", timeout=30_000)
    assert re.search(r"Opgeslagen \(versie 1\)", form.inner_text())

    page.reload()
    page.wait_for_selector(".leven-app", timeout=120_000)
    options = page.locator(".leven-stakeholdergesprek-app select").first.inner_text()
    options = options.replace("\xa0", " ")
    assert naam in options  # the picker lists the new interview by its interviewee
    page.get_by_role("tab", name="Overzicht").click()
    table = page.locator(".leven-gesprekken-table")
    table.wait_for(state="visible", timeout=30_000)
    row = table.locator("tr", has_text=naam)
    assert row.count() == 1
    cells = [cell.strip() for cell in row.locator("td").all_inner_texts()]
    # datum, naam, interviewer, waardering (none given), werkt samen met (2 names), citaten
    assert cells == ["28-01-2025", naam, "Anna de Vries", "", "2", "0"]
