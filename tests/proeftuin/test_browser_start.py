"""The main flows in a real headless Chromium against a real ``leven serve --demo``.

Every test runs on a page where any request not to this machine fails the test.
"""

from __future__ import annotations

import pytest
from helpers import offline_context, open_app, running_server

pytestmark = pytest.mark.browser


def test_start_page_shows_the_example_proeftuin(server, offline_page):
    offline_page.goto(server)
    card = offline_page.locator("[data-proeftuin=bergeijk]")
    assert card.locator("h3").inner_text() == "Samen tot het einde in Bergeijk"
    assert card.get_by_role("link", name="Proeftuin, deelnemers en bijeenkomsten").count() == 1


def test_creating_a_proeftuin_and_reloading_shows_it(server, offline_page):
    page = offline_page
    page.goto(server)
    page.fill("#veld-naam", "Proeftuin Browsertest")
    page.fill("#veld-gemeente", "Zundert")
    page.fill("#veld-startdatum", "2025-10-01")
    page.fill("#veld-kerngroep", "Anna de Vries, Huisarts\nKarim El Idrissi, Welzijn")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-proeftuin=proeftuin-browsertest]")
    page.reload()
    card = page.locator("[data-proeftuin=proeftuin-browsertest]")
    assert "Zundert" in card.inner_text()


def test_an_empty_name_shows_a_dutch_message_and_saves_nothing(server, offline_page):
    page = offline_page
    page.goto(server)
    before = page.locator(".leven-card").count()
    page.fill("#veld-gemeente", "Gemeente-zonder-naam")
    page.click("button[type=submit]")
    assert page.locator("#fout-naam").inner_text() == "Vul dit veld in."
    assert page.input_value("#veld-gemeente") == "Gemeente-zonder-naam"
    page.goto(server)
    assert page.locator(".leven-card").count() == before
    assert "Gemeente-zonder-naam" not in page.content()


def test_a_deelnemer_added_in_the_app_is_there_after_a_reload(server, offline_page):
    page = offline_page
    page.goto(server)
    page.locator("[data-proeftuin=bergeijk]").get_by_role(
        "link", name="Proeftuin, deelnemers en bijeenkomsten").click()
    page.wait_for_selector(".leven-app")
    page.get_by_role("tab", name="Deelnemers").click()
    form = page.locator(".leven-form-deelnemer")
    form.locator(".leven-field-naam input").fill("Browser Deelnemer")
    form.locator(".leven-field-organisatie input").fill("Buurtzorg")
    form.locator(".leven-save").click()
    page.wait_for_selector(".leven-form-deelnemer .leven-form-status-ok")
    page.reload()
    page.wait_for_selector(".leven-app")
    page.get_by_role("tab", name="Deelnemers").click()
    cell = page.locator("table.leven-table td", has_text="Browser Deelnemer")
    cell.wait_for()
    assert cell.count() == 1


def test_a_bad_entry_in_the_app_gets_a_dutch_message_beside_the_field(server, offline_page):
    page = offline_page
    open_app(page, server, "proeftuin.ipynb")
    page.get_by_role("tab", name="Deelnemers").click()
    form = page.locator(".leven-form-deelnemer")
    form.locator(".leven-field-organisatie input").fill("Zonder naam BV")
    form.locator(".leven-save").click()
    message = form.locator(".leven-field-naam .leven-field-error")
    message.wait_for()
    assert message.inner_text() == "Vul dit veld in."
    assert form.locator(".leven-field-organisatie input").input_value() == "Zonder naam BV"


def _type_a_new_bijeenkomst(page: object, server: str, proeftuin: str, title: str) -> None:
    open_app(page, server, "proeftuin.ipynb", proeftuin=proeftuin)
    page.get_by_role("tab", name="Bijeenkomsten").click()
    page.locator(".leven-form-bijeenkomst .leven-field-titel input").fill(title)
    page.wait_for_timeout(2000)  # the draft is kept after a short pause in typing


def _reload_and_restore_the_draft(page: object, title: str) -> None:
    """Reload (a new kernel), take the draft back, and wait for ``title`` in the field."""
    page.reload()
    page.wait_for_selector(".leven-app")
    page.get_by_role("tab", name="Bijeenkomsten").click()
    form = page.locator(".leven-form-bijeenkomst")
    form.get_by_role("button", name="Concept terugzetten").click()
    field = form.locator(".leven-field-titel input")
    page.wait_for_function(f"el => el.value === '{title}'", arg=field.element_handle())


def test_typed_text_comes_back_as_a_draft_after_a_reload(server, offline_page):
    _type_a_new_bijeenkomst(offline_page, server, "lindendal",
                            "Concept dat niet verloren mag gaan")
    _reload_and_restore_the_draft(offline_page, "Concept dat niet verloren mag gaan")


