"""Dates in an English browser still read and are typed as dd-mm-jjjj (issue 16, item 4).

A browser's own date field follows the browser's language: en-US showed 02/11/2025 for the
eleventh of February on our Dutch pages. Our date fields are text that we read.
"""

from __future__ import annotations

from tests.helpers import OfflinePage, open_app


def test_an_english_browser_shows_and_takes_dates_as_dd_mm_jjjj(server, browser):
    phone = {"width": 390, "height": 844}
    holder = OfflinePage(browser.new_context(locale="en-US", viewport=phone))
    page = holder.page
    open_app(page, server, "proeftuin.ipynb")
    start = page.locator(".leven-form-proeftuin .leven-field-startdatum input")
    assert start.input_value() == "11-02-2025"  # Bergeijk began on 11 February 2025
    assert start.get_attribute("placeholder") == "dd-mm-jjjj"

    page.get_by_role("tab", name="Bijeenkomsten").click()
    form = page.locator(".leven-form-bijeenkomst")
    form.locator(".leven-field-soort select").select_option(label="werkbijeenkomst")
    form.locator(".leven-field-titel input").fill("Datum in een Engelse browser")
    datum = form.locator(".leven-field-datum input")
    datum.fill("31-02-2025")
    form.locator(".leven-save").click()
    message = form.locator(".leven-field-datum .leven-field-error")
    message.wait_for()
    assert message.inner_text() == "Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 11-02-2025."
    assert datum.input_value() == "31-02-2025"  # what was typed stays

    datum.fill("1-3-2025")
    datum.press("Tab")
    page.wait_for_function("el => el.value === '01-03-2025'", arg=datum.element_handle())
    form.locator(".leven-save").click()
    form.locator(".leven-form-status-ok").wait_for()
    page.reload()
    page.wait_for_selector(".leven-app", timeout=120_000)
    page.get_by_role("tab", name="Bijeenkomsten").click()
    row = page.locator("table.leven-table tr", has_text="Datum in een Engelse browser")
    row.wait_for()
    assert "01-03-2025" in row.inner_text()
    holder.context.close()
    assert holder.external == []
