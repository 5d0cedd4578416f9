"""One look for every page (issue 16): at a small phone's 320x568, a phone's 390x844 and a
projector's 1920x1080, every page (every template of templates/pages, every app with the
example proeftuin, every tab) has no horizontal overflow and nothing cut off, every input and
every visible text of 16 px or more (20 px in presentatiemodus; charts' SVG text aside),
inputs, intro text and buttons no wider than a readable column (50rem), charts inside the
screen, ``lang`` set, and no serious or critical axe-core violation; focus shows on the green
header too, and toggle buttons and radio buttons are filled in with the keyboard alone.
Screenshots of each go to ``data/screenshots/`` for a reviewer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import OfflinePage, Participant, running_server

from leven.core.settings import DATA_DIR, TEMPLATES_DIR, sqlite_url
from leven.core.store import Store
from leven.core.web.notebooks import notebooks
from leven.core.web.queue import TICKET_ARGUMENT

pytestmark = pytest.mark.browser

SMALL = {"width": 320, "height": 568}
PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}
VIEWPORTS = [SMALL, PHONE, PROJECTOR]
SCREENSHOTS = DATA_DIR / "screenshots"
#: axe-core's rules for WCAG 2.1 A and AA (its best-practice rules are not asked for)
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
APPS = [nb.path for nb in notebooks() if nb.kind == "app"]
#: At 320 px every tab of the apps with the most fields, the first tab of the others: every
#: tab of every app costs about 4 minutes per viewport (250 s measured at 390 px).
SMALL_EVERY_TAB = {"checklist", "gas", "proeftuin"}
#: the GAS app shows its tabs for a chosen experiment (before that only the chooser)
GAS_EXPERIMENT = "Casuïstiekbespreking"
OPEN, CLOSED = "KM4TA", "HRT3X"  # the example's open and closed evaluations
#: each kernel-free page's template and where it shows: on the module's server, or (None)
#: on a server with an access code that draws one app page at a time (the access page, and
#: the queue before the app pages)
TEMPLATES = {"start.html": "", "evaluatie_code.html": "e", "evaluatie.html": f"e/{OPEN}",
             "evaluatie_bedankt.html": f"e/{OPEN}/bedankt", "evaluatie_dicht.html": f"e/{CLOSED}",
             "error.html": "bestaat-niet", "toegang.html": None, "wachtrij.html": None}
PAGES = [path for path in TEMPLATES.values() if path is not None]
ACCESS = "ONTWERP23"

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
  // every visible text, wherever it is (charts' SVG text aside: tests/core/test_browser_charts)
  const small = new Set();
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t = texts.nextNode(); t; t = texts.nextNode()) {
    const e = t.parentElement;
    if (!t.data.trim() || !e || e.closest('svg, script, style, option, #vg-tooltip-element, '
        + '.vega-embed details, .leven-label-hidden > .widget-label') || !visible(e)) continue;
    if (size(e) < minimum - 0.05) small.add('text ' + size(e) + 'px: ' + name(e));
  }
  problems.push(...[...small].slice(0, 5));
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
  // a button as wide as the page is no button to see (on a phone the column is wider anyway)
  for (const e of document.querySelectorAll('button, .leven-button, [role=button]')) {
    const wide = e.getBoundingClientRect().width;
    if (visible(e) && wide > column) problems.push('button ' + Math.round(wide) + 'px wide: '
      + name(e));
  }
  const labels = 'button, [role=tab], .lm-TabBar-tabLabel, h1, h2, h3, h4, label, .leven-brand';
  for (const e of document.querySelectorAll(labels)) {
    if (e.matches('.leven-label-hidden > *')) continue;  // visually hidden on purpose
    if (visible(e) && e.scrollWidth > e.clientWidth + 1) problems.push('label cut: ' + name(e));
  }
  // a text box squeezed by its neighbours to a sliver (the netwerkkaart's 'what changed'
  // beside two charts on a projector: 1 px wide) is a text nobody sees
  for (const e of document.querySelectorAll('.leven-app .widget-html')) {
    const r = e.getBoundingClientRect();
    if (r.height > 0 && r.width < 120 && e.textContent.trim().length > 40
        && getComputedStyle(e).visibility !== 'hidden')
      problems.push('text squeezed to ' + Math.round(r.width) + 'px: ' + name(e));
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
    if (visible(e) && (r.right > innerWidth + 1 || r.left < -1) && !scrolls(e))
      problems.push('chart cut off');
  }
  return problems;
}"""


