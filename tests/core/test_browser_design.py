"""One look for every page (issue 16): at a phone's 390x844 and a projector's 1920x1080, every
page (the start page, the participants' pages, every app with the example proeftuin, every
tab) has no horizontal overflow and nothing cut off, inputs and body text of 16 px or more
(20 px in presentatiemodus), inputs and intro text no wider than a readable column (50rem),
charts inside the screen, ``lang`` set, and no serious or critical axe-core violation; focus
shows on the green header too. Screenshots of each go to ``data/screenshots/`` for a reviewer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import OfflinePage, running_server

from leven.core.settings import DATA_DIR
from leven.core.web.notebooks import notebooks

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}
SCREENSHOTS = DATA_DIR / "screenshots"
#: axe-core's rules for WCAG 2.1 A and AA (its best-practice rules are not asked for)
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
APPS = [nb.path for nb in notebooks() if nb.kind == "app"]
#: kernel-free pages: start page, participants' code page and form (the example's open one),
#: and the page of an address that does not exist
PAGES = ["", "e", "e/KM4TA", "bestaat-niet"]

#: What a person would see as broken, measured in the page: each entry is a problem.
MEASURE = """(minimum) => {
  const problems = [];
  const visible = e => { const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
  const size = e => parseFloat(getComputedStyle(e).fontSize);
  const name = e => (e.tagName + '.' + String(e.className.baseVal ?? e.className).split(' ')
    .slice(0, 3).join('.') + ' "' + (e.textContent || e.value || '').trim().slice(0, 30) + '"');
  const root = document.documentElement;
  if (!root.lang) problems.push('no lang on <html>');
  if (root.scrollWidth > innerWidth) problems.push('page scrolls sideways: ' + root.scrollWidth);
  if (size(document.body) < minimum) problems.push('body text ' + size(document.body) + 'px');
  // a readable column: forms (and intro text) no wider than about 50rem, as on a projector
  const column = 50 * size(root) + 1;
  for (const e of document.querySelectorAll('input, textarea, select')) {
    if (['hidden', 'checkbox', 'radio', 'file'].includes(e.type) || !visible(e)) continue;
    if (size(e) < minimum) problems.push('input ' + size(e) + 'px: ' + name(e));
    const wide = e.getBoundingClientRect().width;
    if (wide > column) problems.push('input ' + Math.round(wide) + 'px wide: ' + name(e));
  }
  for (const e of document.querySelectorAll('.leven-lead')) {
    const wide = e.getBoundingClientRect().width;
    if (visible(e) && wide > column) problems.push('text ' + Math.round(wide) + 'px: ' + name(e));
  }
  const labels = 'button, [role=tab], .lm-TabBar-tabLabel, h1, h2, h3, h4, label, .leven-brand';
  for (const e of document.querySelectorAll(labels)) {
    if (e.matches('.leven-label-hidden > *')) continue;  // visually hidden on purpose
    if (visible(e) && e.scrollWidth > e.clientWidth + 1) problems.push('label cut: ' + name(e));
  }
  // inside a box that scrolls sideways (a wide table, the steps on a phone) is not cut off
  const scrolls = e => { for (let a = e.parentElement; a; a = a.parentElement) {
    const o = getComputedStyle(a).overflowX;
    if ((o === 'auto' || o === 'scroll') && a.scrollWidth > a.clientWidth) return true; }
    return false; };
  for (const e of document.querySelectorAll('body *')) {
    if (!visible(e) || e.closest('svg, .leven-label-hidden > .widget-label')) continue;
    const r = e.getBoundingClientRect();
    if ((r.right > innerWidth + 1 || r.left < -1) && !scrolls(e)) {
      problems.push('beyond the screen (' + Math.round(r.left) + '..' + Math.round(r.right)
        + '): ' + name(e));
      break;
    }
  }
  for (const e of document.querySelectorAll('.vega-embed, .jp-OutputArea-output svg')) {
    const r = e.getBoundingClientRect();
    if (visible(e) && (r.right > innerWidth + 1 || r.left < -1)) problems.push('chart cut off');
  }
  return problems;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server for the module: what the tests here do changes no record."""
    with running_server(tmp_path_factory.mktemp("design")) as url:
        yield url


def _open(browser: object, viewport: dict, locale: str = "nl-NL") -> OfflinePage:
    holder = OfflinePage(browser.new_context(locale=locale, viewport=viewport))
    holder.page.set_default_timeout(120_000)
    return holder


def _goto(page: object, url: str) -> None:
    page.goto(url, timeout=120_000)
    if "/voila/render/" in url:
        page.wait_for_selector(".leven-app", timeout=120_000)
        page.wait_for_timeout(800)  # the header learns the proeftuin's name; charts settle


def _axe_problems(page: object) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate("window.levenMarkScrolling && window.levenMarkScrolling()")
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in result.response["violations"] if v["impact"] in ("serious", "critical")]


def _check(page: object, shot: str, minimum: float = 16) -> list[str]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{shot}.png"), full_page=True)
    found = page.evaluate(MEASURE, minimum) + _axe_problems(page)
    return [f"{shot}: {problem}" for problem in found]


def _every_tab(page: object, shot: str, minimum: float = 16) -> list[str]:
    problems = _check(page, f"{shot}-0", minimum)
    tabs = page.locator(".leven-app .lm-TabBar-tab")
    for index in range(1, tabs.count()):
        tab = tabs.nth(index)
        if not tab.is_visible():  # a tab inside a tab not shown now
            continue
        tab.click()
        page.wait_for_timeout(1000)
        problems += _check(page, f"{shot}-{index}", minimum)
    return problems


def _presentatie(page: object, shot: str) -> list[str]:
    """The same page in presentatiemodus (switched on and off again with the header's switch)."""
    switch = page.locator(".leven-presentatie-switch")
    switch.click()
    assert switch.get_attribute("aria-pressed") == "true"
    page.wait_for_timeout(500)
    problems = _check(page, f"{shot}-presentatie", minimum=20)
    switch.click()
    return problems


@pytest.mark.timeout(900)  # ~20 page states, each measured, checked by axe and photographed
@pytest.mark.parametrize("viewport", [PHONE, PROJECTOR], ids=["phone", "projector"])
def test_every_page_and_tab_fits_and_reads(site, browser, viewport):
    holder = _open(browser, viewport)
    page, problems = holder.page, []
    width = viewport["width"]
    projected = viewport == PROJECTOR
    for path in PAGES:
        _goto(page, site + path)
        shot = f"{path.replace('/', '-') or 'start'}-{width}"
        problems += _check(page, shot)
        if projected and not path:
            problems += _presentatie(page, shot)
    for app in APPS:
        _goto(page, f"{site}voila/render/{app}?proeftuin=bergeijk")
        assert page.locator("html").get_attribute("lang") == "nl"
        shot = f"{Path(app).stem}-{width}"
        problems += _every_tab(page, shot)
        if projected:  # on its last tab, often the one with the charts
            problems += _presentatie(page, shot)
    holder.context.close()
    assert holder.external == []
    assert problems == [], "\n".join(problems)


def test_presentatiemodus_is_remembered_and_set_by_the_address(site, browser):
    holder = _open(browser, PROJECTOR)
    page = holder.page
    _goto(page, site + "?presentatie=1")
    assert page.locator(".leven-presentatie-switch").get_attribute("aria-pressed") == "true"
    # remembered by this browser, and applied in the page's head: large before the widgets
    page.goto(f"{site}voila/render/gas.ipynb?proeftuin=bergeijk", wait_until="domcontentloaded")
    assert page.evaluate("document.documentElement.classList.contains('leven-presentatie')")
    page.wait_for_selector(".leven-app")
    size = "parseFloat(getComputedStyle(document.body).fontSize)"
    assert page.evaluate(size) >= 20
    page.locator(".leven-presentatie-switch").click()  # off, and so after a reload
    page.reload()
    page.wait_for_selector(".leven-app")
    assert page.locator(".leven-presentatie-switch").get_attribute("aria-pressed") == "false"
    assert 16 <= page.evaluate(size) < 20
    holder.context.close()


def _luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a computed ``rgb(r, g, b)``."""
    def channel(value: str) -> float:
        c = int(value) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in re.findall(r"\d+", colour)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(one: str, other: str) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


#: the focused element's outline, and whether it sits in the header
FOCUSED = """() => { const e = document.activeElement, s = getComputedStyle(e);
  return {inHeader: !!e.closest('.leven-header'), text: (e.textContent || '').trim(),
          style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor}; }"""


def test_the_header_leads_to_the_same_proeftuins_other_steps(site, browser):
    holder = _open(browser, PHONE)
    page = holder.page
    _goto(page, f"{site}voila/render/gas.ipynb?proeftuin=bergeijk")
    header = page.locator(".leven-header")
    name = header.locator("[data-leven-proeftuin-naam]")
    name.filter(has_text="Samen tot het einde in Bergeijk").wait_for()
    steps = header.locator(".leven-steps a")
    assert steps.count() == len(APPS)
    assert steps.first.inner_text() == "Stap 1 · Kernthema en ambitie"  # the method's order
    current = header.locator(".leven-steps a[aria-current=page]")
    assert current.inner_text() == "Stap 5 · Doelbereik (GAS)"  # its short name (gas.app.nav)
    kernthema = header.get_by_role("link", name="Stap 1 · Kernthema en ambitie")
    assert kernthema.get_attribute("href").endswith("kernthema.ipynb?proeftuin=bergeijk")
    # with the keyboard: brand, presentatiemodus switch, then the steps, each with a focus
    # ring that shows on the header's green (WCAG 2.1 1.4.11: 3:1 at least)
    green = header.evaluate("e => getComputedStyle(e).backgroundColor")
    seen = []
    for _ in range(10):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["inHeader"]:
            seen.append(focused["text"])
            assert focused["style"] != "none" and focused["width"] >= 2, focused
            assert _contrast(focused["colour"], green) >= 3, focused
        if focused["text"] == "Stap 1 · Kernthema en ambitie":
            break
    else:
        pytest.fail(f"Tab does not reach the first step; in the header: {seen}")
    assert "Presentatiemodus" in seen
    page.keyboard.press("Enter")
    page.wait_for_selector(".leven-kernthema-app")
    assert "proeftuin=bergeijk" in page.url
    holder.context.close()


def test_keyboard_alone_fills_and_saves_a_form_and_focus_is_visible(site, browser):
    holder = _open(browser, PROJECTOR)
    page = holder.page
    _goto(page, f"{site}voila/render/proeftuin.ipynb?proeftuin=bergeijk")
    tab = page.get_by_role("tab", name="Deelnemers")
    tab.focus()
    page.keyboard.press("Enter")  # a tab opens from the keyboard
    name = page.locator(".leven-form-deelnemer .leven-field-naam input")
    name.wait_for()
    name.focus()
    page.keyboard.type("Toetsenbord Deelnemer")
    page.keyboard.press("Tab")
    page.keyboard.type("Huisartsenpraktijk")  # organisatie comes next
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    for _ in range(40):  # on through the form to its save button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('leven-save')"):
            break
    else:
        pytest.fail("the save button is not reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(".leven-form-deelnemer .leven-form-status-ok")
    assert page.locator("table.leven-table td", has_text="Toetsenbord Deelnemer").count() == 1
    holder.context.close()


def test_english_pages_say_so(tmp_path, browser):
    with running_server(tmp_path, "--lang", "en", "--pool-size", "0") as server:
        holder = _open(browser, PHONE, locale="en-US")
        page = holder.page
        _goto(page, server)
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator(".leven-presentatie-switch").inner_text() == "Presentation mode"
        _goto(page, f"{server}voila/render/kernthema.ipynb?proeftuin=bergeijk")
        assert page.locator("html").get_attribute("lang") == "en"
        holder.context.close()
