"""Charts on a phone and a projector (issue 16): every app chart, drawn by a real ``leven
serve`` in Chromium at 390x844 and 1920x1080, is inside the screen and its box, as wide as its
box on the phone (not a fixed width scaled down), no wider than its maximum on the projector,
and its axis and legend labels are drawn at 11 px or more. One browser context per screen.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers import OfflinePage

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}
#: a chart is drawn in the open tab
DRAWN = """() => Array.from(document.querySelectorAll('.vega-embed svg, .vega-embed canvas'))
  .some(e => e.getBoundingClientRect().width > 0)"""

#: Every chart shown now (in the open tab): its box, its container's, its drawn scale and the
#: smallest rendered size of its axis and legend labels (font size x the svg's scale).
MEASURE = """() => Array.from(document.querySelectorAll('.vega-embed')).map(e => {
  const box = e.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return null;  // in a tab not shown
  const drawn = e.querySelector('svg, canvas');
  const r = drawn.getBoundingClientRect();
  const own = drawn.tagName === 'svg' ? drawn.width.baseVal.value : drawn.width;
  // the texts Vega drew: beyond the svg they are cut off
  const words = Array.from(drawn.querySelectorAll('text')).filter(t => t.textContent.trim())
    .map(t => t.getBoundingClientRect()).filter(t => t.width > 0);
  const drawnLeft = Math.min(r.left, ...words.map(t => t.left));
  const drawnRight = Math.max(r.right, ...words.map(t => t.right));
  const rightmost = Array.from(drawn.querySelectorAll('text')).filter(t => t.textContent.trim())
    .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)[0];
  const scale = r.width / own;
  const parent = e.parentElement, ps = getComputedStyle(parent);
  const inner = parent.clientWidth - parseFloat(ps.paddingLeft) - parseFloat(ps.paddingRight);
  const p = parent.getBoundingClientRect();
  const texts = drawn.querySelectorAll('.role-axis-label text, .role-legend-label text');
  const sizes = Array.from(texts).filter(t => t.textContent.trim())
    .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  return {left: r.left, right: r.right, width: r.width, scale, labels: sizes.length,
          smallest: sizes.length ? Math.min(...sizes) : null, boxRight: box.right,
          drawnLeft, drawnRight,
          parentLeft: p.left + parseFloat(ps.paddingLeft), parentWidth: inner,
          fit: e.classList.contains('leven-chart-fit'), boxLeft: box.left,
          scroll: e.classList.contains('leven-chart-scroll'), tabIndex: e.tabIndex,
          scrolls: getComputedStyle(e).overflowX === 'auto',
          overflows: e.scrollWidth > e.clientWidth + 1,
          rightmost: rightmost ? rightmost.textContent.trim().slice(0, 40) : '',
          maxWidth: parseFloat(e.style.maxWidth) || null,
          title: (drawn.getAttribute('aria-label') || '').slice(0, 60)};
}).filter(Boolean)"""


def _tab(name: str) -> Callable[[object], None]:
    return lambda page: page.click(f".lm-TabBar-tab:has-text('{name}')")


def _gas(page: object) -> None:
    page.select_option(".leven-gas-experiment select", index=1)  # the first experiment
    _tab("3. Resultaat")(page)


def _nothing(page: object) -> None:
    """The chart is on the first tab."""


#: Per app the ways to its charts (on the example proeftuin Bergeijk).
CHARTS: dict[str, list[Callable[[object], None]]] = {
    "gas.ipynb": [_gas],
    "checklist.ipynb": [_tab("Gereedheidsprofiel"), _tab("Vergelijken")],
    "collage.ipynb": [_tab("Taal: overeenkomsten")],
    "evaluatie.ipynb": [_tab("Over het jaar")],
    "jaar.ipynb": [_nothing, _tab("Tijdlijn")],
    "stakeholdergesprek.ipynb": [_tab("Overzicht")],
    "netwerkkaart.ipynb": [_nothing, _tab("Voor en na")],
}


def _problems(chart: dict, viewport: dict) -> list[str]:
    """What is wrong with one chart; a picture in a box that scrolls sideways (charts.scroll,
    the netwerkkaart) is measured by its box, and must be reachable with the keyboard."""
    width = viewport["width"]
    found = []
    left, right = ((chart["boxLeft"], chart["boxRight"]) if chart["scroll"]
                   else (chart["left"], chart["right"]))
    if left < -1 or right > width + 1:
        found.append(f"beyond the screen ({left:.0f}..{right:.0f})")
    if right > chart["parentLeft"] + chart["parentWidth"] + 1 or left < chart["parentLeft"] - 1:
        found.append(f"beyond its box ({left:.0f}..{right:.0f}, box "
                     f"{chart['parentLeft']:.0f}+{chart['parentWidth']:.0f})")
    if chart["scroll"]:
        if not chart["scrolls"] or (chart["overflows"] and chart["tabIndex"] < 0):
            found.append("a picture wider than its box that does not scroll by keyboard")
    else:
        if chart["drawnLeft"] < chart["left"] - 1 or chart["drawnRight"] > chart["right"] + 1:
            found.append(f"text beyond its svg ({chart['drawnLeft']:.0f}.."
                         f"{chart['drawnRight']:.0f}, svg {chart['left']:.0f}.."
                         f"{chart['right']:.0f}; rightmost {chart['rightmost']!r}): cut off")
        if chart["right"] > chart["boxRight"] + 1:
            found.append("wider than its own box")
        if not chart["fit"]:
            found.append("not made to fit its box (charts.fit) nor scrolling (charts.scroll)")
        if viewport == PHONE and chart["width"] < 0.95 * chart["parentWidth"]:
            found.append(f"{chart['width']:.0f} px wide in a box of {chart['parentWidth']:.0f}")
        if chart["maxWidth"] and chart["width"] > chart["maxWidth"] + 1:
            found.append(f"{chart['width']:.0f} px wide, more than its {chart['maxWidth']:.0f}")
    if abs(chart["scale"] - 1) > 0.02:
        found.append(f"scaled by {chart['scale']:.2f}")
    if not chart["labels"] or chart["smallest"] < 11:
        found.append(f"labels of {chart['smallest']} px ({chart['labels']} labels)")
    return found


@pytest.mark.timeout(600)
@pytest.mark.parametrize("viewport", [PHONE, PROJECTOR], ids=["phone", "projector"])
def test_every_app_chart_fits_its_box_and_reads(server, browser, viewport):
    holder = OfflinePage(browser.new_context(locale="nl-NL", viewport=viewport))
    page = holder.page
    page.set_default_timeout(120_000)
    problems, measured = [], {}
    for app, ways in CHARTS.items():
        page.goto(f"{server}voila/render/{app}?proeftuin=bergeijk", timeout=120_000)
        page.wait_for_selector(".leven-app", timeout=120_000)
        for index, way in enumerate(ways):
            way(page)
            for _ in range(120):  # up to a minute for the chart to be drawn
                if page.evaluate(DRAWN):
                    break
                page.wait_for_timeout(500)
            page.wait_for_timeout(300)  # the rest of the tab's charts
            page.evaluate("window.levenMarkScrolling()")  # a box that scrolls: a tab stop
            charts = page.evaluate(MEASURE)
            measured[f"{app}#{index}"] = len(charts)
            for chart in charts:
                problems += [f"{app}#{index} {chart['title']!r}: {p}"
                             for p in _problems(chart, viewport)]
    holder.context.close()
    assert all(measured.values()), f"no chart measured: {measured}"
    assert holder.external == []
    assert problems == [], "\n".join(problems)
