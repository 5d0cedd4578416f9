"""Many app pages opened at once: how many appear, how fast, and how much memory it takes.

Starts ``leven serve --demo`` (one preheated kernel per app, as ``make start``), waits until
its pools are full and it is quiet, then opens N app pages at once in headless Chromium
(each its own browser context, the apps in turn) and waits up to 240 s for every page's
widgets. Prints per N: pages that appeared, p50/p95/max seconds to the first widget,
pages that had to wait in the queue, and the peak memory of the server with its kernels.
Run with the queue (default: as many pages at once as cores, at least 2) and, for
comparison, without it (``--no-queue``: every page drawn at once, as before the queue).
Run on demand: ``python benchmarks/bench_many_pages.py [N ...] [--no-queue]`` (default 10 30).
"""

from __future__ import annotations

import contextlib
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from helpers import running_server  # noqa: E402

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
SIZES = [int(n) for n in ARGS] or [10, 30]
NO_QUEUE = "--no-queue" in sys.argv
APPS = ["proeftuin", "kernthema", "checklist", "collage", "gas", "evaluatie"]
WAIT_MS = 240_000
#: every app preheats a kernel: the server is ready when all of them are there
APP_NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def server_process(port: int) -> psutil.Process:
    for process in psutil.process_iter(["cmdline"]):
        cmdline = " ".join(process.info["cmdline"] or [])
        if "leven.core.web.cli" in cmdline and f"--port {port}" in cmdline:
            return process
    raise RuntimeError("server process not found")


def memory_mb(server: psutil.Process) -> float:
    total = 0
    for process in [server, *server.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += process.memory_info().rss
    return total / 2**20


class PeakMemory(threading.Thread):
    def __init__(self, server: psutil.Process) -> None:
        super().__init__(daemon=True)
        self.server, self.peak, self.running = server, 0.0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, memory_mb(self.server))
            time.sleep(0.5)


def wait_quiet(server: psutil.Process, kernels: int) -> None:
    """Until the pools are full (one kernel per app) and the CPU is quiet."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        children = [c for c in server.children(recursive=True)
                    if "ipykernel" in " ".join(c.cmdline())]
        if len(children) >= kernels and psutil.cpu_percent(interval=1.0) < 15:
            return
        time.sleep(1)


def burst(browser: object, server: str, size: int) -> dict:
    contexts = [browser.new_context(viewport={"width": 1280, "height": 800}) for _ in range(size)]
    pages = [c.new_page() for c in contexts]
    queued = [False] * size
    began = time.perf_counter()
    for index, page in enumerate(pages):
        page.on("response", lambda r, i=index: queued.__setitem__(i, queued[i] or
                                                                   "leven_plek=" in r.url))
        app = APPS[index % len(APPS)]
        page.goto(f"{server}voila/render/{app}.ipynb?proeftuin=bergeijk", wait_until="commit",
                  timeout=WAIT_MS)
    # Every page is looked at in turn, about twice a second: each page's own time (waiting
    # for one page after the other would give every later page the time of a slow one).
    shown_at: dict[int, float] = {}
    while len(shown_at) < size and (time.perf_counter() - began) * 1000 < WAIT_MS:
        for index, page in enumerate(pages):
            if index not in shown_at:
                with contextlib.suppress(Exception):  # a page between two loads
                    if page.query_selector(".leven-app") is not None:
                        shown_at[index] = time.perf_counter() - began
        time.sleep(0.5)
    missing = [_what_it_shows(page) for i, page in enumerate(pages) if i not in shown_at]
    for context in contexts:
        context.close()
    return {"shown": len(shown_at), "seconds": sorted(shown_at.values()),
            "queued": sum(queued), "missing": missing}


def _what_it_shows(page: object) -> str:
    """For a page that did not appear: its address and the start of its text."""
    try:
        text = " ".join(page.inner_text("body", timeout=2000).split())[:100]
    except Exception as error:  # a diagnosis, whatever went wrong
        text = f"({type(error).__name__})"
    return f"{page.url.split('/voila/render/')[-1]}: {text}"


def main() -> None:
    from playwright.sync_api import sync_playwright

    extra = ["--pages-at-once", "1000"] if NO_QUEUE else []
    print(f"{'queue off' if NO_QUEUE else 'queue on'}; {psutil.cpu_count()} cores")
    print(f"{'pages':>6} {'shown':>6} {'p50 s':>7} {'p95 s':>7} {'max s':>7} "
          f"{'waited':>7} {'peak MB':>8}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        for size in SIZES:
            with tempfile.TemporaryDirectory() as folder, \
                    running_server(Path(folder), *extra) as server:
                process = server_process(int(server.rsplit(":", 1)[1].strip("/")))
                wait_quiet(process, len(APP_NOTEBOOKS))
                peak = PeakMemory(process)
                peak.start()
                found = burst(browser, server, size)
                peak.running = False
                peak.join()
                times = found["seconds"] or [float("nan")]
                p95 = times[max(0, round(0.95 * len(times)) - 1)]
                print(f"{size:>6} {found['shown']:>6} {statistics.median(times):>7.1f} "
                      f"{p95:>7.1f} {times[-1]:>7.1f} {found['queued']:>7} {peak.peak:>8.0f}",
                      flush=True)
                for line in found["missing"]:
                    print(f"        not shown: {line}", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
