"""The checklist app in a real Chromium: fill in part, save, reload, find the answers back."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from helpers import open_app

ANSWERS = {"pl-1": "Wel", "mgmt-3": "Gedeeltelijk", "inv-1": "(nog) niet"}
COMMENT = "Geen budget voor <b>vervanging</b>"


def chosen(page: object, item_id: str) -> list[str]:
    """The texts of the answer buttons shown as chosen for an item."""
    return page.locator(f".leven-field-antwoord-{item_id} button.mod-active").all_inner_texts()


@pytest.mark.browser
def test_fill_in_part_save_reload_and_resume(server, offline_page):
    page = offline_page
    page.set_default_timeout(180_000)  # a fresh Voila kernel on a busy machine is slow
    open_app(page, server, "checklist.ipynb", proeftuin="oosterweide")
    page.wait_for_selector(".leven-form-checklist")
    page.wait_for_selector(".leven-checklist-progress:has-text('16 van 17 beantwoord')")

    page.click(".leven-checklist-new")
    page.wait_for_selector(".leven-checklist-new-panel", state="visible")
    page.select_option(".leven-checklist-start-from select", label="een lege checklist")
    page.click(".leven-checklist-start")
    page.wait_for_selector(".leven-checklist-progress:has-text('0 van 17 beantwoord')")
    assert page.locator(".leven-checklist-answer button.mod-active").count() == 0

    name = f"Browsertest {uuid4().hex[:6]}"
    page.fill(".leven-field-ingevuld_door input", name)
    for item_id, label in ANSWERS.items():
        page.locator(f".leven-field-antwoord-{item_id} button", has_text=label).click()
    page.fill(".leven-field-opmerking-inv-1 textarea", COMMENT)
    page.wait_for_selector(".leven-checklist-progress:has-text('3 van 17 beantwoord')")
    page.click(".leven-form-checklist .leven-save")
    page.wait_for_selector(".leven-form-status-ok:has-text('Opgeslagen (versie 1)')")

    with page.expect_download() as download:
        page.click(".leven-download-xlsx")
    today = date.today().isoformat()
    assert download.value.suggested_filename == f"checklist-oosterweide-{today}.xlsx"

    page.reload()
    page.wait_for_selector(".leven-app", timeout=180_000)
    page.wait_for_selector(".leven-checklist-progress:has-text('3 van 17 beantwoord')")
    assert page.input_value(".leven-field-ingevuld_door input") == name
    for item_id, label in ANSWERS.items():
        assert chosen(page, item_id) == [label]
    assert chosen(page, "pl-2") == []
    assert page.input_value(".leven-field-opmerking-inv-1 textarea") == COMMENT
    picked = page.locator(".leven-checklist-picker select option:checked").inner_text()
    assert name in picked.replace("\xa0", " ")  # the picker names the resumed assessment
    page.locator(".lm-TabBar-tab", has_text="Actielijst").click()
    row = page.locator(".leven-checklist-actions tr", has_text="vervanging")
    assert COMMENT in row.inner_text()  # shown as typed, never as markup
    # the profile chart is drawn when its tab opens, by Vega served from this machine:
    # one file from our server, not a copy inside the chart
    bundles = []
    page.on("request", lambda r: bundles.append(r.url) if "/leven/vega/" in r.url else None)
    page.locator(".lm-TabBar-tab", has_text="Gereedheidsprofiel").click()
    page.wait_for_selector(".leven-checklist-profile .vega-embed svg, "
                           ".leven-checklist-profile .vega-embed canvas")
    assert page.locator(".leven-checklist-profile .vega-embed").count() == 1
    assert len(bundles) == 1 and bundles[0].startswith(server), bundles
