"""Page-load benchmark: time to the first widget and the first chart, in headless Chromium.

Starts ``leven serve --demo`` over a copy of notebooks/ plus a bare one-widget notebook (the
floor: what any Voila page with a preheated kernel costs here), loads every page several
times and prints medians and the ratio to the floor. Charts sit in tabs and are drawn when
their tab opens: the first chart is timed from the page request, the tab clicked as soon as
the app is there. Run on demand: ``make bench``.
Between loads it waits for the preheated kernel pool to refill, as between two people.
Usage: ``python benchmarks/bench_pages.py [LOADS] [APP ...]``.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from helpers import running_server  # noqa: E402

LOADS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
ONLY = set(sys.argv[2:])  # e.g. "checklist gas": only these apps (and the floor)
REFILL_SECONDS = 8
WIDGET = ".leven-app, .jupyter-widgets.widget-button, #veld-naam"
CHART = ".vega-embed svg, .vega-embed canvas, .leven-chart svg"


def _tab(name: str) -> Callable[[Any], None]:
    return lambda page: page.click(f".lm-TabBar-tab:has-text('{name}')")


def _gas_result(page: Any) -> None:
    page.select_option(".leven-gas-experiment select", index=1)  # the first experiment
    _tab("3. Resultaat")(page)


#: How to reach each app's first chart (on the example proeftuin Bergeijk).
OPEN_CHART: dict[str, Callable[[Any], None]] = {
    "checklist": _tab("Gereedheidsprofiel"),
    "gas": _gas_result,
    "collage": _tab("Taal: overeenkomsten"),
}


def pages(notebooks: Path) -> dict[str, str]:
    found = {"startpagina": "", "vloer (1 widget)": "voila/render/vloer.ipynb"}
    for path in sorted(notebooks.glob("*.ipynb")):
        if path.stem == "vloer" or (ONLY and path.stem not in ONLY):
            continue
        found[path.stem] = f"voila/render/{path.name}?proeftuin=bergeijk"
    return found


def measure(
    page: Any, url: str, open_chart: Callable[[Any], None] | None
) -> tuple[float, float | None]:
    page.goto(url, wait_until="commit")
    page.wait_for_selector(WIDGET, timeout=120_000)
    first_widget = page.evaluate("performance.now()") / 1000
    if open_chart is None:
        return first_widget, None
    page.wait_for_selector(".leven-app", timeout=120_000)
    open_chart(page)
    page.wait_for_selector(CHART, timeout=60_000)
    return first_widget, page.evaluate("performance.now()") / 1000


def main() -> None:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="leven-bench-"))
    notebooks = folder / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    shutil.copy(ROOT / "benchmarks" / "vloer.ipynb", notebooks / "vloer.ipynb")
    with running_server(folder, LEVEN_NOTEBOOKS_DIR=str(notebooks)) as server, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        time.sleep(REFILL_SECONDS * 2)  # let the first pools fill
        results: dict[str, list[tuple[float, float | None]]] = {}
        for _ in range(LOADS):
            for name, path in pages(notebooks).items():
                if name == "vloer (1 widget)" or path:
                    time.sleep(REFILL_SECONDS if path else 0)
                context = browser.new_context()
                opener = OPEN_CHART.get(name)
                page = context.new_page()
                results.setdefault(name, []).append(measure(page, server + path, opener))
                # closed as a person closes a tab (its beforeunload tells the server, which
                # frees its place in the queue); closed without it, a page holds its place
                # for 30 s, and while a place is held no preheated kernel is replaced, so
                # every later page started a kernel of its own (2.4-3.5x the floor)
                page.close(run_before_unload=True)
                time.sleep(0.5)
                context.close()
        browser.close()
    floor = statistics.median(w for w, _ in results["vloer (1 widget)"])
    header = f"{'pagina':24} {'1e widget (s)':>14} {'ratio':>7} {'1e grafiek (s)':>15}"
    print(f"{header}  (mediaan van {LOADS} keer)")
    for name, runs in results.items():
        widget = statistics.median(w for w, _ in runs)
        charts = [c for _, c in runs if c is not None]
        chart = f"{statistics.median(charts):15.2f}" if charts else f"{'-':>15}"
        print(f"{name:24} {widget:14.2f} {widget / floor:7.2f} {chart}")


if __name__ == "__main__":
    main()
