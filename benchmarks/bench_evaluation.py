"""Evaluation benchmark: a room of phones answering at once, the projected page open.

Starts ``leven serve --demo``, opens the facilitator's evaluation page in headless Chromium
(the demo's open evaluation), then lets 30 and then 100 participants answer at once, each its
own client with its own cookies: GET the form, POST the answer. Prints p50/p95/max of
GET+POST, how many answers were stored, and how long after the last answer the projected
page showed it. Targets: 100 at once, p95 <= 0.5 s, 100/100 stored, page up to date <= 2 s.
Run on demand: ``python benchmarks/bench_evaluation.py [ROOMS ...]`` (default 30 100).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from helpers import Participant, running_server  # noqa: E402

ROOMS = [int(n) for n in sys.argv[1:]] or [30, 100]
CODE = "KM4TA"
ANSWER = {"zelfde_taal": "4", "goede_spoor": "5", "werkt_goed": "Samen de casus bespreken",
          "domein": "zorg"}


def stored(folder: Path) -> int:
    from leven.core.store import Store
    from leven.evaluatie import EvaluatieAntwoord

    store = Store(f"sqlite:///{folder / 'demo.sqlite'}")
    try:
        return sum(1 for v in store.records(EvaluatieAntwoord)
                   if v.record.evaluatie_id == "evaluatie-bijeenkomst-transitie")
    finally:
        store.close()


def room(server: str, size: int) -> tuple[list[float], list[int], float]:
    """``size`` participants at once; their GET+POST seconds, statuses, and the last end."""
    phones = [Participant(server) for _ in range(size)]
    start = threading.Barrier(size)
    seconds: list[float] = [0.0] * size
    statuses: list[int] = [0] * size
    ends: list[float] = [0.0] * size

    def answer(index: int) -> None:
        start.wait()
        began = time.perf_counter()
        statuses[index] = phones[index].answer(CODE, ANSWER)[0]
        ends[index] = time.perf_counter()
        seconds[index] = ends[index] - began

    threads = [threading.Thread(target=answer, args=(i,)) for i in range(size)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return seconds, statuses, max(ends)


def main() -> None:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="leven-bench-evaluatie-"))
    with running_server(folder) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(f"{server}voila/render/evaluatie.ipynb?proeftuin=bergeijk", timeout=120_000)
        page.wait_for_selector(".leven-result-count", timeout=120_000)
        print(f"{'deelnemers':>10} {'p50 (s)':>8} {'p95 (s)':>8} {'max (s)':>8} "
              f"{'opgeslagen':>11} {'scherm bij (s)':>15}")
        for size in ROOMS:
            before = stored(folder)
            seconds, statuses, last = room(server, size)
            expected = before + size
            page.wait_for_selector(f".leven-result-count[data-n='{expected}']", timeout=60_000)
            shown = time.perf_counter() - last
            saved = stored(folder) - before
            ok = sum(status == 200 for status in statuses)
            p95 = statistics.quantiles(seconds, n=20)[18]
            print(f"{size:>10} {statistics.median(seconds):8.3f} {p95:8.3f} {max(seconds):8.3f} "
                  f"{saved:>5}/{size:<5} {shown:15.2f}   (HTTP 200: {ok}/{size})")
            time.sleep(2)
        browser.close()


if __name__ == "__main__":
    main()
