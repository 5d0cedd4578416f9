"""The experiments page in a real headless Chromium, at a phone's 390x844 and a projector's
1920x1080: create an experiment, add an action, and see it on the card after a reload."""

from __future__ import annotations

import pytest
from helpers import open_app

pytestmark = pytest.mark.browser

FORM = ".leven-form-experiment"
ACTION = ".leven-form-experiment_actie"


@pytest.mark.parametrize(("viewport", "name"), [
    ({"width": 390, "height": 844}, "Buurtkoffie op de telefoon"),
    ({"width": 1920, "height": 1080}, "Buurtkoffie op de beamer"),
])
def test_create_an_experiment_add_an_action_and_see_it_after_a_reload(
    server, offline_page, viewport, name
):
    page = offline_page
    page.set_viewport_size(viewport)
    open_app(page, server, "experiment.ipynb")
    assert "Vastgestelde ambitie" in page.locator(".leven-exp-ambitie").inner_text()
    assert page.locator(".leven-exp-kaart", has_text="Casuïstiekbespreking").count() == 1

    page.fill(f"{FORM} .leven-field-naam input", name)
    page.fill(f"{FORM} .leven-field-wat textarea", "Eens per maand koffie in het buurthuis")
    page.locator(f"{FORM} .leven-field-coordinator select").select_option(
        label="Petra van Dijk · Thuiszorg Kempenland")
    page.click(f"{FORM} .leven-save")
    page.wait_for_selector(f"{FORM} .leven-form-status-ok")
    card = page.locator(".leven-exp-kaart", has_text=name)
    card.wait_for()
    assert "Idee" in card.inner_text() and "Petra van Dijk" in card.inner_text()

    page.get_by_role("tab", name="Acties").click()
    page.fill(f"{ACTION} .leven-field-wat input", f"Zaal regelen ({name})")
    page.fill(f"{ACTION} .leven-field-uiterlijk input", "01-06-2025")
    page.click(f"{ACTION} .leven-save")
    page.wait_for_selector(f"{ACTION} .leven-form-status-ok")
    page.locator(".leven-exp-actie-vink", has_text=f"Zaal regelen ({name})").wait_for()

    page.reload()
    page.wait_for_selector(".leven-app", timeout=120_000)
    card = page.locator(".leven-exp-kaart", has_text=name)
    card.wait_for()
    text = card.inner_text()
    assert f"Zaal regelen ({name})" in text
    assert "te laat sinds 01-06-2025" in text  # overdue: shown for the coordinator
    box = card.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    link = card.locator(".leven-exp-gaslink")
    assert link.get_attribute("href").startswith("gas.ipynb?proeftuin=bergeijk&experiment=")


def test_the_card_link_opens_the_gas_page_on_that_experiment(server, offline_page):
    page = offline_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_app(page, server, "experiment.ipynb")
    card = page.locator(".leven-exp-kaart", has_text="Informatiepunt in de bibliotheek")
    assert "T-score (vervolgmeting): 43,8" in card.inner_text()
    card.locator(".leven-exp-gaslink").click()
    page.wait_for_url("**/gas.ipynb?proeftuin=bergeijk&experiment=informatiepunt")
    page.wait_for_selector(".leven-app", timeout=120_000)
    picker = page.locator(".leven-gas-experiment select")
    assert picker.input_value() == "Informatiepunt in de bibliotheek"  # its label
    page.wait_for_selector(".leven-gas-samenvatting", state="visible")
    assert "43,8" in page.locator(".leven-gas-samenvatting").inner_text()
