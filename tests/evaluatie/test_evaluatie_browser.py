"""The evaluation in a real Chromium against a real ``leven serve --demo``.

A participant answers on a phone (390×844), with and without JavaScript; the projected page
(1920×1080) counts the answers of a room of phones as they arrive, without a reload, and its
QR code, read from a screenshot, leads to the participants' address. No page asks anything
of another machine.
"""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from helpers import OfflinePage, Participant, open_app

pytestmark = pytest.mark.browser
OPEN = "KM4TA"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def phone(request, browser):
    context = browser.new_context(locale="nl-NL", viewport=PHONE, is_mobile=True,
                                  has_touch=True, java_script_enabled=request.param)
    holder = OfflinePage(context)
    yield holder.page
    context.close()
    assert holder.external == []


def test_a_participant_answers_on_a_phone(server, phone):
    page = phone
    page.goto(f"{server}e/{OPEN}")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    sizes = page.eval_on_selector_all(
        "textarea, .leven-choice", "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= 16  # so a phone does not zoom in on every field
    page.click("#vraag-zelfde_taal .leven-choice:has-text('4')")
    page.click("#vraag-goede_spoor .leven-choice:has-text('5')")
    page.click("#vraag-domein .leven-choice:has-text('Sociaal domein')")
    page.fill("textarea[name=werkt_goed]", "De casus van meneer Pieters")
    page.click("button[type=submit]")
    page.wait_for_selector("h1:has-text('Dank u wel!')")
    page.click("text=Antwoord wijzigen")
    assert page.is_checked("#vraag-zelfde_taal input[value='4']")
    assert page.input_value("textarea[name=werkt_goed]") == "De casus van meneer Pieters"
    page.click("#vraag-zelfde_taal .leven-choice:has-text('2')")
    page.click("button[type=submit]")
    page.wait_for_selector("h1:has-text('Dank u wel!')")


def test_a_participant_is_told_what_is_missing(server, phone):
    page = phone
    page.goto(f"{server}e/{OPEN}")
    page.fill("textarea[name=kan_anders]", "Minder afkortingen")
    page.click("button[type=submit]")
    page.wait_for_selector("#fout-zelfde_taal:has-text('Kies een antwoord.')")
    assert page.input_value("textarea[name=kan_anders]") == "Minder afkortingen"



def test_a_participant_offline_is_told_about_answers_not_drafts(server, browser):
    context = browser.new_context(locale="nl-NL", viewport=PHONE, is_mobile=True)
    holder = OfflinePage(context)
    page = holder.page
    page.goto(f"{server}e/{OPEN}")
    page.fill("textarea[name=werkt_goed]", "Samen koffie")
    context.set_offline(True)
    banner = page.locator("#leven-banner")
    banner.wait_for(state="visible", timeout=10_000)
    assert "Uw antwoorden staan nog op dit scherm" in banner.inner_text()
    assert "concept" not in banner.inner_text()
    assert page.input_value("textarea[name=werkt_goed]") == "Samen koffie"
    context.set_offline(False)
    context.close()
    assert holder.external == []

def _decode_qr(png: bytes) -> str:
    import zxingcpp
    from PIL import Image

    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    return found[0].text if found else ""


def test_the_projected_page_counts_a_room_of_phones_live(server, browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1920, "height": 1080})
    holder = OfflinePage(context)
    page = holder.page
    open_app(page, server, "evaluatie.ipynb")
    count = page.wait_for_selector(".leven-result-count")
    before = int(count.get_attribute("data-n"))
    assert page.inner_text(".leven-join-code") == OPEN
    assert _decode_qr(page.locator(".leven-qr").screenshot()) == f"{server}e/{OPEN}"

    phones = [Participant(server) for _ in range(8)]
    answer = {"zelfde_taal": "5", "goede_spoor": "4", "werkt_goed": "Samen werken"}
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda p: p.answer(OPEN, answer)[0], phones))
    assert statuses == [200] * 8
    # no reload: the kernel reads the store every second and redraws
    page.wait_for_selector(f".leven-result-count[data-n='{before + 8}']", timeout=15_000)
    assert "samen" in page.inner_text(".leven-result-words")
    context.close()
    assert holder.external == []