@pytest.fixture(scope="module")
def site_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The module's server's folder (its store is ``demo.sqlite`` there)."""
    return tmp_path_factory.mktemp("design")


@pytest.fixture(scope="module")
def site(site_folder: Path) -> Iterator[str]:
    """One server for the module: only the keyboard tests, which run last, save records."""
    with running_server(site_folder) as url:
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


def _every_tab(page: object, shot: str, minimum: float = 16, first_only: bool = False) -> list[str]:
    problems = _check(page, f"{shot}-0", minimum)
    if first_only:
        return problems
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


def test_every_page_template_is_visited():
    """A new page in templates/pages is measured too, once it is named in TEMPLATES."""
    pages = {p.name for p in (TEMPLATES_DIR / "pages").glob("*.html")}
    assert pages - {"base.html", "deelnemer_base.html"} == set(TEMPLATES)


@pytest.mark.timeout(900)  # ~40 page states, each measured, checked by axe and photographed
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["small", "phone", "projector"])
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
        first_only = viewport == SMALL and Path(app).stem not in SMALL_EVERY_TAB
        if app == "gas.ipynb":  # the chooser, then an experiment's goals, scoring and result
            problems += _check(page, f"{shot}-kiezen")
            page.select_option(".leven-gas-experiment select", label=GAS_EXPERIMENT)
            page.locator(".leven-gas-app .lm-TabBar-tab").first.wait_for()
            page.wait_for_timeout(800)
        problems += _every_tab(page, shot, first_only=first_only)
        if projected:  # on its last tab, often the one with the charts
            problems += _presentatie(page, shot)
    holder.context.close()
    assert holder.external == []
    assert problems == [], "\n".join(problems)


@pytest.mark.timeout(600)
def test_the_access_and_queue_pages_fit_and_read(tmp_path, browser):
    """The access page of a server with an access code, and the queue's 'even geduld' page
    (one app page drawn at a time), at every viewport."""
    args = ("--pool-size", "0", "--pages-at-once", "1", "--access-code", ACCESS)
    with running_server(tmp_path, *args) as server:
        holders = [_open(browser, viewport) for viewport in VIEWPORTS]
        problems = []
        for holder, viewport in zip(holders, VIEWPORTS, strict=True):
            page = holder.page
            _goto(page, server)
            page.locator("#veld-code").wait_for()  # asked for the code first
            problems += _check(page, f"toegang-{viewport['width']}")
            page.locator("#veld-code").fill(ACCESS)
            page.keyboard.press("Enter")
            page.locator(".leven-cards").wait_for()
            # the queue's page goes on when its turn comes: 'no content' keeps it on the
            # screen to be measured
            page.route(f"**/*{TICKET_ARGUMENT}=*", lambda route: route.fulfill(status=204))
        # one page drawn whose browser never says its widgets are shown: it holds the one
        # place for 30 s (leven.core.web.queue.HOLD_SECONDS), so the others wait in line
        facilitator = Participant(server)
        facilitator.get("leven/toegang")
        assert facilitator.post("leven/toegang", {"code": ACCESS})[0] == 200
        app = "voila/render/kernthema.ipynb?proeftuin=bergeijk"
        assert facilitator.get(app)[0] == 200
        for holder in holders:
            holder.page.goto(server + app)
        for holder, viewport in zip(holders, VIEWPORTS, strict=True):
            holder.page.get_by_text("in de rij").wait_for()
            # it asks for its place with a script, not a refresh (axe's meta-refresh)
            problems += _check(holder.page, f"wachtrij-{viewport['width']}")
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


def _tab_to(page: object, test: str, presses: int = 40) -> dict:
    """Press Tab until the focused element ``e`` passes ``test`` (JavaScript); its outline."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(f"e => {test}", page.evaluate_handle("document.activeElement")):
            return page.evaluate(FOCUSED)
    pytest.fail(f"Tab does not reach an element where {test}")


def _arrow_down_to(page: object, select: object, wanted: Callable[[str], bool]) -> str:
    """Choose with the arrow key in a closed list, as a keyboard user does, once the kernel
    has filled it; the kernel may fill it again just after (a chosen experiment's goals), so
    the key is pressed again while the choice is not what was wanted (at most three times)."""
    page.wait_for_function("s => s.options.length > 1", arg=select.element_handle())
    text = ""
    for _ in range(3):
        select.focus()
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(700)
        text = select.evaluate("s => s.selectedOptions[0].text").replace("\xa0", " ")
        if wanted(text):
            return text
    raise AssertionError(f"the arrow key chose {text!r}")


def test_keyboard_alone_chooses_toggle_and_radio_buttons_and_saves(site, site_folder, browser):
    """A GAS scoring with the keyboard: the meting is a row of toggle buttons, the level a
    radio group; each shows its focus, and what was chosen is what the store holds."""
    from leven.gas import GasDoel, GasScore

    holder = _open(browser, PROJECTOR)
    page = holder.page
    _goto(page, f"{site}voila/render/gas.ipynb?proeftuin=bergeijk")
    picker = page.locator(".leven-gas-experiment select")
    _arrow_down_to(page, picker, lambda text: text == GAS_EXPERIMENT)
    tab = page.get_by_role("tab", name="2. Scoren")
    tab.focus()
    page.keyboard.press("Enter")
    form = page.locator(".leven-form-gas_score")
    goal = form.locator(".leven-field-doel_id select")
    chosen_goal = _arrow_down_to(page, goal, lambda text: text.startswith("1. "))  # its first
    focused = _tab_to(page, "!!e.closest('.leven-field-meting') && e.textContent.trim() "
                            "=== 'vervolgmeting'")
    assert focused["style"] != "none" and focused["width"] >= 2, focused
    page.keyboard.press("Space")
    vervolg = form.locator(".leven-field-meting button", has_text="vervolgmeting")
    assert "mod-active" in vervolg.get_attribute("class")
    # into the radio group (none chosen: its first, +2), then one down: +1
    focused = _tab_to(page, "!!e.closest('.leven-field-niveau') && e.type === 'radio'")
    assert focused["style"] != "none" and focused["width"] >= 2, focused
    page.keyboard.press("ArrowDown")
    checked = form.locator(".leven-field-niveau label:has(input:checked)")
    assert checked.inner_text().startswith("+1")
    _tab_to(page, "e.classList.contains('leven-save') && !!e.closest('.leven-form-gas_score')")
    page.keyboard.press("Enter")
    status = form.locator(".leven-form-status-ok", has_text="vervolgmeting")
    status.wait_for()
    assert "niveau +1" in status.inner_text()
    holder.context.close()
    store = Store(sqlite_url(site_folder / "demo.sqlite"))
    try:
        newest = max(store.records(GasScore, "bergeijk"), key=lambda v: v.saved_at).record
        doel = store.latest(GasDoel, newest.doel_id).record.doel
    finally:
        store.close()
    assert (newest.meting.value, newest.niveau) == ("vervolgmeting", 1)
    assert " ".join(doel.split()).startswith(chosen_goal[3:].rstrip("…"))