def test_an_unknown_proeftuin_gets_a_dutch_message(server, offline_page):
    page = offline_page
    page.goto(f"{server}voila/render/proeftuin.ipynb?proeftuin=bestaat-niet")
    page.wait_for_selector(".leven-app-missing")
    assert "geen (bestaande) proeftuin" in page.inner_text(".leven-app-missing")


def test_the_banner_shows_when_the_server_cannot_be_reached(server, offline_page):
    page = offline_page
    page.goto(server)
    banner = page.locator("#leven-banner")
    assert banner.is_hidden()
    page.route("**/leven/ping", lambda route: route.abort())
    page.evaluate("window.levenCheckConnection()")
    banner.wait_for(state="visible")
    assert banner.inner_text().startswith("Geen verbinding met de server")
    page.unroute("**/leven/ping")
    page.evaluate("window.levenCheckConnection()")
    banner.wait_for(state="hidden")


def test_three_browsers_typing_new_records_each_get_only_their_own_draft_back(
    server, offline_page, browser
):
    """Participants on their phones add records at once, two of them from a link straight to
    the app (no id yet): nobody's draft reaches, or overwrites, another's."""
    others = [offline_context(browser), offline_context(browser)]
    pages = {"A": offline_page, "B": others[0].page, "C": others[1].page}
    try:
        pages["A"].goto(server)  # the start page gives this browser its id
        for who, page in pages.items():
            _type_a_new_bijeenkomst(page, server, "oosterweide", f"Concept van {who}")
            assert any(c["name"] == "leven_browser" for c in page.context.cookies())
        ids = {next(c["value"] for c in p.context.cookies() if c["name"] == "leven_browser")
               for p in pages.values()}
        assert len(ids) == 3
        for who, page in pages.items():
            _reload_and_restore_the_draft(page, f"Concept van {who}")
        assert all(holder.external == [] for holder in others)
    finally:
        for holder in others:
            holder.context.close()


def _kill_the_kernel_of(page: object) -> None:
    """Kill the page's kernel process outright, as the out-of-memory killer would."""
    import json
    import os
    import signal
    import subprocess

    kernel_id = json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]
    pids = subprocess.run(["pgrep", "-f", f"kernel-{kernel_id}"], capture_output=True,
                          text=True).stdout.split()
    assert pids, "the page's kernel process was not found"
    for pid in pids:
        os.kill(int(pid), signal.SIGKILL)


def test_typed_text_survives_a_kernel_that_dies(tmp_path, offline_page):
    """Typed, the kernel killed before the draft was kept, typed on: a banner says so, a
    save says it did not save, and the reload brings everything back. (A server of its own:
    killing kernels must not slow the shared one down.)"""
    with running_server(tmp_path) as server:
        _survive_a_kernel_that_dies(offline_page, server)


def _survive_a_kernel_that_dies(page: object, server: str) -> None:
    open_app(page, server, "proeftuin.ipynb", proeftuin="lindendal")
    page.get_by_role("tab", name="Bijeenkomsten").click()
    title = page.locator(".leven-form-bijeenkomst .leven-field-titel input")
    title.fill("Getypt vlak voor")
    _kill_the_kernel_of(page)  # at once: the kernel never kept a draft of this
    banner = page.locator("#leven-banner")
    banner.wait_for(state="visible", timeout=20_000)
    assert banner.inner_text().startswith("De verbinding met het formulier is verbroken")
    title.press_sequentially(" en na het wegvallen")
    page.locator(".leven-form-bijeenkomst .leven-save").click()
    page.wait_for_selector(".leven-not-saved:has-text('Niet opgeslagen: er is geen verbinding')")
    banner.get_by_role("button", name="Pagina opnieuw laden").click()
    page.wait_for_selector(".leven-app")
    page.get_by_role("tab", name="Bijeenkomsten").click()
    field = page.locator(".leven-form-bijeenkomst .leven-field-titel input")
    page.wait_for_function("el => el.value === 'Getypt vlak voor en na het wegvallen'",
                           arg=field.element_handle())
    assert "teruggezet" in page.locator("#leven-banner").inner_text()
    form = page.locator(".leven-form-bijeenkomst")
    form.locator(".leven-field-soort select").select_option(label="werkbijeenkomst")
    form.locator(".leven-field-datum input").fill("2025-05-13")
    form.locator(".leven-save").click()  # the kernel has the restored text: it saves
    page.wait_for_selector(".leven-form-bijeenkomst .leven-form-status-ok:has-text('versie 1')")
    assert "Getypt vlak voor en na het wegvallen" in page.inner_text(".leven-app")
